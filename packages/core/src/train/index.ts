// Public API of src/train: src/index.ts exports this module as the `train` namespace (`tf.train.AdamOptimizer`).
// Other areas add their tf.train members (Saver, checkpoint functions) with a line each here.

export { AdadeltaOptimizer, type AdadeltaOptions } from "./adadelta";
export { AdagradOptimizer, type AdagradOptions } from "./adagrad";
export { AdagradDAOptimizer, type AdagradDAOptions } from "./adagrad-da";
export { AdamOptimizer, type AdamOptions } from "./adam";
export * from "./checkpoint/saver-api";
export { type CoordinatedThread, Coordinator, type JoinOptions } from "./coordinator";
export { FtrlOptimizer, type FtrlOptions } from "./ftrl";
export { GradientDescentOptimizer, type GradientDescentOptions } from "./gradient-descent";
export {
  type CosineDecayRestartsOptions,
  cosineDecay,
  cosineDecayRestarts,
  type DecayOptions,
  exponentialDecay,
  inverseTimeDecay,
  type LinearCosineDecayOptions,
  linearCosineDecay,
  type NoisyLinearCosineDecayOptions,
  naturalExpDecay,
  noisyLinearCosineDecay,
  type PolynomialDecayOptions,
  piecewiseConstant,
  polynomialDecay,
} from "./learning-rate-decay";
export { MomentumOptimizer, type MomentumOptions } from "./momentum";
// moving_averages.py exports only ExponentialMovingAverage (assign_moving_average has no tf_export in TF 1.15).
export { ExponentialMovingAverage, type ExponentialMovingAverageOptions } from "./moving-averages";
export {
  type ApplyGradientsOptions,
  type ComputeGradientsOptions,
  type GradAndVar,
  type Hyperparameter,
  type MinimizeOptions,
  Optimizer,
} from "./optimizer";
export { ProximalAdagradOptimizer, type ProximalAdagradOptions } from "./proximal-adagrad";
export {
  ProximalGradientDescentOptimizer,
  type ProximalGradientDescentOptions,
} from "./proximal-gradient-descent";
export { RMSPropOptimizer, type RMSPropOptions } from "./rmsprop";
export {
  assertGlobalStep,
  createGlobalStep,
  type GlobalStep,
  getGlobalStep,
  getOrCreateGlobalStep,
} from "./training-util";
