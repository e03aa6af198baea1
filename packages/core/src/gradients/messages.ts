// gradients_util.py: the errors _GradientsHelper raises, word for word, and Python's LookupError.

const BRAND = Symbol.for("scopeflow.error");

/** Python's LookupError, which ops.get_gradient_function raises for an op type without a registered gradient. */
export class LookupError extends Error {
  static isInstance = (value: unknown): boolean =>
    typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === "LookupError";
  readonly [BRAND] = "LookupError";
  constructor(message: string) {
    super(message);
    this.name = "LookupError";
  }
}

export const messages = {
  /** gradients_util.py: _GradientsHelper */
  noGradient: (opName: string, opType: string) => `No gradient defined for operation '${opName}' (op type: ${opType})`,
  /** gradients_util.py: _DefaultGradYs */
  gradYsCount: (gradYs: number, ys: number) => `Passed ${gradYs} grad_ys for ${ys} ys`,
  /** gradients_util.py: _DefaultGradYs */
  gradYNotNumeric: (gradDtype: string, y: string, yDtype: string) =>
    `Gradient type ${gradDtype} generated for real or integer-valued tensor ${y} with type ${yDtype} must be real or integer`,
  /** gradients_util.py: _DefaultGradYs */
  yNotNumeric: (y: string, yDtype: string) =>
    `Tensor ${y} with type ${yDtype} must be numeric to obtain a default gradient`,
  /** gradients_util.py: _VerifyGeneratedGradients */
  gradCount: (count: number, opName: string, inputs: number) =>
    `Num gradients ${count} generated for op ${opName} do not match num inputs ${inputs}`,
  /** gradients_util.py: _RaiseNoGradWrtInitialLoopValError */
  noGradWrtInitialLoopVal: (opName: string) =>
    `Cannot compute gradient inside while loop with respect to op '${opName}'. We do not support taking the gradient wrt or through the initial value of a loop variable. Gradients can be computed through loop invariants or wrt the input parameters to the loop body.`,
  /** gradients_util.py: _GradientsHelper (in_grad.set_shape) */
  incompatibleShapes: (opName: string, index: number, inputShape: string, gradShape: string) =>
    `Incompatible shapes between op input and calculated input gradient.  Forward operation: ${opName}.  Input index: ${index}. Original input shape: ${inputShape}.  Calculated input gradient shape: ${gradShape}`,
};
