// What node and browser share when they load the backend: the SIMD check before any bytes are read, instantiation,
// one error that names the backend, the path and the cause, and ready()'s load-once-then-select. Only the byte
// source differs (fs / fetch).
import type { Backend } from "@scopeflow/core/kernels";
import { createWasmKernels, type WasmKernels } from "./create-kernels";
import { assertWasmSimd, bestInstructionSet, type InstructionSet, kernelsWasmUrl } from "./module";
import type { NDArrayClass } from "./runtime";
import { availableCores, whyNoThreads } from "./threads";
import type { UrlLike, WasmSource } from "./wasm-types";

/** Where the `.wasm` is, as a user gave it or as `kernelsWasmUrl()` chose it. */
export type WasmLocation = string | UrlLike;

/**
 * Checks SIMD, reads the module with `read`, and instantiates it (on `numThreads` threads where it can). Throws
 * `Error("The wasm backend failed to load from <where>: <why>")` with the original error as `cause`.
 */
export async function loadWasmBackend(
  where: WasmLocation,
  read: (where: WasmLocation) => Promise<WasmSource>,
  NDArray: NDArrayClass,
  numThreads = 1,
): Promise<WasmKernels & { backend: Backend }> {
  const shown = typeof where === "string" ? where : where.href;
  try {
    assertWasmSimd();
    return await createWasmKernels(await read(where), { NDArray, numThreads });
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`The wasm backend failed to load from ${shown}: ${why}. The reference backend stays selected.`, {
      cause,
    });
  }
}

/** What `createReady` needs from @scopeflow/core, passed in because this wrapper imports core as types only. */
export interface BackendRegistry {
  NDArray: NDArrayClass;
  registerBackend(backend: Backend): void;
  setBackend(name: string): void;
  getBackend(): string;
}

/** tf.ready()'s options, as the node and browser packages take them. */
export interface ReadyOptions {
  /** The `.wasm` to load instead of the build `kernelsWasmUrl()` chooses. */
  wasmPath?: WasmLocation;
  /**
   * Threads big kernels split across (the calling one included). Default: the cores available
   * (`os.availableParallelism()`, `navigator.hardwareConcurrency`); 1 where the runtime cannot share memory with
   * workers (a browser page that is not cross-origin isolated), with the reason in `backendInfo().reason`.
   */
  numThreads?: number;
}

/** What `tf.backendInfo()` reports: the selected backend, and for "wasm" its build and threads. */
export interface BackendInfo {
  /** The selected backend: "wasm" after `tf.ready()`, else "reference". */
  readonly backend: string;
  /** The wasm build loaded: "relaxed-simd" (fused multiply-add) or "simd128"; absent before `tf.ready()`. */
  readonly build?: InstructionSet;
  /** Threads the wasm kernels split across (1 before `tf.ready()`). */
  readonly numThreads: number;
  /** Why the kernels run on one thread although more were asked for. */
  readonly reason?: string;
}

/** tf.ready() and tf.backendInfo() for a runtime whose bytes come from `read`. */
export interface ReadyFunctions {
  ready(options?: ReadyOptions): Promise<void>;
  backendInfo(): BackendInfo;
}

/**
 * tf.ready() for a runtime whose bytes come from `read`: loads the wasm backend from `wasmPath` (default
 * `kernelsWasmUrl()`: the relaxed-SIMD build where the runtime validates it, else the SIMD128 one; its threaded
 * twin when more than one thread can run), registers it and selects "wasm". Lazy and once: later calls select the
 * backend again and restart its workers for their `numThreads` (over the same memory), and a failed load leaves the
 * reference backend selected and can be retried.
 */
export function createReady(read: (where: WasmLocation) => Promise<WasmSource>, core: BackendRegistry): ReadyFunctions {
  let loading: Promise<WasmKernels> | undefined;
  let loaded: WasmKernels | undefined;
  const ready = async (options: ReadyOptions = {}): Promise<void> => {
    const numThreads = options.numThreads ?? availableCores();
    if (!Number.isInteger(numThreads) || numThreads < 1) {
      throw new RangeError(`tf.ready: numThreads must be a positive integer, got ${String(options.numThreads)}`);
    }
    const threaded = numThreads > 1 && whyNoThreads() === undefined;
    if (loading === undefined) {
      loading = loadWasmBackend(
        options.wasmPath ?? kernelsWasmUrl(bestInstructionSet(), threaded),
        read,
        core.NDArray,
        numThreads,
      );
      loading.then(
        (kernels) => {
          loaded = kernels;
          core.registerBackend(kernels.backend);
        },
        () => {
          loading = undefined;
        },
      );
    } else {
      await (await loading).setThreads(numThreads);
    }
    await loading;
    core.setBackend("wasm");
  };
  const backendInfo = (): BackendInfo => {
    const backend = core.getBackend();
    if (loaded === undefined) return { backend, numThreads: 1 };
    const { numThreads, reason } = loaded.threads;
    return {
      backend,
      build: loaded.build.instructionSet,
      numThreads,
      ...(reason === undefined ? {} : { reason }),
    };
  };
  return { ready, backendInfo };
}
