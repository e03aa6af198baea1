// shape_inference.cc / common_shape_fns.cc / op_def_library.py: the messages nn ops throw, as TF 1.15 words them.
import { ValueError } from "../errors";
import type { DType } from "../framework/dtypes";
import { isTensorConvertible } from "../framework/graph";
import { inferenceShapeString, type Shape } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { convertToTensor, type TensorLike } from "./op-builder";

/**
 * A C++ shape function's error as TF 1.15's Python raises it (ops.py: _create_c_op):
 * `<message> for '<op name>' (op: '<op type>') with input shapes: [..], [..].`
 */
export function shapeFnError(
  message: string,
  opName: string,
  opType: string,
  inputs: readonly (Tensor | Shape)[],
): ValueError {
  const shapes = inputs
    .map((t) => inferenceShapeString(t === null || Array.isArray(t) ? (t as Shape) : (t as Tensor).shape))
    .join(", ");
  return new ValueError(`${message} for '${opName}' (op: '${opType}') with input shapes: ${shapes}.`);
}

/** shape_inference.cc: InferenceContext::WithRank */
export function rankMessage(rank: number, actual: number): string {
  return `Shape must be rank ${rank} but is rank ${actual}`;
}

/** shape_inference.cc: InferenceContext::WithRankAtLeast */
export function rankAtLeastMessage(rank: number, actual: number): string {
  return `Shape must be at least rank ${rank} but is rank ${actual}`;
}

/** shape_inference.cc: InferenceContext::Merge (of two dimensions) */
export function dimsEqualMessage(a: number, b: number): string {
  return `Dimensions must be equal, but are ${a} and ${b}`;
}

/** op_def_library.py: _SatisfiesTypeConstraint; `allowed` lists the OpDef's types in its order, as TF prints them. */
export function checkDtypeAllowed(arg: string, dtype: DType, allowed: readonly string[]): void {
  if (!allowed.includes(dtype.name)) {
    // op_def_library.py: _SatisfiesTypeConstraint
    throw new TypeError(
      `Value passed to parameter '${arg}' has DataType ${dtype.name} not in list of allowed values: ${allowed.join(", ")}`,
    );
  }
}

/** op_def_library.py: _apply_op_helper, a string attr outside its allowed values. */
export function checkStringAttr(opType: string, attr: string, value: string, allowed: readonly string[]): void {
  if (!allowed.includes(value)) {
    // op_def_library.py: _apply_op_helper (attr_def.allowed_values)
    throw new ValueError(
      `Attr '${attr}' of '${opType}' Op passed string '${value}' not in: "${allowed.join('", "')}".`,
    );
  }
}

/** The OpDef type lists (nn_ops.cc, math_ops.cc), in the order TF's messages print them. */
export const FLOAT_TYPES = ["float16", "bfloat16", "float32", "float64"] as const;
export const UNARY_COMPLEX_TYPES = ["bfloat16", "float16", "float32", "float64", "complex64", "complex128"] as const;
/** `realnumbertypes` as a DataTypeSet iterates it (by enum value). */
export const REAL_NUMBER_TYPES = [
  "float32",
  "float64",
  "int32",
  "uint8",
  "int16",
  "int8",
  "int64",
  "bfloat16",
  "uint16",
  "float16",
  "uint32",
  "uint64",
] as const;
/** `{realnumbertypes, qint8}` as a DataTypeSet iterates it (by enum value). */
export const RELU_TYPES = [
  "float32",
  "float64",
  "int32",
  "uint8",
  "int16",
  "int8",
  "int64",
  "qint8",
  "bfloat16",
  "uint16",
  "float16",
  "uint32",
  "uint64",
] as const;
/** `{half, bfloat16, float, double, int32, int64}` (BatchMatMul: plus complex). */
export const BATCH_MATMUL_TYPES = [
  "bfloat16",
  "float16",
  "float32",
  "float64",
  "int32",
  "int64",
  "complex64",
  "complex128",
] as const;
/** `numbertypes` restricted to what scopeflow runs (BiasAdd, AvgPool take float only). */
export const NUMBER_TYPES = [
  "float32",
  "float64",
  "int32",
  "uint8",
  "int16",
  "int8",
  "complex64",
  "int64",
  "qint8",
  "quint8",
  "qint32",
  "bfloat16",
  "uint16",
  "complex128",
  "float16",
  "uint32",
  "uint64",
] as const;

/**
 * op_def_library.py: _apply_op_helper converts a later input of the same type attr with that dtype; a Tensor of
 * another dtype then fails checkSameType's TypeError rather than convert_to_tensor's ValueError.
 */
export function convertLike(value: TensorLike, name: string, dtype: DType): Tensor {
  const isTensor = value instanceof Tensor || isTensorConvertible(value);
  return convertToTensor(value, isTensor ? { name } : { name, dtype });
}
