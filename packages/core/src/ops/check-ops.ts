// check_ops.py (TF 1.15), graph mode: assert_equal (with its static check), assert_less(_equal), assert_greater(_equal),
// assert_non_negative, assert_positive, assert_rank, assert_type. Each returns the `Assert` op (or a NoOp when
// statically decided), named under the assert's scope (`assert_equal/Assert/...`).
import { InvalidArgumentError, ValueError } from "../errors";
import { type DType, int32 } from "../framework/dtypes";
import type { NDArray } from "../framework/ndarray";
import type { Operation } from "../framework/operation";
import { shapeToString } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { rank as rankOp, shape as shapeOp } from "./array-ops";
import { Assert } from "./control-flow-case";
import { noOp } from "./control-flow-ops";
import { withDependencies } from "./control-flow-switch";
import { equal, greater, greaterEqual, less, lessEqual } from "./math-ops";
import { convertToTensor, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { reduceAll } from "./reduction-ops";

export interface AssertCheckOptions {
  data?: readonly TensorLike[];
  summarize?: number;
  message?: string;
  name?: string;
}

/** A `Const`'s value, or null (tensor_util.constant_value for the cases the static checks use). */
function constValue(t: Tensor): NDArray | null {
  return t.op.type === opDefs.Const.type ? (t.op.attrs.value as NDArray) : null;
}

/** numpy's str() of an array, for the static failure message (ints and simple floats). */
function npStr(nd: NDArray): string {
  const fmt = (v: number | bigint | boolean) => {
    if (typeof v === "boolean") return v ? "True" : "False";
    if (typeof v === "bigint" || !nd.dtype.isFloating) return String(v);
    return Number.isInteger(v) ? `${v}.` : String(v);
  };
  const values = Array.from(nd.data as ArrayLike<number>);
  const walk = (dims: number[], offset: number, depth: number): string => {
    if (dims.length === 0) return fmt(values[offset]);
    const [n, ...rest] = dims;
    const stride = rest.reduce((a, b) => a * b, 1);
    const parts = Array.from({ length: n }, (_, i) => walk(rest, offset + i * stride, depth + 1));
    const sep = rest.length === 0 ? " " : `\n${" ".repeat(depth + 1)}`;
    return `[${parts.join(sep)}]`;
  };
  return walk(nd.shape, 0, 0);
}

/** check_ops.py: _assert_static: the data, constants printed, one per line. */
function assertStatic(condition: boolean, data: readonly TensorLike[]): void {
  if (condition) return;
  const lines = data.map((x) => {
    if (!(x instanceof Tensor)) return String(x);
    const v = constValue(x);
    return v === null ? String(x) : npStr(v);
  });
  throw new InvalidArgumentError(lines.join("\n"));
}

type Compare = (x: TensorLike, y: TensorLike, name?: string) => Tensor;
type StaticCompare = (a: number, b: number) => boolean;

/** The elementwise static comparison, broadcasting a scalar; null when the shapes differ otherwise. */
function staticAll(x: NDArray, y: NDArray, f: StaticCompare): boolean | null {
  const a = Array.from(x.data as ArrayLike<number>, Number);
  const b = Array.from(y.data as ArrayLike<number>, Number);
  if (a.length !== b.length && a.length !== 1 && b.length !== 1) return null;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (!f(a[a.length === 1 ? 0 : i], b[b.length === 1 ? 0 : i])) return false;
  return true;
}

function binaryAssert(
  defaultName: string,
  sym: string,
  compare: Compare,
  staticCompare: StaticCompare,
  x: TensorLike,
  y: TensorLike,
  options: AssertCheckOptions,
): Operation {
  const message = options.message ?? "";
  return opScope(options.name, defaultName, [x, y, ...(options.data ?? [])], () => {
    // JS numbers (API.md): a plain operand takes the other operand's dtype (Python's `assert_equal(x, 1.0)`).
    const xt = convertToTensor(x, {
      name: "x",
      dtype: !(x instanceof Tensor) && y instanceof Tensor ? y.dtype : undefined,
    });
    const yt = convertToTensor(y, { name: "y", dtype: y instanceof Tensor ? undefined : xt.dtype });
    const data = options.data ?? [
      message,
      `Condition x ${sym} y did not hold element-wise:`,
      `x (${xt.name}) = `,
      xt,
      `y (${yt.name}) = `,
      yt,
    ];
    const condition = reduceAll(compare(xt, yt));
    const xs = constValue(xt);
    const ys = constValue(yt);
    if (xs !== null && ys !== null) {
      const ok = staticAll(xs, ys, staticCompare);
      if (ok !== null) assertStatic(ok, data);
    }
    return Assert(condition, data, { summarize: options.summarize });
  });
}

/** check_ops.py: assert_equal(x, y, data=None, summarize=None, message=None, name=None). */
export function assertEqual(x: TensorLike, y: TensorLike, options: AssertCheckOptions = {}): Operation {
  return binaryAssert("assert_equal", "==", equal, (a, b) => a === b, x, y, options);
}
/** check_ops.py: assert_less: `Condition x < y did not hold element-wise:`. */
export function assertLess(x: TensorLike, y: TensorLike, options: AssertCheckOptions = {}): Operation {
  return binaryAssert("assert_less", "<", less, (a, b) => a < b, x, y, options);
}
/** check_ops.py: assert_less_equal. */
export function assertLessEqual(x: TensorLike, y: TensorLike, options: AssertCheckOptions = {}): Operation {
  return binaryAssert("assert_less_equal", "<=", lessEqual, (a, b) => a <= b, x, y, options);
}
/** check_ops.py: assert_greater. */
export function assertGreater(x: TensorLike, y: TensorLike, options: AssertCheckOptions = {}): Operation {
  return binaryAssert("assert_greater", ">", greater, (a, b) => a > b, x, y, options);
}
/** check_ops.py: assert_greater_equal. */
export function assertGreaterEqual(x: TensorLike, y: TensorLike, options: AssertCheckOptions = {}): Operation {
  return binaryAssert("assert_greater_equal", ">=", greaterEqual, (a, b) => a >= b, x, y, options);
}

function signAssert(
  defaultName: string,
  sym: string,
  inner: (x: TensorLike, y: TensorLike, o: AssertCheckOptions) => Operation,
  x: TensorLike,
  options: AssertCheckOptions,
): Operation {
  return opScope(options.name, defaultName, [x, ...(options.data ?? [])], () => {
    const xt = convertToTensor(x, { name: "x" });
    const data = options.data ?? [
      options.message ?? "",
      `Condition x ${sym} 0 did not hold element-wise:`,
      `x (${xt.name}) = `,
      xt,
    ];
    const zero = convertToTensor(0, { dtype: xt.dtype });
    return inner(zero, xt, { data, summarize: options.summarize });
  });
}

/** check_ops.py: assert_non_negative(x, ...): `assert_less_equal(0, x)` in scope `assert_non_negative`. */
export function assertNonNegative(x: TensorLike, options: AssertCheckOptions = {}): Operation {
  return signAssert("assert_non_negative", ">=", assertLessEqual, x, options);
}
/** check_ops.py: assert_positive(x, ...): `assert_less(0, x)` in scope `assert_positive`. */
export function assertPositive(x: TensorLike, options: AssertCheckOptions = {}): Operation {
  return signAssert("assert_positive", ">", assertLess, x, options);
}
/** check_ops.py: assert_negative(x, ...): `assert_less(x, 0)`. */
export function assertNegative(x: TensorLike, options: AssertCheckOptions = {}): Operation {
  return opScope(options.name, "assert_negative", [x, ...(options.data ?? [])], () => {
    const xt = convertToTensor(x, { name: "x" });
    const data = options.data ?? [
      options.message ?? "",
      "Condition x < 0 did not hold element-wise:",
      `x (${xt.name}) = `,
      xt,
    ];
    return assertLess(xt, convertToTensor(0, { dtype: xt.dtype }), { data, summarize: options.summarize });
  });
}

/**
 * check_ops.py: assert_type(tensor, tf_type, message=None, name=None): TF's TypeError when the dtype differs,
 * else a NoOp `statically_determined_correct_type`.
 */
export function assertType(
  tensor: TensorLike,
  tfType: DType,
  options: { message?: string; name?: string } = {},
): Operation {
  return opScope(options.name, "assert_type", [tensor], () => {
    const t = convertToTensor(tensor, { name: "tensor" });
    if (t.dtype !== tfType) {
      throw new TypeError(`${options.message ?? ""}  ${t.name} must be of type ${tfType}`);
    }
    return noOp("statically_determined_correct_type");
  });
}

/**
 * check_ops.py: assert_rank(x, rank, data=None, summarize=None, message=None, name=None): a NoOp
 * `static_checks_determined_all_ok` when both ranks are known and agree, TF's ValueError when they differ, else
 * an Assert that `rank(x) == rank` (with a check that `rank` is a scalar when it is not a constant).
 */
export function assertRank(x: TensorLike, rank: TensorLike, options: AssertCheckOptions = {}): Operation {
  return opScope(options.name, "assert_rank", [x, rank, ...(options.data ?? [])], () => {
    const xt = convertToTensor(x, { name: "x" });
    const rankT = convertToTensor(rank, { name: "rank" });
    const message = options.message ?? "";
    const data = options.data ?? [message, `Tensor ${xt.name} must have rank`, rankT, "Received shape: ", shapeOp(xt)];
    // check_ops.py: _assert_rank_condition
    assertType(rankT, int32);
    const rankStatic = constValue(rankT);
    if (rankStatic !== null) {
      if (rankStatic.shape.length !== 0) throw new ValueError("Rank must be a scalar.");
      const given = Number(rankStatic.item());
      if (xt.shape !== null) {
        if (xt.shape.length !== given) {
          throw new ValueError(
            `${message}.  Tensor ${xt.name} must have rank ${given}.  Received rank ${xt.shape.length}, shape ${shapeToString(xt.shape)}`,
          );
        }
        return noOp("static_checks_determined_all_ok");
      }
    }
    let condition = equal(rankOp(xt), rankT);
    if (rankStatic === null) {
      const rankCheck = assertRank(rankT, 0, { data: ["Rank must be a scalar. Received rank: ", rankT] });
      condition = withDependencies([rankCheck], condition);
    }
    return Assert(condition, data, { summarize: options.summarize });
  });
}
