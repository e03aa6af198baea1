// @scopeflow/core/kernels: the kernel contract, for backends such as @scopeflow/wasm-kernels.

export * as dtypes from "../framework/dtypes";
export { NDArray, sizeOf } from "../framework/ndarray";
export type {
  Attrs,
  AttrValue,
  Backend,
  BoundKernel,
  InputSpec,
  Kernel,
  KernelContext,
  Kernels,
  OpKernel,
  OpKernels,
  PreparedKernel,
  TensorSpec,
  VariableState,
} from "../kernels/contract";
export { runEager } from "../kernels/contract";
export type { OpType } from "../ops/op-defs";
