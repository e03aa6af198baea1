// metrics_impl.py (TF 1.15): _streaming_confusion_matrix and mean_iou.
import { float32, float64, int64 } from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import type { Weights } from "../losses/weights-broadcast";
import { convertWeights } from "../losses/weights-broadcast";
import { onesLike, reshape } from "../ops/array-ops";
import { confusionMatrix } from "../ops/confusion-matrix";
import { diagPart } from "../ops/linalg-ops";
import { cast, divide, greater, notEqual, where } from "../ops/math-ops";
import { convertToTensor, type TensorLike } from "../ops/op-builder";
import { add, sub, truediv } from "../ops/operators";
import { positionalArgs } from "../ops/positional-args";
import { reduceSum } from "../ops/reduction-ops";
import { assignAdd } from "../ops/state-ops";
import type { OptionArg } from "./mean-metrics";
import {
  addToCollections,
  assertCompatibleShapes,
  buildMetric,
  type MetricOptions,
  type MetricResult,
  metricScope,
  metricVariable,
} from "./metric-utils";

/**
 * metrics_impl.py: _streaming_confusion_matrix(labels, predictions, num_classes, weights=None): the float64
 * variable `total_confusion_matrix` and the AssignAdd of this batch's confusion_matrix (labels, predictions and
 * weights flattened when their rank is above 1).
 */
function streamingConfusionMatrix(
  labels: Tensor,
  predictions: Tensor,
  numClasses: number,
  weights: Tensor | null,
): [Tensor, Tensor] {
  const totalCm = metricVariable([numClasses, numClasses], float64, "total_confusion_matrix");
  let p = cast(predictions, int64);
  let l = cast(labels, int64);
  const n = cast(numClasses, int64);
  if ((p.shape?.length ?? 0) > 1) p = reshape(p, [-1]);
  if ((l.shape?.length ?? 0) > 1) l = reshape(l, [-1]);
  let w = weights;
  if (w !== null && (w.shape?.length ?? 0) > 1) w = reshape(w, [-1]);
  const currentCm = confusionMatrix(l, p, { numClasses: n, weights: w, dtype: float64 });
  return [convertToTensor(totalCm), assignAdd(totalCm, currentCm)];
}

/** mean_iou's value: the mean over the classes present of diag / (row sum + column sum - diag). */
function computeMeanIou(totalCm: Tensor): Tensor {
  const sumOverRow = cast(reduceSum(totalCm, 0), float32);
  const sumOverCol = cast(reduceSum(totalCm, 1), float32);
  const cmDiag = cast(diagPart(totalCm), float32);
  let denominator = sub(add(sumOverRow, sumOverCol), cmDiag);
  // The mean is only computed over classes that appear in the label or prediction tensor.
  const numValidEntries = reduceSum(cast(notEqual(denominator, 0), float32));
  // If the value of the denominator is 0, set it to 1 to avoid zero division.
  denominator = where(greater(denominator, 0), denominator, onesLike(denominator));
  const iou = divide(cmDiag, denominator);
  // If the number of valid entries is 0 (no classes) we return 0.
  return where(greater(numValidEntries, 0), truediv(reduceSum(iou, null, false, "mean_iou"), numValidEntries), 0);
}

/**
 * metrics_impl.py: mean_iou(labels, predictions, num_classes, weights=None, metrics_collections=None,
 * updates_collections=None, name=None): the variable `mean_iou/total_confusion_matrix` (float64,
 * `[num_classes, num_classes]`), its AssignAdd as the update op (the accumulated confusion matrix), and the mean
 * intersection-over-union of the classes present as the value.
 */
export function meanIou(
  labels: TensorLike,
  predictions: TensorLike,
  numClasses: number,
  ...args: OptionArg[]
): MetricResult {
  const o = positionalArgs<MetricOptions>(
    "mean_iou",
    ["weights", "metricsCollections", "updatesCollections", "name"],
    args,
  );
  return buildMetric(() =>
    metricScope(o.name, "mean_iou", [predictions, labels, o.weights], () => {
      const p = convertToTensor(predictions);
      const l = convertToTensor(labels);
      // Check if shape is compatible.
      assertCompatibleShapes(p.shape, l.shape);
      const w = o.weights === null || o.weights === undefined ? null : convertWeights(o.weights as Weights);
      const [totalCm, updateOp] = streamingConfusionMatrix(l, p, numClasses, w);
      const value = computeMeanIou(totalCm);
      addToCollections(o.metricsCollections, value);
      addToCollections(o.updatesCollections, updateOp);
      return [value, updateOp];
    }),
  );
}
