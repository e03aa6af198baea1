// @scopeflow/core: TensorFlow 1.x graph mode (tf.compat.v1) in TypeScript.
// Each area exports its public API from its own index; this file only gathers them.

// tf.contrib (contrib.layers, contrib.slim, contrib.rnn).
export * as contrib from "./contrib/index";
export * as errors from "./errors";
export { addToCollection, addToCollections, getCollection, getCollectionRef } from "./framework/default-collections";
export { type DeviceNameOrFunction, DeviceSpec, type DeviceSpecFields } from "./framework/device";
export * from "./framework/dtypes";
export { Graph, getDefaultGraph, resetDefaultGraph } from "./framework/graph";
export { GraphKeys } from "./framework/graph-keys";
export { IndexedSlices } from "./framework/indexed-slices";
export { Operation } from "./framework/operation";
export { Tensor } from "./framework/tensor";
export * from "./gradients/index";
export { type TupleOptions, tuple } from "./gradients/support-ops";
export { type ImportGraphDefOptions, importGraphDef } from "./graphdef/index";
export * as io from "./graphdef/tf-io";
// tf.layers (layers/base.py, layers/core.py), tf.tensordot, and TF1's top-level initializer spellings (init_ops.py).
export * as layers from "./layers/index";
export * as losses from "./losses/index";
export * as metrics from "./metrics/index";
// The full tf.nn: the ops' nn plus rnnCell, staticRnn, staticBidirectionalRnn.
export { nn } from "./nn";
export { constant, identity, placeholder } from "./ops/array-ops";
export * as image from "./ops/image-api";
export * from "./ops/index";
export { indexedSlicesToTensor } from "./ops/indexed-slices-ops";
export { add, divide, matmul, multiply, subtract } from "./ops/math-ops";
export { convertToTensor } from "./ops/op-builder";
export { type TensordotAxes, tensordot } from "./ops/tensordot";
export { type BoundFileCalls, bindFileCalls } from "./runtime/bind-file-calls";
export { device } from "./scopes/device";
export * from "./scopes/index";
export { nameScope } from "./scopes/name-scope";
export * from "./session/index";
export * as summary from "./summary/tf-summary";
export * as tools from "./tools/index";
export * as train from "./train/index";
export * as savedModel from "./train/saved-model/index";
export * from "./variables/index";
export {
  constantInitializer,
  glorotNormalInitializer,
  glorotUniformInitializer,
  onesInitializer,
  orthogonalInitializer,
  randomNormalInitializer,
  randomUniformInitializer,
  truncatedNormalInitializer,
  varianceScalingInitializer,
  zerosInitializer,
} from "./variables/init-ops";
