// training/learning_rate_decay.py (TF 1.15): the v1 decay functions, built in graph mode as
// keras/optimizer_v2/learning_rate_schedule.py's schedules build themselves when called on the global step.
import { ValueError } from "../errors";
import { float32, int32, int64 } from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import { constant } from "../ops/array-ops";
import { cond } from "../ops/cond";
import { case_ } from "../ops/control-flow-case";
import { binaryOp } from "../ops/elementwise";
import {
  add as addOp,
  cast,
  ceil,
  cos,
  truediv as divOp,
  equal,
  exp,
  floor,
  greater,
  lessEqual,
  log,
  minimum,
  multiply,
  negative,
  pow,
  sqrt,
} from "../ops/math-ops";
import { convertToTensor, opScope, type TensorLike } from "../ops/op-builder";
import { type OpType, opDefs } from "../ops/op-defs";
import { add, mul, sub, truediv } from "../ops/operators";
import { positionalArgs } from "../ops/positional-args";
import { randomNormal } from "../ops/random-ops";

export interface DecayOptions {
  staircase?: boolean;
  name?: string;
}

export interface PolynomialDecayOptions {
  endLearningRate?: number;
  power?: number;
  cycle?: boolean;
  name?: string;
}

function requireStep(step: TensorLike | undefined | null, fn: string): TensorLike {
  // learning_rate_decay.py: each v1 function needs the step in graph mode.
  if (step === undefined || step === null) throw new ValueError(`global_step is required for ${fn}.`);
  return step;
}

/** The schedules' shared head: `initial_learning_rate` converted, then the casts in TF's order. */
function head(learningRate: TensorLike, casts: readonly TensorLike[]): [Tensor, Tensor[]] {
  // A JS number is Python's float learning rate (1.0 would otherwise be int32).
  const dtype = typeof learningRate === "number" ? float32 : undefined;
  const lr = convertToTensor(learningRate, { name: "initial_learning_rate", dtype });
  return [lr, casts.map((c) => cast(c, lr.dtype))];
}

/**
 * learning_rate_decay.py: exponential_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False,
 * name=None): `learning_rate * decay_rate ^ (global_step / decay_steps)` (the exponent floored when staircase),
 * a `Mul` named after the scope (`ExponentialDecay`).
 */
export function exponentialDecay(
  learningRate: TensorLike,
  globalStep: TensorLike,
  decaySteps: TensorLike,
  decayRate: TensorLike,
  options: DecayOptions = {},
): Tensor {
  const step = requireStep(globalStep, "exponential_decay");
  return opScope(options.name, "ExponentialDecay", [learningRate], (scope) => {
    const [lr, [steps, rate, gs]] = head(learningRate, [decaySteps, decayRate, step]);
    let p = truediv(gs, steps);
    if (options.staircase) p = floor(p);
    return multiply(lr, pow(rate, p), scope);
  });
}

/**
 * learning_rate_decay.py: polynomial_decay(learning_rate, global_step, decay_steps, end_learning_rate=0.0001,
 * power=1.0, cycle=False, name=None): `(lr - end) * (1 - step / decay_steps) ^ power + end`, the step clipped to
 * decay_steps, or with `cycle` the decay steps stretched to the next multiple (an `Add` named `PolynomialDecay`).
 */
export function polynomialDecay(
  learningRate: TensorLike,
  globalStep: TensorLike,
  decaySteps: number,
  options: PolynomialDecayOptions = {},
): Tensor {
  const step = requireStep(globalStep, "polynomial_decay");
  return opScope(options.name, "PolynomialDecay", [learningRate, step], (scope) => {
    const [lr, [end, power, s, d]] = head(learningRate, [
      options.endLearningRate ?? 0.0001,
      options.power ?? 1.0,
      step,
      decaySteps,
    ]);
    let gs = s;
    let steps = d;
    if (options.cycle) {
      // Find the first multiple of decay_steps that is bigger than global_step (1 when the step is 0).
      const multiplier = cond(
        equal(gs, 0),
        () => constant(1.0, lr.dtype),
        () => ceil(truediv(gs, decaySteps)),
      ) as Tensor;
      steps = multiply(steps, multiplier);
    } else {
      gs = minimum(gs, decaySteps);
    }
    const p = divOp(gs, steps, "div");
    const scale = sub(lr, end);
    const oneMinusP = binaryOp(opDefs.Sub.type, 1, p, undefined, { operatorName: "sub" });
    return addOp(multiply(scale, pow(oneMinusP, power)), end, scope);
  });
}

/**
 * learning_rate_decay.py: natural_exp_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False,
 * name=None): `learning_rate * exp(-decay_rate * global_step / decay_steps)`, a `Mul` named `NaturalExpDecay`.
 */
export function naturalExpDecay(
  learningRate: TensorLike,
  globalStep: TensorLike,
  decaySteps: TensorLike,
  decayRate: TensorLike,
  options: DecayOptions = {},
): Tensor {
  const step = requireStep(globalStep, "natural_exp_decay");
  return opScope(options.name, "NaturalExpDecay", [learningRate], (scope) => {
    const [lr, [steps, rate, gs]] = head(learningRate, [decaySteps, decayRate, step]);
    let p = truediv(gs, steps);
    if (options.staircase) p = floor(p);
    return multiply(lr, exp(multiply(negative(rate), p)), scope);
  });
}

/**
 * learning_rate_decay.py: inverse_time_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False,
 * name=None): `learning_rate / (1 + decay_rate * global_step / decay_step)`, a `RealDiv` named `InverseTimeDecay`.
 */
export function inverseTimeDecay(
  learningRate: TensorLike,
  globalStep: TensorLike,
  decaySteps: TensorLike,
  decayRate: TensorLike,
  options: DecayOptions = {},
): Tensor {
  const step = requireStep(globalStep, "inverse_time_decay");
  return opScope(options.name, "InverseTimeDecay", [learningRate], (scope) => {
    const [lr, [steps, rate, gs]] = head(learningRate, [decaySteps, decayRate, step]);
    let p = truediv(gs, steps);
    if (options.staircase) p = floor(p);
    const one = cast(constant(1), lr.dtype);
    const denom = addOp(one, multiply(rate, p));
    return divOp(lr, denom, scope);
  });
}

/**
 * learning_rate_decay.py: cosine_decay(learning_rate, global_step, decay_steps, alpha=0.0, name=None):
 * `lr * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decay_steps) / decay_steps)) + alpha)` in scope `CosineDecay`.
 */
export function cosineDecay(
  learningRate: TensorLike,
  globalStep: TensorLike,
  decaySteps: TensorLike,
  alpha = 0.0,
  name?: string,
): Tensor {
  const step = requireStep(globalStep, "cosine_decay");
  return opScope(name, "CosineDecay", [], () => {
    const [lr, [steps, s]] = head(learningRate, [decaySteps, step]);
    const gs = minimum(s, steps);
    const fraction = truediv(gs, steps);
    const cosine = mul(constant(0.5, lr.dtype), add(constant(1.0, lr.dtype), cos(mul(constant(Math.PI), fraction))));
    const decayed = add(mul(constant(1 - alpha, lr.dtype), cosine), alpha);
    return multiply(lr, decayed);
  });
}

/**
 * learning_rate_decay.py: piecewise_constant(x, boundaries, values, name=None): `values[i]` for x in
 * (boundaries[i-1], boundaries[i]], as a `case` in scope `PiecewiseConstant` over exclusive predicates. int32
 * boundaries are cast for an int64 x; any other dtype difference is TF's ValueError.
 */
export function piecewiseConstant(
  x: TensorLike,
  boundaries: readonly TensorLike[],
  values: readonly TensorLike[],
  name?: string,
): Tensor {
  const xt = convertToTensor(x);
  // JS numbers (API.md): a boundary number is Python's float for a floating x, else an int (cast below for int64);
  // the plain numbers in `values` are floats when any of them is not an integer.
  const bs = boundaries.map((b) =>
    convertToTensor(b, { dtype: typeof b === "number" && xt.dtype.isFloating ? xt.dtype : undefined }),
  );
  const floatValues = values.some((v) => typeof v === "number" && !Number.isInteger(v));
  const vs = values.map((v) =>
    convertToTensor(v, { dtype: typeof v === "number" && floatValues ? float32 : undefined }),
  );
  const xDtype = xt.dtype;
  bs.forEach((b, i) => {
    if (b.dtype === xDtype) return;
    if (b.dtype === int32 && xDtype === int64) {
      bs[i] = cast(b, xDtype);
      return;
    }
    throw new ValueError(`Boundaries (${b.dtype}) must have the same dtype as x (${xDtype}).`);
  });
  for (const v of vs.slice(1)) {
    if (v.dtype !== vs[0].dtype) {
      throw new ValueError(`Values must have elements all with the same dtype (${vs[0].dtype} vs ${v.dtype}).`);
    }
  }
  // learning_rate_schedule.py: PiecewiseConstantDecay.__init__
  if (bs.length !== vs.length - 1) {
    throw new ValueError("The length of boundaries should be 1 less than the length of values");
  }
  return opScope(name, "PiecewiseConstant", [xt, ...bs, ...vs], () => {
    const pairs: [Tensor, () => Tensor][] = [
      [lessEqual(xt, bs[0]), () => vs[0]],
      [greater(xt, bs[bs.length - 1]), () => vs[vs.length - 1]],
    ];
    for (let i = 0; i + 1 < bs.length; i++) {
      const v = vs[i + 1];
      const pred = binaryOp(opDefs.LogicalAnd.type, greater(xt, bs[i]), lessEqual(xt, bs[i + 1]), undefined, {
        operatorName: "and",
      });
      pairs.push([pred, () => v]);
    }
    // The default isn't needed (the conditions are exclusive and exhaustive), but tf.case requires it.
    return case_(pairs, { default: () => vs[0], exclusive: true }) as Tensor;
  });
}

/** `number <op> tensor` as Python's reflected operators build it (`__rsub__`: a `sub` scope, the number `x`). */
function reflected(type: OpType, x: number, y: Tensor, operatorName: string): Tensor {
  return binaryOp(type, x, y, undefined, { operatorName });
}

/** `x ** y` (Tensor.__pow__): a `Pow` named `pow`. */
function powOp(x: Tensor, y: Tensor): Tensor {
  return binaryOp(opDefs.Pow.type, x, y, undefined, { operatorName: "pow" });
}

/** `0.5 * (1.0 + cos(pi * fraction))`, the cosine factor the cosine schedules share (scaled by `factor` if given). */
function cosineFactor(fraction: Tensor, factor?: Tensor): Tensor {
  // Python evaluates `0.5 * m_fac` before the parenthesis.
  const half = factor ? reflected(opDefs.Mul.type, 0.5, factor, "mul") : null;
  const onePlusCos = reflected(opDefs.AddV2.type, 1.0, cos(mul(constant(Math.PI), fraction)), "add");
  return half ? mul(half, onePlusCos) : reflected(opDefs.Mul.type, 0.5, onePlusCos, "mul");
}

export interface CosineDecayRestartsOptions {
  tMul?: TensorLike;
  mMul?: TensorLike;
  alpha?: TensorLike;
  name?: string;
}

/**
 * learning_rate_decay.py: cosine_decay_restarts(learning_rate, global_step, first_decay_steps, t_mul=2.0, m_mul=1.0,
 * alpha=0.0, name=None) (SGDR): cosine decay over first_decay_steps, then warm restarts each t_mul times longer and
 * m_mul times lower; a `cond` on t_mul == 1 picks the restart arithmetic; the result a `Mul` named `SGDRDecay`.
 */
export function cosineDecayRestarts(
  learningRate: TensorLike,
  globalStep: TensorLike,
  firstDecaySteps: TensorLike,
  ...args: (TensorLike | string | CosineDecayRestartsOptions | undefined)[]
): Tensor {
  const o = positionalArgs<CosineDecayRestartsOptions>(
    "cosine_decay_restarts",
    ["tMul", "mMul", "alpha", "name"],
    args,
  );
  const step = requireStep(globalStep, "cosine_decay_restarts");
  return opScope(o.name, "SGDRDecay", [], (scope) => {
    const [lr, [first, alpha, tMul, mMul, gs]] = head(learningRate, [
      firstDecaySteps,
      o.alpha ?? 0.0,
      o.tMul ?? 2.0,
      o.mMul ?? 1.0,
      step,
    ]);
    const fraction = truediv(gs, first);
    const computeStep = (geometric: boolean): [Tensor, Tensor] => {
      if (!geometric) {
        const iRestart = floor(fraction);
        return [iRestart, sub(fraction, iRestart)];
      }
      const oneMinusT = reflected(opDefs.Sub.type, 1.0, tMul, "sub");
      const iRestart = floor(truediv(log(reflected(opDefs.Sub.type, 1.0, mul(fraction, oneMinusT), "sub")), log(tMul)));
      const sumR = truediv(
        reflected(opDefs.Sub.type, 1.0, powOp(tMul, iRestart), "sub"),
        reflected(opDefs.Sub.type, 1.0, tMul, "sub"),
      );
      return [iRestart, truediv(sub(fraction, sumR), powOp(tMul, iRestart))];
    };
    const [iRestart, completed] = cond(
      equal(tMul, 1.0),
      () => computeStep(false),
      () => computeStep(true),
    ) as [Tensor, Tensor];
    const mFac = powOp(mMul, iRestart);
    const cosine = cosineFactor(completed, mFac);
    const decayed = add(mul(reflected(opDefs.Sub.type, 1, alpha, "sub"), cosine), alpha);
    return multiply(lr, decayed, scope);
  });
}

export interface LinearCosineDecayOptions {
  numPeriods?: TensorLike;
  alpha?: TensorLike;
  beta?: TensorLike;
  name?: string;
}

export interface NoisyLinearCosineDecayOptions extends LinearCosineDecayOptions {
  initialVariance?: TensorLike;
  varianceDecay?: TensorLike;
}

/**
 * The linear cosine schedules' shared body: the step clipped to decay_steps, `(decay_steps - step) / decay_steps`
 * (plus the noise), times the cosine of `2 * num_periods * step / decay_steps`, plus beta, times lr, named `scope`.
 */
function linearCosine(
  fn: string,
  defaultName: string,
  learningRate: TensorLike,
  globalStep: TensorLike,
  decaySteps: TensorLike,
  o: NoisyLinearCosineDecayOptions,
  noisy: boolean,
): Tensor {
  const step = requireStep(globalStep, fn);
  return opScope(o.name, defaultName, [], (scope) => {
    const noise = noisy ? [o.initialVariance ?? 1.0, o.varianceDecay ?? 0.55] : [];
    const [lr, casts] = head(learningRate, [
      decaySteps,
      ...noise,
      o.numPeriods ?? 0.5,
      o.alpha ?? 0.0,
      o.beta ?? 0.001,
      step,
    ]);
    const [steps, ...rest] = casts;
    const [numPeriods, alpha, beta, s] = rest.slice(noise.length);
    const gs = minimum(s, steps);
    let linear = truediv(sub(steps, gs), steps);
    if (noisy) {
      const [initialVariance, varianceDecay] = rest;
      const variance = truediv(initialVariance, pow(reflected(opDefs.AddV2.type, 1.0, gs, "add"), varianceDecay));
      const std = sqrt(variance);
      linear = add(linear, randomNormal(linear.shape as number[], { stddev: std }));
    }
    const completed = truediv(gs, steps);
    const fraction = mul(reflected(opDefs.Mul.type, 2.0, numPeriods, "mul"), completed);
    const cosine = cosineFactor(fraction);
    return multiply(lr, add(mul(add(alpha, linear), cosine), beta), scope);
  });
}

/**
 * learning_rate_decay.py: linear_cosine_decay(learning_rate, global_step, decay_steps, num_periods=0.5, alpha=0.0,
 * beta=0.001, name=None): `lr * ((alpha + linear_decay) * cosine_decay + beta)`, a `Mul` named `LinearCosineDecay`.
 */
export function linearCosineDecay(
  learningRate: TensorLike,
  globalStep: TensorLike,
  decaySteps: TensorLike,
  ...args: (TensorLike | string | LinearCosineDecayOptions | undefined)[]
): Tensor {
  const o = positionalArgs<LinearCosineDecayOptions>(
    "linear_cosine_decay",
    ["numPeriods", "alpha", "beta", "name"],
    args,
  );
  return linearCosine("linear_cosine_decay", "LinearCosineDecay", learningRate, globalStep, decaySteps, o, false);
}

/**
 * learning_rate_decay.py: noisy_linear_cosine_decay(learning_rate, global_step, decay_steps, initial_variance=1.0,
 * variance_decay=0.55, num_periods=0.5, alpha=0.0, beta=0.001, name=None): linear_cosine_decay with gaussian noise
 * of variance `initial_variance / (1 + step) ^ variance_decay` added to the linear part (`NoisyLinearCosineDecay`).
 */
export function noisyLinearCosineDecay(
  learningRate: TensorLike,
  globalStep: TensorLike,
  decaySteps: TensorLike,
  ...args: (TensorLike | string | NoisyLinearCosineDecayOptions | undefined)[]
): Tensor {
  const o = positionalArgs<NoisyLinearCosineDecayOptions>(
    "noisy_linear_cosine_decay",
    ["initialVariance", "varianceDecay", "numPeriods", "alpha", "beta", "name"],
    args,
  );
  return linearCosine(
    "noisy_linear_cosine_decay",
    "NoisyLinearCosineDecay",
    learningRate,
    globalStep,
    decaySteps,
    o,
    true,
  );
}
