// training_ops.cc (ApplyGradientDescentOp, ApplyMomentumOp, ApplyAdamOp) with the update math of its functors.
// Ref inputs (var, accum, m, v) are read from and written to the Session's variable store through ctx.refName.
import { FailedPreconditionError, InvalidArgumentError } from "../../errors";
import { NDArray } from "../../framework/ndarray";
import type { Kernel, KernelContext } from "../contract";

type Floats = Float32Array | Float64Array;

/** The stored value of ref input `i`, or TF's error for an uninitialized variable. */
export function refValue(ctx: KernelContext, i: number): { name: string; value: NDArray } {
  const name = ctx.refName(i);
  if (name === undefined) {
    throw new InvalidArgumentError(`${ctx.opType} '${ctx.opName}' needs a variable reference as input ${i}`);
  }
  const value = ctx.variables.get(name);
  if (!value) {
    // training_ops.cc: ApplyGradientDescentOp::Compute (OP_REQUIRES var.IsInitialized())
    throw new FailedPreconditionError(
      `Attempting to use uninitialized variables: ${name}\n\t [[{{node ${ctx.opName}}}]]`,
    );
  }
  return { name, value };
}

function dims(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** training_ops.cc: the `IsScalar` checks on hyperparameters. */
export function scalar(ctx: KernelContext, array: NDArray, argName: string): number {
  if (array.shape.length !== 0) {
    // training_ops.cc: OP_REQUIRES(TensorShapeUtils::IsScalar(...))
    throw new InvalidArgumentError(`${argName} is not a scalar: ${dims(array.shape)}\n\t [[{{node ${ctx.opName}}}]]`);
  }
  return Number(array.data[0]);
}

/** training_ops.cc: "var and <arg> do not have the same shape" checks. */
export function checkSameShape(ctx: KernelContext, varName: string, a: NDArray, argName: string, b: NDArray): void {
  if (!sameShape(a.shape, b.shape)) {
    // training_ops.cc: OP_REQUIRES(var.shape().IsSameSize(...))
    throw new InvalidArgumentError(
      `${varName} and ${argName} do not have the same shape${dims(a.shape)} ${dims(b.shape)}\n\t [[{{node ${ctx.opName}}}]]`,
    );
  }
}

export function copy(array: NDArray): NDArray {
  return new NDArray(array.dtype, array.shape, (array.data as Floats).slice());
}

/** Stores the updated copies and returns var's new value (the op's ref output). */
function store(ctx: KernelContext, updates: { name: string; value: NDArray }[]): NDArray[] {
  for (const u of updates) ctx.variables.set(u.name, u.value);
  return [updates[0].value];
}

export const trainingKernels = {
  /** training_ops.cc: ApplyGradientDescent: var -= alpha * delta. */
  ApplyGradientDescent: (inputs, ctx) => {
    const v = refValue(ctx, 0);
    const alpha = scalar(ctx, inputs[1], "alpha");
    const delta = inputs[2];
    checkSameShape(ctx, "var", v.value, "delta", delta);
    const next = copy(v.value);
    const out = next.data as Floats;
    const d = delta.data as Floats;
    for (let i = 0; i < out.length; i++) out[i] -= alpha * d[i];
    return store(ctx, [{ name: v.name, value: next }]);
  },

  /**
   * training_ops.cc: ApplyMomentum: accum = accum * momentum + grad; then var -= accum * lr, or with Nesterov
   * var -= grad * lr + accum * momentum * lr.
   */
  ApplyMomentum: (inputs, ctx) => {
    const v = refValue(ctx, 0);
    const a = refValue(ctx, 1);
    const lr = scalar(ctx, inputs[2], "lr");
    const grad = inputs[3];
    const momentum = scalar(ctx, inputs[4], "momentum");
    checkSameShape(ctx, "var", v.value, "accum", a.value);
    checkSameShape(ctx, "var", v.value, "grad", grad);
    const nesterov = ctx.attrs.use_nesterov === true;
    const nextVar = copy(v.value);
    const nextAccum = copy(a.value);
    const w = nextVar.data as Floats;
    const acc = nextAccum.data as Floats;
    const g = grad.data as Floats;
    for (let i = 0; i < w.length; i++) {
      acc[i] = acc[i] * momentum + g[i];
      w[i] -= nesterov ? g[i] * lr + acc[i] * momentum * lr : acc[i] * lr;
    }
    return store(ctx, [
      { name: v.name, value: nextVar },
      { name: a.name, value: nextAccum },
    ]);
  },

  /**
   * training_ops.cc: ApplyAdam: lr_t = lr * sqrt(1 - beta2_power) / (1 - beta1_power); m += (g - m) * (1 - beta1);
   * v += (g^2 - v) * (1 - beta2); var -= lr_t * m / (sqrt(v) + epsilon), or with Nesterov
   * var -= lr_t * (g * (1 - beta1) + beta1 * m) / (sqrt(v) + epsilon).
   */
  ApplyAdam: (inputs, ctx) => {
    const v = refValue(ctx, 0);
    const m = refValue(ctx, 1);
    const s = refValue(ctx, 2);
    const beta1Power = scalar(ctx, inputs[3], "beta1_power");
    const beta2Power = scalar(ctx, inputs[4], "beta2_power");
    const lr = scalar(ctx, inputs[5], "lr");
    const beta1 = scalar(ctx, inputs[6], "beta1");
    const beta2 = scalar(ctx, inputs[7], "beta2");
    const epsilon = scalar(ctx, inputs[8], "epsilon");
    const grad = inputs[9];
    checkSameShape(ctx, "var", v.value, "m", m.value);
    checkSameShape(ctx, "var", v.value, "v", s.value);
    checkSameShape(ctx, "var", v.value, "grad", grad);
    const nesterov = ctx.attrs.use_nesterov === true;
    const alpha = (lr * Math.sqrt(1 - beta2Power)) / (1 - beta1Power);
    const nextVar = copy(v.value);
    const nextM = copy(m.value);
    const nextV = copy(s.value);
    const w = nextVar.data as Floats;
    const mm = nextM.data as Floats;
    const vv = nextV.data as Floats;
    const g = grad.data as Floats;
    for (let i = 0; i < w.length; i++) {
      mm[i] += (g[i] - mm[i]) * (1 - beta1);
      vv[i] += (g[i] * g[i] - vv[i]) * (1 - beta2);
      const step = nesterov ? g[i] * (1 - beta1) + beta1 * mm[i] : mm[i];
      w[i] -= (step * alpha) / (Math.sqrt(vv[i]) + epsilon);
    }
    return store(ctx, [
      { name: v.name, value: nextVar },
      { name: m.name, value: nextM },
      { name: s.name, value: nextV },
    ]);
  },
} satisfies Record<string, Kernel>;
