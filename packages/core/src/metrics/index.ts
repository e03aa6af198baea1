// Public API of src/metrics: src/index.ts exports this module as the `metrics` namespace (`tf.metrics.accuracy`),
// TF 1.15's tf.compat.v1.metrics (metrics_impl.py). Each metric returns `[value, updateOp]`.

export {
  falseNegatives,
  falsePositives,
  precision,
  recall,
  trueNegatives,
  truePositives,
} from "./count-metrics";
export { meanIou } from "./mean-iou";
export {
  accuracy,
  mean,
  meanAbsoluteError,
  meanCosineDistance,
  meanRelativeError,
  meanSquaredError,
  meanTensor,
  percentageBelow,
  rootMeanSquaredError,
} from "./mean-metrics";
export { meanPerClassAccuracy } from "./mean-per-class-accuracy";
export type { Collections, MetricOptions, MetricResult } from "./metric-utils";
export {
  type AtThresholdsOptions,
  type AucOptions,
  auc,
  falseNegativesAtThresholds,
  falsePositivesAtThresholds,
  precisionAtThresholds,
  recallAtThresholds,
  trueNegativesAtThresholds,
  truePositivesAtThresholds,
} from "./threshold-metrics";
