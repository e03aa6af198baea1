// contrib/layers/python/layers/layers.py and encoders.py (TF 1.15): the small layer functions bias_add,
// one_hot_encoding, softmax, unit_norm, maxout and embed_sequence, each in TF's scope with TF's op names.
import { ValueError } from "../errors";
import { int32 } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import type { Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { ones, reshape, shape as shapeOf } from "../ops/array-ops";
import { binaryOp } from "../ops/elementwise";
import { embeddingLookup } from "../ops/embedding-ops";
import { toInt64 } from "../ops/math-div-cast";
import { sqrt, square } from "../ops/math-ops";
import { div } from "../ops/math-special-ops";
import { elu as nnElu } from "../ops/nn-activation-ops";
import { biasAdd as nnBiasAdd, relu as nnRelu, relu6 as nnRelu6, softmax as nnSoftmax } from "../ops/nn-ops";
import { convertToTensor, opScope, type TensorLike } from "../ops/op-builder";
import { opDefs } from "../ops/op-defs";
import { positionalArgs } from "../ops/positional-args";
import { reduceMax, reduceSum } from "../ops/reduction-ops";
import { concat, stridedSlice, tile } from "../ops/slicing-ops";
import { oneHot } from "../ops/split-one-hot-ops";
import { indexTensor } from "../ops/tensor-index";
import { variableScope } from "../scopes/variable-scope";
import type { ReuseMode } from "../scopes/variable-store";
import { zeros } from "../variables/initializers";
import { addArgScope } from "./arg-scope";
import { type ActivationFn, fullyConnected, type LayerFnOptions } from "./layers";
import {
  collectNamedOutputs,
  getVariableCollections,
  type OutputsCollections,
  type VariablesCollections,
} from "./layers-utils";
import type { WeightsRegularizer } from "./regularizers";
import { modelVariable } from "./variables";

export interface BiasAddFnOptions {
  activationFn?: ActivationFn | null;
  initializer?: unknown;
  regularizer?: WeightsRegularizer | null;
  reuse?: ReuseMode | null;
  variablesCollections?: VariablesCollections;
  outputsCollections?: OutputsCollections;
  trainable?: boolean;
  dataFormat?: "NHWC" | "NCHW";
  scope?: string | null;
}
const BIAS_ADD_KWARGS = [
  "activationFn",
  "initializer",
  "regularizer",
  "reuse",
  "variablesCollections",
  "outputsCollections",
  "trainable",
  "dataFormat",
  "scope",
] as const;

/**
 * layers.py: bias_add(inputs, activation_fn=None, initializer=zeros_initializer(), regularizer=None, reuse=None,
 * variables_collections=None, outputs_collections=None, trainable=True, data_format='NHWC', scope=None): the model
 * variable `biases` over the channel axis, in the variable scope `BiasAdd`.
 */
function biasAddImpl(inputs: TensorLike, ...args: unknown[]): Tensor {
  const o = positionalArgs<BiasAddFnOptions>("bias_add", [...BIAS_ADD_KWARGS], args);
  const dataFormat = o.dataFormat ?? "NHWC";
  // layers.py: bias_add
  if (dataFormat !== "NCHW" && dataFormat !== "NHWC")
    throw new ValueError("data_format has to be either NCHW or NHWC.");
  return getDefaultGraph().atomically(() =>
    variableScope(
      o.scope ?? null,
      { defaultName: opDefs.BiasAdd.type, values: [inputs], reuse: o.reuse ?? null },
      (sc) => {
        const x = convertToTensor(inputs);
        const shape = x.shape;
        if (shape === null) throw new ValueError("Dims of shape must be known but is None");
        if (shape.length !== 4 && dataFormat === "NCHW")
          throw new ValueError("Data format NCHW only supports 4D Tensor");
        const numFeatures = dataFormat === "NCHW" ? shape[1] : shape.at(-1);
        if (numFeatures === null || numFeatures === undefined) {
          throw new ValueError("`C` dimension must be known but is None");
        }
        const biases = modelVariable("biases", {
          shape: [numFeatures],
          dtype: x.dtype,
          initializer: o.initializer ?? zeros(),
          regularizer: o.regularizer ?? null,
          collections: getVariableCollections(o.variablesCollections, "biases"),
          trainable: o.trainable ?? true,
        });
        let outputs = nnBiasAdd(x, biases, { dataFormat });
        if (o.activationFn) outputs = o.activationFn(outputs);
        return collectNamedOutputs(o.outputsCollections, sc.name, outputs);
      },
    ),
  );
}

export interface OneHotEncodingOptions {
  numClasses?: number;
  onValue?: number;
  offValue?: number;
  outputsCollections?: OutputsCollections;
  scope?: string | null;
}
const ONE_HOT_KWARGS = ["numClasses", "onValue", "offValue", "outputsCollections", "scope"] as const;

/**
 * layers.py: one_hot_encoding(labels, num_classes, on_value=1.0, off_value=0.0, outputs_collections=None,
 * scope=None): int32 labels widened to int64 (`ToInt64`), then `one_hot`, in the name scope `OneHotEncoding`.
 */
function oneHotEncodingImpl(labels: TensorLike, ...args: unknown[]): Tensor {
  const o = positionalArgs<OneHotEncodingOptions>("one_hot_encoding", [...ONE_HOT_KWARGS], args);
  const numClasses = o.numClasses as number;
  return opScope(o.scope ?? null, "OneHotEncoding", [labels, numClasses], (sc) => {
    let x = convertToTensor(labels);
    if (x.dtype === int32) x = toInt64(x);
    // on_value=1.0 and off_value=0.0 are Python floats: float32 Consts.
    const onValue = convertToTensor(o.onValue ?? 1, { dtype: "float32" });
    const offValue = convertToTensor(o.offValue ?? 0, { dtype: "float32" });
    const outputs = oneHot(x, numClasses, { onValue, offValue });
    return collectNamedOutputs(o.outputsCollections, sc, outputs);
  });
}

/** utils.py: last_dimension(shape, min_rank): the static size of the last axis. */
function lastDimension(shape: Shape, minRank: number): number {
  if (shape === null) throw new ValueError("dims of shape must be known but is None");
  if (shape.length < minRank) throw new ValueError(`rank of shape must be at least ${minRank} not: ${shape.length}`);
  const value = shape.at(-1);
  if (value === null || value === undefined) throw new ValueError("last dimension shape must be known but is None");
  return value;
}

/**
 * layers.py: softmax(logits, scope=None): softmax over the last axis of an N-D tensor, through a [-1, classes]
 * reshape, in the variable scope `softmax`.
 */
export function softmax(logits: Tensor, ...args: unknown[]): Tensor {
  const { scope = null } = positionalArgs<{ scope: string | null }>("softmax", ["scope"], args);
  return variableScope(scope, { defaultName: "softmax", values: [logits] }, () => {
    const numLogits = lastDimension(logits.shape, 2);
    const logits2d = reshape(logits, [-1, numLogits]);
    const predictions = reshape(nnSoftmax(logits2d), shapeOf(logits));
    predictions.setShape(logits.shape);
    return predictions;
  });
}

/**
 * layers.py: unit_norm(inputs, dim, epsilon=1e-7, scope=None): inputs divided by their length along `dim`, in the
 * variable scope `UnitNorm` (TF's graph: the length tiled back to the input's shape, then `div`).
 */
export function unitNorm(inputs: Tensor, ...args: unknown[]): Tensor {
  const o = positionalArgs<{ dim: number; epsilon: number; scope: string | null }>(
    "unit_norm",
    ["dim", "epsilon", "scope"],
    args,
  );
  const dim = o.dim as number;
  const epsilon = o.epsilon ?? 1e-7;
  const scope = o.scope ?? null;
  return variableScope(scope, { defaultName: "UnitNorm", values: [inputs] }, () => {
    if (inputs.shape === null) throw new ValueError("The input rank must be known.");
    const inputRank = inputs.shape.length;
    if (dim < 0 || dim >= inputRank) throw new ValueError("dim must be positive but smaller than the input rank.");
    const lengths = sqrt(
      binaryOp(opDefs.AddV2.type, epsilon, reduceSum(square(inputs), dim, true), null, {
        operatorName: "add",
      }),
    );
    const multiples: Tensor[] = [];
    if (dim > 0) multiples.push(ones([dim], int32));
    multiples.push(stridedSlice(shapeOf(inputs), [dim], [dim + 1]));
    if (dim < inputRank - 1) multiples.push(ones([inputRank - 1 - dim], int32));
    return div(inputs, tile(lengths, concat(multiples, 0)));
  });
}

/**
 * layers.py: maxout(inputs, num_units, axis=-1, scope=None): the `axis` features split into num_units groups and
 * reduced by max, in the variable scope `MaxOut`; unknown dimensions come from the input's dynamic shape.
 */
function maxoutImpl(inputs: TensorLike, ...args: unknown[]): Tensor {
  const o = positionalArgs<{ numUnits: number; axis: number; scope: string | null }>(
    "maxout",
    ["numUnits", "axis", "scope"],
    args,
  );
  const numUnits = o.numUnits as number;
  const axis = o.axis ?? -1;
  const scope = o.scope ?? null;
  return variableScope(scope, { defaultName: "MaxOut", values: [inputs] }, () => {
    const x = convertToTensor(inputs);
    if (x.shape === null) throw new ValueError("as_list() is not defined on an unknown TensorShape.");
    const shape: (number | null | Tensor)[] = [...x.shape];
    const at = axis < 0 ? shape.length + axis : axis;
    const numChannels = shape[at] as number | null;
    if (numChannels === null || numChannels % numUnits) {
      throw new ValueError(`number of features(${numChannels ?? "None"}) is not a multiple of num_units(${numUnits})`);
    }
    shape[at] = numUnits;
    shape.push(Math.floor(numChannels / numUnits));
    for (let i = 0; i < shape.length; i++) if (shape[i] === null) shape[i] = indexTensor(shapeOf(x), i);
    return reduceMax(reshape(x, shape as (number | Tensor)[]), -1, false);
  });
}

export interface EmbedSequenceOptions {
  vocabSize?: number | null;
  embedDim?: number | null;
  unique?: boolean;
  initializer?: unknown;
  regularizer?: WeightsRegularizer | null;
  trainable?: boolean;
  scope?: string | null;
  reuse?: ReuseMode | null;
}
const EMBED_SEQUENCE_KWARGS = [
  "vocabSize",
  "embedDim",
  "unique",
  "initializer",
  "regularizer",
  "trainable",
  "scope",
  "reuse",
] as const;

/**
 * encoders.py: embed_sequence(ids, vocab_size=None, embed_dim=None, unique=False, initializer=None,
 * regularizer=None, trainable=True, scope=None, reuse=None): the model variable `embeddings` [vocab_size,
 * embed_dim] in the variable scope `EmbedSequence`, looked up by ids.
 */
export function embedSequence(ids: TensorLike, ...args: unknown[]): Tensor {
  const o = positionalArgs<EmbedSequenceOptions>("embed_sequence", [...EMBED_SEQUENCE_KWARGS], args);
  const vocabSize = o.vocabSize ?? null;
  const embedDim = o.embedDim ?? null;
  if (!(o.reuse || (vocabSize && embedDim))) {
    // encoders.py: embed_sequence
    throw new ValueError(
      `Must specify vocab size and embedding dimension when not reusing. Got vocab_size=${vocabSize ?? "None"} and embed_dim=${embedDim ?? "None"}`,
    );
  }
  if (o.unique)
    throw new ValueError(
      "embed_sequence(unique=True) needs contrib's embedding_lookup_unique, which scopeflow does not have",
    );
  return getDefaultGraph().atomically(() =>
    variableScope(o.scope ?? null, { defaultName: "EmbedSequence", values: [ids], reuse: o.reuse ?? null }, () => {
      // encoders.py: `if reuse and vocab_size is None or embed_dim is None: shape = None`.
      const shape = (o.reuse && vocabSize === null) || embedDim === null ? null : [vocabSize as number, embedDim];
      const embeddings = modelVariable("embeddings", {
        shape,
        initializer: o.initializer,
        regularizer: o.regularizer ?? null,
        trainable: o.trainable ?? true,
      });
      return embeddingLookup(embeddings, ids);
    }),
  );
}

/** `tf.contrib.layers.biasAdd(inputs, { activationFn?, initializer?, dataFormat?, scope?, ... })` */
export const biasAdd = /* @__PURE__ */ addArgScope(biasAddImpl, { name: "bias_add", kwargNames: BIAS_ADD_KWARGS });
/** `tf.contrib.layers.oneHotEncoding(labels, numClasses, { onValue?, offValue?, scope? })` */
export const oneHotEncoding = /* @__PURE__ */ addArgScope(oneHotEncodingImpl, {
  name: "one_hot_encoding",
  kwargNames: ONE_HOT_KWARGS,
});
/** `tf.contrib.layers.maxout(inputs, numUnits, axis?, scope?)` */
export const maxout = /* @__PURE__ */ addArgScope(maxoutImpl, {
  name: "maxout",
  kwargNames: ["numUnits", "axis", "scope"],
});

/** layers.py: `functools.partial(fully_connected, activation_fn=...)`: the other keyword arguments pass through. */
function fullyConnectedWith(activationFn: ActivationFn | null) {
  return (inputs: TensorLike, numOutputs: number, options: Omit<LayerFnOptions, "activationFn"> = {}): Tensor =>
    fullyConnected(inputs, numOutputs, { ...options, activationFn });
}

/** layers.py: linear, relu, relu6 and elu: fully_connected with that activation (none for linear). */
export const linear = fullyConnectedWith(null);
export const relu = fullyConnectedWith(nnRelu);
export const relu6 = fullyConnectedWith(nnRelu6);
export const elu = fullyConnectedWith(nnElu);
