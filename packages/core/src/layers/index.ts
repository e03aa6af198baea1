// tf.layers (TF 1.15's tf.compat.v1.layers): the base Layer, InputSpec and the core layers.

export { type AddWeightOptions, Layer, type LayerOptions, type LayerRegularizer, type LossLike } from "./base";
export {
  Conv,
  Conv1D,
  Conv2D,
  Conv2DTranspose,
  type Conv2DTransposeFunctionOptions,
  type Conv2DTransposeLayerOptions,
  type ConvFunctionOptions,
  type ConvOptions,
  conv1d,
  conv2d,
  conv2dTranspose,
  SeparableConv,
  SeparableConv1D,
  SeparableConv2D,
  type SeparableConvFunctionOptions,
  type SeparableConvOptions,
  separableConv1d,
  separableConv2d,
} from "./convolutional";
export {
  type Activation,
  type Constraint,
  Dense,
  type DenseFunctionOptions,
  type DenseOptions,
  dense,
} from "./core-dense";
export {
  Dropout,
  type DropoutCallOptions,
  type DropoutFunctionOptions,
  type DropoutLayerOptions,
  dropout,
} from "./core-dropout";
export { type DataFormat, Flatten, type FlattenOptions, flatten } from "./core-flatten";
export { InputSpec, type InputSpecOptions } from "./input-spec";
export {
  BatchNormalization,
  type BatchNormalizationCallOptions,
  type BatchNormalizationFunctionOptions,
  type BatchNormalizationOptions,
  batchNormalization,
} from "./normalization";
export {
  AveragePooling1D,
  AveragePooling2D,
  averagePooling1d,
  averagePooling2d,
  MaxPooling1D,
  MaxPooling2D,
  maxPooling1d,
  maxPooling2d,
  Pooling,
  type PoolingFunctionOptions,
  type PoolingOptions,
} from "./pooling";
export type { Training } from "./smart-cond";
