// math_grad.py (TF 1.15): the gradients of tf.math's trigonometric, hyperbolic and special functions, Atan2, Xdivy,
// Xlogy and Polygamma, building the same ops under the same names (conj is the identity for real types).
import type { Tensor } from "../framework/tensor";
import type { GradFn, GradTable } from "../gradients/grad-types";
import { after, broadcastArgs, reduceTo } from "./math-grad";
import { add, cast, cos, exp, notEqual, pow, reciprocal, sqrt, square, subtract } from "./math-ops";
import { cosh, digamma, polygamma, sinh, xdivy, xlogy, zeta } from "./math-special-ops";
import { constantOp } from "./op-builder";
import { opDefs } from "./op-defs";
import { add as addOp, mul, neg, truediv } from "./operators";

/** constant_op.constant(value, dtype=t.dtype), named `Const`. */
const constLike = (value: number, t: Tensor) => constantOp(value, t.dtype, null, opDefs.Const.type);

/** _AsinGrad / _AcosGrad: grad * (±1 / sqrt(1 - x^2)). */
const arcSinCosGrad =
  (negate: boolean): GradFn =>
  (op, [grad]) =>
    after(grad, () => {
      const x2 = square(op.inputs[0]);
      const one = constLike(1, grad);
      const inv = reciprocal(sqrt(subtract(one, x2)));
      return [mul(negate ? neg(grad) : grad, inv)];
    });

/** _ErfGrad / _ErfcGrad: grad * (±2/sqrt(pi)) * exp(-x^2); the constant is made before the control dependency. */
const erfGrad =
  (sign: number): GradFn =>
  (op, [grad]) => {
    const k = constLike((sign * 2) / Math.sqrt(Math.PI), grad);
    return after(grad, () => [mul(mul(grad, k), exp(neg(square(op.inputs[0]))))]);
  };

/** _XDivyGrad / _XLogyGrad: partials masked where x is 0, un-broadcast as every binary gradient. */
const xGrad =
  (partials: (x: Tensor, y: Tensor, notZeroX: Tensor) => [Tensor, Tensor]): GradFn =>
  (op, [grad]) => {
    const [x, y] = op.inputs;
    const { sx, sy, rx, ry } = broadcastArgs(op);
    return after(grad, () => {
      const notZeroX = cast(notEqual(x, cast(0, x.dtype)), x.dtype);
      const [px, py] = partials(x, y, notZeroX);
      return [reduceTo(mul(px, grad), rx, sx), reduceTo(mul(py, grad), ry, sy)];
    });
  };

export const mathSpecialGrads: GradTable = {
  Tan: (op, [grad]) =>
    after(grad, () => {
      const secx = reciprocal(cos(op.inputs[0]));
      return [mul(grad, square(secx))];
    }),
  Asin: arcSinCosGrad(false),
  Acos: arcSinCosGrad(true),
  Atan: (op, [grad]) =>
    after(grad, () => {
      const x2 = square(op.inputs[0]);
      const one = constLike(1, grad);
      return [mul(grad, reciprocal(add(one, x2)))];
    }),
  Atan2: (op, [grad]) => {
    const [y, x] = op.inputs;
    return after(grad, () => {
      const gradInv = truediv(grad, addOp(square(x), square(y)));
      return [mul(x, gradInv), mul(neg(y), gradInv)];
    });
  },
  Sinh: (op, [grad]) => after(grad, () => [mul(grad, cosh(op.inputs[0]))]),
  Cosh: (op, [grad]) => after(grad, () => [mul(grad, sinh(op.inputs[0]))]),
  Asinh: (op, [grad]) => after(grad, () => [truediv(grad, cosh(op.outputs[0]))]),
  Acosh: (op, [grad]) => after(grad, () => [truediv(grad, sinh(op.outputs[0]))]),
  Atanh: (op, [grad]) =>
    after(grad, () => {
      const x2 = square(op.inputs[0]);
      const one = constLike(1, grad);
      return [mul(grad, reciprocal(subtract(one, x2)))];
    }),
  Erf: erfGrad(1),
  Erfc: erfGrad(-1),
  Lgamma: (op, [grad]) => after(grad, () => [mul(grad, digamma(op.inputs[0]))]),
  Digamma: (op, [grad]) =>
    after(grad, () => {
      const x = op.inputs[0];
      return [mul(grad, polygamma(constLike(1, x), x))];
    }),
  Polygamma: (op, [grad]) => {
    const [n, x] = op.inputs;
    const { sy: sx, ry: rx } = broadcastArgs(op);
    return after(grad, () => [null, reduceTo(mul(polygamma(radd1(n), x), grad), rx, sx)]);
  },
  // _ZetaGrad: d/dq zeta(x, q) = -x * zeta(x + 1, q); none for x.
  Zeta: (op, [grad]) => {
    const [x, q] = op.inputs;
    const { sy: sq, ry: rq } = broadcastArgs(op);
    return after(grad, () => [null, reduceTo(mul(mul(neg(x), zeta(radd1(x), q)), grad), rq, sq)]);
  },
  Expm1: (op, [grad]) => after(grad, () => [mul(grad, exp(op.inputs[0]))]),
  Rint: () => [null],
  TruncateDiv: () => [null, null],
  Xdivy: xGrad((x, y, notZeroX) => [xdivy(notZeroX, y), xdivy(neg(x), pow(y, 2, "pow"))]),
  Xlogy: xGrad((x, y, notZeroX) => [xlogy(notZeroX, y), xdivy(x, y)]),
};

/** Python's `n + 1`: the `add` operator, 1 converted as `add/y`. */
const radd1 = (n: Tensor) => addOp(n, 1);
