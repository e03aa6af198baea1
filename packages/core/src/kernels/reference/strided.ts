// bcast.h (BCast) and the strided indexing every reference kernel shares: row-major strides, NumPy broadcasting.
import { InvalidArgumentError } from "../../errors";
import { asDType, type DType } from "../../framework/dtypes";
import { NDArray, sizeOf } from "../../framework/ndarray";
import type { AttrValue } from "../contract";

export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

/** `[2,3]`, as TF's run-time messages print shapes. */
export function dimsText(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

/** bcast.h: the NumPy broadcast of run-time shapes; InvalidArgumentError as BinaryOpShared::BinaryOpState reports it. */
export function broadcastDims(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      // cwise_ops_common.cc: BinaryOpShared::BinaryOpState
      throw new InvalidArgumentError(`Incompatible shapes: ${dimsText(a)} vs. ${dimsText(b)}`);
    }
    out.push(da === 1 ? db : da);
  }
  return out;
}

/**
 * For each flat index of `outShape`, the flat index of the element of `inShape` that broadcasts to it
 * (`inShape` is right-aligned; its size-1 dims get stride 0).
 */
export function broadcastIndex(outShape: readonly number[], inShape: readonly number[]): Int32Array {
  const rank = outShape.length;
  const inStrides = stridesOf(inShape);
  const strides = outShape.map((_, i) => {
    const j = i - (rank - inShape.length);
    return j < 0 || inShape[j] === 1 ? 0 : inStrides[j];
  });
  return mapIndices(outShape, (index) => index.reduce((acc, v, i) => acc + v * strides[i], 0));
}

/** Calls `source` with each multi-index of `shape` in row-major order; returns the flat source indices it gives. */
export function mapIndices(shape: readonly number[], source: (index: number[]) => number): Int32Array {
  const size = sizeOf(shape);
  const out = new Int32Array(size);
  const index = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < size; k++) {
    out[k] = source(index);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

/** A new array of `dtype` and `shape` whose element k is `input`'s element `from[k]` (any dtype, strings included). */
export function take(
  input: NDArray,
  shape: readonly number[],
  from: ArrayLike<number>,
  dtype: DType = input.dtype,
): NDArray {
  const out = new NDArray(dtype, shape);
  const src = input.data as unknown as unknown[];
  const dst = out.data as unknown as unknown[];
  for (let k = 0; k < from.length; k++) dst[k] = src[from[k]];
  return out;
}

/** Element i as a JS number (int64 through Number, bool as 0/1). */
export function numberAt(array: NDArray, i: number): number {
  return Number(array.data[i]);
}

/** The elements of a small int32/int64 vector or scalar (shapes, axes, indices) as numbers. */
export function intList(array: NDArray): number[] {
  return Array.from(array.data as ArrayLike<number | bigint>, (v) => Number(v));
}

/** Stores a JS number into element i of `out` as its dtype stores it (int64 truncated to a bigint). */
export function setNumber(out: NDArray, i: number, value: number): void {
  if (out.dtype.name === "int64") (out.data as BigInt64Array)[i] = BigInt(Math.trunc(value));
  else (out.data as Float64Array)[i] = value;
}

/** An array of `dtype` with `shape` from plain numbers. */
export function fromNumbers(dtype: DType | string, shape: readonly number[], values: ArrayLike<number>): NDArray {
  const out = new NDArray(asDType(dtype as DType), shape);
  for (let i = 0; i < values.length; i++) setNumber(out, i, values[i]);
  return out;
}

/** A DType attr, given as a DType or by name (conformance tables spell it `"int64"`). */
export function dtypeAttr(value: AttrValue | undefined, fallback: DType): DType {
  if (value === undefined || value === null) return fallback;
  return asDType(value as DType);
}

/** Canonical axis in [0, rank), or undefined when out of range. */
export function canonicalAxis(axis: number, rank: number): number | undefined {
  const a = axis < 0 ? axis + rank : axis;
  return a >= 0 && a < Math.max(rank, 0) ? a : undefined;
}
