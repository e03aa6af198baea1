// @scopeflow/wasm-kernels: the AssemblyScript SIMD kernels and a typed wrapper that owns their linear memory.
// Runtime-agnostic: the node and browser packages load the bytes (fs / fetch) and call createWasmKernels.
export {
  type BackendInfo,
  type BackendRegistry,
  createReady,
  loadWasmBackend,
  type ReadyFunctions,
  type ReadyOptions,
  type WasmLocation,
} from "./backend-loader";
export {
  createWasmKernels,
  defaultWasmUrl,
  type NativeOpType,
  type ThreadsInfo,
  type WasmKernels,
  type WasmKernelsOptions,
  type WasmKernelTable,
} from "./create-kernels";
export { WasmDevice } from "./device";
export { LinearMemory } from "./memory";
export {
  assertWasmSimd,
  bestInstructionSet,
  describeRuntime,
  hasWasmRelaxedSimd,
  hasWasmSimd,
  type InstructionSet,
  type KernelExports,
  kernelsWasmUrl,
} from "./module";
export type { NativeSpec, NDArrayClass } from "./runtime";
export { availableCores, whyNoThreads } from "./threads";
export type { UrlLike, WasmMemory, WasmModule, WasmSource } from "./wasm-types";
