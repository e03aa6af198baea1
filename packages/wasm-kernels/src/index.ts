// @scopeflow/wasm-kernels: the AssemblyScript SIMD kernels and a typed wrapper that owns their linear memory.
// Runtime-agnostic: the node and browser packages load the bytes (fs / fetch) and call createWasmKernels.
import type { Kernels } from "@scopeflow/core/kernels";
import { arrayKernels } from "./kernels/array";
import { convKernels } from "./kernels/conv";
import { elementwiseKernels } from "./kernels/elementwise";
import { matMulKernels } from "./kernels/matmul";
import { reduceKernels } from "./kernels/reduce";
import { trainingKernels } from "./kernels/training";
import { unaryKernels } from "./kernels/unary";
import { LinearMemory } from "./memory";
import { instantiateKernels, type KernelExports } from "./module";
import { type NDArrayClass, Runtime } from "./runtime";

export { assertWasmSimd, describeRuntime, hasWasmSimd, type KernelExports } from "./module";
export { LinearMemory } from "./memory";
export type { NDArrayClass } from "./runtime";

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
}

/**
 * Instantiates the kernels from the bytes of `kernels.wasm` or a compiled WebAssembly.Module. Checks WebAssembly
 * SIMD first and throws an error naming the runtime and what it lacks.
 */
export async function createWasmKernels(source: BufferSource | WebAssembly.Module, options: WasmKernelsOptions): Promise<WasmKernels> {
  const loaded = await instantiateKernels(source);
  const memory = new LinearMemory(loaded.memory, loaded.heapBase);
  const rt = new Runtime(memory, loaded.exports, options.NDArray);
  const kernels = buildKernels(rt);
  const nativeOpTypes = (Object.keys(kernels) as NativeOpType[]).sort();
  return { kernels, nativeOpTypes, exports: loaded.exports, memory };
}

/** Where `kernels.wasm` sits relative to this module (dist/ or src/ alike); node and browser resolve it from here. */
export function defaultWasmUrl(): URL {
  return new URL("../build/kernels.wasm", import.meta.url);
}
