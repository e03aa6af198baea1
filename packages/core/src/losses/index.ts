// Public API of src/losses: src/index.ts exports this module as the `losses` namespace (`tf.losses.meanSquaredError`),
// TF 1.15's tf.compat.v1.losses (losses_impl.py, util.py).

export {
  computeWeightedLoss,
  type LossOptions,
  Reduction,
  type ReductionKey,
} from "./compute-weighted-loss";
export {
  absoluteDifference,
  type CosineDistanceOptions,
  type CrossEntropyLossOptions,
  cosineDistance,
  type HuberLossOptions,
  hingeLoss,
  huberLoss,
  type LogLossOptions,
  logLoss,
  meanPairwiseSquaredError,
  meanSquaredError,
  sigmoidCrossEntropy,
  softmaxCrossEntropy,
  sparseSoftmaxCrossEntropy,
} from "./losses-impl";
export {
  addLoss,
  type GetLossesOptions,
  type GetRegularizationLossOptions,
  type GetTotalLossOptions,
  getLosses,
  getRegularizationLoss,
  getRegularizationLosses,
  getTotalLoss,
} from "./util";
