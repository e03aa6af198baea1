// @scopeflow/core: TensorFlow 1.x graph mode (tf.compat.v1) in TypeScript.
// Each area exports its public API from its own index; this file only gathers them.
export * from "./framework/dtypes";
export { Graph, getDefaultGraph, resetDefaultGraph } from "./framework/graph";
export { GraphKeys } from "./framework/graph-keys";
export { Operation } from "./framework/operation";
export { Tensor } from "./framework/tensor";
export * as errors from "./errors";
export { constant, placeholder, identity } from "./ops/array-ops";
export { add, subtract, multiply, divide, matmul } from "./ops/math-ops";
export { convertToTensor } from "./ops/op-builder";
export { nameScope } from "./scopes/name-scope";
export * from "./scopes/index";
export * from "./variables/index";
export * from "./ops/index";
export * from "./gradients/index";
export * from "./session/index";
export * as train from "./train/index";
export * as io from "./io/tf-io";
export * as summary from "./summary/tf-summary";
export { importGraphDef, type ImportGraphDefOptions } from "./graphdef/index";
export { bindFileCalls, type BoundFileCalls } from "./runtime/bind-file-calls";
