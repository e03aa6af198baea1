// contrib/layers/python/layers/layers.py (TF 1.15): layer_norm: moments over begin_norm_axis.. and
// batch_normalization with the model variables `beta` and `gamma` of shape inputs.shape[begin_params_axis:], in the
// variable scope `LayerNorm`.
import { ValueError } from "../errors";
import { float16 } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import type { Tensor } from "../framework/tensor";
import { batchNormalization, moments } from "../ops/nn-impl";
import { convertToTensor, type TensorLike } from "../ops/op-builder";
import { positionalArgs } from "../ops/positional-args";
import { variableScope } from "../scopes/variable-scope";
import type { ReuseMode } from "../scopes/variable-store";
import { ones, zeros } from "../variables/initializers";
import type { Variable } from "../variables/variable";
import { addArgScope } from "./arg-scope";
import type { ActivationFn } from "./layers";
import {
  collectNamedOutputs,
  getVariableCollections,
  type OutputsCollections,
  type VariablesCollections,
} from "./layers-utils";
import { modelVariable } from "./variables";

export interface LayerNormOptions {
  /** Add the offset `beta` (default true). */
  center?: boolean;
  /** Multiply by `gamma` (default true). */
  scale?: boolean;
  activationFn?: ActivationFn | null;
  reuse?: ReuseMode | null;
  variablesCollections?: VariablesCollections;
  outputsCollections?: OutputsCollections;
  trainable?: boolean;
  /** The first axis normalized over (default 1; negative counts from the end). */
  beginNormAxis?: number;
  /** The first axis of beta's and gamma's shape (default -1). */
  beginParamsAxis?: number;
  scope?: string | null;
}

const LAYER_NORM_KWARGS = [
  "center",
  "scale",
  "activationFn",
  "reuse",
  "variablesCollections",
  "outputsCollections",
  "trainable",
  "beginNormAxis",
  "beginParamsAxis",
  "scope",
] as const;

/**
 * layers.py: layer_norm(inputs, center=True, scale=True, activation_fn=None, reuse=None, variables_collections=None,
 * outputs_collections=None, trainable=True, begin_norm_axis=1, begin_params_axis=-1, scope=None).
 */
function layerNormImpl(inputs: TensorLike, ...args: unknown[]): Tensor {
  const o = positionalArgs<LayerNormOptions>("layer_norm", [...LAYER_NORM_KWARGS], args);
  return getDefaultGraph().atomically(() =>
    variableScope(o.scope ?? null, { defaultName: "LayerNorm", values: [inputs], reuse: o.reuse ?? null }, (sc) => {
      const x = convertToTensor(inputs);
      const inputsShape = x.shape;
      // layers.py: layer_norm
      if (inputsShape === null) throw new ValueError(`Inputs ${x.name} has undefined rank.`);
      const rank = inputsShape.length;
      const dtype = x.dtype;
      let beginNormAxis = o.beginNormAxis ?? 1;
      const beginParamsAxis = o.beginParamsAxis ?? -1;
      if (beginNormAxis < 0) beginNormAxis = rank + beginNormAxis;
      if (beginParamsAxis >= rank || beginNormAxis >= rank) {
        // layers.py: layer_norm
        throw new ValueError(
          `begin_params_axis (${beginParamsAxis}) and begin_norm_axis (${beginNormAxis}) must be < rank(inputs) (${rank})`,
        );
      }
      // Python's inputs_shape[begin_params_axis:], a negative start counting from the end.
      const paramsShape = inputsShape.slice(
        beginParamsAxis < 0 ? Math.max(rank + beginParamsAxis, 0) : beginParamsAxis,
      );
      if (paramsShape.some((d) => d === null)) {
        // layers.py: layer_norm
        throw new ValueError(
          `Inputs ${x.name}: shape(inputs)[${beginParamsAxis}:] is not fully defined: (${inputsShape.map((d) => d ?? "?").join(", ")})`,
        );
      }
      const trainable = o.trainable ?? true;
      const param = (name: string, initializer: unknown): Variable =>
        modelVariable(name, {
          shape: paramsShape,
          dtype,
          initializer,
          collections: getVariableCollections(o.variablesCollections, name),
          trainable,
        });
      const beta = (o.center ?? true) ? param("beta", zeros()) : null;
      const gamma = (o.scale ?? true) ? param("gamma", ones()) : null;
      const normAxes = Array.from({ length: rank - beginNormAxis }, (_, i) => beginNormAxis + i);
      const [mean, variance] = moments(x, normAxes, { keepDims: true });
      // layers.py: epsilon raised for float16's range.
      const varianceEpsilon = dtype === float16 ? 1e-3 : 1e-12;
      let outputs = batchNormalization(x, mean, variance, beta, gamma, varianceEpsilon);
      outputs.setShape(inputsShape);
      if (o.activationFn) outputs = o.activationFn(outputs);
      return collectNamedOutputs(o.outputsCollections, sc.name, outputs);
    }),
  );
}

/** `tf.contrib.layers.layerNorm(inputs, { center?, scale?, beginNormAxis?, beginParamsAxis?, scope?, ... })` */
export const layerNorm = addArgScope(layerNormImpl, { name: "layer_norm", kwargNames: LAYER_NORM_KWARGS });
