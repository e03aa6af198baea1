// @scopeflow/core/kernels: the kernel contract, for backends such as @scopeflow/wasm-kernels.
export type { AttrValue, Attrs, Backend, Kernel, KernelContext, Kernels, VariableState } from "../kernels/contract";
export { NDArray, sizeOf } from "../session/ndarray";
export * as dtypes from "../framework/dtypes";
