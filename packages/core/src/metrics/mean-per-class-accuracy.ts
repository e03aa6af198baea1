// metrics_impl.py (TF 1.15): mean_per_class_accuracy.
import { float32, int64 } from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import type { Weights } from "../losses/weights-broadcast";
import { convertWeights } from "../losses/weights-broadcast";
import { ones, onesLike, reshape } from "../ops/array-ops";
import { divNoNan } from "../ops/math-div-cast";
import { cast, equal, maximum } from "../ops/math-ops";
import { convertToTensor, type TensorLike } from "../ops/op-builder";
import { mul } from "../ops/operators";
import { positionalArgs } from "../ops/positional-args";
import { reduceMean } from "../ops/reduction-ops";
import { scatterAdd } from "../ops/sparse-update-ops";
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

const flatten = (t: Tensor) => ((t.shape?.length ?? 0) > 1 ? reshape(t, [-1]) : t);

/**
 * metrics_impl.py: mean_per_class_accuracy(labels, predictions, num_classes, weights=None, ...): in variable
 * scope `mean_accuracy`, the `[num_classes]` variables `total` (the labels' weights per class) and `count` (the
 * correct ones), each a ScatterAdd at the labels; the value is the mean of count / total (`mean_accuracy`), the
 * update op the per-class accuracies.
 */
export function meanPerClassAccuracy(
  labels: TensorLike,
  predictions: TensorLike,
  numClasses: number,
  ...args: OptionArg[]
): MetricResult {
  const o = positionalArgs<MetricOptions>(
    "mean_per_class_accuracy",
    ["weights", "metricsCollections", "updatesCollections", "name"],
    args,
  );
  return buildMetric(() =>
    metricScope(o.name, "mean_accuracy", [predictions, labels, o.weights], () => {
      const l = flatten(cast(labels, int64));
      let p = flatten(convertToTensor(predictions));
      // Check if shape is compatible.
      assertCompatibleShapes(p.shape, l.shape);
      const total = metricVariable([numClasses], float32, "total");
      const count = metricVariable([numClasses], float32, "count");
      const n = l.shape?.[0] ?? null;
      // TF's ones([size(labels)]); with the size unknown, ones_like of the labels.
      let onesT = n !== null ? ones([n], float32) : onesLike(l, { dtype: float32 });
      if (l.dtype !== p.dtype) p = cast(p, l.dtype);
      let isCorrect = cast(equal(p, l), float32);
      if (o.weights !== null && o.weights !== undefined) {
        const w = cast(flatten(convertWeights(o.weights as Weights)), float32);
        isCorrect = mul(isCorrect, w);
        onesT = mul(onesT, w);
      }
      const updateTotal = scatterAdd(total, l, onesT);
      const updateCount = scatterAdd(count, l, isCorrect);
      const perClassAccuracy = divNoNan(count, maximum(total, 0));
      const value = reduceMean(perClassAccuracy, null, false, "mean_accuracy");
      addToCollections(o.metricsCollections, value);
      const updateOp = divNoNan(updateCount, maximum(updateTotal, 0), "update_op");
      addToCollections(o.updatesCollections, updateOp);
      return [value, updateOp];
    }),
  );
}
