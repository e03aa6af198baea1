// @scopeflow/core/kernels: the kernel contract, for backends such as @scopeflow/wasm-kernels.

export * as dtypes from "../framework/dtypes";
export type {
  Attrs,
  AttrValue,
  Backend,
  BoundKernel,
  Kernel,
  KernelContext,
  Kernels,
  VariableState,
} from "../kernels/contract";
export { NDArray, sizeOf } from "../session/ndarray";
