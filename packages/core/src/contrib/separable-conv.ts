// contrib/layers/python/layers/layers.py (TF 1.15): separable_convolution2d. With num_outputs, tf.layers'
// SeparableConv2D in the variable scope `SeparableConv2d` whose getter renames its weights (`depthwise_weights`,
// `pointwise_weights`, `biases`); with num_outputs null, only the depthwise convolution (nn.depthwise_conv2d) over
// the model variable `depthwise_weights`, then `biases`.
import { ValueError } from "../errors";
import { getDefaultGraph } from "../framework/graph";
import type { Tensor } from "../framework/tensor";
import { SeparableConv2D } from "../layers/convolutional";
import { depthwiseConv2d } from "../ops/nn-depthwise-ops";
import { biasAdd, relu } from "../ops/nn-ops";
import { convertToTensor, type TensorLike } from "../ops/op-builder";
import { positionalArgs } from "../ops/positional-args";
import { variableScope } from "../scopes/variable-scope";
import { zeros } from "../variables/initializers";
import { addArgScope } from "./arg-scope";
import { xavierInitializer } from "./initializers";
import type { ConvFnOptions } from "./layers";
import {
  addVariableToCollections,
  buildVariableGetter,
  collectNamedOutputs,
  getVariableCollections,
  normalizeTuple,
} from "./layers-utils";
import { modelVariable } from "./variables";

export interface SeparableConvFnOptions extends ConvFnOptions {
  depthMultiplier?: number;
  /** The pointwise kernel's initializer (weightsInitializer when not given). */
  pointwiseInitializer?: unknown;
}

const SEPARABLE_KWARGS = [
  "depthMultiplier",
  "stride",
  "padding",
  "dataFormat",
  "rate",
  "activationFn",
  "normalizerFn",
  "normalizerParams",
  "weightsInitializer",
  "pointwiseInitializer",
  "weightsRegularizer",
  "biasesInitializer",
  "biasesRegularizer",
  "reuse",
  "variablesCollections",
  "outputsCollections",
  "trainable",
  "scope",
] as const;

const SEPARABLE_RENAME = {
  bias: "biases",
  depthwise_kernel: "depthwise_weights",
  pointwise_kernel: "pointwise_weights",
};

/** utils.py: channel_dimension(shape, data_format, min_rank=4) */
function channelDimension(x: Tensor, channelsFirst: boolean): number {
  const dims = x.shape;
  // utils.py: _get_dimension
  if (dims === null) throw new ValueError("dims of shape must be known but is None");
  if (dims.length < 4) throw new ValueError(`rank of shape must be at least 4 not: ${dims.length}`);
  const dim = channelsFirst ? 1 : -1;
  const value = dims.at(dim) ?? null;
  if (value === null) {
    const shape = `(${dims.map((d) => d ?? "?").join(", ")})`;
    throw new ValueError(`dimension ${dim} of shape must be known but is None: ${shape}`);
  }
  return value;
}

/**
 * layers.py: separable_convolution2d(inputs, num_outputs, kernel_size, depth_multiplier=1, stride=1, padding='SAME',
 * data_format=DATA_FORMAT_NHWC, rate=1, activation_fn=nn.relu, normalizer_fn=None, normalizer_params=None,
 * weights_initializer=xavier_initializer(), pointwise_initializer=None, weights_regularizer=None,
 * biases_initializer=zeros_initializer(), biases_regularizer=None, reuse=None, variables_collections=None,
 * outputs_collections=None, trainable=True, scope=None).
 */
function separableConvolution2dImpl(
  inputs: TensorLike,
  numOutputs: number | null,
  kernelSize: number | number[],
  ...args: unknown[]
): Tensor {
  const o = positionalArgs<SeparableConvFnOptions>("separable_convolution2d", [...SEPARABLE_KWARGS], args);
  const dataFormat = o.dataFormat ?? "NHWC";
  const channelsFirst = dataFormat.startsWith("NC");
  const depthMultiplier = o.depthMultiplier ?? 1;
  const rate = normalizeTuple(o.rate ?? 1, 2, "dilation_rate");
  const weightsInitializer = o.weightsInitializer === undefined ? xavierInitializer() : o.weightsInitializer;
  const pointwiseInitializer = o.pointwiseInitializer ?? weightsInitializer;
  const biasesInitializer = o.biasesInitializer === undefined ? zeros() : o.biasesInitializer;
  const trainable = o.trainable ?? true;
  return getDefaultGraph().atomically(() =>
    variableScope(
      o.scope ?? null,
      {
        defaultName: "SeparableConv2d",
        values: [inputs],
        reuse: o.reuse ?? null,
        customGetter: buildVariableGetter(SEPARABLE_RENAME),
      },
      (sc) => {
        const x = convertToTensor(inputs);
        let outputs: Tensor;
        if (numOutputs !== null && numOutputs !== undefined) {
          const layer = new SeparableConv2D(numOutputs, normalizeTuple(kernelSize, 2, "kernel_size"), {
            strides: normalizeTuple(o.stride ?? 1, 2, "strides"),
            padding: o.padding ?? "SAME",
            dataFormat: channelsFirst ? "channels_first" : "channels_last",
            dilationRate: rate,
            activation: null,
            depthMultiplier,
            useBias: !o.normalizerFn && Boolean(biasesInitializer),
            depthwiseInitializer: weightsInitializer,
            pointwiseInitializer,
            biasInitializer: biasesInitializer,
            depthwiseRegularizer: o.weightsRegularizer ?? null,
            pointwiseRegularizer: o.weightsRegularizer ?? null,
            biasRegularizer: o.biasesRegularizer ?? null,
            trainable,
            name: sc.name,
            dtype: x.dtype,
            _scope: sc,
            _reuse: o.reuse ?? null,
          });
          outputs = layer.apply(x);
          addVariableToCollections(layer.depthwiseKernel, o.variablesCollections, "weights");
          addVariableToCollections(layer.pointwiseKernel, o.variablesCollections, "weights");
          if (layer.bias) addVariableToCollections(layer.bias, o.variablesCollections, "biases");
          if (o.normalizerFn) outputs = o.normalizerFn(outputs, o.normalizerParams ?? {});
        } else {
          // layers.py: "Actually apply depthwise conv instead of separable conv."
          const [kh, kw] = normalizeTuple(kernelSize, 2, "kernel_size");
          const [sh, sw] = normalizeTuple(o.stride ?? 1, 2, "strides");
          const numFiltersIn = channelDimension(x, channelsFirst);
          const depthwiseWeights = modelVariable("depthwise_weights", {
            shape: [kh, kw, numFiltersIn, depthMultiplier],
            dtype: x.dtype,
            initializer: weightsInitializer,
            regularizer: o.weightsRegularizer ?? null,
            trainable,
            collections: getVariableCollections(o.variablesCollections, "weights"),
          });
          const strides = channelsFirst ? [1, 1, sh, sw] : [1, sh, sw, 1];
          outputs = depthwiseConv2d(x, depthwiseWeights, strides, o.padding ?? "SAME", { rate, dataFormat });
          const numFilters = depthMultiplier * numFiltersIn;
          if (o.normalizerFn) outputs = o.normalizerFn(outputs, o.normalizerParams ?? {});
          else if (biasesInitializer !== null) {
            const biases = modelVariable("biases", {
              shape: [numFilters],
              dtype: x.dtype,
              initializer: biasesInitializer,
              regularizer: o.biasesRegularizer ?? null,
              trainable,
              collections: getVariableCollections(o.variablesCollections, "biases"),
            });
            outputs = biasAdd(outputs, biases, { dataFormat });
          }
        }
        const activation = o.activationFn === undefined ? relu : o.activationFn;
        if (activation) outputs = activation(outputs);
        return collectNamedOutputs(o.outputsCollections, sc.name, outputs);
      },
    ),
  );
}

/** `slim.separableConv2d(inputs, numOutputs | null, kernelSize, depthMultiplier?, stride?, { ... })` (arg-scoped). */
export const separableConv2d = addArgScope(separableConvolution2dImpl, {
  name: "separable_convolution2d",
  kwargNames: SEPARABLE_KWARGS,
});
