// Public API of src/gradients, re-exported by src/index.ts.

export { type CustomGradientFunction, type CustomGradResult, customGradient } from "./custom-gradient";
export type { GradFn, GradTable } from "./grad-types";
export { type Gradient, type GradientsOptions, type GradientTarget, gradients } from "./gradients";
export { LookupError } from "./messages";
export { NoGradient, NotDifferentiable, noGradient, RegisterGradient, type UserGradFn } from "./registry";
