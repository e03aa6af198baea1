// op_def_library.py's shape of a binary or unary elementwise op: one type attr T, numpy broadcasting.
import { ValueError } from "../errors";
import type { DType } from "../framework/dtypes";
import { broadcastStatic, inferenceShapeString, type Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { convertOperands, convertSameTypeInputs } from "./convert-inputs";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { type OpType, opDefs } from "./op-defs";

/** op_def_library.py: the TypeError for inputs whose type attr disagrees. */
export function checkSameType(opType: string, argNames: string[], tensors: Tensor[]): DType {
  const dtype = tensors[0].dtype;
  tensors.forEach((t, i) => {
    if (t.dtype !== dtype) {
      throw new TypeError(
        `Input '${argNames[i]}' of '${opType}' Op has type ${t.dtype.name} that does not match type ${dtype.name} of argument '${argNames[0]}'.`,
      );
    }
  });
  return dtype;
}

/** The static broadcast shape, or TF's shape-inference error naming the op. */
export function broadcastOrThrow(opType: string, opName: string, a: Shape, b: Shape): Shape {
  if (a === null || b === null) return null;
  const result = broadcastStatic(a, b);
  if ("conflict" in result) {
    const [da, db] = result.conflict;
    // common_shapes.cc: BroadcastBinaryOpOutputShapeFnHelper
    throw new ValueError(
      `Dimensions must be equal, but are ${da} and ${db} for '${opName}' (op: '${opType}') with input shapes: ${inferenceShapeString(a)}, ${inferenceShapeString(b)}.`,
    );
  }
  return result.dims;
}

export interface BinaryOptions {
  /**
   * Python operators (math_ops.py: binary_op_wrapper) open their own scope (`add`, `sub`) and convert y with x's
   * dtype as a hint; two tensors of different dtypes are then op_def_library's TypeError, as for gen ops (`tf.add`).
   */
  operatorName?: string;
  /** Output dtype when it differs from the inputs' (comparisons give bool). */
  outputDtype?: DType;
  /** Restricts T; the TypeError names the allowed types as TF's does (a name: a type scopeflow lacks, e.g. bfloat16). */
  allowed?: AllowedTypes;
  /** The OpDef's input names when they are not x and y (Atan2's y and x, Polygamma's a and x). */
  argNames?: [string, string];
}

/**
 * A broadcasting binary op `type(x, y)` named `name` (default: the op type). A plain JS operand, first or second,
 * takes the other operand's dtype when it fits (API.md "JS numbers").
 */
export function binaryOp(
  type: OpType,
  x: TensorLike,
  y: TensorLike,
  name: string | null | undefined,
  options: BinaryOptions = {},
): Tensor {
  return opScope(name, options.operatorName ?? type, [x, y], (scope) => {
    const names = options.argNames ?? ["x", "y"];
    const [a, b] = options.operatorName ? convertOperands([x, y], names) : convertSameTypeInputs(type, [x, y], names);
    const dtype = checkSameType(type, names, [a, b]);
    checkAllowed(type, names[0], dtype, options.allowed);
    const shape = broadcastOrThrow(type, scope.slice(0, -1), a.shape, b.shape);
    // Ops with one fixed type (LogicalAnd, LogicalOr) have no T attr.
    return createOp(opDefs[type], [a, b], {
      name: scope,
      attrs: Object.hasOwn(opDefs[type].attrs, "T") ? { T: dtype } : {},
      shapes: [shape],
    }).outputs[0];
  });
}

/** A unary elementwise op `type(x)`, output shape and dtype those of x. */
export function unaryOp(type: OpType, x: TensorLike, name: string | null | undefined, allowed?: AllowedTypes): Tensor {
  return opScope(name, type, [x], (scope) => {
    const a = convertToTensor(x, { name: "x" });
    checkAllowed(type, "x", a.dtype, allowed);
    // Ops with one fixed type (LogicalNot) have no T attr.
    return createOp(opDefs[type], [a], {
      name: scope,
      attrs: Object.hasOwn(opDefs[type].attrs, "T") ? { T: a.dtype } : {},
      shapes: [a.shape],
    }).outputs[0];
  });
}

/** An op's allowed types in its OpDef's order; TF's types that scopeflow lacks are given by name. */
export type AllowedTypes = readonly (DType | string)[];

function checkAllowed(_opType: string, arg: string, dtype: DType, allowed?: AllowedTypes): void {
  if (allowed && !allowed.includes(dtype)) {
    // op_def_library.py: _SatisfiesTypeConstraint
    throw new TypeError(
      `Value passed to parameter '${arg}' has DataType ${dtype.name} not in list of allowed values: ${allowed.map((d) => (typeof d === "string" ? d : d.name)).join(", ")}`,
    );
  }
}
