// TF 1.15's messages for tf.layers (layers/base.py, keras/engine/base_layer.py, keras/engine/input_spec.py,
// keras/layers/core.py), plus scopeflow's own, in one place.
import type { DType } from "../framework/dtypes";
import type { Shape } from "../framework/shape";

/** Python's str() of a TensorShape: `(?, 3)`, `(3,)`, `()`, `<unknown>`. */
export function tensorShapeStr(shape: Shape): string {
  if (shape === null) return "<unknown>";
  const dims = shape.map((d) => (d === null ? "?" : String(d)));
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(", ")})`;
}

/** Python's repr() of a list of dims (`shape.as_list()`): `[None, 3]`. */
export function pyList(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? "None" : String(d))).join(", ")}]`;
}

/** Python's repr() of a tuple of dims: `(None, 3)`, `(3,)`. */
export function pyTuple(shape: readonly (number | null)[]): string {
  const dims = shape.map((d) => (d === null ? "None" : String(d)));
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(", ")})`;
}

export const messages = {
  /** input_spec.py: assert_input_compatibility */
  inputCount: (layer: string, expected: number, received: number, inputs: string) =>
    `Layer ${layer} expects ${expected} inputs, but it received ${received} input tensors. Inputs received: ${inputs}`,
  rankUndefined: (index: number, layer: string) =>
    `Input ${index} of layer ${layer} is incompatible with the layer: its rank is undefined, but the layer requires a defined rank.`,
  ndim: (index: number, layer: string, expected: number, found: number, shape: readonly (number | null)[]) =>
    `Input ${index} of layer ${layer} is incompatible with the layer: expected ndim=${expected}, found ndim=${found}. Full shape received: ${pyList(shape)}`,
  maxNdim: (index: number, layer: string, expected: number, found: number) =>
    `Input ${index} of layer ${layer} is incompatible with the layer: expected max_ndim=${expected}, found ndim=${found}`,
  // TF 1.15 prints ": :" here (a doubled colon in the source), kept word for word.
  minNdim: (index: number, layer: string, expected: number, found: number, shape: readonly (number | null)[]) =>
    `Input ${index} of layer ${layer} is incompatible with the layer: : expected min_ndim=${expected}, found ndim=${found}. Full shape received: ${pyList(shape)}`,
  dtype: (index: number, layer: string, expected: string, found: DType) =>
    `Input ${index} of layer ${layer} is incompatible with the layer: expected dtype=${expected}, found dtype=${found}`,
  axis: (index: number, layer: string, axis: number, value: number, shape: readonly (number | null)[]) =>
    `Input ${index} of layer ${layer} is incompatible with the layer: expected axis ${axis} of input shape to have value ${value} but received input with shape ${pyList(shape)}`,
  shape: (index: number, layer: string, expected: readonly (number | null)[], found: readonly (number | null)[]) =>
    `Input ${index} is incompatible with layer ${layer}: expected shape=${pyTuple(expected)}, found shape=${pyList(found)}`,
  /** input_spec.py: InputSpec.__init__ */
  axisTooLarge: (axis: number, max: number) => `Axis ${axis} is greater than the maximum allowed value: ${max}`,
  /** base_layer.py: Layer.input_spec setter */
  notInputSpec: (value: unknown) => `Layer input_spec must be an instance of InputSpec. Got: ${String(value)}`,
  /** base_layer.py: Layer.__call__ */
  callReturnedNone: (layer: string) =>
    `A layer's \`call\` method should return a Tensor or a list of Tensors, not None (layer: ${layer}).`,
  /** base_layer.py: Layer.add_weight */
  initializerRequired: (name: string, dtype: DType, layer: string) =>
    `An initializer for variable ${name} of type ${dtype} is required for layer ${layer}`,
  /** base_layer.py: Layer.add_loss */
  eagerLoss: () =>
    "Expected a symbolic Tensors or a callable for the loss value. Please wrap your loss computation in a zero argument `lambda`.",
  /** base_layer.py: Layer.count_params */
  notBuilt: (layer: string) =>
    `You tried to call \`count_params\` on ${layer}, but the layer isn't built. You can build it manually via: \`${layer}.build(batch_input_shape)\`.`,
  /** layers/base.py: Layer.scope_name */
  noScopeName: (layer: string) =>
    `No name available for layer scope because the layer "${layer}" has not been used yet. The scope name  is determined the first time the layer instance is called. You must therefore call the layer before querying \`scope_name\`.`,
  /** keras/layers/core.py: Dense.build */
  denseDtype: (dtype: DType) => `Unable to build \`Dense\` layer with non-floating point dtype ${dtype}`,
  denseLastDim: () => "The last dimension of the inputs to `Dense` should be defined. Found `None`.",
  /** keras/layers/core.py: Dense.compute_output_shape (TensorShape.with_rank_at_least, then the innermost dim) */
  rankAtLeast: (shape: Shape, rank: number) => `Shape ${tensorShapeStr(shape)} must have rank at least ${rank}`,
  innermostUndefined: (shape: Shape) =>
    `The innermost dimension of input_shape must be defined, but saw: ${tensorShapeStr(shape)}`,
  /** keras/utils/conv_utils.py: normalize_data_format */
  dataFormat: (value: string) =>
    `The \`data_format\` argument must be one of "channels_first", "channels_last". Received: ${value}`,
  /** keras/utils/conv_utils.py: normalize_tuple */
  tupleArg: (name: string, n: number, value: string) =>
    `The \`${name}\` argument must be a tuple of ${n} integers. Received: ${value}`,
  tupleElement: (name: string, n: number, value: string, element: unknown) =>
    `The \`${name}\` argument must be a tuple of ${n} integers. Received: ${value} including element ${String(element)} of type <class '${typeof element === "string" ? "str" : typeof element}'>`,
  /** keras/utils/conv_utils.py: normalize_padding */
  padding: (value: string) =>
    `The \`padding\` argument must be one of "valid", "same" (or "causal", only for \`Conv1D). Received: ${value}`,
  /** smart_cond.py: smart_constant_value */
  predType: (value: unknown) =>
    `\`pred\` must be a Tensor, or a Python bool, or 1 or 0. Found instead: <class '${typeof value}'>`,
  /** scopeflow: keras' training=None (K.learning_phase(), a placeholder_with_default) is not ported. */
  needsCond: (layer: string) =>
    `Layer ${layer}: training=null means the Keras learning phase (K.learning_phase()), which scopeflow does not keep; pass training as a boolean or a bool Tensor (a placeholder builds a tf.cond).`,
};

/** keras/utils/conv_utils.py, keras/layers/convolutional.py, pooling.py and normalization.py (TF 1.15). */
export const convMessages = {
  /** layers/pooling.py: the tf.layers pooling constructors */
  stridesNone: () => "Argument `strides` must not be None.",
  /** keras/layers/convolutional.py: Conv.build */
  channelUndefined: () => "The channel dimension of the inputs should be defined. Found `None`.",
  /** keras/layers/convolutional.py: Conv2DTranspose.build */
  transposeRank: (shape: string) => `Inputs should have rank 4. Received input shape: ${shape}`,
  /** keras/layers/convolutional.py: Conv.__init__ (Conv1D only) */
  causal: () => "Causal padding is only supported for `Conv1D` and ``SeparableConv1D`.",
  /** keras/layers/normalization.py: BatchNormalizationBase */
  axisType: (value: unknown) => `axis must be int or list, type given: <class '${typeof value}'>`,
  undefinedRank: (shape: string) => `('Input has undefined rank:', TensorShape(${shape}))`,
  invalidAxis: (axis: number) => `Invalid axis: ${axis}`,
  duplicateAxis: (axis: readonly number[]) => `Duplicate axis: [${axis.join(", ")}]`,
  undefinedAxisDim: (shape: string) =>
    `('Input has undefined \`axis\` dimension. Input shape: ', TensorShape(${shape}))`,
  fusedAxis: () => "Unsupported axis, fused batch norm only supports axis == [1] or axis == [3]",
  /** scopeflow: options TF has that are not ported */
  notPorted: (layer: string, what: string) => `${layer}: scopeflow does not implement \`${what}\` yet.`,
};
