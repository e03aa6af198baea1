// tensor_util.py: make_tensor_proto's job for JS values: numbers, booleans, strings, nested arrays, typed arrays.

import { ValueError } from "../errors";
import * as dtypes from "./dtypes";
import { allocData, asDType, type DType, type DTypeLike, type TypedArray } from "./dtypes";
import { NDArray, sizeOf } from "./ndarray";

export type ScalarValue = number | boolean | bigint | string | Uint8Array;
export type ArrayValue = ScalarValue | TypedArray | NDArray | readonly ArrayValue[];

const encoder = new TextEncoder();

function isTypedArray(value: unknown): value is TypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/** Shape and flat elements of a nested JS array; throws TF's message for a ragged one. */
function flatten(value: ArrayValue): { shape: number[]; flat: ScalarValue[] } {
  if (value instanceof NDArray) {
    // A bool NDArray keeps its elements as bytes; as values they are booleans (numpy's bool_).
    const data = value.data as ArrayLike<ScalarValue>;
    const flat = value.dtype.isBool ? Array.from(data, (x) => x !== 0) : Array.from(data);
    return { shape: value.shape, flat };
  }
  if (isTypedArray(value) && !(value instanceof Uint8Array && value.length === 0)) {
    return { shape: [value.length], flat: Array.from(value as ArrayLike<ScalarValue>) };
  }
  if (!Array.isArray(value)) return { shape: [], flat: [value as ScalarValue] };
  const shape: number[] = [];
  for (let level: unknown = value; Array.isArray(level); level = level[0]) {
    shape.push(level.length);
    if (level.length === 0) break;
  }
  const flat: ScalarValue[] = [];
  const walk = (item: unknown, dim: number) => {
    if (dim === shape.length) {
      if (Array.isArray(item)) raggedError(value, shape);
      flat.push(item as ScalarValue);
      return;
    }
    if (!Array.isArray(item) || item.length !== shape[dim]) raggedError(value, shape);
    for (const child of item as unknown[]) walk(child, dim + 1);
  };
  walk(value, 0);
  return { shape, flat };
}

function raggedError(value: unknown, shape: number[]): never {
  // tensor_util.py: make_tensor_proto (numpy's "setting an array element with a sequence")
  throw new ValueError(
    `Argument must be a dense tensor: ${JSON.stringify(value)} - got a ragged nesting, but wanted shape [${shape.join(", ")}].`,
  );
}

/** dtype TF infers for Python values: bool, int32 (int64 past int32), float32, string. */
function inferDType(flat: ScalarValue[], value: ArrayValue): DType {
  if (value instanceof NDArray) return value.dtype;
  if (value instanceof Float32Array) return dtypes.float32;
  if (value instanceof Float64Array) return dtypes.float64;
  if (value instanceof Int32Array) return dtypes.int32;
  if (value instanceof BigInt64Array) return dtypes.int64;
  return inferFromElements(flat);
}

function inferFromElements(flat: readonly ScalarValue[]): DType {
  if (flat.length === 0) return dtypes.float32;
  if (flat.every((x) => typeof x === "boolean")) return dtypes.bool;
  if (flat.every((x) => typeof x === "string" || x instanceof Uint8Array)) return dtypes.string;
  if (flat.every((x) => typeof x === "bigint")) return dtypes.int64;
  if (flat.every((x) => typeof x === "number" && Number.isInteger(x) && !Object.is(x, -0))) {
    return flat.every((x) => (x as number) >= -(2 ** 31) && (x as number) < 2 ** 31) ? dtypes.int32 : dtypes.int64;
  }
  return dtypes.float32;
}

// ---- JS numbers (API.md): the one rule for the dtype of a plain JS value ------------------------------------

/**
 * A plain JS value: a number, boolean, bigint or string, or a nested array of them. Unlike a Tensor, an NDArray
 * or a typed array it carries no dtype of its own, since JavaScript cannot write Python's `1` vs `1.0`.
 */
export function isPlainValue(value: unknown): value is ScalarValue | readonly ArrayValue[] {
  if (Array.isArray(value)) return true;
  const t = typeof value;
  return t === "number" || t === "boolean" || t === "bigint" || t === "string";
}

/** Whether every element of `value` is an exact element of `dtype` (TF's _AssertCompatible, plus the range). */
export function fitsDType(value: ArrayValue, dtype: DTypeLike): boolean {
  const target = asDType(dtype);
  return flatten(value).flat.every((x) => elementFits(x, target));
}

/**
 * API.md "JS numbers": the dtype a plain value takes where it meets `dtype` (an explicit dtype, or the dtype of
 * the tensors it is an operand with): `dtype` when every element fits it (integers fit any numeric dtype whose
 * range holds them, non-integers only float dtypes); otherwise, and with nothing to meet, the dtype TF infers
 * (int32, int64 past int32, float32, bool, string). A typed array or NDArray takes `dtype` on the same terms
 * (TF's preferred_dtype conversion of a numpy array), else keeps its own.
 */
export function valueDType(value: ArrayValue, meets?: DTypeLike | null): DType {
  const { flat } = flatten(value);
  if (meets) {
    const target = asDType(meets);
    if (flat.every((x) => elementFits(x, target))) return target;
  }
  return inferDType(flat, value);
}

/**
 * The dtype several plain values meet when no tensor gives one: the dtype TF infers for all their elements
 * together, so that `tf.add(1, 2.5)` is float32 as Python's `tf.add(1.0, 2.5)` is.
 */
export function commonValueDType(values: readonly ArrayValue[]): DType {
  return inferFromElements(values.flatMap((v) => flatten(v).flat));
}

/** Python's type name of a plain value, as TF's messages print it (`int`, `float`, `list`). */
export function pyTypeName(x: unknown): string {
  if (typeof x === "number") return Number.isInteger(x) ? "int" : "float";
  if (typeof x === "boolean") return "bool";
  if (typeof x === "string" || x instanceof Uint8Array) return "str";
  if (Array.isArray(x)) return "list";
  if (x === null || x === undefined) return "NoneType";
  return "int";
}

/** Python's repr of a plain value as TF's messages print it: `1.5`, `True`, `'a'`, `[1, 2.5]`, `nan`. */
export function pyValueRepr(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(pyValueRepr).join(", ")}]`;
  if (typeof x === "boolean") return x ? "True" : "False";
  if (typeof x === "string") return `'${x}'`;
  if (typeof x === "number") return pyNumberRepr(x);
  if (x === null || x === undefined) return "None";
  return String(x);
}

/**
 * repr of a JS number as the Python int or float it stands for: all digits for an int; for a float the same
 * shortest digits as JS, in scientific notation below 1e-4 with a two-digit exponent (`1e-05`).
 */
function pyNumberRepr(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  if (Number.isInteger(x)) return BigInt(x).toString();
  const [mantissa, exp] = x.toExponential().split("e");
  const e = Number(exp);
  return e >= -4 ? String(x) : `${mantissa}e-${String(-e).padStart(2, "0")}`;
}

/** Converts a JS value to an NDArray of `dtype` (inferred as TF infers it when absent), optionally of `shape`. */
export function toNDArray(value: ArrayValue, dtype?: DTypeLike | null, shape?: readonly number[] | null): NDArray {
  const { shape: valueShape, flat } = flatten(value);
  const target = dtype ? asDType(dtype) : inferDType(flat, value);
  let outShape = valueShape;
  if (shape) {
    const size = sizeOf(shape);
    if (flat.length !== 1 && flat.length !== size) {
      // constant_op.py: _constant_impl -> tensor_util.make_tensor_proto
      throw new TypeError(`Expected Tensor's shape: (${shape.join(", ")}), got (${valueShape.join(", ")}).`);
    }
    outShape = [...shape];
  }
  const size = sizeOf(outShape);
  const data = allocData(target, size);
  for (let i = 0; i < size; i++) {
    const x = flat.length === 1 ? flat[0] : flat[i];
    data[i] = convertElement(x, target) as never;
  }
  return new NDArray(target, outShape, data);
}

/** [min, max] of each integer dtype: an integer outside it does not fit (numpy 1.x would wrap it silently). */
const INTEGER_RANGES: Record<string, readonly [bigint, bigint]> = {
  int8: [-(2n ** 7n), 2n ** 7n - 1n],
  uint8: [0n, 2n ** 8n - 1n],
  int16: [-(2n ** 15n), 2n ** 15n - 1n],
  uint16: [0n, 2n ** 16n - 1n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
};
/** The same ranges for numbers, [min, max + 1): exact doubles, so a number compares without a BigInt. */
const NUMBER_RANGES = Object.fromEntries(
  Object.entries(INTEGER_RANGES).map(([name, [min, max]]) => [name, [Number(min), Number(max + 1n)]]),
) as Record<string, readonly [number, number]>;

/** Whether `x` is exactly an element of `dtype` (tensor_util.py: _AssertCompatible's check, plus the range). */
function elementFits(x: ScalarValue, dtype: DType): boolean {
  // Python's None (and a missing element) is no tensor element: `[null, 4]` must not become `[0, 4]`.
  if (x === null || x === undefined) return false;
  if (dtype.name === "string") return typeof x === "string" || x instanceof Uint8Array;
  if (typeof x === "string" || x instanceof Uint8Array) return false;
  if (dtype.isBool) return typeof x === "boolean";
  if (dtype.isInteger) {
    if (typeof x === "boolean") return true;
    if (typeof x === "number") {
      const [low, end] = NUMBER_RANGES[dtype.name];
      return Number.isInteger(x) && x >= low && x < end;
    }
    const [min, max] = INTEGER_RANGES[dtype.name];
    return x >= min && x <= max;
  }
  return typeof x !== "boolean";
}

/** tensor_util.py: _AssertCompatible's TypeError for an element that is not one of `dtype`. */
function mismatchError(x: ScalarValue, dtype: DType): TypeError {
  return new TypeError(`Expected ${dtype.name}, got ${pyValueRepr(x)} of type '${pyTypeName(x)}' instead.`);
}

function convertElement(x: ScalarValue, dtype: DType): number | bigint | Uint8Array {
  if (!elementFits(x, dtype)) throw mismatchError(x, dtype);
  if (dtype.name === "string") return typeof x === "string" ? encoder.encode(x) : (x as Uint8Array);
  const n = typeof x === "boolean" ? (x ? 1 : 0) : (x as number | bigint);
  return dtype.name === "int64" ? BigInt(n) : Number(n);
}
