// The wrapper's kernel tables over one instantiated module: createWasmKernels, the backend's kernels (one runtime
// bound to the wasm Device) and the standalone copying table, an adapter over the same kernels.
import type { Attrs, Backend, Kernel, KernelContext, NDArray, OpKernels } from "@scopeflow/core/kernels";
import { WasmDevice } from "./device";
import { adaptiveTrainingKernels } from "./kernels/adaptive-training";
import { arrayKernels } from "./kernels/array";
import { batchNormKernels } from "./kernels/batch-norm";
import { convKernels } from "./kernels/conv";
import { depthwiseKernels } from "./kernels/depthwise";
import { elementwiseKernels } from "./kernels/elementwise";
import { matMulKernels } from "./kernels/matmul";
import { randomKernels } from "./kernels/random";
import { reduceKernels } from "./kernels/reduce";
import { scatterKernels } from "./kernels/scatter";
import { segmentKernels } from "./kernels/segment";
import { selectKernels } from "./kernels/select";
import { shapeKernels } from "./kernels/shapes";
import { spaceBatchKernels } from "./kernels/space-batch";
import { splitKernels } from "./kernels/split";
import { stateKernels } from "./kernels/state";
import { tileKernels } from "./kernels/tile";
import { trainingKernels } from "./kernels/training";
import { unaryKernels } from "./kernels/unary";
import { viewKernels } from "./kernels/views";
import { xentKernels } from "./kernels/xent";
import { LinearMemory } from "./memory";
import { type InstructionSet, instantiateKernels, type KernelExports, kernelsWasmUrl } from "./module";
import { type DType, type NativeKernel, type NativeSpec, type NDArrayClass, Runtime, specAccepts } from "./runtime";
import { controlBytes, ThreadPool, whyNoThreads } from "./threads";
import type { UrlLike, WasmSource } from "./wasm-types";

export interface WasmKernelsOptions {
  /** core's NDArray class (from `@scopeflow/core/kernels`); outputs are built with it. */
  NDArray: NDArrayClass;
  /**
   * Threads big kernels split across, the calling one included (default 1). More than 1 needs a threaded build
   * (`kernelsWasmUrl(set, true)`) and a runtime that shares memory with workers; else it stays 1, with the reason in
   * `threads.reason`.
   */
  numThreads?: number;
  /** Work (multiply-adds) below which a kernel stays on one thread; 0 splits every splittable kernel (tests). */
  splitWork?: number;
}

/** How many threads the kernels run on, and why only one when more were asked for. */
export interface ThreadsInfo {
  readonly numThreads: number;
  readonly reason?: string;
}

function buildKernels(rt: Runtime) {
  return {
    ...elementwiseKernels(rt),
    ...unaryKernels(rt),
    ...reduceKernels(rt),
    ...matMulKernels(rt),
    ...convKernels(rt),
    ...depthwiseKernels(rt),
    ...batchNormKernels(rt),
    ...arrayKernels(rt),
    ...trainingKernels(rt),
    ...stateKernels(rt),
    ...shapeKernels(rt),
    ...splitKernels(rt),
    ...tileKernels(rt),
    ...xentKernels(rt),
    ...viewKernels(rt),
    ...segmentKernels(rt),
    ...scatterKernels(rt),
    ...adaptiveTrainingKernels(rt),
    ...randomKernels(rt),
    ...spaceBatchKernels(rt),
    ...selectKernels(rt),
  } satisfies Partial<OpKernels>;
}

export type NativeOpType = keyof ReturnType<typeof buildKernels>;
/** The standalone table: a kernel function per native op type, over host arrays. */
export type WasmKernelTable = { readonly [K in NativeOpType]: Kernel };

/**
 * A backend kernel over host arrays: one eager call (prepare, run), with every device array it makes (outputs,
 * variables it stores) copied to the host and its block freed. Host inputs are copied into scratch by the runtime.
 */
function hostKernel(kernel: NativeKernel, device: WasmDevice): Kernel {
  return (inputs, ctx) => {
    const made: NDArray[] = [];
    const toHost = (value: NDArray): NDArray => {
      if (value?.device !== device) return value;
      if (!made.some((m) => m.byteOffset === value.byteOffset)) made.push(value);
      return value.toHost();
    };
    const variables = ctx.variables;
    const hostCtx: KernelContext = {
      ...ctx,
      variables: { get: (name) => variables.get(name), set: (name, value) => variables.set(name, toHost(value)) },
    };
    const prepared = kernel.prepare(inputs, hostCtx);
    try {
      return prepared.run(inputs).map(toHost);
    } finally {
      prepared.release?.();
      // A device value nobody holds: retained once so that one release frees its block.
      for (const value of made) {
        device.retain(value);
        device.release(value);
      }
    }
  };
}

export interface WasmKernels {
  /** Kernels keyed by TF op type; each copies its inputs into linear memory and its outputs out. */
  readonly kernels: WasmKernelTable;
  /** The op types that run natively, sorted. */
  readonly nativeOpTypes: readonly NativeOpType[];
  /** The module's raw exports (`<op><Dtype>` functions over pointers), for a planner that keeps tensors in linear memory. */
  readonly exports: KernelExports;
  /** The wrapper-owned linear memory and its allocator. */
  readonly memory: LinearMemory;
  /**
   * The Session backend "wasm": the same kernels bound to the wasm Device, so that a Session keeps tensors in linear
   * memory between them; `supports` reads each kernel's spec (its dtypes and attr conditions), the one table.
   */
  readonly backend: Backend & { readonly device: WasmDevice };
  /** Which build runs: its instruction set and whether its memory is shared (a threaded build). */
  readonly build: { readonly instructionSet: InstructionSet; readonly shared: boolean };
  /** The threads kernels run on now. */
  readonly threads: ThreadsInfo;
  /**
   * Restarts the worker pool for `numThreads` threads over the same memory (tensors stay where they are); 1 stops
   * the workers. Returns the new ThreadsInfo.
   */
  setThreads(numThreads: number): Promise<ThreadsInfo>;
  /** How many kernel calls ran split across threads so far, for tests and diagnostics. */
  readonly splitCalls: number;
  /** Stops the workers (kernels keep working on the calling thread). */
  dispose(): Promise<void>;
}

/**
 * Instantiates the kernels from the bytes of `kernels.wasm` or a compiled WebAssembly.Module. Checks WebAssembly
 * SIMD first and throws an error naming the runtime and what it lacks.
 */
export async function createWasmKernels(source: WasmSource, options: WasmKernelsOptions): Promise<WasmKernels> {
  const loaded = await instantiateKernels(source);
  const memory = new LinearMemory(loaded.memory, loaded.heapBase);
  const device = new WasmDevice(memory, options.NDArray);
  const rt = new Runtime(memory, loaded.exports, options.NDArray, device);
  if (options.splitWork !== undefined) rt.splitWork = options.splitWork;
  const onDevice = buildKernels(rt);
  const nativeOpTypes = (Object.keys(onDevice) as NativeOpType[]).sort();
  const kernels = Object.fromEntries(
    nativeOpTypes.map((type) => [type, hostKernel(onDevice[type], device)]),
  ) as WasmKernelTable;
  const backend = {
    name: "wasm",
    kernels: onDevice,
    device,
    supports(opType: string, inputDtypes: readonly DType[], attrs?: Attrs): boolean {
      const kernel: { spec: NativeSpec } | undefined = (onDevice as Partial<Record<string, { spec: NativeSpec }>>)[
        opType
      ];
      return kernel !== undefined && specAccepts(kernel.spec, inputDtypes, attrs);
    },
  } satisfies Backend;
  let pool: ThreadPool | undefined;
  let threads: ThreadsInfo = { numThreads: 1 };
  const setThreads = async (numThreads: number): Promise<ThreadsInfo> => {
    const wanted = Math.max(1, Math.floor(numThreads));
    if (wanted === (pool?.threads ?? 1)) return threads;
    rt.setPool(undefined);
    await pool?.terminate();
    pool = undefined;
    let reason =
      wanted === 1
        ? undefined
        : (whyNoThreads() ??
          (loaded.shared
            ? undefined
            : "the loaded build's memory is not shared (load kernels-threads.wasm or kernels-relaxed-threads.wasm for threads)"));
    if (wanted > 1 && reason === undefined) {
      const control = memory.bump(controlBytes(wanted));
      try {
        pool = await ThreadPool.start(wanted - 1, loaded.module, loaded.memory, loaded.exports, control);
        rt.setPool(pool);
      } catch (error) {
        // A Content-Security-Policy without blob: in worker-src, a runtime out of threads: one thread still works.
        reason = `worker threads could not start: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    threads = reason === undefined ? { numThreads: wanted } : { numThreads: 1, reason };
    return threads;
  };
  await setThreads(options.numThreads ?? 1);
  return {
    kernels,
    nativeOpTypes,
    exports: loaded.exports,
    memory,
    backend,
    build: { instructionSet: loaded.instructionSet, shared: loaded.shared },
    get threads() {
      return threads;
    },
    get splitCalls() {
      return rt.splitCalls;
    },
    setThreads,
    dispose: async () => {
      await setThreads(1);
    },
  };
}

/** The `.wasm` tf.ready() loads by default: the build this runtime runs fastest (`kernelsWasmUrl()`). */
export function defaultWasmUrl(): UrlLike {
  return kernelsWasmUrl();
}
