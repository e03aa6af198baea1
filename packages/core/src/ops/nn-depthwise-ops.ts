// gen_nn_ops.py: depthwise_conv2d_native and its backprop ops (common_shape_fns.cc: DepthwiseConv2DNativeShape);
// nn_impl.py: depthwise_conv2d and separable_conv2d, each through nn_ops.py: with_space_to_batch.
import { ValueError } from "../errors";
import type { Dim, Shape } from "../framework/shape";
import { shapeToString } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { useDepthwiseKernels } from "../kernels/reference/nn-depthwise";
import { shape } from "./array-ops";
import { checkSameType } from "./elementwise";
import { conv2d, formatIndex, type Padding, windowedOutputSize } from "./nn-conv-ops";
import {
  checkDtypeAllowed,
  checkStringAttr,
  convertLike,
  dimsEqualMessage,
  FLOAT_TYPES,
  rankMessage,
  shapeFnError,
} from "./nn-messages";
import { shapeFromShapeTensor, shapeVector } from "./nn-shape-tensor";
import { withSpaceToBatch } from "./nn-space-to-batch";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";

// The kernels of this family ship with the module that builds its ops (kernels/lazy-kernel-registry.ts).
useDepthwiseKernels();

export interface DepthwiseConv2dNativeOptions {
  dataFormat?: string | null;
  dilations?: readonly number[];
  name?: string;
}

/** The attrs a DepthwiseConv2dNative-family op carries (and its gradients pass on). */
export interface DepthwiseOpAttrs extends DepthwiseConv2dNativeOptions {
  strides: readonly number[];
  padding: string;
}

type DepthwiseType =
  | typeof opDefs.DepthwiseConv2dNative.type
  | typeof opDefs.DepthwiseConv2dNativeBackpropInput.type
  | typeof opDefs.DepthwiseConv2dNativeBackpropFilter.type;

/** gen_nn_ops.py: the attr checks of depthwise_conv2d_native*, then op_def_library's allowed values. */
function depthwiseAttrs(opType: DepthwiseType, pyName: string, a: DepthwiseOpAttrs) {
  for (const [arg, value] of [
    ["strides", a.strides],
    ["dilations", a.dilations ?? [1, 1, 1, 1]],
  ] as const) {
    if (!Array.isArray(value)) {
      // gen_nn_ops.py: depthwise_conv2d_native (list attrs)
      throw new TypeError(`Expected list for '${arg}' argument to '${pyName}' Op, not ${String(value)}.`);
    }
  }
  const dataFormat = a.dataFormat ?? "NHWC";
  checkStringAttr(opType, "padding", a.padding, ["SAME", "VALID"]);
  checkStringAttr(opType, "data_format", dataFormat, ["NHWC", "NCHW"]);
  return (dtype: Tensor["dtype"]) => ({
    T: dtype,
    strides: [...a.strides],
    padding: a.padding,
    data_format: dataFormat,
    dilations: [...(a.dilations ?? [1, 1, 1, 1])],
  });
}

/** common_shape_fns.cc: DepthwiseConv2DNativeShape (TF 1.15 windows without the dilations). */
function depthwiseShape(opName: string, inputs: Tensor[], strides: readonly number[], padding: string, fmt: string) {
  const fail = (message: string) => shapeFnError(message, opName, opDefs.DepthwiseConv2dNative.type, inputs);
  const [input, filter] = inputs.map((t) => t.shape);
  // common_shape_fns.cc: DepthwiseConv2DNativeShape (WithRank 4)
  if (input !== null && input.length !== 4) throw fail(rankMessage(4, input.length));
  if (filter !== null && filter.length !== 4) throw fail(rankMessage(4, filter.length));
  if (strides.length !== 4) {
    throw fail(`DepthwiseConv2D requires the stride attribute to contain 4 values, but got: ${strides.length}`);
  }
  const dim = (s: Shape, i: number): Dim => (s === null ? null : s[i]);
  const inDepth = dim(input, formatIndex(fmt, "C"));
  let depth = dim(filter, 2);
  if (inDepth !== null && depth !== null && inDepth !== depth) throw fail(dimsEqualMessage(inDepth, depth));
  depth = depth ?? inDepth;
  const multiplier = dim(filter, 3);
  const outDepth = depth === null || multiplier === null ? null : depth * multiplier;
  const spatial = (axis: "H" | "W", f: number): Dim => {
    const i = formatIndex(fmt, axis);
    const out = windowedOutputSize(dim(input, i), dim(filter, f), 1, strides[i], padding);
    if (typeof out === "string") throw fail(out);
    return out;
  };
  const rows = spatial("H", 0);
  const cols = spatial("W", 1);
  const batch = dim(input, 0);
  return fmt === "NCHW" ? [batch, outDepth, rows, cols] : [batch, rows, cols, outDepth];
}

/** gen_nn_ops.py: depthwise_conv2d_native(input, filter, strides, padding, data_format, dilations, name). */
export function depthwiseConv2dNative(
  input: TensorLike,
  filter: TensorLike,
  strides: readonly number[],
  padding: Padding | string,
  options: DepthwiseConv2dNativeOptions | string = {},
): Tensor {
  const opts = typeof options === "string" ? { name: options } : options;
  const type = opDefs.DepthwiseConv2dNative.type;
  const attrs = depthwiseAttrs(type, "depthwise_conv2d_native", { ...opts, strides, padding });
  return opScope(opts.name, type, [input, filter], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    const f = convertLike(filter, "filter", x.dtype);
    const dtype = checkSameType(type, ["input", "filter"], [x, f]);
    checkDtypeAllowed("input", dtype, FLOAT_TYPES);
    const a = attrs(dtype);
    const outShape = depthwiseShape(scope.slice(0, -1), [x, f], a.strides, a.padding, a.data_format);
    return createOp(opDefs.DepthwiseConv2dNative, [x, f], { name: scope, attrs: a, shapes: [outShape] }).outputs[0];
  });
}

/** gen_nn_ops.py: depthwise_conv2d_native_backprop_input(input_sizes, filter, out_backprop, ...). */
export function depthwiseConv2dNativeBackpropInput(
  inputSizes: TensorLike,
  filter: TensorLike,
  outBackprop: TensorLike,
  options: DepthwiseOpAttrs,
): Tensor {
  const type = opDefs.DepthwiseConv2dNativeBackpropInput.type;
  const attrs = depthwiseAttrs(type, "depthwise_conv2d_native_backprop_input", options);
  return opScope(options.name, type, [inputSizes, filter, outBackprop], (scope) => {
    const sizes = shapeVector(type, "input_sizes", inputSizes);
    const f = convertToTensor(filter, { name: "filter" });
    const g = convertLike(outBackprop, "out_backprop", f.dtype);
    const dtype = checkSameType(type, ["filter", "out_backprop"], [f, g]);
    checkDtypeAllowed("filter", dtype, FLOAT_TYPES);
    const inputs = [sizes, f, g];
    const outShape = shapeFromShapeTensor(scope.slice(0, -1), type, inputs, 0);
    return createOp(opDefs[type], inputs, { name: scope, attrs: attrs(dtype), shapes: [outShape] }).outputs[0];
  });
}

/** gen_nn_ops.py: depthwise_conv2d_native_backprop_filter(input, filter_sizes, out_backprop, ...). */
export function depthwiseConv2dNativeBackpropFilter(
  input: TensorLike,
  filterSizes: TensorLike,
  outBackprop: TensorLike,
  options: DepthwiseOpAttrs,
): Tensor {
  const type = opDefs.DepthwiseConv2dNativeBackpropFilter.type;
  const attrs = depthwiseAttrs(type, "depthwise_conv2d_native_backprop_filter", options);
  return opScope(options.name, type, [input, filterSizes, outBackprop], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    const sizes = shapeVector(type, "filter_sizes", filterSizes);
    const g = convertLike(outBackprop, "out_backprop", x.dtype);
    const dtype = checkSameType(type, ["input", "out_backprop"], [x, g]);
    checkDtypeAllowed("input", dtype, FLOAT_TYPES);
    const inputs = [x, sizes, g];
    const outShape = shapeFromShapeTensor(scope.slice(0, -1), type, inputs, 1);
    return createOp(opDefs[type], inputs, { name: scope, attrs: attrs(dtype), shapes: [outShape] }).outputs[0];
  });
}

export interface DepthwiseConv2dOptions {
  /** The atrous rate over height and width (nn_impl.py's `rate`; `dilations` is its alias). */
  rate?: readonly number[] | number | null;
  name?: string;
  dataFormat?: string | null;
  dilations?: readonly number[] | number | null;
}

/** deprecation.py: deprecated_argument_lookup("dilations", dilations, "rate", rate), defaulting to [1, 1]. */
function rateOf(opts: DepthwiseConv2dOptions): readonly number[] | number {
  const rate = opts.rate ?? null;
  const dilations = opts.dilations ?? null;
  // deprecation.py: deprecated_argument_lookup
  if (rate !== null && dilations !== null) throw new ValueError("Cannot specify both 'rate' and 'dilations'");
  return rate ?? dilations ?? [1, 1];
}

/**
 * nn_impl.py: depthwise_conv2d(input, filter, strides, padding, rate=None, name=None, data_format=None): under
 * `depthwise/`, a `DepthwiseConv2dNative` named `depthwise`, after `Shape` (the filter's) and `dilation_rate`.
 */
export function depthwiseConv2d(
  input: TensorLike,
  filter: TensorLike,
  strides: readonly number[],
  padding: Padding | string,
  options: DepthwiseConv2dOptions | string = {},
): Tensor {
  const opts = typeof options === "string" ? { name: options } : options;
  const rate = rateOf(opts);
  return opScope(opts.name, "depthwise", [input, filter], (scope) => {
    const x = convertToTensor(input, { name: "tensor_in" });
    const f = convertToTensor(filter, { name: "filter_in" });
    const dataFormat = opts.dataFormat ?? undefined;
    return withSpaceToBatch(x, shape(f), rate, padding, dataFormat, "tf.nn.depthwiseConv2d", (inp, pad) =>
      depthwiseConv2dNative(inp, f, strides, pad, { dataFormat, name: scope }),
    );
  });
}

/**
 * nn_impl.py: separable_conv2d(input, depthwise_filter, pointwise_filter, strides, padding, rate=None, name=None,
 * data_format=None): `separable_conv2d/depthwise` (DepthwiseConv2dNative), then the pointwise `Conv2D` named
 * `separable_conv2d` (VALID, stride 1).
 */
export function separableConv2d(
  input: TensorLike,
  depthwiseFilter: TensorLike,
  pointwiseFilter: TensorLike,
  strides: readonly number[],
  padding: Padding | string,
  options: DepthwiseConv2dOptions | string = {},
): Tensor {
  const opts = typeof options === "string" ? { name: options } : options;
  const rate = rateOf(opts);
  return opScope(opts.name, "separable_conv2d", [input, depthwiseFilter, pointwiseFilter], (scope) => {
    const x = convertToTensor(input, { name: "tensor_in" });
    const df = convertToTensor(depthwiseFilter, { name: "depthwise_filter" });
    const pf = convertToTensor(pointwiseFilter, { name: "pointwise_filter" });
    const ps = pf.shape;
    if (ps !== null) {
      // tensor_shape.py: TensorShape.with_rank, then Dimension.assert_is_compatible_with(1) for dims 0 and 1
      if (ps.length !== 4) throw new ValueError(`Shape ${shapeToString(ps)} must have rank 4`);
      for (const d of [ps[0], ps[1]]) {
        if (d !== null && d !== 1) throw new ValueError(`Dimensions ${d} and 1 are not compatible`);
      }
    }
    const dataFormat = opts.dataFormat ?? undefined;
    const depthwise = withSpaceToBatch(x, shape(df), rate, padding, dataFormat, "tf.nn.separableConv2d", (inp, pad) =>
      depthwiseConv2dNative(inp, df, strides, pad, { dataFormat, name: "depthwise" }),
    );
    return conv2d(depthwise, pf, [1, 1, 1, 1], "VALID", { dataFormat, name: scope });
  });
}
