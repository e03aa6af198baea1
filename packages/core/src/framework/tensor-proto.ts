// python/framework/tensor_util.py: make_tensor_proto / MakeNdarray, and tensor_shape.py: as_proto, for NDArrays and shapes.
import { DataLossError, ResourceExhaustedError } from "../errors";
import { bytesToTensorData, floatToHalfBits, halfBitsToFloat, tensorToBytes } from "../io/tensor-bytes";
import type { TensorProto, TensorShapeProto } from "../proto/types";
import { cTypeName } from "./dtype-names";
import { asDType, type DType } from "./dtypes";
import { NDArray, sizeOf } from "./ndarray";
import type { Shape } from "./shape";

/** tensor_util.py: _TENSOR_CONTENT_TYPES, the dtypes whose multi-element values go to `tensor_content`. */
const TENSOR_CONTENT_TYPES = new Set(["float32", "float64", "int32", "uint8", "int16", "int8", "int64", "uint16"]);

/** tensor_shape.py: TensorShape.as_proto: `unknown_rank` for null, -1 for an unknown dim, `{}` for a scalar. */
export function shapeToProto(shape: Shape | readonly (number | null)[]): TensorShapeProto {
  if (shape === null) return { unknownRank: true };
  return { dim: shape.map((d) => ({ size: d ?? -1 })) };
}

/** tensor_shape.py: TensorShape(proto): null for unknown rank, null entries for -1. */
export function shapeFromProto(proto: TensorShapeProto | undefined): Shape {
  if (!proto) return null;
  if (proto.unknownRank) return null;
  return (proto.dim ?? []).map((d) => (Number(d.size) < 0 ? null : Number(d.size)));
}

/**
 * tensor_util.py: make_tensor_proto for an NDArray: more than one element of a numeric dtype as `tensor_content`
 * (little-endian bytes); a single element, bools, halfs and strings as the typed `*_val` field.
 */
/**
 * Arrays whose TensorProto lists fewer values than the shape holds, and how many: tensor_util.py's make_tensor_proto
 * writes a value given with a larger shape (`tf.constant(0, shape=[2, 3])`, `tf.zeros` initializers) as that one
 * `float_val`, not as `tensor_content`; an imported proto keeps its short list. Kept beside the arrays, not in them.
 */
const repeatedValues = new WeakMap<NDArray, number>();

/** Marks `array` as filled from its first `count` values (the rest repeat the last), as its TensorProto says. */
export function markRepeatedValues(array: NDArray, count: number): NDArray {
  if (count < array.size) repeatedValues.set(array, count);
  return array;
}

export function ndarrayToTensorProto(array: NDArray): TensorProto {
  const proto: TensorProto = { dtype: array.dtype.protoName, tensorShape: shapeToProto(array.shape) };
  const repeated = repeatedValues.get(array);
  const { dtype } = array;
  const data = repeated === undefined ? array.data : array.data.slice(0, repeated);
  if (repeated === undefined && array.size > 1 && TENSOR_CONTENT_TYPES.has(dtype.name)) {
    proto.tensorContent = tensorToBytes(dtype, data);
    return proto;
  }
  switch (dtype.name) {
    case "float32":
      proto.floatVal = Array.from(data as Float32Array);
      break;
    case "float64":
      proto.doubleVal = Array.from(data as Float64Array);
      break;
    case "float16":
      proto.halfVal = Array.from(data as Float32Array, floatToHalfBits);
      break;
    case "int64":
      proto.int64Val = Array.from(data as BigInt64Array, (v) => (Number.isSafeInteger(Number(v)) ? Number(v) : v));
      break;
    case "bool":
      proto.boolVal = Array.from(data as Uint8Array, (v) => v !== 0);
      break;
    case "string":
      proto.stringVal = (data as Uint8Array[]).map((s) => s.slice());
      break;
    default:
      proto.intVal = Array.from(data as Int32Array);
  }
  return proto;
}

/**
 * tensor_util.py: MakeNdarray. `tensor_content` is taken as raw bytes; a `*_val` list shorter than the shape repeats
 * its last value (as TF fills `tf.zeros` constants); anything else that does not fit is a DataLossError naming `where`.
 */
export function tensorProtoToNdarray(proto: TensorProto, where = "TensorProto"): NDArray {
  let dtype: DType;
  try {
    dtype = asDType(proto.dtype ?? "DT_INVALID");
  } catch {
    throw new DataLossError(`${where}: unsupported tensor dtype ${proto.dtype}`);
  }
  const shape = shapeFromProto(proto.tensorShape ?? {});
  if (shape === null || shape.some((d) => d === null)) {
    throw new DataLossError(`${where}: a constant tensor needs a fully defined shape`);
  }
  const dims = shape as number[];
  const size = sizeOf(dims);
  checkMaterializable(dtype, dims, size, where);
  if (proto.tensorContent && proto.tensorContent.length > 0) {
    const data = bytesToTensorData(dtype, proto.tensorContent, size);
    if (!data || dtype.name === "string") {
      throw new DataLossError(
        `${where}: tensor_content of ${proto.tensorContent.length} bytes does not hold ${size} ${dtype.name} values`,
      );
    }
    return new NDArray(dtype, dims, data);
  }
  const values = valuesOf(proto, dtype);
  const out = new NDArray(dtype, dims);
  if (values.length > size) {
    throw new DataLossError(`${where}: ${values.length} values for a tensor of shape [${dims.join(",")}]`);
  }
  if (values.length === 0 && size > 0) {
    if (dtype.name !== "string") return markRepeatedValues(out, 0); // zeros, as MakeNdarray's np.zeros
    throw new DataLossError(`${where}: no values for a string tensor of shape [${dims.join(",")}]`);
  }
  for (let i = 0; i < size; i++) (out.data as unknown[])[i] = values[Math.min(i, values.length - 1)];
  return markRepeatedValues(out, values.length);
}

/**
 * The most bytes one TensorProto may expand to. Protobuf caps a whole message at 2 GB, so only a short `*_val` list
 * repeated over a huge shape goes beyond it: a 60-byte GraphDef can ask for a [2147483648, 1] constant. TF tries the
 * allocation and fails with the allocator's OOM error; this refuses it before allocating anything.
 */
export const MAX_TENSOR_BYTES = 2 ** 31 - 1;

function checkMaterializable(dtype: DType, dims: readonly number[], size: number, where: string): void {
  // A string element counts as a reference (8 bytes): its contents are in the proto already.
  if (size * (dtype.size || 8) <= MAX_TENSOR_BYTES) return;
  // bfc_allocator.cc / op_kernel.cc: the message of a failed tensor allocation
  throw new ResourceExhaustedError(
    `${where}: OOM when allocating tensor with shape[${dims.join(",")}] and type ${cTypeName(dtype)} on /job:localhost/replica:0/task:0/device:CPU:0 by allocator cpu`,
  );
}

function valuesOf(proto: TensorProto, dtype: DType): unknown[] {
  switch (dtype.name) {
    case "float32":
      return proto.floatVal ?? [];
    case "float64":
      return proto.doubleVal ?? [];
    case "float16":
      return (proto.halfVal ?? []).map(halfBitsToFloat);
    case "int64":
      return (proto.int64Val ?? []).map((v) => BigInt(v));
    case "bool":
      return (proto.boolVal ?? []).map((b) => (b ? 1 : 0));
    case "string":
      return (proto.stringVal ?? []).map((s) => s.slice());
    default:
      return proto.intVal ?? [];
  }
}
