// contrib/layers/__init__.py (TF 1.15): the `tf.contrib.layers` names scopeflow ports.

export { type BatchNormOptions, batchNorm } from "./batch-norm";
export {
  varianceScalingInitializer,
  xavierInitializer,
  xavierInitializer as xavierInitializerConv2d,
} from "./initializers";
export { type LayerNormOptions, layerNorm } from "./layer-norm";
// TF's aliases: convolution2d, convolution2d_transpose, xavier_initializer_conv2d.
export {
  type ActivationFn,
  avgPool2d,
  type ConvFnOptions,
  conv2d,
  conv2d as convolution2d,
  conv2dTranspose,
  conv2dTranspose as convolution2dTranspose,
  type DropoutFnOptions,
  dropout,
  type FlattenFnOptions,
  flatten,
  fullyConnected,
  type LayerFnOptions,
  maxPool2d,
  type NormalizerFn,
  type PoolFnOptions,
  repeat,
  stack,
} from "./layers";
export { type AliasedTensor, appendTensorAlias, collectNamedOutputs } from "./layers-utils";
export { type GroupNormOptions, groupNorm, type InstanceNormOptions, instanceNorm } from "./normalization";
export {
  applyRegularization,
  l1L2Regularizer,
  l1Regularizer,
  l2Regularizer,
  sumRegularizer,
  type WeightsRegularizer,
} from "./regularizers";
// TF's aliases: separable_convolution2d, separable_conv2d.
export {
  type SeparableConvFnOptions,
  separableConv2d,
  separableConv2d as separableConvolution2d,
} from "./separable-conv";
export {
  type BiasAddFnOptions,
  biasAdd,
  type EmbedSequenceOptions,
  elu,
  embedSequence,
  linear,
  maxout,
  type OneHotEncodingOptions,
  oneHotEncoding,
  relu,
  relu6,
  softmax,
  unitNorm,
} from "./simple-layers";
