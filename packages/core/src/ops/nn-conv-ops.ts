// nn_ops.py / gen_nn_ops.py with the shape functions of nn_ops.cc and common_shape_fns.cc (Conv2DShape,
// MaxPoolShape, AvgPoolShape): Conv2D, MaxPool, AvgPool and their gradient ops.
import { ValueError } from "../errors";
import type { Dim, Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { convertLeading, convertSameTypeInputs } from "./convert-inputs";
import { checkDtypeAllowed, checkStringAttr, FLOAT_TYPES, rankMessage, shapeFnError } from "./nn-messages";
import { shapeFromShapeTensor, shapeVector } from "./nn-shape-tensor";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";

export type Padding = "SAME" | "VALID";
const MAX_POOL_TYPES = [
  "float16",
  "bfloat16",
  "float32",
  "float64",
  "int32",
  "int64",
  "uint8",
  "int16",
  "int8",
  "uint16",
  "qint8",
];

/** nn_ops.py: _get_sequence: an int or a list of 1, n or n+2 ints becomes the (n+2)-element attr list. */
export function getSequence(
  value: number | readonly number[] | null | undefined,
  channelIndex: number,
  name: string,
  n = 2,
): number[] {
  let list: number[] = value === null || value === undefined ? [1] : typeof value === "number" ? [value] : [...value];
  if (list.length === n + 2) return list;
  if (list.length === 1) list = new Array<number>(n).fill(list[0]);
  else if (list.length !== n) {
    // nn_ops.py: _get_sequence
    throw new ValueError(`${name} should be of length 1, ${n} or ${n + 2} but was ${list.length}`);
  }
  return channelIndex === 1 ? [1, 1, ...list] : [1, ...list, 1];
}

/** Index of 'N', 'H', 'W', 'C' in a 4-d shape of the given format. */
export function formatIndex(format: string, dim: "N" | "H" | "W" | "C"): number {
  return (format === "NCHW" ? "NCHW" : "NHWC").indexOf(dim);
}

/**
 * common_shape_fns.cc: GetWindowedOutputSizeFromDimsV2. Unknown input gives unknown output; VALID subtracts the
 * effective window with InferenceContext::Subtract's message when the result would be negative.
 */
export function windowedOutputSize(
  input: Dim,
  filter: Dim,
  dilation: number,
  stride: number,
  padding: string,
): Dim | string {
  if (stride <= 0) return `Stride must be > 0, but got ${stride}`;
  if (dilation < 1) return `Dilation rate must be >= 1, but got ${dilation}`;
  if (input === null) return null;
  if (padding === "SAME") return Math.floor((input + stride - 1) / stride);
  if (filter === null) return null;
  const window = dilation > 1 ? (filter - 1) * dilation + 1 : filter;
  // shape_inference.cc: InferenceContext::Subtract
  if (input < window) return `Negative dimension size caused by subtracting ${window} from ${input}`;
  return Math.floor((input - window + stride) / stride);
}

export interface Conv2DOptions {
  dataFormat?: string;
  dilations?: number | readonly number[];
  useCudnnOnGpu?: boolean;
  name?: string;
}

interface ConvAttrs {
  strides: number[];
  padding: string;
  dataFormat: string;
  dilations: number[];
  useCudnnOnGpu: boolean;
}

function convAttrs(
  opType: string,
  strides: number | readonly number[],
  padding: string,
  opts: Conv2DOptions,
): ConvAttrs {
  const dataFormat = opts.dataFormat ?? "NHWC";
  const channelIndex = dataFormat.startsWith("NC") ? 1 : 3;
  const s = getSequence(strides, channelIndex, "strides");
  const d = getSequence(opts.dilations ?? [1, 1, 1, 1], channelIndex, "dilations");
  checkStringAttr(opType, "padding", padding, ["SAME", "VALID", "EXPLICIT"]);
  checkStringAttr(opType, "data_format", dataFormat, ["NHWC", "NCHW"]);
  if (padding === "EXPLICIT") {
    // scopeflow: explicit paddings (a list for padding) are not built yet.
    throw new ValueError(`${opType}: padding 'EXPLICIT' is not supported; use 'SAME' or 'VALID'.`);
  }
  return { strides: s, padding, dataFormat, dilations: d, useCudnnOnGpu: opts.useCudnnOnGpu ?? true };
}

function convAttrRecord(dtype: Tensor["dtype"], a: ConvAttrs) {
  return {
    T: dtype,
    strides: a.strides,
    use_cudnn_on_gpu: a.useCudnnOnGpu,
    padding: a.padding,
    explicit_paddings: [] as number[],
    data_format: a.dataFormat,
    dilations: a.dilations,
  };
}

/** common_shape_fns.cc: Conv2DShapeImpl: the output shape of Conv2D for an input and a filter (HWIO). */
function conv2dShape(opName: string, inputs: Tensor[], input: Shape, filter: Shape, a: ConvAttrs): Shape {
  const fail = (message: string) => shapeFnError(message, opName, opDefs.Conv2D.type, inputs);
  // common_shape_fns.cc: Conv2DShapeImpl (WithRank)
  if (input !== null && input.length !== 4) throw fail(rankMessage(4, input.length));
  if (filter !== null && filter.length !== 4) throw fail(rankMessage(4, filter.length));
  if (a.dilations.length !== 4) {
    throw fail(`Conv2D requires the dilation attribute to contain 4 values, but got: ${a.dilations.length}`);
  }
  if (a.strides.length !== 4) {
    throw fail(
      `Conv2D on data format ${a.dataFormat} requires the stride attribute to contain 4 values, but got: ${a.strides.length}`,
    );
  }
  const fmt = a.dataFormat;
  const dim = (s: Shape, i: number): Dim => (s === null ? null : s[i]);
  const inDepth = dim(input, formatIndex(fmt, "C"));
  const filterInDepth = dim(filter, 2);
  const outDepth = dim(filter, 3);
  if (inDepth !== null && filterInDepth !== null) {
    if (filterInDepth === 0) throw fail("Depth of filter must not be 0");
    if (inDepth % filterInDepth !== 0) {
      throw fail(`Depth of input (${inDepth}) is not a multiple of input depth of filter (${filterInDepth})`);
    }
    const groups = inDepth / filterInDepth;
    if (groups !== 1 && outDepth !== null && outDepth % groups !== 0) {
      throw fail(`Depth of output (${outDepth}) is not a multiple of the number of groups (${groups})`);
    }
  }
  const spatial = (axis: "H" | "W", f: number): Dim => {
    const i = formatIndex(fmt, axis);
    const out = windowedOutputSize(dim(input, i), dim(filter, f), a.dilations[i], a.strides[i], a.padding);
    if (typeof out === "string") throw fail(out);
    return out;
  };
  const rows = spatial("H", 0);
  const cols = spatial("W", 1);
  const batch = dim(input, 0);
  return fmt === "NCHW" ? [batch, outDepth, rows, cols] : [batch, rows, cols, outDepth];
}

/** nn_ops.py: conv2d(input, filter, strides, padding, use_cudnn_on_gpu, data_format, dilations, name): a `Conv2D`. */
export function conv2d(
  input: TensorLike,
  filter: TensorLike,
  strides: number | readonly number[],
  padding: Padding | string,
  options: Conv2DOptions | string = {},
): Tensor {
  const opts = typeof options === "string" ? { name: options } : options;
  const attrs = convAttrs(opDefs.Conv2D.type, strides, padding, opts);
  return opScope(opts.name, opDefs.Conv2D.type, [input, filter], (scope) => {
    const [x, f] = convertSameTypeInputs(opDefs.Conv2D.type, [input, filter], ["input", "filter"]);
    const dtype = x.dtype;
    checkDtypeAllowed("input", dtype, FLOAT_TYPES);
    const shape = conv2dShape(scope.slice(0, -1), [x, f], x.shape, f.shape, attrs);
    return createOp(opDefs.Conv2D, [x, f], {
      name: scope,
      attrs: convAttrRecord(dtype, attrs),
      shapes: [shape],
    }).outputs[0];
  });
}

/** The attrs of a Conv2D-family op, for its gradient ops (nn_grad.py reads them with op.get_attr). */
export interface ConvOpAttrs {
  strides: number[];
  padding: string;
  dataFormat?: string;
  dilations?: number[];
  useCudnnOnGpu?: boolean;
  name?: string;
}

/** gen_nn_ops.py: conv2d_backprop_input(input_sizes, filter, out_backprop, ...): a `Conv2DBackpropInput`. */
export function conv2dBackpropInput(
  inputSizes: TensorLike,
  filter: TensorLike,
  outBackprop: TensorLike,
  options: ConvOpAttrs,
): Tensor {
  const attrs = convAttrs(opDefs.Conv2DBackpropInput.type, options.strides, options.padding, options);
  return opScope(options.name, opDefs.Conv2DBackpropInput.type, [inputSizes, filter, outBackprop], (scope) => {
    const sizes = shapeVector(opDefs.Conv2DBackpropInput.type, "input_sizes", inputSizes);
    const [f, g] = convertSameTypeInputs(
      opDefs.Conv2DBackpropInput.type,
      [filter, outBackprop],
      ["filter", "out_backprop"],
    );
    const dtype = f.dtype;
    checkDtypeAllowed("filter", dtype, FLOAT_TYPES);
    return createOp(opDefs.Conv2DBackpropInput, [sizes, f, g], {
      name: scope,
      attrs: convAttrRecord(dtype, attrs),
      shapes: [shapeFromShapeTensor(scope.slice(0, -1), opDefs.Conv2DBackpropInput.type, [sizes, f, g], 0)],
    }).outputs[0];
  });
}

/** gen_nn_ops.py: conv2d_backprop_filter(input, filter_sizes, out_backprop, ...): a `Conv2DBackpropFilter`. */
export function conv2dBackpropFilter(
  input: TensorLike,
  filterSizes: TensorLike,
  outBackprop: TensorLike,
  options: ConvOpAttrs,
): Tensor {
  const attrs = convAttrs(opDefs.Conv2DBackpropFilter.type, options.strides, options.padding, options);
  return opScope(options.name, opDefs.Conv2DBackpropFilter.type, [input, filterSizes, outBackprop], (scope) => {
    const x = convertLeading([input, outBackprop], "input");
    const sizes = shapeVector(opDefs.Conv2DBackpropFilter.type, "filter_sizes", filterSizes);
    const [, g] = convertSameTypeInputs(opDefs.Conv2DBackpropFilter.type, [x, outBackprop], ["input", "out_backprop"]);
    const dtype = x.dtype;
    checkDtypeAllowed("input", dtype, FLOAT_TYPES);
    return createOp(opDefs.Conv2DBackpropFilter, [x, sizes, g], {
      name: scope,
      attrs: convAttrRecord(dtype, attrs),
      shapes: [shapeFromShapeTensor(scope.slice(0, -1), opDefs.Conv2DBackpropFilter.type, [x, sizes, g], 1)],
    }).outputs[0];
  });
}

// ---- pooling ---------------------------------------------------------------------------------------------------

export interface PoolOptions {
  dataFormat?: string;
  name?: string;
}

interface PoolAttrs {
  ksize: number[];
  strides: number[];
  padding: string;
  dataFormat: string;
}

function poolAttrs(
  opType: string,
  ksize: number | readonly number[],
  strides: number | readonly number[],
  padding: string,
  dataFormat: string | undefined,
): PoolAttrs {
  const format = dataFormat ?? "NHWC";
  const channelIndex = format.startsWith("NC") ? 1 : 3;
  const k = getSequence(ksize, channelIndex, "ksize");
  const s = getSequence(strides, channelIndex, "strides");
  checkStringAttr(opType, "padding", padding, ["SAME", "VALID"]);
  checkStringAttr(
    opType,
    "data_format",
    format,
    opType.startsWith(opDefs.MaxPool.type) ? ["NHWC", "NCHW", "NCHW_VECT_C"] : ["NHWC", "NCHW"],
  );
  if (format === "NCHW_VECT_C") {
    // scopeflow: NCHW_VECT_C is a quantized GPU layout; it is not built.
    throw new ValueError(`${opType}: data_format 'NCHW_VECT_C' is not supported; use 'NHWC' or 'NCHW'.`);
  }
  return { ksize: k, strides: s, padding, dataFormat: format };
}

/** common_shape_fns.cc: MaxPoolShape / AvgPoolShape (MaxPool also windows the depth). */
function poolShape(
  opType: typeof opDefs.MaxPool.type | typeof opDefs.AvgPool.type,
  opName: string,
  x: Tensor,
  a: PoolAttrs,
): Shape {
  const fail = (message: string) => shapeFnError(message, opName, opType, [x]);
  const s = x.shape;
  // common_shape_fns.cc: MaxPoolShape / AvgPoolShape (WithRank)
  if (s !== null && s.length !== 4) throw fail(rankMessage(4, s.length));
  if (a.strides.length !== 4) {
    throw fail(`${opType} requires the stride attribute to contain 4 values, but got: ${a.strides.length}`);
  }
  if (a.ksize.length !== 4)
    throw fail(`${opType} requires the ksize attribute to contain 4 values, but got: ${a.ksize.length}`);
  const fmt = a.dataFormat;
  const window = (axis: "H" | "W" | "C"): Dim => {
    const i = formatIndex(fmt, axis);
    const out = windowedOutputSize(s === null ? null : s[i], a.ksize[i], 1, a.strides[i], a.padding);
    if (typeof out === "string") throw fail(out);
    return out;
  };
  const rows = window("H");
  const cols = window("W");
  const depth = opType === opDefs.MaxPool.type ? window("C") : s === null ? null : s[formatIndex(fmt, "C")];
  const batch = s === null ? null : s[0];
  return fmt === "NCHW" ? [batch, depth, rows, cols] : [batch, rows, cols, depth];
}

function pool(
  opType: typeof opDefs.MaxPool.type | typeof opDefs.AvgPool.type,
  value: TensorLike,
  ksize: number | readonly number[],
  strides: number | readonly number[],
  padding: string,
  options: PoolOptions | string,
): Tensor {
  const opts = typeof options === "string" ? { name: options } : options;
  return opScope(opts.name, opType, [value], (scope) => {
    const attrs = poolAttrs(opType, ksize, strides, padding, opts.dataFormat);
    const x = convertToTensor(value, { name: "input" });
    checkDtypeAllowed("input", x.dtype, opType === opDefs.MaxPool.type ? MAX_POOL_TYPES : FLOAT_TYPES);
    const shape = poolShape(opType, scope.slice(0, -1), x, attrs);
    return createOp(opDefs[opType], [x], {
      name: scope,
      attrs: {
        T: x.dtype,
        ksize: attrs.ksize,
        strides: attrs.strides,
        padding: attrs.padding,
        data_format: attrs.dataFormat,
      },
      shapes: [shape],
    }).outputs[0];
  });
}

/** nn_ops.py: max_pool(value, ksize, strides, padding, data_format="NHWC", name=None): a `MaxPool`. */
export function maxPool(
  value: TensorLike,
  ksize: number | readonly number[],
  strides: number | readonly number[],
  padding: Padding | string,
  options: PoolOptions | string = {},
): Tensor {
  return pool(opDefs.MaxPool.type, value, ksize, strides, padding, options);
}

/** nn_ops.py: avg_pool(value, ksize, strides, padding, data_format="NHWC", name=None): an `AvgPool`. */
export function avgPool(
  value: TensorLike,
  ksize: number | readonly number[],
  strides: number | readonly number[],
  padding: Padding | string,
  options: PoolOptions | string = {},
): Tensor {
  return pool(opDefs.AvgPool.type, value, ksize, strides, padding, options);
}

export interface PoolOpAttrs {
  ksize: number[];
  strides: number[];
  padding: string;
  dataFormat?: string;
  name?: string;
}

/** gen_nn_ops.py: max_pool_grad(orig_input, orig_output, grad, ksize, strides, padding, data_format): a `MaxPoolGrad`. */
export function maxPoolGrad(
  origInput: TensorLike,
  origOutput: TensorLike,
  grad: TensorLike,
  options: PoolOpAttrs,
): Tensor {
  return opScope(options.name, opDefs.MaxPoolGrad.type, [origInput, origOutput, grad], (scope) => {
    const attrs = poolAttrs(
      opDefs.MaxPoolGrad.type,
      options.ksize,
      options.strides,
      options.padding,
      options.dataFormat,
    );
    const [x, y, g] = convertSameTypeInputs(
      opDefs.MaxPoolGrad.type,
      [origInput, origOutput, grad],
      ["orig_input", "orig_output", "grad"],
    );
    const dtype = x.dtype;
    checkDtypeAllowed("orig_input", dtype, MAX_POOL_TYPES);
    for (const t of [x, y, g]) {
      if (t.shape !== null && t.shape.length !== 4) {
        // nn_ops.cc: MaxPoolGrad's shape function (WithRank 4)
        throw shapeFnError(rankMessage(4, t.shape.length), scope.slice(0, -1), opDefs.MaxPoolGrad.type, [x, y, g]);
      }
    }
    return createOp(opDefs.MaxPoolGrad, [x, y, g], {
      name: scope,
      attrs: {
        T: dtype,
        ksize: attrs.ksize,
        strides: attrs.strides,
        padding: attrs.padding,
        data_format: attrs.dataFormat,
      },
      shapes: [x.shape],
    }).outputs[0];
  });
}

/** gen_nn_ops.py: avg_pool_grad(orig_input_shape, grad, ksize, strides, padding, data_format): an `AvgPoolGrad`. */
export function avgPoolGrad(origInputShape: TensorLike, grad: TensorLike, options: PoolOpAttrs): Tensor {
  return opScope(options.name, opDefs.AvgPoolGrad.type, [origInputShape, grad], (scope) => {
    const attrs = poolAttrs(
      opDefs.AvgPoolGrad.type,
      options.ksize,
      options.strides,
      options.padding,
      options.dataFormat,
    );
    const sizes = shapeVector(opDefs.AvgPoolGrad.type, "orig_input_shape", origInputShape);
    const g = convertToTensor(grad, { name: "grad" });
    checkDtypeAllowed("grad", g.dtype, FLOAT_TYPES);
    return createOp(opDefs.AvgPoolGrad, [sizes, g], {
      name: scope,
      attrs: {
        T: g.dtype,
        ksize: attrs.ksize,
        strides: attrs.strides,
        padding: attrs.padding,
        data_format: attrs.dataFormat,
      },
      shapes: [shapeFromShapeTensor(scope.slice(0, -1), opDefs.AvgPoolGrad.type, [sizes, g], 0)],
    }).outputs[0];
  });
}
