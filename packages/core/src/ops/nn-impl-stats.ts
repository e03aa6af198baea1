// nn_impl.py (TF 1.15): sufficient_statistics, normalize_moments, weighted_moments and zero_fraction, composites of
// math ops with TF's scopes and names (their gradients come from their parts).
import { float16, float32, int32, int64 } from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import { constant, identity, shape, size, squeeze, zeros, zerosLike } from "./array-ops";
import { cond } from "./cond";
import {
  add as addOp,
  cast,
  lessEqual,
  multiply,
  notEqual,
  reciprocal,
  square,
  squaredDifference,
  subtract,
} from "./math-ops";
import { deprecatedArgumentLookup } from "./nn-impl";
import { convertToTensor, opScope, type TensorLike } from "./op-builder";
import { add, mul, sub, truediv } from "./operators";
import { positionalArgs } from "./positional-args";
import { reduceProd, reduceSum } from "./reduction-ops";
import { gather } from "./slicing-ops";

export interface SufficientStatisticsOptions {
  shift?: TensorLike | null;
  keepDims?: boolean | null;
  name?: string | null;
  /** TF's newer spelling of keep_dims. */
  keepdims?: boolean | null;
}

/** Python's `list(set(axes))` for the small non-negative ints axes are: sorted, without repeats. */
const uniqueAxes = (axes: number | readonly number[]) =>
  [...new Set(typeof axes === "number" ? [axes] : axes)].sort((a, b) => a - b);

/**
 * nn_impl.py: sufficient_statistics(x, axes, shift=None, keep_dims=None, name=None, keepdims=None): in scope
 * `sufficient_statistics`, the count (a Const when the reduced dims are known, else the Prod `count` of the gathered
 * shape), the shifted sum `mean_ss` and sum of squares `var_ss`. Returns `[count, meanSs, varSs, shift]`.
 */
export function sufficientStatistics(
  x: TensorLike,
  axes: number | readonly number[],
  shift?: TensorLike | null | SufficientStatisticsOptions,
  keepDims?: boolean | null | SufficientStatisticsOptions,
  name?: string | null | SufficientStatisticsOptions,
): [Tensor, Tensor, Tensor, Tensor | null] {
  const opts = positionalArgs<SufficientStatisticsOptions>(
    "sufficient_statistics",
    ["shift", "keepDims", "name"],
    [shift, keepDims, name],
  );
  const keep = deprecatedArgumentLookup("keepdims", opts.keepdims, "keep_dims", opts.keepDims) ?? false;
  const axesList = uniqueAxes(axes);
  return opScope(opts.name, "sufficient_statistics", [x, opts.shift], () => {
    const t = convertToTensor(x, { name: "x" });
    const dims = t.shape;
    let counts: Tensor;
    if (dims !== null && axesList.every((d) => dims.at(d) !== null && dims.at(d) !== undefined)) {
      const n = axesList.reduce((acc, d) => acc * (dims.at(d) as number), 1);
      counts = constant(n, { dtype: t.dtype });
    } else {
      const xDims = gather(cast(shape(t), t.dtype), axesList);
      counts = reduceProd(xDims, undefined, undefined, "count");
    }
    let mSs = t;
    let vSs: Tensor;
    let shiftTensor: Tensor | null = null;
    if (opts.shift !== null && opts.shift !== undefined) {
      shiftTensor = convertToTensor(opts.shift, { name: "shift" });
      mSs = subtract(t, shiftTensor);
      vSs = squaredDifference(t, shiftTensor);
    } else {
      vSs = square(t);
    }
    return [
      counts,
      reduceSum(mSs, axesList, keep, "mean_ss"),
      reduceSum(vSs, axesList, keep, "var_ss"),
      shiftTensor,
    ] as [Tensor, Tensor, Tensor, Tensor | null];
  });
}

/**
 * nn_impl.py: normalize_moments(counts, mean_ss, variance_ss, shift, name=None): in scope `normalize`, the mean
 * (`mean`, after `shifted_mean` when shifted) and the variance (`variance`). Returns `[mean, variance]`.
 */
export function normalizeMoments(
  counts: TensorLike,
  meanSs: TensorLike,
  varianceSs: TensorLike,
  shift: TensorLike | null,
  name?: string | null,
): [Tensor, Tensor] {
  return opScope(name, "normalize", [counts, meanSs, varianceSs, shift], () => {
    const divisor = reciprocal(counts, "divisor");
    let shiftedMean: Tensor;
    let mean: Tensor;
    if (shift !== null && shift !== undefined) {
      shiftedMean = multiply(meanSs, divisor, "shifted_mean");
      mean = addOp(shiftedMean, shift, "mean");
    } else {
      shiftedMean = multiply(meanSs, divisor, "mean");
      mean = shiftedMean;
    }
    const variance = subtract(multiply(varianceSs, divisor), square(shiftedMean), "variance");
    return [mean, variance] as [Tensor, Tensor];
  });
}

export interface WeightedMomentsOptions {
  name?: string | null;
  keepDims?: boolean | null;
  /** TF's newer spelling of keep_dims. */
  keepdims?: boolean | null;
}

/**
 * nn_impl.py: weighted_moments(x, axes, frequency_weights, name=None, keep_dims=None, keepdims=None): in scope
 * `weighted_moments`, the frequency-weighted mean and variance (two passes; float16 computed in float32).
 */
export function weightedMoments(
  x: TensorLike,
  axes: number | readonly number[],
  frequencyWeights: TensorLike,
  name?: string | null | WeightedMomentsOptions,
  keepDims?: boolean | null | WeightedMomentsOptions,
): [Tensor, Tensor] {
  const opts = positionalArgs<WeightedMomentsOptions>("weighted_moments", ["name", "keepDims"], [name, keepDims]);
  const keep = deprecatedArgumentLookup("keepdims", opts.keepdims, "keep_dims", opts.keepDims) ?? false;
  const axesList = typeof axes === "number" ? [axes] : [...axes];
  return opScope(opts.name, "weighted_moments", [x, frequencyWeights, axes], () => {
    let t = convertToTensor(x, { name: "x" });
    let w = convertToTensor(frequencyWeights, { name: "frequency_weights" });
    const needsCast = t.dtype === float16;
    if (needsCast) t = cast(t, float32);
    if (w.dtype !== t.dtype) w = cast(w, t.dtype);
    const weightedInputSum = reduceSum(mul(w, t), axesList, true, "weighted_input_sum");
    const broadcastedWeights = add(w, zerosLike(t));
    const sumOfWeights = reduceSum(broadcastedWeights, axesList, true, "sum_of_weights");
    const divisor = reciprocal(sumOfWeights, "inv_weight_sum");
    let weightedMean = multiply(weightedInputSum, divisor);
    const weightedDistsq = reduceSum(mul(w, squaredDifference(t, weightedMean)), axesList, true, "weighted_distsq");
    let weightedVariance = multiply(weightedDistsq, divisor);
    if (!keep) {
      weightedMean = squeeze(weightedMean, axesList);
      weightedVariance = squeeze(weightedVariance, axesList);
    }
    if (needsCast) {
      weightedMean = cast(weightedMean, float16);
      weightedVariance = cast(weightedVariance, float16);
    }
    return [weightedMean, weightedVariance] as [Tensor, Tensor];
  });
}

/** nn_impl.py: _count_nonzero(input_tensor, dtype): scope `count_nonzero`, Sum `nonzero_count` of x != 0. */
function countNonzero(input: Tensor, dtype: typeof int32 | typeof int64): Tensor {
  return opScope("count_nonzero", "count_nonzero", [input], () => {
    const zero = zeros([], input.dtype);
    return reduceSum(cast(notEqual(input, zero), dtype), undefined, undefined, "nonzero_count");
  });
}

/**
 * nn_impl.py: zero_fraction(value, name=None): in scope `zero_fraction`, the int64 Size, a cond that counts in int32
 * when the size fits, `counts_to_fraction`, and an Identity `fraction` (float32; NaN for an empty value).
 */
export function zeroFraction(value: TensorLike, name?: string | null): Tensor {
  return opScope(name, "zero_fraction", [value], () => {
    const v = convertToTensor(value, { name: "value" });
    const n = size(v, { outType: int64 });
    const numNonzero = cond(
      lessEqual(n, 2147483647),
      () => cast(countNonzero(v, int32), int64),
      () => countNonzero(v, int64),
    ) as Tensor;
    const fraction = opScope("counts_to_fraction", "counts_to_fraction", [], () => {
      const numZero = sub(n, numNonzero);
      const numZeroFloat32 = cast(numZero, float32);
      const sizeFloat32 = cast(n, float32);
      return truediv(numZeroFloat32, sizeFloat32);
    });
    return identity(fraction, "fraction");
  });
}
