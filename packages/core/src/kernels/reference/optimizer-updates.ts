// training_ops.cc: ApplyAdadeltaOp, ApplyFtrlOp (V1 and V2), ApplyProximalGradientDescentOp, ApplyProximalAdagradOp,
// ApplyAdagradDAOp and their SparseApply* ops, with the update math of their functors, element by element. The
// sparse kernels run the same rule on the rows `indices` names (grad's rows in order); where TF's row loop spells
// the math differently for rows of one element (SparseApplyAdagradDA), the rule is told the row size.
import { InvalidArgumentError } from "../../errors";
import type { NDArray } from "../../framework/ndarray";
import type { Kernel, KernelContext } from "../contract";
import { registerKernels } from "../lazy-kernel-registry";
import { checkSparseGrad, rowIndices } from "./sparse-update";
import { checkSameShape, copy, refValue } from "./training";

type Floats = Float32Array | Float64Array;

/** Updates element `i` of var `w` and slots `s` with gradient `g`, the scalars `h`, rows of `rowSize` elements. */
type Rule = (w: Floats, s: Floats[], g: number, i: number, h: number[], rowSize: number) => void;

/** A scalar input: its position, TF's message prefix, and the kernel's condition on its value (if any). */
interface ScalarArg {
  readonly message: string;
  readonly valid?: (x: number) => boolean;
}

interface Spec {
  /** The slot inputs after var, by the names TF's shape messages use. */
  readonly slots: readonly string[];
  /** Input positions of the dense op: the scalars (in the rule's order) and grad. */
  readonly dense: { readonly scalars: readonly number[]; readonly grad: number; readonly gradName: string };
  /** Input positions of the sparse op: the scalars, grad and indices. */
  readonly sparse: { readonly scalars: readonly number[]; readonly grad: number; readonly indices: number };
  /** The scalars' checks, dense and sparse (TF's sparse ops check some values too). */
  readonly denseScalars: readonly ScalarArg[];
  readonly sparseScalars: readonly ScalarArg[];
  /** The sparse op's slot names in its shape messages where they differ (SparseApplyAdadelta's accum_grad). */
  readonly sparseSlots?: readonly string[];
  /** SparseApply* that check "Inner dimension should be greater than zero." (all but Adadelta). */
  readonly checksInnerDim: boolean;
  readonly rule: Rule;
}

const sign = (x: number) => (x === 0 ? 0 : x < 0 ? -1 : 1);
const isScalar = (message: string): ScalarArg => ({ message: `${message} is not a scalar: ` });
const positive = (message: string): ScalarArg => ({
  message: `${message} is not a positive scalar: `,
  valid: (x) => x > 0,
});
const nonNegative = (message: string): ScalarArg => ({
  message: `${message} is not a non-negative scalar: `,
  valid: (x) => x >= 0,
});
const l1Scalar = isScalar("l1 regularization strength");
const l2Scalar = isScalar("l2 regularization strength");

/**
 * training_ops.cc: ApplyAdadelta: accum = accum * rho + grad^2 * (1 - rho); update = sqrt(accum_update + epsilon) *
 * rsqrt(accum + epsilon) * grad; var -= update * lr; accum_update = accum_update * rho + update^2 * (1 - rho).
 */
const adadelta: Spec = {
  slots: ["accum", "accum_update"],
  sparseSlots: ["accum_grad", "accum_update"],
  dense: { scalars: [3, 4, 5], grad: 6, gradName: "grad" },
  sparse: { scalars: [3, 4, 5], grad: 6, indices: 7 },
  denseScalars: [isScalar("lr"), isScalar("rho"), isScalar("epsilon")],
  sparseScalars: [isScalar("lr"), isScalar("rho"), isScalar("epsilon")],
  checksInnerDim: false,
  rule: (w, [accum, accumUpdate], g, i, [lr, rho, epsilon]) => {
    accum[i] = accum[i] * rho + g * g * (1 - rho);
    const update = (Math.sqrt(accumUpdate[i] + epsilon) / Math.sqrt(accum[i] + epsilon)) * g;
    w[i] -= update * lr;
    accumUpdate[i] = accumUpdate[i] * rho + update * update * (1 - rho);
  },
};

/** training_ops.cc: FtrlCompute's quadratic term: accum^(-lr_power) / lr + 2 * l2 (sqrt for lr_power -0.5). */
function ftrlPower(accum: number, lrPower: number): number {
  return lrPower === -0.5 ? Math.sqrt(accum) : accum ** -lrPower;
}

/**
 * training_ops.cc: ApplyFtrl / ApplyFtrlV2: new_accum = accum + grad^2; linear += grad_with_shrinkage -
 * (new_accum^(-p) - accum^(-p)) / lr * var; var = |linear| > l1 ? (l1 * sign(linear) - linear) / (new_accum^(-p) /
 * lr + 2 * l2) : 0; accum = new_accum. grad_with_shrinkage = grad + 2 * l2_shrinkage * var (V2), else grad.
 */
function ftrlRule(shrinkage: boolean): Rule {
  return (w, [accum, linear], g, i, h) => {
    const [lr, l1, l2] = h;
    const l2Shrinkage = shrinkage ? h[3] : 0;
    const lrPower = h[shrinkage ? 4 : 3];
    const withShrinkage = shrinkage ? g + 2 * l2Shrinkage * w[i] : g;
    const newAccum = accum[i] + g * g;
    linear[i] += withShrinkage - ((ftrlPower(newAccum, lrPower) - ftrlPower(accum[i], lrPower)) / lr) * w[i];
    const l = linear[i];
    const quadratic = ftrlPower(newAccum, lrPower) / lr + 2 * l2;
    w[i] = Math.abs(l) > l1 ? (l1 * sign(l) - l) / quadratic : 0;
    accum[i] = newAccum;
  };
}

function ftrl(shrinkage: boolean): Spec {
  const n = shrinkage ? 5 : 4;
  const denseScalars = [
    isScalar("lr"),
    l1Scalar,
    l2Scalar,
    ...(shrinkage ? [isScalar("l2 shrinkage regularization strength")] : []),
    // training_ops.cc: ApplyFtrlOp ("lr_power is not a scalar" has no ": " before the shape)
    { message: "lr_power is not a scalar" },
  ];
  const sparseScalars = [
    positive("lr"),
    nonNegative("l1 regularization strength"),
    nonNegative("l2 regularization strength"),
    ...(shrinkage ? [nonNegative("l2 shrinkage regularization strength")] : []),
    { message: "lr_power is not a non-positive scalar: ", valid: (x: number) => x <= 0 },
  ];
  return {
    slots: ["accum", "linear"],
    dense: { scalars: Array.from({ length: n }, (_, k) => 4 + k), grad: 3, gradName: "grad" },
    sparse: { scalars: Array.from({ length: n }, (_, k) => 5 + k), grad: 3, indices: 4 },
    denseScalars,
    sparseScalars,
    checksInnerDim: true,
    rule: ftrlRule(shrinkage),
  };
}

/** training_ops.cc: the Fobos step: prox = var - rate * g; var = sign(prox) * max(|prox| - rate * l1, 0) / (1 + rate * l2). */
function fobos(w: Floats, i: number, g: number, rate: number, l1: number, l2: number): void {
  const prox = w[i] - g * rate;
  w[i] = l1 > 0 ? (sign(prox) * Math.max(Math.abs(prox) - rate * l1, 0)) / (1 + l2 * rate) : prox / (1 + l2 * rate);
}

/** training_ops.cc: ApplyProximalGradientDescent: the Fobos step with the rate alpha. */
const proximalGradientDescent: Spec = {
  slots: [],
  dense: { scalars: [1, 2, 3], grad: 4, gradName: "delta" },
  sparse: { scalars: [1, 2, 3], grad: 4, indices: 5 },
  denseScalars: [isScalar("alpha"), l1Scalar, l2Scalar],
  sparseScalars: [isScalar("lr"), l1Scalar, l2Scalar],
  checksInnerDim: true,
  rule: (w, _s, g, i, [lr, l1, l2]) => fobos(w, i, g, lr, l1, l2),
};

/** training_ops.cc: ApplyProximalAdagrad: accum += grad^2; the Fobos step with the rate lr / sqrt(accum). */
const proximalAdagrad: Spec = {
  slots: ["accum"],
  dense: { scalars: [2, 3, 4], grad: 5, gradName: "grad" },
  sparse: { scalars: [2, 3, 4], grad: 5, indices: 6 },
  denseScalars: [positive("lr"), nonNegative("l1 regularization strength"), nonNegative("l2 regularization strength")],
  sparseScalars: [positive("lr"), nonNegative("l1 regularization strength"), nonNegative("l2 regularization strength")],
  checksInnerDim: true,
  rule: (w, [accum], g, i, [lr, l1, l2]) => {
    accum[i] += g * g;
    fobos(w, i, g, lr / Math.sqrt(accum[i]), l1, l2);
  },
};

/**
 * training_ops.cc: ApplyAdagradDA: ga += grad; gg += grad^2; var = -lr * sign(ga) * max(|ga| - l1 * T, 0) / (l2 * T
 * * lr + sqrt(gg)) (T the global step; without l1, |ga| - l1 * T is ga itself). SparseApplyAdagradDA's rows of more
 * than one element spell it -sign(ga) * max(|ga| / T - l1, 0) / (l2 + sqrt(gg) / (T * lr)).
 */
const adagradDA: Spec = {
  slots: ["accum", "accum"],
  dense: { scalars: [4, 5, 6, 7], grad: 3, gradName: "grad" },
  sparse: { scalars: [5, 6, 7, 8], grad: 3, indices: 4 },
  denseScalars: [isScalar("lr"), l1Scalar, l2Scalar, isScalar("global_step")],
  sparseScalars: [isScalar("lr"), l1Scalar, l2Scalar, isScalar("global_step")],
  checksInnerDim: true,
  rule: (w, [ga, gg], g, i, [lr, l1, l2, step], rowSize) => {
    ga[i] += g;
    gg[i] += g * g;
    if (rowSize > 1) {
      const gsLr = step * lr;
      w[i] =
        l1 > 0
          ? (-sign(ga[i]) * Math.max(Math.abs(ga[i]) / step - l1, 0)) / (l2 + Math.sqrt(gg[i]) / gsLr)
          : -(ga[i] / step) / (l2 + Math.sqrt(gg[i]) / gsLr);
    } else {
      w[i] =
        l1 > 0
          ? (-sign(ga[i]) * lr * Math.max(Math.abs(ga[i]) - step * l1, 0)) / (l2 * step * lr + Math.sqrt(gg[i]))
          : (-ga[i] * lr) / (l2 * step * lr + Math.sqrt(gg[i]));
    }
  },
};

function dims(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

function fail(ctx: KernelContext, message: string): never {
  throw new InvalidArgumentError(`${message}\n\t [[{{node ${ctx.opName}}}]]`);
}

/** training_ops.cc: the OP_REQUIRES on each hyperparameter (a scalar, and for some ops a value in range). */
function scalars(ctx: KernelContext, inputs: NDArray[], positions: readonly number[], args: readonly ScalarArg[]) {
  return positions.map((p, k) => {
    const array = inputs[p];
    const value = Number(array.data[0]);
    if (array.shape.length !== 0 || (args[k].valid && !args[k].valid(value))) {
      fail(ctx, `${args[k].message}${dims(array.shape)}`);
    }
    return value;
  });
}

/** The var and slot refs (checked against var's shape) and their updated copies. */
function refs(ctx: KernelContext, slotNames: readonly string[]) {
  const v = refValue(ctx, 0);
  const slots = slotNames.map((name, k) => {
    const slot = refValue(ctx, k + 1);
    checkSameShape(ctx, "var", v.value, name, slot.value);
    return slot;
  });
  return { v, next: [v, ...slots].map((r) => ({ name: r.name, value: copy(r.value) })) };
}

function store(ctx: KernelContext, next: { name: string; value: NDArray }[]): NDArray[] {
  for (const n of next) ctx.variables.set(n.name, n.value);
  return [next[0].value];
}

function dense(spec: Spec): Kernel {
  return (inputs, ctx) => {
    const { v, next } = refs(ctx, spec.slots);
    const grad = inputs[spec.dense.grad];
    checkSameShape(ctx, "var", v.value, spec.dense.gradName, grad);
    const h = scalars(ctx, inputs, spec.dense.scalars, spec.denseScalars);
    const [w, ...s] = next.map((n) => n.value.data as Floats);
    const g = grad.data as Floats;
    for (let i = 0; i < w.length; i++) spec.rule(w, s, g[i], i, h, w.length);
    return store(ctx, next);
  };
}

function sparse(spec: Spec): Kernel {
  return (inputs, ctx) => {
    const { v, next } = refs(ctx, spec.sparseSlots ?? spec.slots);
    const shape = v.value.shape;
    // training_ops.cc: SparseApply*Op::Compute
    if (shape.length < 1) fail(ctx, "var must be at least 1 dimensional");
    const h = scalars(ctx, inputs, spec.sparse.scalars, spec.sparseScalars);
    const grad = inputs[spec.sparse.grad];
    const indices = inputs[spec.sparse.indices];
    if (indices.shape.length !== 1) fail(ctx, "indices must be one-dimensional");
    for (let d = 1; d < shape.length; d++) {
      if (shape[d] !== grad.shape[d]) fail(ctx, `var and grad must match in dimension ${d}`);
    }
    checkSparseGrad(ctx, grad, indices);
    const rowSize = shape.slice(1).reduce((x, y) => x * y, 1);
    if (spec.checksInnerDim && rowSize <= 0) fail(ctx, "Inner dimension should be greater than zero.");
    const idx = rowIndices(ctx, indices, shape[0], true);
    const [w, ...s] = next.map((n) => n.value.data as Floats);
    const g = grad.data as Floats;
    idx.forEach((r, k) => {
      for (let j = 0; j < rowSize; j++) spec.rule(w, s, g[k * rowSize + j], r * rowSize + j, h, rowSize);
    });
    return store(ctx, next);
  };
}

export const optimizerUpdateKernels = {
  ApplyAdadelta: dense(adadelta),
  SparseApplyAdadelta: sparse(adadelta),
  ApplyFtrl: dense(ftrl(false)),
  SparseApplyFtrl: sparse(ftrl(false)),
  ApplyFtrlV2: dense(ftrl(true)),
  SparseApplyFtrlV2: sparse(ftrl(true)),
  ApplyProximalGradientDescent: dense(proximalGradientDescent),
  SparseApplyProximalGradientDescent: sparse(proximalGradientDescent),
  ApplyProximalAdagrad: dense(proximalAdagrad),
  SparseApplyProximalAdagrad: sparse(proximalAdagrad),
  ApplyAdagradDA: dense(adagradDA),
  SparseApplyAdagradDA: sparse(adagradDA),
} satisfies Record<string, Kernel>;

/** Makes this family run in every Session (idempotent): the module that builds its ops calls it when loaded. */
export function useOptimizerUpdateKernels(): void {
  registerKernels(optimizerUpdateKernels);
}
