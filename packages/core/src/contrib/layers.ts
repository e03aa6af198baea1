// contrib/layers/python/layers/layers.py (TF 1.15): fully_connected, convolution2d, convolution2d_transpose,
// max_pool2d, avg_pool2d, flatten, dropout, repeat, stack. Each opens TF's scope, builds the tf.layers layer with
// model variables (`weights`, `biases`), then the normalizer and activation, and collects its output.
import { ValueError } from "../errors";
import { getDefaultGraph } from "../framework/graph";
import type { Tensor } from "../framework/tensor";
import { Dense } from "../layers/core-dense";
import { Dropout } from "../layers/core-dropout";
import { flatten as coreFlatten } from "../layers/core-flatten";
import { identity } from "../ops/array-ops";
import { avgPool, maxPool } from "../ops/nn-conv-ops";
import { dropout as nnDropout } from "../ops/nn-dropout";
import { relu } from "../ops/nn-ops";
import { convertToTensor, opScope, type TensorLike } from "../ops/op-builder";
import { positionalArgs } from "../ops/positional-args";
import { variableScope } from "../scopes/variable-scope";
import type { ReuseMode } from "../scopes/variable-store";
import { zeros } from "../variables/initializers";
import { addArgScope } from "./arg-scope";
import { ContribConv2D, ContribConv2DTranspose } from "./conv-layers";
import { xavierInitializer } from "./initializers";
import {
  addVariableToCollections,
  buildVariableGetter,
  collectNamedOutputs,
  constantValue,
  type IsTraining,
  normalizeTuple,
  type OutputsCollections,
  smartCond,
  type VariablesCollections,
} from "./layers-utils";
import type { WeightsRegularizer } from "./regularizers";

export type ActivationFn = (x: Tensor) => Tensor;
export type NormalizerFn = (x: Tensor, params: any) => Tensor;

/** The keyword arguments fully_connected and the convolutions share (TF's names, camelCase). */
export interface LayerFnOptions {
  activationFn?: ActivationFn | null;
  normalizerFn?: NormalizerFn | null;
  normalizerParams?: Record<string, unknown> | null;
  weightsInitializer?: unknown;
  weightsRegularizer?: WeightsRegularizer | null;
  biasesInitializer?: unknown;
  biasesRegularizer?: WeightsRegularizer | null;
  reuse?: ReuseMode | null;
  variablesCollections?: VariablesCollections;
  outputsCollections?: OutputsCollections;
  trainable?: boolean;
  scope?: string | null;
}

const LAYER_KWARGS = [
  "activationFn",
  "normalizerFn",
  "normalizerParams",
  "weightsInitializer",
  "weightsRegularizer",
  "biasesInitializer",
  "biasesRegularizer",
  "reuse",
  "variablesCollections",
  "outputsCollections",
  "trainable",
  "scope",
] as const;

/** The normalizer, the activation (relu unless given, null for none) and the outputs collections, as TF ends each layer. */
function finish(outputs: Tensor, o: LayerFnOptions, alias: string): Tensor {
  let out = outputs;
  if (o.normalizerFn) out = o.normalizerFn(out, o.normalizerParams ?? {});
  const activation = o.activationFn === undefined ? relu : o.activationFn;
  if (activation) out = activation(out);
  return collectNamedOutputs(o.outputsCollections, alias, out);
}

const WEIGHT_RENAME = { bias: "biases", kernel: "weights" };

/**
 * layers.py: fully_connected(inputs, num_outputs, activation_fn=nn.relu, normalizer_fn=None, ...): a Dense layer in
 * the variable scope `scope` (default `fully_connected`), its variables `weights` and `biases`.
 */
function fullyConnectedImpl(inputs: TensorLike, numOutputs: number, ...args: unknown[]): Tensor {
  const o = positionalArgs<LayerFnOptions>("fully_connected", [...LAYER_KWARGS], args);
  if (!Number.isInteger(numOutputs)) {
    // layers.py: fully_connected
    throw new ValueError(
      `num_outputs type should be one of [<class 'int'>], got <class '${typeof numOutputs === "number" ? "float" : typeof numOutputs}'>.`,
    );
  }
  return getDefaultGraph().atomically(() =>
    variableScope(
      o.scope ?? null,
      {
        defaultName: "fully_connected",
        values: [inputs],
        reuse: o.reuse ?? null,
        customGetter: buildVariableGetter(WEIGHT_RENAME),
      },
      (sc) => {
        const x = convertToTensor(inputs);
        const biasesInitializer = o.biasesInitializer === undefined ? zeros() : o.biasesInitializer;
        const layer = new Dense(numOutputs, {
          activation: null,
          useBias: !o.normalizerFn && Boolean(biasesInitializer),
          kernelInitializer: o.weightsInitializer === undefined ? xavierInitializer() : o.weightsInitializer,
          biasInitializer: biasesInitializer,
          kernelRegularizer: o.weightsRegularizer ?? null,
          biasRegularizer: o.biasesRegularizer ?? null,
          trainable: o.trainable ?? true,
          name: sc.name,
          dtype: x.dtype,
          _scope: sc,
          _reuse: o.reuse ?? null,
        });
        const outputs = layer.apply(x);
        addVariableToCollections(layer.kernel, o.variablesCollections, "weights");
        if (layer.bias) addVariableToCollections(layer.bias, o.variablesCollections, "biases");
        return finish(outputs, o, sc.originalNameScope);
      },
    ),
  );
}

export interface ConvFnOptions extends LayerFnOptions {
  stride?: number | number[];
  padding?: string;
  dataFormat?: string | null;
  rate?: number | number[];
}

const CONV_KWARGS = ["stride", "padding", "dataFormat", "rate", ...LAYER_KWARGS] as const;

function convolution(
  fnName: string,
  transpose: boolean,
  inputs: TensorLike,
  numOutputs: number,
  kernelSize: number | number[],
  args: unknown[],
): Tensor {
  const names = transpose ? CONV_KWARGS.filter((n) => n !== "rate") : [...CONV_KWARGS];
  const o = positionalArgs<ConvFnOptions>(fnName, names as (keyof ConvFnOptions & string)[], args);
  const dataFormat = o.dataFormat ?? "NHWC";
  if (!["NHWC", "NCHW"].includes(dataFormat)) {
    // layers.py: convolution / convolution2d_transpose
    throw new ValueError(
      transpose ? "data_format has to be either NCHW or NHWC." : `Invalid data_format: '${dataFormat}'`,
    );
  }
  const rate = normalizeTuple(o.rate ?? 1, 2, "dilation_rate");
  return getDefaultGraph().atomically(() =>
    variableScope(
      o.scope ?? null,
      {
        defaultName: transpose ? "Conv2d_transpose" : "Conv",
        values: [inputs],
        reuse: o.reuse ?? null,
        customGetter: buildVariableGetter(WEIGHT_RENAME),
      },
      (sc) => {
        const x = convertToTensor(inputs);
        const rank = x.shape === null ? null : x.shape.length;
        if (!transpose && rank !== 4) {
          // layers.py: convolution
          throw new ValueError(`Convolution expects input with rank 4, got ${rank}`);
        }
        const biasesInitializer = o.biasesInitializer === undefined ? zeros() : o.biasesInitializer;
        const Cls = transpose ? ContribConv2DTranspose : ContribConv2D;
        const layer = new Cls({
          filters: numOutputs,
          kernelSize: normalizeTuple(kernelSize, 2, "kernel_size"),
          strides: normalizeTuple(o.stride ?? 1, 2, "strides"),
          dilationRate: rate,
          padding: o.padding ?? "SAME",
          dataFormat: dataFormat === "NCHW" ? "channels_first" : "channels_last",
          useBias: !o.normalizerFn && Boolean(biasesInitializer),
          kernelInitializer: o.weightsInitializer === undefined ? xavierInitializer() : o.weightsInitializer,
          biasInitializer: biasesInitializer,
          kernelRegularizer: o.weightsRegularizer ?? null,
          biasRegularizer: o.biasesRegularizer ?? null,
          trainable: o.trainable ?? true,
          name: sc.name,
          dtype: x.dtype,
          _scope: sc,
          _reuse: o.reuse ?? null,
        });
        const outputs = layer.apply(x);
        addVariableToCollections(layer.kernel, o.variablesCollections, "weights");
        if (layer.bias) addVariableToCollections(layer.bias, o.variablesCollections, "biases");
        return finish(outputs, o, sc.originalNameScope);
      },
    ),
  );
}

/** layers.py: convolution2d(inputs, num_outputs, kernel_size, stride=1, padding='SAME', data_format=None, rate=1, ...) */
function convolution2dImpl(
  inputs: TensorLike,
  numOutputs: number,
  kernelSize: number | number[],
  ...args: unknown[]
): Tensor {
  return convolution("convolution2d", false, inputs, numOutputs, kernelSize, args);
}

/** layers.py: convolution2d_transpose(inputs, num_outputs, kernel_size, stride=1, padding='SAME', data_format=NHWC, ...) */
function convolution2dTransposeImpl(
  inputs: TensorLike,
  numOutputs: number,
  kernelSize: number | number[],
  ...args: unknown[]
): Tensor {
  return convolution("convolution2d_transpose", true, inputs, numOutputs, kernelSize, args);
}

export interface PoolFnOptions {
  stride?: number | number[];
  padding?: string;
  dataFormat?: string;
  outputsCollections?: OutputsCollections;
  scope?: string | null;
}

const POOL_KWARGS = ["stride", "padding", "dataFormat", "outputsCollections", "scope"] as const;

/**
 * layers.py: max_pool2d / avg_pool2d(inputs, kernel_size, stride=2, padding='VALID', data_format=NHWC, ...): the
 * tf.layers pooling layer in the name scope `MaxPool2D` / `AvgPool2D`, which is one `MaxPool` / `AvgPool` op.
 */
function pool2d(kind: "MaxPool2D" | "AvgPool2D", inputs: TensorLike, kernelSize: number | number[], args: unknown[]) {
  const fnName = kind === "MaxPool2D" ? "max_pool2d" : "avg_pool2d";
  const o = positionalArgs<PoolFnOptions>(fnName, [...POOL_KWARGS], args);
  const dataFormat = o.dataFormat ?? "NHWC";
  if (dataFormat !== "NCHW" && dataFormat !== "NHWC") {
    // layers.py: max_pool2d / avg_pool2d
    throw new ValueError("data_format has to be either NCHW or NHWC.");
  }
  return getDefaultGraph().atomically(() =>
    opScope(o.scope ?? null, kind, [inputs], (sc) => {
      const x = convertToTensor(inputs);
      const [ph, pw] = normalizeTuple(kernelSize, 2, "pool_size");
      const [sh, sw] = normalizeTuple(o.stride ?? 2, 2, "strides");
      const nchw = dataFormat.startsWith("NC");
      const ksize = nchw ? [1, 1, ph, pw] : [1, ph, pw, 1];
      const strides = nchw ? [1, 1, sh, sw] : [1, sh, sw, 1];
      const padding = (o.padding ?? "VALID").toUpperCase();
      const pool = kind === "MaxPool2D" ? maxPool : avgPool;
      const outputs = pool(x, ksize, strides, padding, { dataFormat });
      return collectNamedOutputs(o.outputsCollections, sc, outputs);
    }),
  );
}

function maxPool2dImpl(inputs: TensorLike, kernelSize: number | number[], ...args: unknown[]): Tensor {
  return pool2d("MaxPool2D", inputs, kernelSize, args);
}

function avgPool2dImpl(inputs: TensorLike, kernelSize: number | number[], ...args: unknown[]): Tensor {
  return pool2d("AvgPool2D", inputs, kernelSize, args);
}

export interface FlattenFnOptions {
  outputsCollections?: OutputsCollections;
  scope?: string | null;
}

/** layers.py: flatten(inputs, outputs_collections=None, scope=None): tf.layers' flatten in the name scope `Flatten`. */
function flattenImpl(inputs: TensorLike, ...args: unknown[]): Tensor {
  const o = positionalArgs<FlattenFnOptions>("flatten", ["outputsCollections", "scope"], args);
  return getDefaultGraph().atomically(() =>
    opScope(o.scope ?? null, "Flatten", [inputs], (sc) => {
      const outputs = coreFlatten(convertToTensor(inputs));
      return collectNamedOutputs(o.outputsCollections, sc, outputs);
    }),
  );
}

export interface DropoutFnOptions {
  keepProb?: TensorLike;
  noiseShape?: readonly (number | null)[] | null;
  isTraining?: IsTraining;
  outputsCollections?: OutputsCollections;
  scope?: string | null;
  seed?: number | null;
}

/**
 * layers.py: dropout(inputs, keep_prob=0.5, noise_shape=None, is_training=True, outputs_collections=None,
 * scope=None, seed=None): tf.layers' Dropout (rate `1 - keep_prob`) in the variable scope `Dropout`.
 */
function dropoutImpl(inputs: TensorLike, ...args: unknown[]): Tensor {
  const o = positionalArgs<DropoutFnOptions>(
    "dropout",
    ["keepProb", "noiseShape", "isTraining", "outputsCollections", "scope", "seed"],
    args,
  );
  return getDefaultGraph().atomically(() =>
    variableScope(
      o.scope ?? null,
      { defaultName: "Dropout", values: [inputs], customGetter: buildVariableGetter() },
      (sc) => {
        const x = convertToTensor(inputs);
        const keepProb = o.keepProb ?? 0.5;
        const rate = typeof keepProb === "number" ? 1 - keepProb : convertToTensor(1).sub(keepProb as Tensor);
        const layer = new Dropout(rate, {
          noiseShape: o.noiseShape ?? null,
          seed: o.seed ?? null,
          name: sc.name,
          _scope: sc,
        });
        const isTraining = o.isTraining ?? true;
        let outputs: Tensor;
        if (constantValue(isTraining) === null) {
          // keras' Dropout.call: smart_cond(training, dropped_inputs, identity) in the layer's name scope, which is
          // this scope's; tf.layers' Dropout here takes only values known now, so the cond is built in its place.
          const noiseShape = o.noiseShape ?? null;
          if (noiseShape?.some((d) => d === null)) {
            throw new ValueError(
              "dropout(): a noise_shape with None entries and a run-time is_training are not supported by scopeflow yet.",
            );
          }
          outputs = smartCond(
            isTraining,
            () => nnDropout(x, { noiseShape: noiseShape as number[] | null, seed: o.seed ?? null, rate }),
            () => identity(x),
          );
        } else {
          outputs = layer.apply(x, { training: constantValue(isTraining) as boolean });
        }
        return collectNamedOutputs(o.outputsCollections, sc.name, outputs);
      },
    ),
  );
}

type LayerFunction = (inputs: Tensor, ...args: any[]) => Tensor;

function splitKwargs(args: unknown[]): [unknown[], Record<string, unknown>] {
  const last = args.at(-1);
  if (last !== null && typeof last === "object" && Object.getPrototypeOf(last) === Object.prototype) {
    return [args.slice(0, -1), { ...(last as Record<string, unknown>) }];
  }
  return [args, {}];
}

/**
 * layers.py: repeat(inputs, repetitions, layer, *args, **kwargs): `layer` applied `repetitions` times in the
 * variable scope `scope` (default `Repeat`), each call with scope `<scope>_<i>` (`<scope>` the layer's name
 * unless given): `repeat(x, 3, slim.conv2d, 64, [3, 3], { scope: "conv1" })` makes `conv1/conv1_1/weights`, ...
 */
export function repeat(inputs: TensorLike, repetitions: number, layer: LayerFunction, ...args: unknown[]): Tensor {
  const [positional, kwargs] = splitKwargs(args);
  const scope = (kwargs.scope as string | null | undefined) ?? null;
  delete kwargs.scope;
  return getDefaultGraph().atomically(() =>
    variableScope(scope, { defaultName: "Repeat", values: [inputs] }, () => {
      let outputs = convertToTensor(inputs);
      const base = scope ?? (layer.name || "repeat");
      for (let i = 0; i < repetitions; i++) {
        outputs = layer(outputs, ...positional, { ...kwargs, scope: `${base}_${i + 1}` });
      }
      return outputs;
    }),
  );
}

/**
 * layers.py: stack(inputs, layer, stack_args, **kwargs): `layer` applied once per entry of `stackArgs` (its
 * positional arguments), in the variable scope `scope` (default `Stack`), each call with scope `<scope>_<i>`.
 */
export function stack(
  inputs: TensorLike,
  layer: LayerFunction,
  stackArgs: readonly unknown[],
  kwargs: Record<string, unknown> = {},
): Tensor {
  const { scope = null, ...rest } = kwargs as { scope?: string | null };
  if (!Array.isArray(stackArgs)) {
    // layers.py: stack
    throw new ValueError("stack_args need to be a list or tuple");
  }
  return getDefaultGraph().atomically(() =>
    variableScope(scope, { defaultName: "Stack", values: [inputs] }, () => {
      let outputs = convertToTensor(inputs);
      const base = scope ?? (layer.name || "stack");
      stackArgs.forEach((entry, i) => {
        const layerArgs = Array.isArray(entry) ? entry : [entry];
        outputs = layer(outputs, ...layerArgs, { ...rest, scope: `${base}_${i + 1}` });
      });
      return outputs;
    }),
  );
}

/** `slim.fullyConnected(inputs, numOutputs, { activationFn?, weightsInitializer?, scope?, ... })` (arg-scoped). */
export const fullyConnected = /* @__PURE__ */ addArgScope(fullyConnectedImpl, {
  name: "fully_connected",
  kwargNames: LAYER_KWARGS,
});
/** `slim.conv2d(inputs, numOutputs, kernelSize, stride?, padding?, { ... })` (convolution2d; arg-scoped). */
export const conv2d = /* @__PURE__ */ addArgScope(convolution2dImpl, {
  name: "convolution2d",
  kwargNames: CONV_KWARGS,
});
/** `slim.conv2dTranspose(inputs, numOutputs, kernelSize, stride?, padding?, { ... })` (arg-scoped). */
export const conv2dTranspose = /* @__PURE__ */ addArgScope(convolution2dTransposeImpl, {
  name: "convolution2d_transpose",
  kwargNames: /* @__PURE__ */ CONV_KWARGS.filter((n) => n !== "rate"),
});
/** `slim.maxPool2d(inputs, kernelSize, stride = 2, padding = "VALID", { dataFormat?, outputsCollections?, scope? })` */
export const maxPool2d = /* @__PURE__ */ addArgScope(maxPool2dImpl, { name: "max_pool2d", kwargNames: POOL_KWARGS });
/** `slim.avgPool2d(inputs, kernelSize, stride = 2, padding = "VALID", { ... })` */
export const avgPool2d = /* @__PURE__ */ addArgScope(avgPool2dImpl, { name: "avg_pool2d", kwargNames: POOL_KWARGS });
/** `slim.flatten(inputs, { outputsCollections?, scope? })` */
export const flatten = /* @__PURE__ */ addArgScope(flattenImpl, {
  name: "flatten",
  kwargNames: ["outputsCollections", "scope"],
});
/** `slim.dropout(inputs, keepProb = 0.5, { noiseShape?, isTraining?, outputsCollections?, scope?, seed? })` */
export const dropout = /* @__PURE__ */ addArgScope(dropoutImpl, {
  name: "dropout",
  kwargNames: ["keepProb", "noiseShape", "isTraining", "outputsCollections", "scope", "seed"],
});
