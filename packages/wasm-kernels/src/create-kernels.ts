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
import { instantiateKernels, type KernelExports, kernelsWasmUrl } from "./module";
import { type DType, type NativeKernel, type NativeSpec, type NDArrayClass, Runtime, specAccepts } from "./runtime";
import type { UrlLike, WasmSource } from "./wasm-types";

export interface WasmKernelsOptions {
  /** core's NDArray class (from `@scopeflow/core/kernels`); outputs are built with it. */
  NDArray: NDArrayClass;
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
}

/**
 * Instantiates the kernels from the bytes of `kernels.wasm` or a compiled WebAssembly.Module. Checks WebAssembly
 * SIMD first and throws an error naming the runtime and what it lacks.
 */
export async function createWasmKernels(source: WasmSource, options: WasmKernelsOptions): Promise<WasmKernels> {
  const loaded = await instantiateKernels(source);
  const memory = new LinearMemory(loaded.memory, loaded.heapBase);
  const device = new WasmDevice(memory, options.NDArray);
  const onDevice = buildKernels(new Runtime(memory, loaded.exports, options.NDArray, device));
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
  return { kernels, nativeOpTypes, exports: loaded.exports, memory, backend };
}

/** The `.wasm` tf.ready() loads by default: the build this runtime runs fastest (`kernelsWasmUrl()`). */
export function defaultWasmUrl(): UrlLike {
  return kernelsWasmUrl();
}
