// math_ops.py / gen_math_ops.py: elementwise arithmetic, comparisons, matmul, add_n, cast, range, where.

import { ValueError } from "../errors";
import { asDType, bool, type DType, type DTypeLike, float32, float64, int32, int64 } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import { mergeShapes, type Shape } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { convertInputList, convertOperands, convertSameTypeInputs } from "./convert-inputs";
import { binaryOp, checkSameType, unaryOp } from "./elementwise";
import { batchedMatmul, needsBatchMatMul } from "./nn-batch-matmul";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { type OpType, opDefs } from "./op-defs";
import { constantValue, mergeError, shapeError } from "./shape-inference";

const FLOATS = [float32, float64];
const NUMERIC = [float32, float64, int32, int64];

/** gen_math_ops.py: add, an `Add` named `Add`. */
export function add(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return binaryOp(opDefs.Add.type, x, y, name);
}
/** gen_math_ops.py: add_v2, an `AddV2` named `AddV2`. */
export function addV2(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return binaryOp(opDefs.AddV2.type, x, y, name);
}
/** math_ops.py: subtract, a `Sub`. */
export function subtract(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return binaryOp(opDefs.Sub.type, x, y, name);
}
/** math_ops.py: multiply, a `Mul`. */
export function multiply(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return binaryOp(opDefs.Mul.type, x, y, name);
}
/** gen_math_ops.py: real_div, a `RealDiv` named `RealDiv`. */
export function realdiv(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return binaryOp(opDefs.RealDiv.type, x, y, name);
}

/** math_ops.py: _TRUEDIV_TABLE: integers are divided as floats. */
const TRUEDIV_CAST: Record<string, DType> = {
  uint8: float32,
  int8: float32,
  uint16: float32,
  int16: float32,
  int32: float64,
  int64: float64,
};

/** math_ops.py: _truediv_python3(x, y, name): `x / y`, a `RealDiv` named `truediv`; integers are cast first. */
export function truediv(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return opScope(name, "truediv", [x, y], (scope) => {
    // y takes x's dtype as a hint; a plain x takes y's (API.md "JS numbers", as Python's `1.0 / y`).
    let [a, b] = convertOperands([x, y], ["x", "y"]);
    if (a.dtype !== b.dtype) {
      // math_ops.py: _truediv_python3
      throw new TypeError(`x and y must have the same dtype, got tf.${a.dtype.name} != tf.${b.dtype.name}`);
    }
    const target = TRUEDIV_CAST[a.dtype.name];
    if (target) {
      a = cast(a, target);
      b = cast(b, target);
    }
    return binaryOp(opDefs.RealDiv.type, a, b, scope);
  });
}
/** math_ops.py: divide(x, y, name=None): `x / y` (a `RealDiv` named `truediv`). */
export function divide(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return truediv(x, y, name);
}
/** math_ops.py: floordiv(x, y, name=None): a `FloorDiv` named `floordiv`. */
export function floordiv(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return opScope(name, "floordiv", [x, y], (scope) => binaryOp(opDefs.FloorDiv.type, x, y, scope));
}
/** gen_math_ops.py: floor_mod (tf.floormod, tf.mod): a `FloorMod`. */
export function floormod(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return binaryOp(opDefs.FloorMod.type, x, y, name);
}
/** math_ops.py: pow(x, y, name=None): a `Pow`. */
export function pow(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return binaryOp(opDefs.Pow.type, x, y, name);
}
/** gen_math_ops.py: maximum: a `Maximum`. */
export function maximum(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return binaryOp(opDefs.Maximum.type, x, y, name, { allowed: NUMERIC });
}
/** gen_math_ops.py: minimum: a `Minimum`. */
export function minimum(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return binaryOp(opDefs.Minimum.type, x, y, name, { allowed: NUMERIC });
}
/** gen_math_ops.py: squared_difference: a `SquaredDifference`. */
export function squaredDifference(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return binaryOp(opDefs.SquaredDifference.type, x, y, name, { allowed: NUMERIC });
}

// gen_math_ops.py comparisons: bool outputs, named by their op type.
const compare = (type: OpType) => (x: TensorLike, y: TensorLike, name?: string) =>
  binaryOp(type, x, y, name, { outputDtype: bool });
export const equal = compare(opDefs.Equal.type);
export const notEqual = compare(opDefs.NotEqual.type);
export const less = compare(opDefs.Less.type);
export const lessEqual = compare(opDefs.LessEqual.type);
export const greater = compare(opDefs.Greater.type);
export const greaterEqual = compare(opDefs.GreaterEqual.type);
/** gen_math_ops.py: logical_and / logical_or / logical_not (bool only). */
export const logicalAnd = (x: TensorLike, y: TensorLike, name?: string) =>
  binaryOp(opDefs.LogicalAnd.type, x, y, name, { allowed: [bool] });
export const logicalOr = (x: TensorLike, y: TensorLike, name?: string) =>
  binaryOp(opDefs.LogicalOr.type, x, y, name, { allowed: [bool] });
export const logicalNot = (x: TensorLike, name?: string) => unaryOp(opDefs.LogicalNot.type, x, name, [bool]);

// gen_math_ops.py unary ops, each named by its op type.
/** math_ops.py: negative (tf.negative), a `Neg`. */
export const negative = (x: TensorLike, name?: string) => unaryOp(opDefs.Neg.type, x, name);
export const square = (x: TensorLike, name?: string) => unaryOp(opDefs.Square.type, x, name, NUMERIC);
export const sqrt = (x: TensorLike, name?: string) => unaryOp(opDefs.Sqrt.type, x, name, FLOATS);
export const rsqrt = (x: TensorLike, name?: string) => unaryOp(opDefs.Rsqrt.type, x, name, FLOATS);
export const exp = (x: TensorLike, name?: string) => unaryOp(opDefs.Exp.type, x, name, FLOATS);
export const log = (x: TensorLike, name?: string) => unaryOp(opDefs.Log.type, x, name, FLOATS);
export const log1p = (x: TensorLike, name?: string) => unaryOp(opDefs.Log1p.type, x, name, FLOATS);
export const floor = (x: TensorLike, name?: string) => unaryOp(opDefs.Floor.type, x, name, FLOATS);
export const ceil = (x: TensorLike, name?: string) => unaryOp(opDefs.Ceil.type, x, name, FLOATS);
export const sin = (x: TensorLike, name?: string) => unaryOp(opDefs.Sin.type, x, name, FLOATS);
export const cos = (x: TensorLike, name?: string) => unaryOp(opDefs.Cos.type, x, name, FLOATS);
/**
 * math_ops.py: round(x, name=None): a `Round` (half to even); an integer x is returned as is. x is converted
 * before the op's name scope opens, as TF does (a plain value becomes `x`).
 */
export function round(x: TensorLike, name?: string): Tensor {
  const t = convertToTensor(x, { name: "x" });
  return t.dtype.isInteger ? t : unaryOp(opDefs.Round.type, t, name, NUMERIC);
}
/** math_ops.py: abs(x, name=None): an `Abs`. */
export const abs = (x: TensorLike, name?: string) => unaryOp(opDefs.Abs.type, x, name, NUMERIC);
export const sign = (x: TensorLike, name?: string) => unaryOp(opDefs.Sign.type, x, name, NUMERIC);
export const reciprocal = (x: TensorLike, name?: string) => unaryOp(opDefs.Reciprocal.type, x, name, NUMERIC);

/** Gradient helpers TF registers as ops: SqrtGrad(y, dy), ReciprocalGrad(y, dy). */
export function sqrtGrad(y: Tensor, dy: Tensor, name?: string): Tensor {
  return binaryOp(opDefs.SqrtGrad.type, y, dy, name);
}
export function reciprocalGrad(y: Tensor, dy: Tensor, name?: string): Tensor {
  return binaryOp(opDefs.ReciprocalGrad.type, y, dy, name);
}

/** math_ops.py: scalar_mul(scalar, x): the scalar converted as `scalar`, then a `Mul`. */
export function scalarMul(scalar: TensorLike, x: Tensor, name?: string): Tensor {
  const s = convertToTensor(scalar, { dtype: x.dtype, name: "scalar" });
  return binaryOp(opDefs.Mul.type, s, x, name);
}

export interface MatMulOptions {
  transposeA?: boolean;
  transposeB?: boolean;
  name?: string;
}

/** math_ops.py: matmul(a, b, transpose_a, transpose_b, name): a `MatMul`. */
export function matmul(a: TensorLike, b: TensorLike, options: MatMulOptions | string = {}): Tensor {
  const opts = typeof options === "string" ? { name: options } : options;
  return opScope(opts.name, opDefs.MatMul.type, [a, b], (scope) => {
    const [x, y] = convertOperands([a, b], ["a", "b"]);
    const dtype = checkSameType(opDefs.MatMul.type, ["a", "b"], [x, y]);
    const ta = opts.transposeA ?? false;
    const tb = opts.transposeB ?? false;
    // math_ops.py: matmul: rank > 2 (or unknown) operands make a BatchMatMulV2 (1.15 is past its forward-compat date).
    if (needsBatchMatMul(x, y)) return batchedMatmul(x, y, ta, tb, scope);
    const sa = x.shape;
    const sb = y.shape;
    const opName = scope.slice(0, -1);
    for (const s of [sa, sb]) {
      if (s !== null && s.length !== 2) {
        // common_shapes.cc: MatMulShape (WithRank)
        throw shapeError(`Shape must be rank 2 but is rank ${s.length}`, opName, opDefs.MatMul.type, [x, y]);
      }
    }
    const m = sa ? sa[ta ? 1 : 0] : null;
    const k1 = sa ? sa[ta ? 0 : 1] : null;
    const k2 = sb ? sb[tb ? 1 : 0] : null;
    const n = sb ? sb[tb ? 0 : 1] : null;
    if (k1 !== null && k2 !== null && k1 !== k2) {
      // common_shapes.cc: MatMulShape (Merge of the inner dimensions)
      throw shapeError(`Dimensions must be equal, but are ${k1} and ${k2}`, opName, opDefs.MatMul.type, [x, y]);
    }
    return createOp(opDefs.MatMul, [x, y], {
      name: scope,
      attrs: { transpose_a: ta, transpose_b: tb, T: dtype },
      shapes: [[m, n]],
    }).outputs[0];
  });
}

const ADD_N_ERROR = "inputs must be a list of at least one Tensor/IndexedSlices with the same dtype and shape";

/** math_ops.py: add_n(inputs, name=None): one input is returned as is (an `Identity` when named), more an `AddN`. */
export function addN(inputs: readonly TensorLike[], name?: string): Tensor {
  if (!Array.isArray(inputs) || inputs.length === 0) {
    // math_ops.py: add_n
    throw new ValueError(ADD_N_ERROR);
  }
  // math_ops.py: add_n converts the inputs before gen_math_ops.add_n checks that their types agree; atomically,
  // so that a failure leaves no `Const` behind.
  return getDefaultGraph().atomically(() => {
    const tensors = convertOperands(inputs, []);
    if (tensors.length === 1) return name ? identityOf(tensors[0], name) : tensors[0];
    return addNOp(tensors, name);
  });
}

function addNOp(tensors: Tensor[], name: string | undefined): Tensor {
  return opScope(name, opDefs.AddN.type, tensors, (scope) => {
    const dtype = convertInputList(opDefs.AddN.type, "inputs", tensors, [])[0].dtype;
    let shape: Shape | undefined = tensors[0].shape;
    for (const t of tensors.slice(1)) {
      const merged: Shape | undefined = mergeShapes(shape as Shape, t.shape);
      if (merged === undefined) {
        // math_ops.cc: AddN shape function (Merge)
        throw shapeError(mergeError(shape as Shape, t.shape), scope.slice(0, -1), opDefs.AddN.type, tensors);
      }
      shape = merged;
    }
    return createOp(opDefs.AddN, tensors, {
      name: scope,
      attrs: { N: tensors.length, T: dtype },
      shapes: [shape as Shape],
    }).outputs[0];
  });
}

function identityOf(x: Tensor, name: string): Tensor {
  return opScope(
    name,
    opDefs.Identity.type,
    [x],
    (scope) =>
      createOp(opDefs.Identity, [x], {
        name: scope,
        attrs: { T: x.dtype },
        shapes: [x.shape],
      }).outputs[0],
  );
}

/**
 * math_ops.py: cast(x, dtype, name=None): a `Cast` in scope `Cast`; x itself when it already has that dtype. A Tensor
 * of that dtype returns before the name scope opens (no `Cast` name is used up), as TF 1.15's cast does.
 */
export function cast(x: TensorLike, dtype: DTypeLike, name?: string): Tensor {
  const target = asDType(dtype);
  // math_ops.py: cast returns a Tensor already of the dtype before opening its name scope (so no `Cast` name is
  // taken); a Variable or a plain value still goes through the scope.
  if (x instanceof Tensor && x.dtype === target) return x;
  return opScope(name, opDefs.Cast.type, [x], (scope) => {
    const t = convertToTensor(x, { name: "x" });
    if (t.dtype === target) return t;
    return createOp(opDefs.Cast, [t], {
      name: scope,
      attrs: { SrcT: t.dtype, DstT: target, Truncate: false },
      shapes: [t.shape],
    }).outputs[0];
  });
}

export interface RangeOptions {
  dtype?: DTypeLike;
  name?: string;
}

const RANGE_HIERARCHY = [int32, int64, float32, float64];

/** math_ops.py: range(start, limit=None, delta=1, dtype=None, name="range"): a `Range`. */
export function range(
  start: TensorLike,
  limit?: TensorLike | null,
  delta: TensorLike = 1,
  options: RangeOptions = {},
): Tensor {
  if (limit === undefined || limit === null) [start, limit] = [0, start];
  const dtype = options.dtype ? asDType(options.dtype) : undefined;
  return opScope(options.name ?? "range", opDefs.Range.type, [start, limit, delta], (scope) => {
    let s = convertToTensor(start, { dtype, name: "start" });
    let l = convertToTensor(limit as TensorLike, { dtype, name: "limit" });
    let d = convertToTensor(delta, { dtype, name: "delta" });
    if (!dtype) {
      const inferred = RANGE_HIERARCHY[Math.max(...[s, l, d].map((t) => RANGE_HIERARCHY.indexOf(t.dtype)))];
      s = cast(s, inferred);
      l = cast(l, inferred);
      d = cast(d, inferred);
    }
    const [sv, lv, dv] = [s, l, d].map((t) => constantValue(t)?.[0] ?? null);
    let size: number | null = null;
    if (sv !== null && lv !== null && dv !== null) {
      if (dv === 0) throw shapeError("Requires delta != 0", scope.slice(0, -1), opDefs.Range.type, [s, l, d]); // math_ops.cc: RangeSize
      size = Math.max(0, Math.ceil((lv - sv) / dv));
    }
    return createOp(opDefs.Range, [s, l, d], {
      name: scope,
      attrs: { Tidx: s.dtype },
      shapes: [[size]],
    }).outputs[0];
  });
}

/** array_ops.py: where(condition, x, y, name=None) with x and y: a `Select`. */
export function where(condition: TensorLike, x: TensorLike, y: TensorLike, name?: string): Tensor {
  return opScope(name, opDefs.Select.type, [condition, x, y], (scope) => {
    const c = convertToTensor(condition, { name: "condition", dtype: bool });
    const [a, b] = convertSameTypeInputs(opDefs.Select.type, [x, y], ["t", "e"]);
    const dtype = a.dtype;
    const shape = mergeShapes(a.shape, b.shape);
    const opName = scope.slice(0, -1);
    // math_ops.cc: Select shape function (then and else merge; cond is a scalar, x's shape, or a vector over dim 0)
    if (shape === undefined) throw shapeError(mergeError(a.shape, b.shape), opName, opDefs.Select.type, [c, a, b]);
    const cs = c.shape;
    if (cs !== null && shape !== null && cs.length !== 0 && cs.length !== shape.length && cs.length !== 1) {
      throw shapeError(
        `Shapes must be equal rank, but are ${cs.length} and ${shape.length}`,
        opName,
        opDefs.Select.type,
        [c, a, b],
      );
    }
    return createOp(opDefs.Select, [c, a, b], { name: scope, attrs: { T: dtype }, shapes: [shape] }).outputs[0];
  });
}

export interface CumsumOptions {
  exclusive?: boolean;
  reverse?: boolean;
  name?: string;
}

/** math_ops.py: cumsum(x, axis=0, exclusive=False, reverse=False, name=None): a `Cumsum` in scope `Cumsum`. */
export function cumsum(x: TensorLike, axis: TensorLike = 0, options: CumsumOptions | string = {}): Tensor {
  return scanOp(opDefs.Cumsum.type, x, axis, options);
}

/** math_ops.py: cumprod(x, axis=0, exclusive=False, reverse=False, name=None): a `Cumprod` in scope `Cumprod`. */
export function cumprod(x: TensorLike, axis: TensorLike = 0, options: CumsumOptions | string = {}): Tensor {
  return scanOp(opDefs.Cumprod.type, x, axis, options);
}

/** gen_math_ops.py: cumsum / cumprod: the scan ops share inputs, attrs and checks. */
function scanOp(
  type: typeof opDefs.Cumsum.type | typeof opDefs.Cumprod.type,
  x: TensorLike,
  axis: TensorLike,
  options: CumsumOptions | string,
): Tensor {
  const opts = typeof options === "string" ? { name: options } : options;
  return opScope(opts.name, type, [x], (scope) => {
    const t = convertToTensor(x, { name: "x" });
    const a = convertToTensor(axis, { name: "axis", preferredDtype: int32 });
    if (!NUMERIC.includes(t.dtype)) {
      // op_def_library.py: _SatisfiesTypeConstraint (T: numbertype)
      throw new TypeError(
        `Value passed to parameter 'x' has DataType ${t.dtype.name} not in list of allowed values: ${NUMERIC.map((d) => d.name).join(", ")}`,
      );
    }
    if (a.dtype !== int32 && a.dtype !== int64) {
      // op_def_library.py: _SatisfiesTypeConstraint (Tidx: {int32, int64})
      throw new TypeError(
        `Value passed to parameter 'axis' has DataType ${a.dtype.name} not in list of allowed values: int32, int64`,
      );
    }
    return createOp(opDefs[type], [t, a], {
      name: scope,
      attrs: { exclusive: opts.exclusive ?? false, reverse: opts.reverse ?? false, T: t.dtype, Tidx: a.dtype },
      shapes: [t.shape],
    }).outputs[0];
  });
}
