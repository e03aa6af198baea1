// @scopeflow/core: TensorFlow 1.x graph mode (tf.compat.v1) in TypeScript.
export * from "./framework/dtypes";
export { DType } from "./framework/dtypes";
export { Graph, getDefaultGraph, resetDefaultGraph } from "./framework/graph";
export { GraphKeys } from "./framework/graph-keys";
export { Operation } from "./framework/operation";
export { Tensor } from "./framework/tensor";
export { NDArray } from "./session/ndarray";
export * as errors from "./errors";
export { nameScope } from "./scopes/name-scope";
export { constant, placeholder, identity } from "./ops/array-ops";
export { add, subtract, multiply, divide, matmul } from "./ops/math-ops";
export { convertToTensor } from "./ops/op-builder";
