// metrics_impl.py (TF 1.15): _count_condition and the counts built on it (true_positives, false_positives,
// true_negatives, false_negatives), and precision and recall over them.
import { bool, float32 } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import type { Tensor } from "../framework/tensor";
import { convertWeights, type Weights } from "../losses/weights-broadcast";
import { identity } from "../ops/array-ops";
import { assertType } from "../ops/check-ops";
import { cast, equal, greater, logicalAnd, multiply, truediv, where } from "../ops/math-ops";
import type { TensorLike } from "../ops/op-builder";
import { add } from "../ops/operators";
import { reduceSum } from "../ops/reduction-ops";
import { assignAdd } from "../ops/state-ops";
import { metricOptions, type OptionArg } from "./mean-metrics";
import {
  addToCollections,
  assertRankInScalarOr,
  buildMetric,
  type Collections,
  type MetricResult,
  metricScope,
  metricVariable,
  removeSqueezableDimensions,
} from "./metric-utils";

/**
 * metrics_impl.py: _count_condition(values, weights=None, metrics_collections=None, updates_collections=None):
 * the bool values' (weighted) count in the variable `count`; the value is its Identity (the default strategy's
 * read_var), the update op its AssignAdd.
 */
function countCondition(
  values: Tensor,
  weights: Weights | null | undefined,
  metricsCollections: Collections | undefined,
  updatesCollections: Collections | undefined,
): MetricResult {
  assertType(values, bool);
  const count = metricVariable([], float32, "count");
  let v = cast(values, float32);
  if (weights !== null && weights !== undefined) {
    const w0 = convertWeights(weights);
    const check = assertRankInScalarOr(w0, v);
    const weigh = () => multiply(v, cast(w0, float32));
    v = check === null ? weigh() : getDefaultGraph().controlDependencies([check], weigh);
  }
  const value = identity(count);
  addToCollections(metricsCollections, value);
  const updateOp = assignAdd(count, reduceSum(v));
  addToCollections(updatesCollections, updateOp);
  return [value, updateOp];
}

/** Labels and predictions cast to bool and squeezed, as each count metric starts. */
function boolInputs(labels: TensorLike, predictions: TensorLike, weights: Weights | null | undefined) {
  const [p, l, w] = removeSqueezableDimensions(cast(predictions, bool), cast(labels, bool), weights);
  return { p, l: l as Tensor, w };
}

/** One of the four counts: `labels == labelIs and predictions == predictionIs`, weighted and accumulated. */
function countMetric(
  fn: string,
  defaultName: string,
  labelIs: boolean,
  predictionIs: boolean,
  labels: TensorLike,
  predictions: TensorLike,
  args: readonly OptionArg[],
): MetricResult {
  const o = metricOptions(fn, args);
  return buildMetric(() =>
    metricScope(o.name, defaultName, [predictions, labels, o.weights], () => {
      const { p, l, w } = boolInputs(labels, predictions, o.weights);
      const isCase = logicalAnd(equal(l, labelIs), equal(p, predictionIs));
      return countCondition(isCase, w, o.metricsCollections, o.updatesCollections);
    }),
  );
}

/** metrics_impl.py: true_positives(labels, predictions, weights=None, ...): the variable `true_positives/count`. */
export function truePositives(labels: TensorLike, predictions: TensorLike, ...args: OptionArg[]): MetricResult {
  return countMetric("true_positives", "true_positives", true, true, labels, predictions, args);
}

/** metrics_impl.py: false_positives(labels, predictions, weights=None, ...): `false_positives/count`. */
export function falsePositives(labels: TensorLike, predictions: TensorLike, ...args: OptionArg[]): MetricResult {
  return countMetric("false_positives", "false_positives", false, true, labels, predictions, args);
}

/** metrics_impl.py: true_negatives(labels, predictions, weights=None, ...): `true_negatives/count`. */
export function trueNegatives(labels: TensorLike, predictions: TensorLike, ...args: OptionArg[]): MetricResult {
  return countMetric("true_negatives", "true_negatives", false, false, labels, predictions, args);
}

/** metrics_impl.py: false_negatives(labels, predictions, weights=None, ...): `false_negatives/count`. */
export function falseNegatives(labels: TensorLike, predictions: TensorLike, ...args: OptionArg[]): MetricResult {
  return countMetric("false_negatives", "false_negatives", true, false, labels, predictions, args);
}

/** math_ops.py: div(x, y) on floats (TF 1.15's Python-2 division): a RealDiv named `div`. */
export const pyDiv = (x: TensorLike, y: TensorLike) => truediv(x, y, "div");

/** `where(tp + other > 0, div(tp, tp + other), 0, name)`: precision's and recall's ratio. */
function ratio(tp: Tensor, other: Tensor, name: string): Tensor {
  return where(greater(add(tp, other), 0), pyDiv(tp, add(tp, other)), 0, name);
}

/** precision and recall: in variable scope `defaultName`, true_positives and the other count, and their ratio. */
function ratioMetric(
  fn: string,
  defaultName: string,
  otherCount: typeof falsePositives,
  labels: TensorLike,
  predictions: TensorLike,
  args: readonly OptionArg[],
): MetricResult {
  const o = metricOptions(fn, args);
  return buildMetric(() =>
    metricScope(o.name, defaultName, [predictions, labels, o.weights], () => {
      const { p, l, w } = boolInputs(labels, predictions, o.weights);
      const [tp, tpUpdate] = truePositives(l, p, w, null, null, null);
      const [other, otherUpdate] = otherCount(l, p, w, null, null, null);
      const value = ratio(tp, other, "value");
      addToCollections(o.metricsCollections, value);
      const updateOp = ratio(tpUpdate, otherUpdate, "update_op");
      addToCollections(o.updatesCollections, updateOp);
      return [value, updateOp];
    }),
  );
}

/**
 * metrics_impl.py: precision(labels, predictions, weights=None, ...): tp / (tp + fp), 0 without positives; the
 * variables `precision/true_positives/count` and `precision/false_positives/count`.
 */
export function precision(labels: TensorLike, predictions: TensorLike, ...args: OptionArg[]): MetricResult {
  return ratioMetric("precision", "precision", falsePositives, labels, predictions, args);
}

/**
 * metrics_impl.py: recall(labels, predictions, weights=None, ...): tp / (tp + fn), 0 without positive labels;
 * the variables `recall/true_positives/count` and `recall/false_negatives/count`.
 */
export function recall(labels: TensorLike, predictions: TensorLike, ...args: OptionArg[]): MetricResult {
  return ratioMetric("recall", "recall", falseNegatives, labels, predictions, args);
}
