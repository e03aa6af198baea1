// training_ops.cc: ApplyAdagradOp, ApplyRMSPropOp, ApplyCenteredRMSPropOp and their SparseApply* row versions, with
// the update math of their functors. One rule per optimizer updates one element; the sparse kernels run it on the
// rows `indices` names, with grad's rows in order.
import type { NDArray } from "../../framework/ndarray";
import type { Kernel, KernelContext } from "../contract";
import { checkSparseGrad, rowIndices } from "./sparse-update";
import { checkSameShape, copy, refValue, scalar } from "./training";

type Floats = Float32Array | Float64Array;

/** Updates element `i` of var `w` and slots `s` with gradient `g` and the scalars `h`. */
type Rule = (w: Floats, s: Floats[], g: number, i: number, h: number[], ctx: KernelContext) => void;

interface Spec {
  /** The slot inputs after var, by TF's arg names. */
  readonly slots: readonly string[];
  /** The scalar inputs after the slots, by TF's arg names. */
  readonly scalars: readonly string[];
  readonly rule: Rule;
}

/** training_ops.cc: ApplyAdagrad: accum += grad^2 (with update_slots); var -= lr * grad / sqrt(accum). */
const adagrad: Spec = {
  slots: ["accum"],
  scalars: ["lr"],
  rule: (w, [acc], g, i, [lr], ctx) => {
    if (ctx.attrs.update_slots !== false) acc[i] += g * g;
    w[i] -= (lr * g) / Math.sqrt(acc[i]);
  },
};

/**
 * training_ops.cc: ApplyRMSProp: ms += (grad^2 - ms) * (1 - rho); mom = mom * momentum + lr * grad / sqrt(ms +
 * epsilon); var -= mom.
 */
const rmsProp: Spec = {
  slots: ["ms", "mom"],
  scalars: ["lr", "rho", "momentum", "epsilon"],
  rule: (w, [ms, mom], g, i, [lr, rho, momentum, epsilon]) => {
    ms[i] += (g * g - ms[i]) * (1 - rho);
    mom[i] = mom[i] * momentum + (lr * g) / Math.sqrt(ms[i] + epsilon);
    w[i] -= mom[i];
  },
};

/** training_ops.cc: ApplyCenteredRMSProp: as RMSProp with mg += (grad - mg) * (1 - rho), ms - mg^2 under the root. */
const centeredRmsProp: Spec = {
  slots: ["mg", "ms", "mom"],
  scalars: ["lr", "rho", "momentum", "epsilon"],
  rule: (w, [mg, ms, mom], g, i, [lr, rho, momentum, epsilon]) => {
    mg[i] += (g - mg[i]) * (1 - rho);
    ms[i] += (g * g - ms[i]) * (1 - rho);
    mom[i] = mom[i] * momentum + (lr * g) / Math.sqrt(ms[i] - mg[i] * mg[i] + epsilon);
    w[i] -= mom[i];
  },
};

/** The var and slot refs (checked against var's shape), their updated copies and the scalars. */
function prepare(spec: Spec, inputs: NDArray[], ctx: KernelContext) {
  const v = refValue(ctx, 0);
  const slots = spec.slots.map((name, k) => {
    const slot = refValue(ctx, k + 1);
    checkSameShape(ctx, "var", v.value, name, slot.value);
    return slot;
  });
  const first = spec.slots.length + 1;
  const h = spec.scalars.map((name, k) => scalar(ctx, inputs[first + k], name));
  const grad = inputs[first + spec.scalars.length];
  const next = [v, ...slots].map((r) => ({ name: r.name, value: copy(r.value) }));
  return { v, grad, h, next };
}

function dense(spec: Spec): Kernel {
  return (inputs, ctx) => {
    const { v, grad, h, next } = prepare(spec, inputs, ctx);
    checkSameShape(ctx, "var", v.value, "grad", grad);
    const [w, ...s] = next.map((n) => n.value.data as Floats);
    const g = grad.data as Floats;
    for (let i = 0; i < w.length; i++) spec.rule(w, s, g[i], i, h, ctx);
    for (const n of next) ctx.variables.set(n.name, n.value);
    return [next[0].value];
  };
}

function sparse(spec: Spec): Kernel {
  return (inputs, ctx) => {
    const { v, grad, h, next } = prepare(spec, inputs, ctx);
    const indices = inputs[spec.slots.length + spec.scalars.length + 2];
    checkSparseGrad(ctx, grad, indices);
    const rows = v.value.shape[0] ?? 0;
    const rowSize = v.value.shape.slice(1).reduce((x, y) => x * y, 1);
    const idx = rowIndices(ctx, indices, rows, true);
    const [w, ...s] = next.map((n) => n.value.data as Floats);
    const g = grad.data as Floats;
    idx.forEach((r, k) => {
      for (let j = 0; j < rowSize; j++) spec.rule(w, s, g[k * rowSize + j], r * rowSize + j, h, ctx);
    });
    for (const n of next) ctx.variables.set(n.name, n.value);
    return [next[0].value];
  };
}

export const adaptiveTrainingKernels = {
  ApplyAdagrad: dense(adagrad),
  ApplyRMSProp: dense(rmsProp),
  ApplyCenteredRMSProp: dense(centeredRmsProp),
  SparseApplyAdagrad: sparse(adagrad),
  SparseApplyRMSProp: sparse(rmsProp),
  SparseApplyCenteredRMSProp: sparse(centeredRmsProp),
} satisfies Record<string, Kernel>;
