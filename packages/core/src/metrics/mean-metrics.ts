// metrics_impl.py (TF 1.15): the metrics built on mean: mean, mean_tensor, accuracy, mean_absolute_error,
// mean_squared_error, root_mean_squared_error, mean_relative_error, mean_cosine_distance, percentage_below.
import { float32 } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import type { Tensor } from "../framework/tensor";
import { castTo } from "../losses/compute-weighted-loss";
import { broadcastWeights, type Weights } from "../losses/weights-broadcast";
import { onesLike, size, zerosLike } from "../ops/array-ops";
import { divNoNan } from "../ops/math-div-cast";
import {
  abs,
  cast,
  divide,
  equal,
  less,
  maximum,
  multiply,
  sqrt,
  squaredDifference,
  subtract,
  where,
} from "../ops/math-ops";
import type { TensorLike } from "../ops/op-builder";
import { sub } from "../ops/operators";
import { positionalArgs } from "../ops/positional-args";
import { reduceSum } from "../ops/reduction-ops";
import { assignAdd } from "../ops/state-ops";
import {
  addToCollections,
  assertCompatibleShapes,
  buildMetric,
  type Collections,
  type MetricOptions,
  type MetricResult,
  metricScope,
  metricVariable,
  removeSqueezableDimensions,
  removeSqueezableLabels,
} from "./metric-utils";

const OPTION_NAMES = ["weights", "metricsCollections", "updatesCollections", "name"] as const;
type OptionArg = Weights | Collections | string | MetricOptions | null | undefined;

/** TF's positional (weights, metrics_collections, updates_collections, name) or a trailing options object. */
function metricOptions(fn: string, args: readonly OptionArg[]): MetricOptions {
  return positionalArgs<MetricOptions>(fn, [...OPTION_NAMES], args);
}

/** The running (weighted) mean both `mean` and `meanTensor` build: `reduce` sums the values (or keeps them). */
function runningMean(
  values: TensorLike,
  o: MetricOptions,
  variables: { total: string; count: string; tensor: boolean },
): MetricResult {
  return buildMetric(() =>
    metricScope(o.name, "mean", [values, o.weights], () => {
      let v = castTo(values, float32);
      const shape = variables.tensor ? (v.shape as number[]) : [];
      const total = metricVariable(shape, float32, variables.total);
      const count = metricVariable(shape, float32, variables.count);
      let numValues = variables.tensor ? onesLike(v) : null;
      if (o.weights === null || o.weights === undefined) {
        numValues ??= cast(size(v), float32);
      } else {
        let w: Tensor | null;
        [v, , w] = removeSqueezableDimensions(v, null, o.weights);
        w = broadcastWeights(cast(w as Tensor, float32), v);
        v = multiply(v, w);
        numValues = numValues === null ? reduceSum(w) : multiply(numValues, w);
      }
      const valuesNow = v;
      const updateTotal = assignAdd(total, variables.tensor ? v : reduceSum(v));
      const updateCount = getDefaultGraph().controlDependencies([valuesNow], () =>
        assignAdd(count, numValues as Tensor),
      );
      const value = divNoNan(total, maximum(count, 0), "value");
      addToCollections(o.metricsCollections, value);
      const updateOp = divNoNan(updateTotal, maximum(updateCount, 0), "update_op");
      addToCollections(o.updatesCollections, updateOp);
      return [value, updateOp];
    }),
  );
}

/**
 * metrics_impl.py: mean(values, weights=None, metrics_collections=None, updates_collections=None, name=None):
 * the variables `mean/total` and `mean/count`, the value `mean/value` (total / count) and `mean/update_op`.
 */
export function mean(values: TensorLike, ...args: OptionArg[]): MetricResult {
  return runningMean(values, metricOptions("mean", args), { total: "total", count: "count", tensor: false });
}

/**
 * metrics_impl.py: mean_tensor(values, weights=None, ...): the element-wise mean, over the variables
 * `mean/total_tensor` and `mean/count_tensor` of the values' (static) shape.
 */
export function meanTensor(values: TensorLike, ...args: OptionArg[]): MetricResult {
  return runningMean(values, metricOptions("mean_tensor", args), {
    total: "total_tensor",
    count: "count_tensor",
    tensor: true,
  });
}

/** The labels, predictions and weights as _remove_squeezable_dimensions leaves them. */
function squeezed(labels: TensorLike, predictions: TensorLike, weights: Weights | null | undefined) {
  const [p, l, w] = removeSqueezableDimensions(predictions, labels, weights);
  return { p, l: l as Tensor, w };
}

/** A metric that is the mean of `values` under its own default name. */
function meanOf(values: Tensor, w: Weights | null | undefined, o: MetricOptions, defaultName: string): MetricResult {
  return runningMean(
    values,
    { ...o, weights: w, name: o.name || defaultName },
    {
      total: "total",
      count: "count",
      tensor: false,
    },
  );
}

/**
 * metrics_impl.py: accuracy(labels, predictions, weights=None, ...): the mean of `predictions == labels` (the
 * predictions cast to the labels' dtype), in variable scope `accuracy`.
 */
export function accuracy(labels: TensorLike, predictions: TensorLike, ...args: OptionArg[]): MetricResult {
  const o = metricOptions("accuracy", args);
  return buildMetric(() => {
    let { p, l, w } = squeezed(labels, predictions, o.weights);
    assertCompatibleShapes(p.shape, l.shape);
    if (l.dtype !== p.dtype) p = cast(p, l.dtype);
    return meanOf(cast(equal(p, l), float32), w, o, "accuracy");
  });
}

/** metrics_impl.py: mean_absolute_error(labels, predictions, weights=None, ...): the mean of |predictions - labels|. */
export function meanAbsoluteError(labels: TensorLike, predictions: TensorLike, ...args: OptionArg[]): MetricResult {
  const o = metricOptions("mean_absolute_error", args);
  return buildMetric(() => {
    const { p, l, w } = squeezed(labels, predictions, o.weights);
    return meanOf(abs(sub(p, l)), w, o, "mean_absolute_error");
  });
}

/** metrics_impl.py: mean_squared_error(labels, predictions, weights=None, ...): the mean SquaredDifference. */
export function meanSquaredError(labels: TensorLike, predictions: TensorLike, ...args: OptionArg[]): MetricResult {
  const o = metricOptions("mean_squared_error", args);
  return buildMetric(() => {
    const { p, l, w } = squeezed(labels, predictions, o.weights);
    return meanOf(squaredDifference(l, p), w, o, "mean_squared_error");
  });
}

/**
 * metrics_impl.py: root_mean_squared_error(labels, predictions, weights=None, ...): mean_squared_error in
 * variable scope `root_mean_squared_error`, and the Sqrt of its value and update op (in the caller's scope).
 */
export function rootMeanSquaredError(labels: TensorLike, predictions: TensorLike, ...args: OptionArg[]): MetricResult {
  const o = metricOptions("root_mean_squared_error", args);
  return buildMetric(() => {
    const { p, l, w } = squeezed(labels, predictions, o.weights);
    const [mse, updateMse] = meanSquaredError(l, p, w, null, null, o.name || "root_mean_squared_error");
    const rmse = sqrt(mse);
    addToCollections(o.metricsCollections, rmse);
    const updateRmse = sqrt(updateMse);
    addToCollections(o.updatesCollections, updateRmse);
    return [rmse, updateRmse];
  });
}

/**
 * metrics_impl.py: mean_relative_error(labels, predictions, normalizer, weights=None, ...): the mean of
 * |labels - predictions| / normalizer, 0 where the normalizer is 0.
 */
export function meanRelativeError(
  labels: TensorLike,
  predictions: TensorLike,
  normalizer: TensorLike,
  ...args: OptionArg[]
): MetricResult {
  const o = metricOptions("mean_relative_error", args);
  return buildMetric(() => {
    const s = squeezed(labels, predictions, o.weights);
    const [p, n] = removeSqueezableLabels(s.p, normalizer);
    assertCompatibleShapes(p.shape, n.shape);
    const relativeErrors = where(equal(n, 0), zerosLike(s.l), divide(abs(sub(s.l, p)), n));
    return meanOf(relativeErrors, s.w, o, "mean_relative_error");
  });
}

/**
 * metrics_impl.py: mean_cosine_distance(labels, predictions, dim, weights=None, ...): 1 - the mean of the
 * products summed along `dim` (keepdims), in variable scope `mean_cosine_distance`; the two Subs in the caller's
 * scope.
 */
export function meanCosineDistance(
  labels: TensorLike,
  predictions: TensorLike,
  dim: number,
  ...args: OptionArg[]
): MetricResult {
  const o = metricOptions("mean_cosine_distance", args);
  return buildMetric(() => {
    const { p, l, w } = squeezed(labels, predictions, o.weights);
    const radialDiffs = reduceSum(multiply(p, l), [dim], true);
    const [meanDistance, update] = meanOf(radialDiffs, w, { name: o.name }, "mean_cosine_distance");
    const distance = subtract(1, meanDistance);
    const updateOp = subtract(1, update);
    addToCollections(o.metricsCollections, distance);
    addToCollections(o.updatesCollections, updateOp);
    return [distance, updateOp];
  });
}

/**
 * metrics_impl.py: percentage_below(values, threshold, weights=None, ...): the mean of `values < threshold`, in
 * variable scope `percentage_below_threshold`.
 */
export function percentageBelow(values: TensorLike, threshold: TensorLike, ...args: OptionArg[]): MetricResult {
  const o = metricOptions("percentage_below", args);
  return buildMetric(() => {
    const isBelow = cast(less(values, threshold), float32);
    return meanOf(isBelow, o.weights, o, "percentage_below_threshold");
  });
}

export { metricOptions, type OptionArg };
