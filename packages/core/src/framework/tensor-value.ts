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
  if (value instanceof NDArray) return { shape: value.shape, flat: Array.from(value.data as ArrayLike<ScalarValue>) };
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
  if (flat.length === 0) return dtypes.float32;
  if (flat.every((x) => typeof x === "boolean")) return dtypes.bool;
  if (flat.every((x) => typeof x === "string" || x instanceof Uint8Array)) return dtypes.string;
  if (flat.every((x) => typeof x === "bigint")) return dtypes.int64;
  if (flat.every((x) => typeof x === "number" && Number.isInteger(x) && !Object.is(x, -0))) {
    return flat.every((x) => (x as number) >= -(2 ** 31) && (x as number) < 2 ** 31) ? dtypes.int32 : dtypes.int64;
  }
  return dtypes.float32;
}

function pyTypeName(x: ScalarValue): string {
  if (typeof x === "number") return Number.isInteger(x) ? "int" : "float";
  if (typeof x === "boolean") return "bool";
  if (typeof x === "string" || x instanceof Uint8Array) return "str";
  return "int";
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

function convertElement(x: ScalarValue, dtype: DType): number | bigint | Uint8Array {
  const mismatch = () => {
    // tensor_util.py: _AssertCompatible
    return new TypeError(
      `Expected ${dtype.name}, got ${typeof x === "string" ? `'${x}'` : String(x)} of type '${pyTypeName(x)}' instead.`,
    );
  };
  if (dtype.name === "string") {
    if (typeof x === "string") return encoder.encode(x);
    if (x instanceof Uint8Array) return x;
    throw mismatch();
  }
  if (typeof x === "string" || x instanceof Uint8Array) throw mismatch();
  if (dtype.isBool) {
    if (typeof x !== "boolean") throw mismatch();
    return x ? 1 : 0;
  }
  const n = typeof x === "boolean" ? (x ? 1 : 0) : x;
  if (dtype.isInteger) {
    if (typeof n === "number" && !Number.isInteger(n)) throw mismatch();
    return dtype.name === "int64" ? BigInt(n) : Number(n);
  }
  if (typeof x === "boolean") throw mismatch();
  return Number(n);
}
