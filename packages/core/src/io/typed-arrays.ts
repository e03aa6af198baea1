// dtypes.py's storage side: the typed array class behind each dtype's NDArray data. Not re-exported by the index.
import type { DTypeName, TypedArray } from "../framework/dtypes";

/** A typed array class: `new C(length)` is zeroed storage, `new C(buffer)` views bytes. */
export interface TypedArrayClass {
  new (length: number): TypedArray;
  new (buffer: ArrayBuffer): TypedArray;
}

/** The typed array that stores each dtype's elements: float16 widened to float32, bool as uint8 (not `string`). */
export const TYPED_ARRAY_CLASSES: Record<Exclude<DTypeName, "string">, TypedArrayClass> = {
  float16: Float32Array,
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  uint8: Uint8Array,
  bool: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  int64: BigInt64Array,
};
