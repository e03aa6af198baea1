// tf.layers (TF 1.15's tf.compat.v1.layers): the base Layer, InputSpec and the core layers.

export { type AddWeightOptions, Layer, type LayerOptions, type LayerRegularizer, type LossLike } from "./base";
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
  type Training,
} from "./core-dropout";
export { type DataFormat, Flatten, type FlattenOptions, flatten } from "./core-flatten";
export { InputSpec, type InputSpecOptions } from "./input-spec";
