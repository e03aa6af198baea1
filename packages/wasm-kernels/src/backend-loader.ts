// What node and browser share when they load the backend: the SIMD check before any bytes are read, instantiation,
// one error that names the backend, the path and the cause, and ready()'s load-once-then-select. Only the byte
// source differs (fs / fetch).
import type { Backend } from "@scopeflow/core/kernels";
import { createWasmKernels, type WasmKernels } from "./create-kernels";
import { assertWasmSimd, kernelsWasmUrl } from "./module";
import type { NDArrayClass } from "./runtime";
import type { UrlLike, WasmSource } from "./wasm-types";

/** Where the `.wasm` is, as a user gave it or as `kernelsWasmUrl()` chose it. */
export type WasmLocation = string | UrlLike;

/**
 * Checks SIMD, reads the module with `read`, and instantiates it. Throws `Error("The wasm backend failed to load
 * from <where>: <why>")` with the original error as `cause`.
 */
export async function loadWasmBackend(
  where: WasmLocation,
  read: (where: WasmLocation) => Promise<WasmSource>,
  NDArray: NDArrayClass,
): Promise<WasmKernels & { backend: Backend }> {
  const shown = typeof where === "string" ? where : where.href;
  try {
    assertWasmSimd();
    return await createWasmKernels(await read(where), { NDArray });
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
}

/**
 * tf.ready() for a runtime whose bytes come from `read`: loads the wasm backend from `wasmPath` (default
 * `kernelsWasmUrl()`: the relaxed-SIMD build where the runtime validates it, else the SIMD128 one), registers it
 * and selects "wasm". Lazy and once: later calls only select the backend again, and a failed load leaves the
 * reference backend selected and can be retried.
 */
export function createReady(
  read: (where: WasmLocation) => Promise<WasmSource>,
  core: BackendRegistry,
): (wasmPath?: WasmLocation) => Promise<void> {
  let loading: Promise<void> | undefined;
  return (wasmPath) => {
    loading ??= loadWasmBackend(wasmPath ?? kernelsWasmUrl(), read, core.NDArray).then(
      ({ backend }) => core.registerBackend(backend),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading.then(() => core.setBackend("wasm"));
  };
}
