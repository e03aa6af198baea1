// gen_math_ops.py / math_ops.py: tf.math's trigonometric, hyperbolic and special functions, atan2, the truncating
// and x-weighted divisions, TF1's python-2 `div`, is_nan/is_inf/is_finite, log_sigmoid, reduce_logsumexp,
// count_nonzero, reduce_euclidean_norm; linalg_ops.py: norm.

import { ValueError } from "../errors";
import {
  asDType,
  type DTypeLike,
  float16,
  float32,
  float64,
  int8,
  int16,
  int32,
  int64,
  uint8,
  uint16,
} from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import { useMathSpecialKernels } from "../kernels/reference/math-special";
import { reshape, shape, squeeze, stopGradient, zeros, zerosLike } from "./array-ops";
import { type AllowedTypes, binaryOp, unaryOp } from "./elementwise";
import { abs, add, cast, exp, log, notEqual, pow, sqrt, where } from "./math-ops";
import { softplus } from "./nn-activation-ops";
import { convertToTensor, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { mul, neg } from "./operators";
import { type Axis, reduceMax, reduceSum, reduction } from "./reduction-ops";

// The kernels of this family ship with the module that builds its ops (kernels/lazy-kernel-registry.ts).
useMathSpecialKernels();

// math_ops.cc: the type lists of the UNARY, UNARY_REAL and UNARY_COMPLEX macros (bfloat16 and complex by name).
const UNARY: AllowedTypes = ["bfloat16", float16, float32, float64, int32, int64, "complex64", "complex128"];
const UNARY_REAL: AllowedTypes = ["bfloat16", float16, float32, float64];
const UNARY_COMPLEX: AllowedTypes = ["bfloat16", float16, float32, float64, "complex64", "complex128"];

type UnaryFn = (x: TensorLike, name?: string) => Tensor;
const unary =
  (type: Parameters<typeof unaryOp>[0], allowed: AllowedTypes): UnaryFn =>
  (x, name) =>
    unaryOp(type, x, name, allowed);

/** gen_math_ops.py: tan / asin / acos / atan (UNARY), each named by its op type. */
export const tan = unary(opDefs.Tan.type, UNARY);
export const asin = unary(opDefs.Asin.type, UNARY);
export const acos = unary(opDefs.Acos.type, UNARY);
export const atan = unary(opDefs.Atan.type, UNARY);
/** gen_math_ops.py: sinh / cosh / asinh / acosh / atanh / expm1 (UNARY_COMPLEX). */
export const sinh = unary(opDefs.Sinh.type, UNARY_COMPLEX);
export const cosh = unary(opDefs.Cosh.type, UNARY_COMPLEX);
export const asinh = unary(opDefs.Asinh.type, UNARY_COMPLEX);
export const acosh = unary(opDefs.Acosh.type, UNARY_COMPLEX);
export const atanh = unary(opDefs.Atanh.type, UNARY_COMPLEX);
export const expm1 = unary(opDefs.Expm1.type, UNARY_COMPLEX);
/** gen_math_ops.py: erf / erfc / lgamma / digamma (UNARY_REAL); rint (the same type list). */
export const erf = unary(opDefs.Erf.type, UNARY_REAL);
export const erfc = unary(opDefs.Erfc.type, UNARY_REAL);
export const lgamma = unary(opDefs.Lgamma.type, UNARY_REAL);
export const digamma = unary(opDefs.Digamma.type, UNARY_REAL);
export const rint = unary(opDefs.Rint.type, UNARY_REAL);
/** gen_math_ops.py: is_nan / is_inf / is_finite (public as tf.isFinite): bool outputs. */
export const isNan = unary(opDefs.IsNan.type, UNARY_REAL);
export const isInf = unary(opDefs.IsInf.type, UNARY_REAL);
export const isFiniteTensor = unary(opDefs.IsFinite.type, UNARY_REAL);

/** gen_math_ops.py: polygamma(a, x, name=None): a `Polygamma` (float32, float64). */
export function polygamma(a: TensorLike, x: TensorLike, name?: string): Tensor {
  return binaryOp(opDefs.Polygamma.type, a, x, name, { allowed: [float32, float64], argNames: ["a", "x"] });
}
/** gen_math_ops.py: zeta(x, q, name=None): a `Zeta`, the Hurwitz zeta function (float32, float64). */
export function zeta(x: TensorLike, q: TensorLike, name?: string): Tensor {
  return binaryOp(opDefs.Zeta.type, x, q, name, { allowed: [float32, float64], argNames: ["x", "q"] });
}
/** gen_math_ops.py: atan2(y, x, name=None): an `Atan2`, the angle of (x, y). */
export function atan2(y: TensorLike, x: TensorLike, name?: string): Tensor {
  return binaryOp(opDefs.Atan2.type, y, x, name, { allowed: UNARY_REAL, argNames: ["y", "x"] });
}
/** gen_math_ops.py: truncate_div (tf.truncatediv): a `TruncateDiv`, C's `/` (rounds toward zero). */
export function truncatediv(x: TensorLike, y: TensorLike, name?: string): Tensor {
  const allowed: AllowedTypes = [
    "bfloat16",
    float16,
    float32,
    float64,
    uint8,
    int8,
    uint16,
    int16,
    int32,
    int64,
    "complex64",
    "complex128",
  ];
  return binaryOp(opDefs.TruncateDiv.type, x, y, name, { allowed });
}
/** gen_math_ops.py: truncate_mod (tf.truncatemod): a `TruncateMod`, C's `%` / fmod (the sign of x). */
export function truncatemod(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return binaryOp(opDefs.TruncateMod.type, x, y, name, {
    allowed: [int32, int64, "bfloat16", float16, float32, float64],
  });
}
const X_OPS: AllowedTypes = [float16, float32, float64, "complex64", "complex128"];
/** gen_math_ops.py: xdivy(x, y, name=None): an `Xdivy`, 0 where x is 0, else x / y. */
export function xdivy(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return binaryOp(opDefs.Xdivy.type, x, y, name, { allowed: X_OPS });
}
/** gen_math_ops.py: xlogy(x, y, name=None): an `Xlogy`, 0 where x is 0, else x * log(y). */
export function xlogy(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return binaryOp(opDefs.Xlogy.type, x, y, name, { allowed: X_OPS });
}

/** gen_math_ops.py: floor_div (tf.floor_div): a `FloorDiv` named `FloorDiv` (math_ops.floordiv opens `floordiv`). */
export function floorDiv(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return binaryOp(opDefs.FloorDiv.type, x, y, name);
}

/**
 * math_ops.py: div(x, y, name=None), i.e. _div_python2: in scope `div`, a `RealDiv` for floats and a `FloorDiv` for
 * integers, named by the scope.
 */
export function div(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return opScope(name, "div", [x, y], (scope) => {
    const a = convertToTensor(x, { name: "x" });
    const b = convertToTensor(y, { name: "y", dtype: a.dtype });
    if (a.dtype !== b.dtype) {
      // math_ops.py: _div_python2
      throw new TypeError(`x and y must have the same dtype, got tf.${a.dtype.name} != tf.${b.dtype.name}`);
    }
    return binaryOp(a.dtype.isFloating ? opDefs.RealDiv.type : opDefs.FloorDiv.type, a, b, scope);
  });
}

/** math_ops.py: log_sigmoid(x, name=None): `-softplus(-x)` in scope `LogSigmoid`, the outer `Neg` named by it. */
export function logSigmoid(x: TensorLike, name?: string): Tensor {
  return opScope(name, "LogSigmoid", [x], (scope) => {
    const t = convertToTensor(x, { name: "x" });
    return unaryOp(opDefs.Neg.type, softplus(neg(t)), scope);
  });
}

/**
 * math_ops.py: reduce_logsumexp(input_tensor, axis=None, keepdims=False, name=None): in scope `ReduceLogSumExp`,
 * the max (its non-finite entries zeroed, stop_gradient) subtracted before Exp, Sum, Log and added back.
 */
export function reduceLogsumexp(input: TensorLike, axis?: Axis, keepdims?: boolean, name?: string): Tensor {
  const keep = keepdims ?? false;
  const x = convertToTensor(input);
  return opScope(name, "ReduceLogSumExp", [x], () => {
    const rawMax = reduceMax(x, axis, true);
    const myMax = stopGradient(where(unaryOp(opDefs.IsFinite.type, rawMax, null), rawMax, zerosLike(rawMax)));
    const result = log(reduceSum(exp(binaryOp(opDefs.Sub.type, x, myMax, null)), axis, keep));
    const offset = keep ? myMax : reshape(myMax, shape(result));
    const sum = add(result, offset);
    // math_ops.py: _may_reduce_to_scalar
    if (!keep && (axis === null || axis === undefined) && sum.shape === null) sum.setShape([]);
    return sum;
  });
}

/**
 * math_ops.py: count_nonzero(input_tensor, axis=None, keepdims=None, dtype=tf.int64, name=None): in scope
 * `count_nonzero`, NotEqual to a scalar zero, cast to int64, summed, and cast to dtype.
 */
export function countNonzero(
  input: TensorLike,
  axis?: Axis,
  keepdims?: boolean,
  dtype: DTypeLike = int64,
  name?: string,
): Tensor {
  return opScope(name, "count_nonzero", [input], () => {
    const x = convertToTensor(input, { name: "input_tensor" });
    const zero = zeros([], x.dtype);
    return cast(reduceSum(cast(notEqual(x, zero), int64), axis, keepdims ?? false), asDType(dtype));
  });
}

/** math_ops.py: reduce_euclidean_norm(input_tensor, axis=None, keepdims=False, name=None): a `EuclideanNorm`. */
export function reduceEuclideanNorm(input: TensorLike, axis?: Axis, keepdims?: boolean, name?: string): Tensor {
  return reduction(opDefs.EuclideanNorm.type, input, axis, keepdims ?? false, name);
}

export type NormOrder = "euclidean" | "fro" | number;

const AXIS_ERROR = "'axis' must be None, an integer, or a tuple of 2 unique integers";

/** Python's str of an ord value (np.inf prints as inf). */
function pyStr(v: unknown): string {
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  return String(v);
}

/**
 * linalg_ops.py: norm(tensor, ord='euclidean', axis=None, keepdims=None, name=None): in scope `norm`; vector norms
 * over one axis (or all), matrix norms ('fro', 'euclidean', 1, inf) over a pair of axes.
 */
export function norm(
  tensor: TensorLike,
  ord: NormOrder = "euclidean",
  axis: number | readonly number[] | null = null,
  keepdims?: boolean,
  name?: string,
): Tensor {
  const isMatrixNorm = Array.isArray(axis) && axis.length === 2;
  let axes: number[] | null;
  if (isMatrixNorm) {
    const [a0, a1] = axis as readonly unknown[];
    if (!Number.isInteger(a0) || !Number.isInteger(a1) || a0 === a1) throw new ValueError(AXIS_ERROR); // linalg_ops.py: norm
    const supported: NormOrder[] = ["euclidean", "fro", 1, 2, Infinity];
    if (!supported.includes(ord)) {
      // linalg_ops.py: norm
      throw new ValueError(
        `'ord' must be a supported matrix norm in ['euclidean', 'fro', 1, 2, inf], got ${pyStr(ord)}`,
      );
    }
    if (ord === 2) throw new Error("norm: ord=2 over a pair of axes needs the Svd op, which scopeflow does not have");
    axes = [a0 as number, a1 as number];
  } else {
    if (!(axis === null || Number.isInteger(axis))) throw new ValueError(AXIS_ERROR); // linalg_ops.py: norm
    const supported: NormOrder[] = ["euclidean", 1, 2, Infinity];
    if ((typeof ord !== "number" || ord <= 0) && !supported.includes(ord)) {
      // linalg_ops.py: norm
      throw new ValueError(`'ord' must be a supported vector norm, got ${pyStr(ord)}`);
    }
    axes = axis === null ? null : [axis as number];
  }
  return opScope(name, "norm", [tensor], () => {
    const x = convertToTensor(tensor);
    let result: Tensor;
    if (ord === "fro" || ord === "euclidean" || ord === 2) {
      // conj(x) is x itself for real types.
      result = sqrt(reduceSum(mul(x, x), axes, true));
    } else {
      result = abs(x);
      if (ord === 1) {
        result = reduceSum(result, axes === null ? null : axes[0], true);
        if (isMatrixNorm) result = reduceMax(result, axes![1], true);
      } else if (ord === Infinity) {
        if (isMatrixNorm) result = reduceSum(result, axes![1], true);
        result = reduceMax(result, axes === null ? null : axes[0], true);
      } else {
        result = pow(reduceSum(pow(result, ord), axes, true), 1.0 / ord);
      }
    }
    return keepdims ? result : squeeze(result, axes);
  });
}
