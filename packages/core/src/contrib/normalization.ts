// contrib/layers/python/layers/normalization.py (TF 1.15): instance_norm and group_norm, with the model variables
// `beta` and `gamma` in the variable scopes `InstanceNorm` and `GroupNorm`.
import { ValueError } from "../errors";
import { getDefaultGraph } from "../framework/graph";
import type { Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { reshape, shape as shapeOf } from "../ops/array-ops";
import { rsqrt } from "../ops/math-ops";
import { batchNormalization, moments } from "../ops/nn-impl";
import { normalizeMoments, sufficientStatistics } from "../ops/nn-impl-stats";
import { convertToTensor, type TensorLike } from "../ops/op-builder";
import { add, mul, neg } from "../ops/operators";
import { positionalArgs } from "../ops/positional-args";
import { indexTensor } from "../ops/tensor-index";
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

/** The keyword arguments instance_norm and group_norm share. */
export interface NormOptions {
  center?: boolean;
  scale?: boolean;
  epsilon?: number;
  activationFn?: ActivationFn | null;
  /** Initializers for `beta` and `gamma` (default zeros and ones). */
  paramInitializers?: { beta?: unknown; gamma?: unknown } | null;
  reuse?: ReuseMode | null;
  variablesCollections?: VariablesCollections;
  outputsCollections?: OutputsCollections;
  trainable?: boolean;
  scope?: string | null;
}

export interface InstanceNormOptions extends NormOptions {
  dataFormat?: "NHWC" | "NCHW";
}

export interface GroupNormOptions extends NormOptions {
  groups?: number;
  channelsAxis?: number;
  reductionAxes?: readonly number[];
  /** The one-pass moments (sufficient statistics), better when the mean is close to zero (default false). */
  meanCloseToZero?: boolean;
}

const NORM_KWARGS = [
  "center",
  "scale",
  "epsilon",
  "activationFn",
  "paramInitializers",
  "reuse",
  "variablesCollections",
  "outputsCollections",
  "trainable",
] as const;
const INSTANCE_NORM_KWARGS = [...NORM_KWARGS, "dataFormat", "scope"] as const;
const GROUP_NORM_KWARGS = [
  "groups",
  "channelsAxis",
  "reductionAxes",
  ...NORM_KWARGS,
  "scope",
  "meanCloseToZero",
] as const;

/** normalization.py: `beta` (zeros) and `gamma` (ones) model variables of `paramsShape`, as center/scale ask. */
function betaGamma(o: NormOptions, paramsShape: number[], x: Tensor): [Variable | null, Variable | null] {
  const initializers = o.paramInitializers ?? {};
  const param = (name: "beta" | "gamma", fallback: unknown): Variable =>
    modelVariable(name, {
      shape: paramsShape,
      dtype: x.dtype,
      initializer: (Object.hasOwn(initializers, name) ? initializers[name] : undefined) ?? fallback,
      collections: getVariableCollections(o.variablesCollections, name),
      trainable: o.trainable ?? true,
    });
  const beta = (o.center ?? true) ? param("beta", zeros()) : null;
  const gamma = (o.scale ?? true) ? param("gamma", ones()) : null;
  return [beta, gamma];
}

function dimsText(shape: Shape): string {
  // TensorShape's str: "(?,)" for one unknown dimension.
  return shape === null ? "<unknown>" : `(${shape.map((d) => d ?? "?").join(", ")}${shape.length === 1 ? "," : ""})`;
}

/** normalization.py (mean_close_to_zero): nn.sufficient_statistics then nn.normalize_moments, shift None. */
function onePassMoments(x: Tensor, axes: number[]): [Tensor, Tensor] {
  const [counts, meansSs, varianceSs] = sufficientStatistics(x, axes, { keepDims: true });
  return normalizeMoments(counts, meansSs, varianceSs, null);
}

/**
 * normalization.py: instance_norm(inputs, center=True, scale=True, epsilon=1e-6, activation_fn=None,
 * param_initializers=None, reuse=None, variables_collections=None, outputs_collections=None, trainable=True,
 * data_format='NHWC', scope=None): moments over every axis but the batch and channel axes.
 */
function instanceNormImpl(inputs: TensorLike, ...args: unknown[]): Tensor {
  const o = positionalArgs<InstanceNormOptions>("instance_norm", [...INSTANCE_NORM_KWARGS], args);
  return getDefaultGraph().atomically(() => {
    const x = convertToTensor(inputs);
    const inputsShape = x.shape;
    // normalization.py: instance_norm
    if (inputsShape === null) throw new ValueError(`Inputs ${x.name} has undefined rank.`);
    const dataFormat = o.dataFormat ?? "NHWC";
    if (dataFormat !== "NCHW" && dataFormat !== "NHWC")
      throw new ValueError("data_format has to be either NCHW or NHWC.");
    const rank = inputsShape.length;
    return variableScope(
      o.scope ?? null,
      { defaultName: "InstanceNorm", values: [x], reuse: o.reuse ?? null },
      (sc) => {
        const nchw = dataFormat === "NCHW";
        const reductionAxis = nchw ? 1 : rank - 1;
        const paramsShape = inputsShape.slice(reductionAxis, reductionAxis + 1);
        if (paramsShape.length === 0 || paramsShape.some((d) => d === null)) {
          throw new ValueError(`Inputs ${x.name} has undefined channels dimension ${dimsText(paramsShape)}.`);
        }
        const momentsAxes = Array.from({ length: rank }, (_, i) => i).filter((i) => i !== reductionAxis && i !== 0);
        const broadcast = nchw ? [1, inputsShape[1] as number, ...Array.from({ length: rank - 2 }, () => 1)] : null;
        const [betaVar, gammaVar] = betaGamma(o, paramsShape as number[], x);
        const beta = betaVar && broadcast ? reshape(betaVar, broadcast) : betaVar;
        const gamma = gammaVar && broadcast ? reshape(gammaVar, broadcast) : gammaVar;
        const [mean, variance] = moments(x, momentsAxes, { keepDims: true });
        let outputs = batchNormalization(x, mean, variance, beta, gamma, o.epsilon ?? 1e-6, "instancenorm");
        if (o.activationFn) outputs = o.activationFn(outputs);
        return collectNamedOutputs(o.outputsCollections, sc.name, outputs);
      },
    );
  });
}

/**
 * normalization.py: group_norm(inputs, groups=32, channels_axis=-1, reduction_axes=(-3, -2), center=True,
 * scale=True, epsilon=1e-6, activation_fn=None, param_initializers=None, reuse=None, variables_collections=None,
 * outputs_collections=None, trainable=True, scope=None): the channels split into groups, moments per group over
 * the reduction axes. The reshape into groups is made before the variable scope opens, as TF makes it.
 */
function groupNormImpl(inputs: TensorLike, ...args: unknown[]): Tensor {
  const o = positionalArgs<GroupNormOptions>("group_norm", [...GROUP_NORM_KWARGS], args);
  return getDefaultGraph().atomically(() => {
    const x = convertToTensor(inputs);
    const shape = x.shape;
    // normalization.py: group_norm
    if (shape === null) throw new ValueError(`Inputs ${x.name} has undefined rank.`);
    const rank = shape.length;
    let channelsAxis = o.channelsAxis ?? -1;
    if (channelsAxis > rank - 1) throw new ValueError("Axis is out of bounds.");
    const dynamicShape = shapeOf(x);
    const inputShapeList: (number | Tensor)[] = shape.map((d, i) => (d === null ? indexTensor(dynamicShape, i) : d));
    if (channelsAxis < 0) channelsAxis = rank + channelsAxis;
    const channels = shape[channelsAxis];
    if (channels === null || channels === undefined) {
      throw new ValueError(`Inputs ${x.name} has undefined channel dimension: ${channelsAxis}.`);
    }
    const reductionAxes = [...(o.reductionAxes ?? [-3, -2])].map((a) => (a < 0 ? a + rank : a));
    for (const a of reductionAxes) {
      if (a > rank) throw new ValueError("Axis is out of bounds.");
      if (shape[a] === null) throw new ValueError(`Inputs ${x.name} has undefined dimensions ${a}.`);
      if (channelsAxis === a) throw new ValueError("reduction_axis must be mutually exclusive with channels_axis");
    }
    const groups = o.groups ?? 32;
    if (groups > channels) throw new ValueError(`Invalid groups ${groups} for ${channels} channels.`);
    if (channels % groups !== 0) {
      throw new ValueError(`${channels} channels is not commensurate with ${groups} groups.`);
    }
    const before = inputShapeList.slice(0, channelsAxis);
    const after = inputShapeList.slice(channelsAxis + 1);
    const paramsShapeBroadcast = [...before.map(() => 1), groups, channels / groups, ...after.map(() => 1)];
    const grouped = reshape(x, [...before, groups, channels / groups, ...after]);
    const momentsAxes = [channelsAxis + 1, ...reductionAxes.map((a) => (a > channelsAxis ? a + 1 : a))];
    return variableScope(
      o.scope ?? null,
      { defaultName: "GroupNorm", values: [grouped], reuse: o.reuse ?? null },
      (sc) => {
        const [betaVar, gammaVar] = betaGamma(o, [channels], grouped);
        const beta = betaVar ? reshape(betaVar, paramsShapeBroadcast) : null;
        const gamma = gammaVar ? reshape(gammaVar, paramsShapeBroadcast) : null;
        const [mean, variance] = o.meanCloseToZero
          ? onePassMoments(grouped, momentsAxes)
          : moments(grouped, momentsAxes, { keepDims: true });
        // normalization.py: gain = rsqrt(variance + epsilon); offset = -mean * gain; ... (Python operators).
        let gain = rsqrt(add(variance, o.epsilon ?? 1e-6));
        let offset = mul(neg(mean), gain);
        if (gamma !== null) {
          gain = mul(gain, gamma);
          offset = mul(offset, gamma);
        }
        if (beta !== null) offset = add(offset, beta);
        let outputs = add(mul(grouped, gain), offset);
        outputs = reshape(outputs, inputShapeList);
        if (o.activationFn) outputs = o.activationFn(outputs);
        return collectNamedOutputs(o.outputsCollections, sc.name, outputs);
      },
    );
  });
}

/** `tf.contrib.layers.instanceNorm(inputs, { center?, scale?, epsilon?, dataFormat?, scope?, ... })` */
export const instanceNorm = /* @__PURE__ */ addArgScope(instanceNormImpl, {
  name: "instance_norm",
  kwargNames: INSTANCE_NORM_KWARGS,
});

/** `tf.contrib.layers.groupNorm(inputs, { groups?, channelsAxis?, reductionAxes?, ... })` */
export const groupNorm = /* @__PURE__ */ addArgScope(groupNormImpl, {
  name: "group_norm",
  kwargNames: GROUP_NORM_KWARGS,
});
