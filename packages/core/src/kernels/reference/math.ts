// cwise_ops.h, reduction_ops_common.h, matmul_op.cc, cast_op.cc, argmax_op.cc, sequence_ops.cc: math kernels in plain TS.
import { InvalidArgumentError } from "../../errors";
import { type DType, int64 as INT64 } from "../../framework/dtypes";
import { NDArray, sizeOf } from "../../framework/ndarray";
import type { Kernel, KernelContext } from "../contract";
import {
  broadcastDims,
  broadcastIndex,
  canonicalAxis,
  dimsText,
  dtypeAttr,
  intList,
  mapIndices,
  numberAt,
  setNumber,
  stridesOf,
} from "./strided";

type NumFn = (a: number, b: number) => number;
type BigFn = (a: bigint, b: bigint) => bigint | boolean;

export interface BinarySpec {
  /** Floats (and the fallback for integers). */
  num: NumFn;
  /** int32 (and other 32-bit-or-narrower integers) when it differs from `num`: truncating division, wrapping multiply. */
  int?: NumFn;
  /** int64, exactly. */
  big?: BigFn;
}

/** The divisor of an integer division, after TF's zero check. */
export function nonZeroDivisor<T extends number | bigint>(b: T): T {
  if (b === 0 || b === 0n) {
    // cwise_ops_common.h: BinaryOp with error checking (safe_div / safe_floor_div)
    throw new InvalidArgumentError("Integer division by zero");
  }
  return b;
}

const floorDivBig = (a: bigint, b: bigint): bigint => {
  nonZeroDivisor(b);
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
};
const floorModNum = (a: number, b: number): number => {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
};

const BINARY = {
  Add: { num: (a, b) => a + b, big: (a, b) => a + b },
  AddV2: { num: (a, b) => a + b, big: (a, b) => a + b },
  Sub: { num: (a, b) => a - b, big: (a, b) => a - b },
  Mul: { num: (a, b) => a * b, int: Math.imul, big: (a, b) => a * b },
  RealDiv: {
    num: (a, b) => a / b,
    int: (a, b) => Math.trunc(a / nonZeroDivisor(b)),
    big: (a, b) => a / nonZeroDivisor(b),
  },
  FloorDiv: {
    num: (a, b) => Math.floor(a / b),
    int: (a, b) => Math.floor(a / nonZeroDivisor(b)),
    big: floorDivBig,
  },
  FloorMod: {
    num: floorModNum,
    int: (a, b) => floorModNum(a, nonZeroDivisor(b)),
    big: (a, b) => a - floorDivBig(a, nonZeroDivisor(b)) * b,
  },
  Maximum: { num: (a, b) => (Number.isNaN(a) || a > b ? a : b), big: (a, b) => (a > b ? a : b) },
  Minimum: { num: (a, b) => (Number.isNaN(a) || a < b ? a : b), big: (a, b) => (a < b ? a : b) },
  Pow: {
    num: (a, b) => a ** b,
    int: (a, b) => {
      if (b < 0) throw new InvalidArgumentError("Integers to negative integer powers are not allowed");
      let r = 1;
      for (let i = 0; i < b; i++) r = Math.imul(r, a);
      return r;
    },
    big: (a, b) => {
      if (b < 0n) throw new InvalidArgumentError("Integers to negative integer powers are not allowed");
      return BigInt.asIntN(64, a ** b);
    },
  },
  SquaredDifference: {
    num: (a, b) => (a - b) * (a - b),
    int: (a, b) => Math.imul(a - b, a - b),
    big: (a, b) => (a - b) * (a - b),
  },
  // cwise_op_gradients: SqrtGrad(y, dy) = dy * 0.5 / y, ReciprocalGrad(y, dy) = -dy * y * y.
  SqrtGrad: { num: (y, dy) => (dy * 0.5) / y },
  ReciprocalGrad: { num: (y, dy) => -dy * y * y },
  RsqrtGrad: { num: (y, dy) => dy * -0.5 * y * y * y },
  Equal: { num: (a, b) => +(a === b), big: (a, b) => a === b },
  NotEqual: { num: (a, b) => +(a !== b), big: (a, b) => a !== b },
  Less: { num: (a, b) => +(a < b), big: (a, b) => a < b },
  LessEqual: { num: (a, b) => +(a <= b), big: (a, b) => a <= b },
  Greater: { num: (a, b) => +(a > b), big: (a, b) => a > b },
  GreaterEqual: { num: (a, b) => +(a >= b), big: (a, b) => a >= b },
  LogicalAnd: { num: (a, b) => +(a !== 0 && b !== 0) },
  LogicalOr: { num: (a, b) => +(a !== 0 || b !== 0) },
  // cwise_ops.h: div_no_nan: y == 0 ? 0 : x / y (floats only).
  DivNoNan: { num: (a, b) => (b === 0 ? 0 : a / b) },
} satisfies Record<string, BinarySpec>;

export function binaryKernel(spec: BinarySpec): Kernel {
  return ([a, b], ctx) => {
    const shape = broadcastDims(a.shape, b.shape);
    const ia = broadcastIndex(shape, a.shape);
    const ib = broadcastIndex(shape, b.shape);
    const out = new NDArray(ctx.outputDtypes[0] ?? a.dtype, shape);
    const dst = out.data as unknown as (number | bigint)[];
    if (a.dtype.name === "int64" && spec.big) {
      const da = a.data as BigInt64Array;
      const db = b.data as BigInt64Array;
      for (let k = 0; k < ia.length; k++) {
        const r = spec.big(da[ia[k]], db[ib[k]]);
        dst[k] = typeof r === "boolean" ? +r : out.dtype.name === "int64" ? BigInt.asIntN(64, r) : Number(r);
      }
      return [out];
    }
    const f = a.dtype.isInteger && spec.int ? spec.int : spec.num;
    for (let k = 0; k < ia.length; k++) setNumber(out, k, f(numberAt(a, ia[k]), numberAt(b, ib[k])));
    return [out];
  };
}

type UnaryFn = (x: number) => number;

function roundHalfToEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
export interface UnarySpec {
  num: UnaryFn;
  int?: UnaryFn;
  big?: (x: bigint) => bigint;
}

const UNARY = {
  Neg: { num: (x) => -x, big: (x) => -x },
  Square: { num: (x) => x * x, int: (x) => Math.imul(x, x), big: (x) => BigInt.asIntN(64, x * x) },
  Abs: { num: Math.abs, big: (x) => (x < 0n ? -x : x) },
  Sign: { num: (x) => (Number.isNaN(x) ? x : Math.sign(x) + 0), big: (x) => (x > 0n ? 1n : x < 0n ? -1n : 0n) },
  Sqrt: { num: Math.sqrt },
  Rsqrt: { num: (x) => 1 / Math.sqrt(x) },
  Exp: { num: Math.exp },
  Log: { num: Math.log },
  Log1p: { num: Math.log1p },
  Floor: { num: Math.floor },
  Ceil: { num: Math.ceil },
  Sin: { num: Math.sin },
  Cos: { num: Math.cos },
  // cwise_ops.h: round = Eigen::internal::scalar_round_op_google, half to even; integers unchanged.
  Round: { num: roundHalfToEven, int: (x) => x, big: (x) => x },
  Reciprocal: { num: (x) => 1 / x, int: (x) => Math.trunc(1 / x) },
  LogicalNot: { num: (x) => +(x === 0) },
} satisfies Record<string, UnarySpec>;

export function unaryKernel(spec: UnarySpec): Kernel {
  return ([x]) => {
    const out = new NDArray(x.dtype, x.shape);
    if (x.dtype.name === "int64" && spec.big) {
      const src = x.data as BigInt64Array;
      const dst = out.data as BigInt64Array;
      for (let k = 0; k < src.length; k++) dst[k] = spec.big(src[k]);
      return [out];
    }
    const f = x.dtype.isInteger && spec.int ? spec.int : spec.num;
    for (let k = 0; k < x.size; k++) setNumber(out, k, f(numberAt(x, k)));
    return [out];
  };
}

/** reduction_ops_common.cc: ReductionHelper::Simplify's checks, then the reduced index of every input element. */
function reductionPlan(x: NDArray, axesArray: NDArray, keepDims: boolean) {
  const rank = x.rank;
  const reduced = new Array<boolean>(rank).fill(false);
  for (const axis of intList(axesArray)) {
    const a = canonicalAxis(axis, rank);
    if (a === undefined) {
      // reduction_ops_common.cc: ReductionHelper::Simplify
      throw new InvalidArgumentError(`Invalid reduction dimension (${axis} for input with ${rank} dimension(s)`);
    }
    reduced[a] = true;
  }
  const kept = x.shape.map((d, i) => (reduced[i] ? 1 : d));
  const keptStrides = stridesOf(kept);
  const target = mapIndices(x.shape, (index) =>
    index.reduce((acc, v, i) => acc + (reduced[i] ? 0 : v * keptStrides[i]), 0),
  );
  const outShape = keepDims ? kept : x.shape.filter((_, i) => !reduced[i]);
  return { outShape, target, outSize: sizeOf(kept), count: x.size / Math.max(sizeOf(kept), 1) };
}

export interface Reducer {
  init: (dtype: DType) => number;
  step: (acc: number, v: number) => number;
  finish?: (acc: number, count: number, dtype: DType) => number;
}

const REDUCERS = {
  Sum: { init: () => 0, step: (acc, v) => acc + v },
  Prod: { init: () => 1, step: (acc, v) => acc * v },
  Mean: {
    init: () => 0,
    step: (acc, v) => acc + v,
    finish: (acc, n, dtype) => (dtype.isInteger ? Math.trunc(acc / n) : acc / n),
  },
  Max: {
    init: (d) => (d.isFloating ? -Infinity : d.name === "int32" ? -(2 ** 31) : Number.MIN_SAFE_INTEGER),
    step: (acc, v) => (v > acc || Number.isNaN(v) ? v : acc),
  },
  Min: {
    init: (d) => (d.isFloating ? Infinity : d.name === "int32" ? 2 ** 31 - 1 : Number.MAX_SAFE_INTEGER),
    step: (acc, v) => (v < acc || Number.isNaN(v) ? v : acc),
  },
  All: { init: () => 1, step: (acc, v) => +(acc !== 0 && v !== 0) },
  Any: { init: () => 0, step: (acc, v) => +(acc !== 0 || v !== 0) },
} satisfies Record<string, Reducer>;

export function reduceKernel(reducer: Reducer): Kernel {
  return ([x, axes], ctx) => {
    const plan = reductionPlan(x, axes, Boolean(ctx.attrs.keep_dims));
    const acc = new Float64Array(plan.outSize).fill(reducer.init(x.dtype));
    for (let k = 0; k < x.size; k++) acc[plan.target[k]] = reducer.step(acc[plan.target[k]], numberAt(x, k));
    const out = new NDArray(x.dtype, plan.outShape);
    for (let k = 0; k < plan.outSize; k++) {
      setNumber(out, k, reducer.finish ? reducer.finish(acc[k], plan.count, x.dtype) : acc[k]);
    }
    return [out];
  };
}

function argKernel(better: (a: number, b: number) => boolean): Kernel {
  return ([x, dimension], ctx) => {
    const axisValue = intList(dimension)[0];
    const axis = canonicalAxis(axisValue, x.rank);
    if (axis === undefined) {
      // argmax_op.cc: ArgOp::Compute
      throw new InvalidArgumentError(`Expected dimension in the range [${-x.rank}, ${x.rank}), but got ${axisValue}`);
    }
    if (x.shape[axis] === 0) {
      // argmax_op.cc: ArgOp::Compute
      throw new InvalidArgumentError(`Reduction axis ${axisValue} is empty in shape ${dimsText(x.shape)}`);
    }
    const outShape = x.shape.filter((_, i) => i !== axis);
    const out = new NDArray(ctx.outputDtypes[0] ?? dtypeAttr(ctx.attrs.output_type, INT64), outShape);
    const inner = sizeOf(x.shape.slice(axis + 1));
    const n = x.shape[axis];
    for (let k = 0; k < out.size; k++) {
      const base = Math.floor(k / inner) * n * inner + (k % inner);
      let best = 0;
      for (let j = 1; j < n; j++) if (better(numberAt(x, base + j * inner), numberAt(x, base + best * inner))) best = j;
      setNumber(out, k, best);
    }
    return [out];
  };
}

/** matmul_op.cc: MatMulOp::Compute (plain triple loop, transposes by index). */
const matMul: Kernel = ([a, b], ctx) => {
  const ta = Boolean(ctx.attrs.transpose_a);
  const tb = Boolean(ctx.attrs.transpose_b);
  const [m, k] = ta ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const [k2, n] = tb ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
  if (k !== k2) {
    // matmul_op.cc: MatMulOp::Compute
    throw new InvalidArgumentError(
      `Matrix size-incompatible: In[0]: ${dimsText(a.shape)}, In[1]: ${dimsText(b.shape)}\n\t [[{{node ${ctx.opName}}}]]`,
    );
  }
  const out = new NDArray(a.dtype, [m, n]);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let p = 0; p < k; p++) {
        acc += numberAt(a, ta ? p * m + i : i * k + p) * numberAt(b, tb ? j * k + p : p * n + j);
      }
      setNumber(out, i * n + j, acc);
    }
  }
  return [out];
};

/** aggregate_ops.cc: AddNOp (all inputs have one shape). */
const addN: Kernel = (inputs) => {
  const out = new NDArray(inputs[0].dtype, inputs[0].shape);
  for (const x of inputs) {
    if (x.shape.join() !== out.shape.join()) {
      // aggregate_ops.cc: AddNOp::Compute
      throw new InvalidArgumentError(
        `Inputs to operation AddN must have the same size and shape.  Input 0: ${dimsText(inputs[0].shape)} != input: ${dimsText(x.shape)}`,
      );
    }
  }
  for (let k = 0; k < out.size; k++) {
    if (out.dtype.name === "int64") {
      (out.data as BigInt64Array)[k] = inputs.reduce((acc, x) => acc + (x.data as BigInt64Array)[k], 0n);
    } else {
      setNumber(
        out,
        k,
        inputs.reduce((acc, x) => acc + numberAt(x, k), 0),
      );
    }
  }
  return [out];
};

/** cast_op.cc: static_cast semantics: floats truncate toward zero into integers, nonzero is true. */
const cast: Kernel = ([x], ctx: KernelContext) => {
  const dst = ctx.outputDtypes[0] ?? dtypeAttr(ctx.attrs.DstT, x.dtype);
  const out = new NDArray(dst, x.shape);
  const big = x.dtype.name === "int64";
  for (let k = 0; k < x.size; k++) {
    const raw = x.data[k] as number | bigint;
    if (dst.isBool) (out.data as Uint8Array)[k] = raw === 0 || raw === 0n ? 0 : 1;
    else if (dst.name === "int64")
      (out.data as BigInt64Array)[k] = big
        ? (raw as bigint)
        : BigInt(Math.trunc(Number.isFinite(raw) ? (raw as number) : 0));
    else if (dst.isInteger)
      (out.data as Int32Array)[k] = big ? Number(BigInt.asIntN(32, raw as bigint)) : Math.trunc(raw as number);
    else (out.data as Float64Array)[k] = Number(raw);
  }
  return [out];
};

/** cwise_op_select.cc: SelectOp: a condition of x's shape, or a vector over x's first dimension. */
const select: Kernel = ([cond, x, y], ctx) => {
  const fail = (message: string) => new InvalidArgumentError(`${message}\n\t [[{{node ${ctx.opName}}}]]`);
  // cwise_op_select.cc: SelectOp::Compute (ComputeScalar, ComputeBroadcasting, ComputeElementwise, in its order)
  const broadcasting = cond.rank === 1 && x.rank !== 1;
  if (cond.rank !== 0 && !broadcasting && cond.shape.join() !== x.shape.join()) {
    throw fail(
      `'cond' and 'then' must have the same size.  but received: ${dimsText(cond.shape)} vs. ${dimsText(x.shape)}`,
    );
  }
  if (x.shape.join() !== y.shape.join()) {
    throw fail(
      `'then' and 'else' must have the same size.  but received: ${dimsText(x.shape)} vs. ${dimsText(y.shape)}`,
    );
  }
  if (broadcasting && (x.rank === 0 || x.shape[0] !== cond.shape[0])) {
    throw fail(
      `Number of batches of 'then' must match size of 'cond', but saw: ${x.shape[0] ?? 0} vs. ${cond.shape[0]}`,
    );
  }
  const out = new NDArray(x.dtype, x.shape);
  // Elements per cond value: 1 elementwise, a row for a vector cond, all of them for a scalar cond.
  const inner =
    cond.rank === 0 ? Math.max(x.size, 1) : broadcasting ? Math.max(x.size / Math.max(x.shape[0], 1), 1) : 1;
  const src = [x.data, y.data] as unknown as unknown[][];
  const dst = out.data as unknown as unknown[];
  for (let k = 0; k < x.size; k++) dst[k] = src[cond.data[Math.floor(k / inner)] ? 0 : 1][k];
  return [out];
};

/** sequence_ops.cc: RangeOp */
const range: Kernel = ([start, limit, delta], ctx) => {
  const [s, l, d] = [numberAt(start, 0), numberAt(limit, 0), numberAt(delta, 0)];
  if (d === 0) throw new InvalidArgumentError(`Requires delta != 0: ${d}`); // sequence_ops.cc: RangeOp::Compute
  if (d > 0 && s > l) throw new InvalidArgumentError(`Requires start <= limit when delta > 0: ${s}/${l}`);
  if (d < 0 && s < l) throw new InvalidArgumentError(`Requires start >= limit when delta < 0: ${s}/${l}`);
  const dtype = ctx.outputDtypes[0] ?? start.dtype;
  const n = dtype.isInteger ? Math.ceil(Math.abs(l - s) / Math.abs(d)) : Math.ceil(Math.abs((l - s) / d));
  const out = new NDArray(dtype, [n]);
  for (let i = 0; i < n; i++) setNumber(out, i, s + i * d);
  return [out];
};

/** scan_ops.cc: ScanOp (Cumsum, Cumprod): sums or products along one axis, exclusive and/or reversed. */
const scanKernel =
  (product: boolean): Kernel =>
  ([x, axisArray], ctx) => {
    if (axisArray.rank !== 0) {
      // scan_ops.cc: ScanOp::Compute
      throw new InvalidArgumentError(`ScanOp: axis must be a scalar, not ${dimsText(axisArray.shape)}`);
    }
    const axisArg = intList(axisArray)[0];
    const axis = axisArg < 0 ? x.rank + axisArg : axisArg;
    if (axis < 0 || axis >= x.rank) {
      // scan_ops.cc: ScanOp::Compute
      throw new InvalidArgumentError(
        `ScanOp: Expected scan axis in the range [${-x.rank}, ${x.rank}), but got ${axis}`,
      );
    }
    const exclusive = Boolean(ctx.attrs.exclusive);
    const reverse = Boolean(ctx.attrs.reverse);
    const n = x.shape[axis];
    const inner = sizeOf(x.shape.slice(axis + 1));
    const outer = n * inner === 0 ? 0 : x.size / (n * inner);
    const out = new NDArray(x.dtype, x.shape);
    const big = x.dtype.name === "int64";
    const step = (acc: number | bigint, v: number | bigint): number | bigint => {
      if (big) return BigInt.asIntN(64, product ? (acc as bigint) * (v as bigint) : (acc as bigint) + (v as bigint));
      if (x.dtype.name === "int32" && product) return Math.imul(acc as number, v as number);
      return product ? (acc as number) * (v as number) : (acc as number) + (v as number);
    };
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        let acc: number | bigint = big ? (product ? 1n : 0n) : product ? 1 : 0;
        for (let j = 0; j < n; j++) {
          const k = o * n * inner + (reverse ? n - 1 - j : j) * inner + i;
          const v = big ? (x.data as BigInt64Array)[k] : numberAt(x, k);
          if (!exclusive) acc = step(acc, v);
          if (big) (out.data as BigInt64Array)[k] = acc as bigint;
          else setNumber(out, k, x.dtype.name === "int32" ? (acc as number) | 0 : (acc as number));
          if (exclusive) acc = step(acc, v);
        }
      }
    }
    return [out];
  };

/** cwise_ops: isnan / isinf / isfinite over floats, bool out. */
function predicate(test: (x: number) => boolean): Kernel {
  return ([x]) => {
    const out = new NDArray("bool", x.shape);
    const data = x.data as ArrayLike<number>;
    for (let i = 0; i < x.size; i++) out.data[i] = test(data[i]) ? 1 : 0;
    return [out];
  };
}

/** where_op.cc: WhereOp (tf.where with one argument): the int64 coordinates of the true (non-zero) elements. */
const where: Kernel = ([x]) => {
  const strides = stridesOf(x.shape);
  const coords: bigint[] = [];
  let count = 0;
  for (let i = 0; i < x.size; i++) {
    const v = x.data[i];
    if (v === 0 || v === 0n) continue;
    count++;
    let rest = i;
    for (const stride of strides) {
      coords.push(BigInt(Math.floor(rest / stride)));
      rest %= stride;
    }
  }
  return [new NDArray(INT64, [count, x.shape.length], BigInt64Array.from(coords))];
};

/** A kernel per entry of a spec table, keeping the table's keys (op types) in the type. */
export function mapTable<Key extends string, Spec>(
  table: Record<Key, Spec>,
  kernel: (spec: Spec) => Kernel,
): Record<Key, Kernel> {
  const out = {} as Record<Key, Kernel>;
  for (const key of Object.keys(table) as Key[]) out[key] = kernel(table[key]);
  return out;
}

export const mathKernels = {
  ...mapTable(BINARY, binaryKernel),
  ...mapTable(UNARY, unaryKernel),
  ...mapTable(REDUCERS, reduceKernel),
  ArgMax: argKernel((a, b) => a > b),
  ArgMin: argKernel((a, b) => a < b),
  MatMul: matMul,
  AddN: addN,
  Cast: cast,
  Select: select,
  Range: range,
  Cumsum: scanKernel(false),
  Cumprod: scanKernel(true),
  IsNan: predicate(Number.isNaN),
  IsInf: predicate((x) => x === Number.POSITIVE_INFINITY || x === Number.NEGATIVE_INFINITY),
  IsFinite: predicate(Number.isFinite),
  Where: where,
} satisfies Record<string, Kernel>;
