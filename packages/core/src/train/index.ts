// Public API of src/train: src/index.ts exports this module as the `train` namespace (`tf.train.AdamOptimizer`).
// Other areas add their tf.train members (Saver, checkpoint functions) with a line each here.
export { Optimizer, type GradAndVar, type Hyperparameter, type MinimizeOptions, type ComputeGradientsOptions, type ApplyGradientsOptions } from "./optimizer";
export { GradientDescentOptimizer, type GradientDescentOptions } from "./gradient-descent";
export { MomentumOptimizer, type MomentumOptions } from "./momentum";
export { AdamOptimizer, type AdamOptions } from "./adam";
export { getGlobalStep, createGlobalStep, getOrCreateGlobalStep, assertGlobalStep, type GlobalStep } from "./training-util";
export * from "./checkpoint/saver-api";
