// dtypes.py: DType and the DataType enum values of types.proto.
import { TYPED_ARRAY_CLASSES } from "../io/typed-arrays";

export type DTypeName =
  | "float16"
  | "float32"
  | "float64"
  | "int8"
  | "uint8"
  | "int16"
  | "uint16"
  | "int32"
  | "int64"
  | "bool"
  | "string";

export class DType {
  constructor(
    readonly name: DTypeName,
    /** types.proto DataType enum value (DT_FLOAT = 1, ...). */
    readonly enumValue: number,
    /** TF's DataType enum name, as GraphDefs and checkpoints spell it. */
    readonly protoName: string,
    /** Bytes per element; 0 for string. */
    readonly size: number,
  ) {}
  get isFloating(): boolean {
    return this.name === "float16" || this.name === "float32" || this.name === "float64";
  }
  get isInteger(): boolean {
    return /^u?int/.test(this.name);
  }
  get isBool(): boolean {
    return this.name === "bool";
  }
  /** The DType of a reference to this type (`float32_ref`), as TF's `base_dtype` undoes. */
  get asRefEnum(): number {
    return this.enumValue + 100;
  }
  toString(): string {
    return `<dtype: '${this.name}'>`;
  }
}

export const float16 = new DType("float16", 19, "DT_HALF", 2);
export const float32 = new DType("float32", 1, "DT_FLOAT", 4);
export const float64 = new DType("float64", 2, "DT_DOUBLE", 8);
export const int8 = new DType("int8", 6, "DT_INT8", 1);
export const uint8 = new DType("uint8", 4, "DT_UINT8", 1);
export const int16 = new DType("int16", 5, "DT_INT16", 2);
export const uint16 = new DType("uint16", 17, "DT_UINT16", 2);
export const int32 = new DType("int32", 3, "DT_INT32", 4);
export const int64 = new DType("int64", 9, "DT_INT64", 8);
export const bool = new DType("bool", 10, "DT_BOOL", 1);
export const string = new DType("string", 7, "DT_STRING", 0);

const ALL = [float16, float32, float64, int8, uint8, int16, uint16, int32, int64, bool, string];
const BY_NAME = new Map<string, DType>(ALL.map((d) => [d.name, d]));
const BY_ENUM = new Map<number, DType>(ALL.map((d) => [d.enumValue, d]));
const BY_PROTO = new Map<string, DType>(ALL.map((d) => [d.protoName, d]));
// Python spellings TF accepts as well.
BY_NAME.set("float", float32);
BY_NAME.set("double", float64);
BY_NAME.set("half", float16);

export type DTypeLike = DType | DTypeName | "float" | "double" | "half";

/** dtypes.py: as_dtype. Accepts a DType, its name, its enum value or its proto name (`DT_FLOAT`). */
export function asDType(value: DTypeLike | number | string): DType {
  if (value instanceof DType) return value;
  const found =
    typeof value === "number"
      ? BY_ENUM.get(value > 100 ? value - 100 : value)
      : (BY_NAME.get(value) ?? BY_PROTO.get(value) ?? BY_PROTO.get(value.replace(/_REF$/, "")));
  if (!found) {
    // dtypes.py: as_dtype
    throw new TypeError(`Cannot convert value ${JSON.stringify(value)} to a TensorFlow DType.`);
  }
  return found;
}

export type TypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | BigInt64Array;

/** Storage of one dtype's elements: a typed array, or an array of byte strings for `string`. */
export type DataFor = TypedArray | Uint8Array[];

/** Allocates zeroed storage for `size` elements of `dtype` (float16 is stored widened to float32). */
export function allocData(dtype: DType, size: number): DataFor {
  if (dtype.name === "string") return Array.from({ length: size }, () => new Uint8Array(0));
  return new TYPED_ARRAY_CLASSES[dtype.name](size);
}
