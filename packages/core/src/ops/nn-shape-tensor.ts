// common_shape_fns.cc / shape_refiner.cc: the shape-vector inputs of the backprop ops (input_sizes, filter_sizes,
// orig_input_shape): MakeShapeFromShapeTensor's rank checks and the partial shape TF's refiner reads from them.
import { ValueError } from "../errors";
import { int32 } from "../framework/dtypes";
import type { Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { rankMessage } from "./nn-messages";
import { convertToTensor, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { constantValue, constantValueAsShape, shapeError } from "./shape-inference";

/**
 * shape_refiner.cc: ConstantPartialShape: constant_value_as_shape, except that a Pack's scalar elements are each
 * evaluated as the C++ refiner does (EvaluateConstantTensorForEdge), which reaches `shape(x)[i]` of a static shape.
 */
function refinedShape(t: Tensor): Shape {
  if (t.op.type !== opDefs.Pack.type || t.shape?.length !== 1) return constantValueAsShape(t);
  return t.op.inputs.map((x) => {
    const v = scalarValue(x);
    return v === null || v < 0 ? null : v;
  });
}

/** A scalar's value at graph-build time: a constant, or one element (shrink_axis_mask) sliced from a constant vector. */
function scalarValue(t: Tensor): number | null {
  const value = constantValue(t);
  if (value !== null) return value.length === 1 ? value[0] : null;
  if (t.op.type !== opDefs.StridedSlice.type || t.op.inputs[0].shape?.length !== 1) return null;
  const [input, begin, , strides] = t.op.inputs.map(constantValue);
  const a = t.op.attrs;
  const plain = a.begin_mask === 0 && a.ellipsis_mask === 0 && a.new_axis_mask === 0 && a.shrink_axis_mask === 1;
  if (!input || !begin || !strides || begin.length !== 1 || strides[0] !== 1 || !plain) return null;
  return input[begin[0] < 0 ? begin[0] + input.length : begin[0]] ?? null;
}

/**
 * common_shape_fns.cc: MakeShapeFromShapeTensor then WithRank(rank) (4; 5 for the Conv3D gradients): the static
 * output shape of a backprop op from its shape-vector input (a Const, a Shape of a tensor, a Pack of both, as
 * constant_value_as_shape reads them).
 */
export function shapeFromShapeTensor(opName: string, opType: string, inputs: Tensor[], index: number, rank = 4): Shape {
  const s = refinedShape(inputs[index]);
  if (s === null) return new Array<null>(rank).fill(null);
  if (s.length !== rank) {
    // shape_inference.cc: InferenceContext::WithRank, with the partial shape TF read from the input
    throw shapeError(rankMessage(rank, s.length), opName, opType, inputs, { partialShapes: [[index, s]] });
  }
  return s;
}

/** A shape-vector input converted as int32 (common_shape_fns.cc: MakeShapeFromShapeTensor, WithRank 1). */
export function shapeVector(opType: string, arg: string, value: TensorLike): Tensor {
  const t = convertToTensor(value, { name: arg, dtype: int32 });
  if (t.shape !== null && t.shape.length !== 1) {
    // common_shape_fns.cc: MakeShapeFromShapeTensor (WithRank 1)
    throw new ValueError(`${rankMessage(1, t.shape.length)} for '${opType}' input '${arg}'.`);
  }
  return t;
}
