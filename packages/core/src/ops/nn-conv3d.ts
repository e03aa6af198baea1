// gen_nn_ops.py: conv3d, conv3d_backprop_input_v2, conv3d_backprop_filter_v2, with nn_ops.cc's shape functions
// (common_shape_fns.cc: Conv3DShape; the V2 gradients take their output shape from input_sizes / filter_sizes).
import type { Dim, Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { useConv3dKernels } from "../kernels/reference/nn-conv3d";
import { convertLeading, convertSameTypeInputs } from "./convert-inputs";
import { windowedOutputSize } from "./nn-conv-ops";
import { checkDtypeAllowed, checkStringAttr, FLOAT_TYPES, rankMessage, shapeFnError } from "./nn-messages";
import { shapeFromShapeTensor, shapeVector } from "./nn-shape-tensor";
import { createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";

export interface Conv3DAttrs {
  /** 5 values (N, D, H, W, C in the data format's order). */
  strides: readonly number[];
  padding: string;
  /** "NDHWC" (default) or "NCDHW". */
  dataFormat?: string;
  dilations?: readonly number[];
  name?: string | null;
}

function attrRecord(opType: string, dtype: Tensor["dtype"], a: Conv3DAttrs) {
  checkStringAttr(opType, "padding", a.padding, ["SAME", "VALID"]);
  const dataFormat = a.dataFormat ?? "NDHWC";
  checkStringAttr(opType, "data_format", dataFormat, ["NDHWC", "NCDHW"]);
  return {
    T: dtype,
    strides: [...a.strides],
    padding: a.padding,
    data_format: dataFormat,
    dilations: [...(a.dilations ?? [1, 1, 1, 1, 1])],
  };
}

/** common_shape_fns.cc: Conv3DShape. */
function conv3dShape(opName: string, inputs: Tensor[], a: ReturnType<typeof attrRecord>): Shape {
  const [input, filter] = [inputs[0].shape, inputs[1].shape];
  const fail = (message: string) => shapeFnError(message, opName, opDefs.Conv3D.type, inputs);
  if (input !== null && input.length !== 5) throw fail(rankMessage(5, input.length));
  if (filter !== null && filter.length !== 5) throw fail(rankMessage(5, filter.length));
  if (a.dilations.length !== 5) {
    throw fail(`Conv3D requires the dilation attribute to contain 5 values, but got: ${a.dilations.length}`);
  }
  if (a.strides.length !== 5) {
    throw fail(`Conv3D requires the stride attribute to contain 5 values, but got: ${a.strides.length}`);
  }
  const channelsFirst = a.data_format === "NCDHW";
  // The input as NDHWC, and the spatial strides and dilations.
  const order = channelsFirst ? [0, 2, 3, 4, 1] : [0, 1, 2, 3, 4];
  const dim = (s: Shape, i: number): Dim => (s === null ? null : s[i]);
  const x = order.map((i) => dim(input, i));
  const spatial = channelsFirst ? [2, 3, 4] : [1, 2, 3];
  const [inDepth, filterDepth] = [x[4], dim(filter, 3)];
  if (inDepth !== null && filterDepth !== null && inDepth !== filterDepth) {
    // shape_inference.cc: InferenceContext::Merge
    throw fail(`Dimensions must be equal, but are ${inDepth} and ${filterDepth}`);
  }
  const out = spatial.map((at, k) => {
    const size = windowedOutputSize(x[k + 1], dim(filter, k), a.dilations[at], a.strides[at], a.padding);
    if (typeof size === "string") throw fail(size);
    return size;
  });
  const depth = dim(filter, 4);
  return channelsFirst ? [x[0], depth, ...out] : [x[0], ...out, depth];
}

/** gen_nn_ops.py: conv3d(input, filter, strides, padding, data_format="NDHWC", dilations=[1, 1, 1, 1, 1], name). */
export function conv3d(input: TensorLike, filter: TensorLike, attrs: Conv3DAttrs): Tensor {
  return opScope(attrs.name, opDefs.Conv3D.type, [input, filter], (scope) => {
    const [x, f] = convertSameTypeInputs(opDefs.Conv3D.type, [input, filter], ["input", "filter"]);
    checkDtypeAllowed("input", x.dtype, FLOAT_TYPES);
    const record = attrRecord(opDefs.Conv3D.type, x.dtype, attrs);
    useConv3dKernels();
    return createOp(opDefs.Conv3D, [x, f], {
      name: scope,
      attrs: record,
      shapes: [conv3dShape(scope.slice(0, -1), [x, f], record)],
    }).outputs[0];
  });
}

/** gen_nn_ops.py: conv3d_backprop_input_v2(input_sizes, filter, out_backprop, strides, padding, ...). */
export function conv3dBackpropInputV2(
  inputSizes: TensorLike,
  filter: TensorLike,
  outBackprop: TensorLike,
  attrs: Conv3DAttrs,
): Tensor {
  const type = opDefs.Conv3DBackpropInputV2.type;
  return opScope(attrs.name, type, [inputSizes, filter, outBackprop], (scope) => {
    const sizes = shapeVector(type, "input_sizes", inputSizes);
    const [f, g] = convertSameTypeInputs(type, [filter, outBackprop], ["filter", "out_backprop"]);
    checkDtypeAllowed("filter", f.dtype, FLOAT_TYPES);
    useConv3dKernels();
    return createOp(opDefs.Conv3DBackpropInputV2, [sizes, f, g], {
      name: scope,
      attrs: { ...attrRecord(type, f.dtype, attrs), Tshape: sizes.dtype },
      shapes: [shapeFromShapeTensor(scope.slice(0, -1), type, [sizes, f, g], 0, 5)],
    }).outputs[0];
  });
}

/** gen_nn_ops.py: conv3d_backprop_filter_v2(input, filter_sizes, out_backprop, strides, padding, ...). */
export function conv3dBackpropFilterV2(
  input: TensorLike,
  filterSizes: TensorLike,
  outBackprop: TensorLike,
  attrs: Conv3DAttrs,
): Tensor {
  const type = opDefs.Conv3DBackpropFilterV2.type;
  return opScope(attrs.name, type, [input, filterSizes, outBackprop], (scope) => {
    const x = convertLeading([input, outBackprop], "input");
    const sizes = shapeVector(type, "filter_sizes", filterSizes);
    const [, g] = convertSameTypeInputs(type, [x, outBackprop], ["input", "out_backprop"]);
    checkDtypeAllowed("input", x.dtype, FLOAT_TYPES);
    useConv3dKernels();
    return createOp(opDefs.Conv3DBackpropFilterV2, [x, sizes, g], {
      name: scope,
      attrs: attrRecord(type, x.dtype, attrs),
      shapes: [shapeFromShapeTensor(scope.slice(0, -1), type, [x, sizes, g], 1, 5)],
    }).outputs[0];
  });
}
