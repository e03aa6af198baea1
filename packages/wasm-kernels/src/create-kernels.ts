// The wrapper's kernel tables over one instantiated module: createWasmKernels, the copying table and the backend.
import type { Attrs, Backend, Kernels } from "@scopeflow/core/kernels";
import { WasmDevice } from "./device";
import { arrayKernels } from "./kernels/array";
import { convKernels } from "./kernels/conv";
import { elementwiseKernels } from "./kernels/elementwise";
import { matMulKernels } from "./kernels/matmul";
import { reduceKernels } from "./kernels/reduce";
import { shapeKernels } from "./kernels/shapes";
import { stateKernels } from "./kernels/state";
import { trainingKernels } from "./kernels/training";
import { unaryKernels } from "./kernels/unary";
import { viewKernels } from "./kernels/views";
import { xentKernels } from "./kernels/xent";
import { LinearMemory } from "./memory";
import { instantiateKernels, type KernelExports } from "./module";
import { type DType, type NativeSpec, type NDArrayClass, Runtime, specAccepts } from "./runtime";
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
    ...arrayKernels(rt),
    ...trainingKernels(rt),
    ...stateKernels(rt),
    ...shapeKernels(rt),
    ...xentKernels(rt),
    ...viewKernels(rt),
  } satisfies Partial<Kernels>;
}

export type WasmKernelTable = ReturnType<typeof buildKernels>;
export type NativeOpType = keyof WasmKernelTable;

export interface WasmKernels {
  /** Kernels keyed by TF op type; each copies its inputs into linear memory and its outputs out. */
  readonly kernels: WasmKernelTable;
  /** The op types that run natively, sorted. */
  readonly nativeOpTypes: readonly NativeOpType[];
  /** The module's raw exports (`<op><Dtype>` functions over pointers), for a planner that keeps tensors resident. */
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
  const copying = new Runtime(memory, loaded.exports, options.NDArray, undefined);
  const kernels = buildKernels(copying);
  const device = new WasmDevice(memory, options.NDArray);
  const resident = buildKernels(new Runtime(memory, loaded.exports, options.NDArray, device, copying));
  const nativeOpTypes = (Object.keys(kernels) as NativeOpType[]).sort();
  const backend = {
    name: "wasm",
    kernels: resident,
    device,
    supports(opType: string, inputDtypes: readonly DType[], attrs?: Attrs): boolean {
      const kernel: { spec: NativeSpec } | undefined = (resident as Partial<Record<string, { spec: NativeSpec }>>)[
        opType
      ];
      return kernel !== undefined && specAccepts(kernel.spec, inputDtypes, attrs);
    },
  } satisfies Backend;
  return { kernels, nativeOpTypes, exports: loaded.exports, memory, backend };
}

/** Where `kernels.wasm` sits relative to this module (dist/ or src/ alike); node and browser resolve it from here. */
export function defaultWasmUrl(): UrlLike {
  return new URL("../build/kernels.wasm", import.meta.url);
}
