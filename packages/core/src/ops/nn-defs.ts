// nn_ops.cc: activations and their gradients, softmax and cross-entropies, bias, convolutions, pooling.
import { bool } from "../framework/dtypes";
import { defineOps, type OpSpec, outputs } from "../framework/op-def";

const { typeOf, repeat, fixed, concat } = outputs;

const activation: OpSpec = { inputs: ["features"], attrs: { T: "type" }, outputs: typeOf("T") };
const activationGrad: OpSpec = { inputs: ["gradients", "features"], attrs: { T: "type" }, outputs: typeOf("T") };
const cwiseGrad: OpSpec = { inputs: ["y", "dy"], attrs: { T: "type" }, outputs: typeOf("T") };
const convAttrs = {
  T: "type",
  strides: "list(int)",
  use_cudnn_on_gpu: "bool",
  padding: "string",
  explicit_paddings: "list(int)",
  data_format: "string",
  dilations: "list(int)",
} as const;
// nn_ops.cc: Conv3D and its V2 gradients (filter DHWIO, input NDHWC or NCDHW; no use_cudnn_on_gpu).
const conv3dAttrs = {
  T: "type",
  strides: "list(int)",
  padding: "string",
  data_format: "string",
  dilations: "list(int)",
} as const;
const poolAttrs = {
  T: "type",
  ksize: "list(int)",
  strides: "list(int)",
  padding: "string",
  data_format: "string",
} as const;

export const nnDefs = defineOps({
  Relu: activation,
  Relu6: activation,
  Elu: activation,
  Softplus: activation,
  Sigmoid: { inputs: ["x"], attrs: { T: "type" }, outputs: typeOf("T") },
  Tanh: { inputs: ["x"], attrs: { T: "type" }, outputs: typeOf("T") },
  LeakyRelu: { inputs: ["features"], attrs: { alpha: "float", T: "type" }, outputs: typeOf("T") },
  ReluGrad: activationGrad,
  Relu6Grad: activationGrad,
  SoftplusGrad: activationGrad,
  EluGrad: { inputs: ["gradients", "outputs"], attrs: { T: "type" }, outputs: typeOf("T") },
  LeakyReluGrad: { inputs: ["gradients", "features"], attrs: { alpha: "float", T: "type" }, outputs: typeOf("T") },
  SigmoidGrad: cwiseGrad,
  TanhGrad: cwiseGrad,
  Softmax: { inputs: ["logits"], attrs: { T: "type" }, outputs: typeOf("T") },
  LogSoftmax: { inputs: ["logits"], attrs: { T: "type" }, outputs: typeOf("T") },
  SoftmaxCrossEntropyWithLogits: { inputs: ["features", "labels"], attrs: { T: "type" }, outputs: repeat(2, "T") },
  SparseSoftmaxCrossEntropyWithLogits: {
    inputs: ["features", "labels"],
    attrs: { T: "type", Tlabels: "type" },
    outputs: repeat(2, "T"),
  },
  BiasAdd: { inputs: ["value", "bias"], attrs: { T: "type", data_format: "string" }, outputs: typeOf("T") },
  BiasAddGrad: { inputs: ["out_backprop"], attrs: { T: "type", data_format: "string" }, outputs: typeOf("T") },
  L2Loss: { inputs: ["t"], attrs: { T: "type" }, outputs: typeOf("T") },
  Conv2D: { inputs: ["input", "filter"], attrs: convAttrs, outputs: typeOf("T") },
  Conv2DBackpropInput: { inputs: ["input_sizes", "filter", "out_backprop"], attrs: convAttrs, outputs: typeOf("T") },
  Conv2DBackpropFilter: { inputs: ["input", "filter_sizes", "out_backprop"], attrs: convAttrs, outputs: typeOf("T") },
  Conv3D: { inputs: ["input", "filter"], attrs: conv3dAttrs, outputs: typeOf("T") },
  Conv3DBackpropInputV2: {
    inputs: ["input_sizes", "filter", "out_backprop"],
    attrs: { ...conv3dAttrs, Tshape: "type" },
    outputs: typeOf("T"),
  },
  Conv3DBackpropFilterV2: {
    inputs: ["input", "filter_sizes", "out_backprop"],
    attrs: conv3dAttrs,
    outputs: typeOf("T"),
  },
  MaxPool: { inputs: ["input"], attrs: poolAttrs, outputs: typeOf("T") },
  AvgPool: { inputs: ["value"], attrs: poolAttrs, outputs: typeOf("T") },
  MaxPoolGrad: { inputs: ["orig_input", "orig_output", "grad"], attrs: poolAttrs, outputs: typeOf("T") },
  AvgPoolGrad: { inputs: ["orig_input_shape", "grad"], attrs: poolAttrs, outputs: typeOf("T") },
  // nn_ops.cc: InTopKV2 (k an input; tf.nn.in_top_k builds it), predictions float32, targets and k of type T.
  InTopKV2: { inputs: ["predictions", "targets", "k"], attrs: { T: "type" }, outputs: fixed(bool) },
  // depthwise_conv_op.cc / depthwise_conv_grad_op.cc and fused_batch_norm_op.cc, as nn_ops.cc registers them.
  DepthwiseConv2dNative: {
    inputs: ["input", "filter"],
    attrs: { T: "type", strides: "list(int)", padding: "string", data_format: "string", dilations: "list(int)" },
    outputs: typeOf("T"),
  },
  DepthwiseConv2dNativeBackpropInput: {
    inputs: ["input_sizes", "filter", "out_backprop"],
    attrs: { T: "type", strides: "list(int)", padding: "string", data_format: "string", dilations: "list(int)" },
    outputs: typeOf("T"),
  },
  DepthwiseConv2dNativeBackpropFilter: {
    inputs: ["input", "filter_sizes", "out_backprop"],
    attrs: { T: "type", strides: "list(int)", padding: "string", data_format: "string", dilations: "list(int)" },
    outputs: typeOf("T"),
  },
  FusedBatchNormV3: {
    inputs: ["x", "scale", "offset", "mean", "variance"],
    attrs: { T: "type", U: "type", epsilon: "float", data_format: "string", is_training: "bool" },
    outputs: concat(typeOf("T"), repeat(5, "U")),
  },
  FusedBatchNormGradV3: {
    inputs: ["y_backprop", "x", "scale", "reserve_space_1", "reserve_space_2", "reserve_space_3"],
    attrs: { T: "type", U: "type", epsilon: "float", data_format: "string", is_training: "bool" },
    outputs: concat(typeOf("T"), repeat(4, "U")),
  },
});
