// nn_ops.py (TF 1.15): conv1d, conv2d_transpose, max_pool1d and avg_pool1d, composites over Conv2D,
// Conv2DBackpropInput, MaxPool and AvgPool. Each passes its own name scope as the inner op's name, so the inner op is
// named after the scope (`conv1d`, `conv2d_transpose`, `MaxPool1d`), as TF's reentered name_scope does.
import { ValueError } from "../errors";
import type { Tensor } from "../framework/tensor";
import { expandDims, squeeze } from "./array-ops";
import { avgPool, conv2d, conv2dBackpropInput, getSequence, maxPool, type Padding } from "./nn-conv-ops";
import { opScope, type TensorLike } from "./op-builder";

export interface Conv1DOptions {
  useCudnnOnGpu?: boolean;
  /** "NWC" (default; "NHWC" is its deprecated spelling) or "NCW" ("NCHW"). */
  dataFormat?: string | null;
  name?: string;
  dilations?: number | readonly number[] | null;
}

/**
 * nn_ops.py: conv1d(value, filters, stride, padding, use_cudnn_on_gpu=None, data_format=None, name=None,
 * dilations=None): under `conv1d/`, ExpandDims of value and filters, a Conv2D named `conv1d`, and `Squeeze`.
 */
export function conv1d(
  value: TensorLike,
  filters: TensorLike,
  stride: number | readonly number[],
  padding: Padding | string,
  options: Conv1DOptions | string = {},
): Tensor {
  const opts = typeof options === "string" ? { name: options } : options;
  return opScope(opts.name, "conv1d", [value, filters], (scope) => {
    const fmt = opts.dataFormat ?? "NHWC";
    let dataFormat: "NHWC" | "NCHW";
    let spatialStartDim: number;
    let channelIndex: number;
    if (fmt === "NHWC" || fmt === "NWC") [dataFormat, spatialStartDim, channelIndex] = ["NHWC", 1, 2];
    else if (fmt === "NCHW" || fmt === "NCW") [dataFormat, spatialStartDim, channelIndex] = ["NCHW", 2, 1];
    // nn_ops.py: conv1d
    else throw new ValueError('data_format must be "NWC" or "NCW".');
    const strides = [1, ...getSequence(stride, channelIndex, "stride", 1)];
    const dilations = [1, ...getSequence(opts.dilations ?? null, channelIndex, "dilations", 1)];
    const x = expandDims(value, spatialStartDim);
    const f = expandDims(filters, 0);
    const result = conv2d(x, f, strides, padding, {
      useCudnnOnGpu: opts.useCudnnOnGpu ?? true,
      dataFormat,
      dilations,
      name: scope,
    });
    return squeeze(result, [spatialStartDim]);
  });
}

export interface Conv2DTransposeOptions {
  padding?: Padding | string;
  dataFormat?: string | null;
  name?: string;
  dilations?: number | readonly number[] | null;
}

/**
 * nn_ops.py: conv2d_transpose(value, filter, output_shape, strides, padding="SAME", data_format="NHWC", name=None,
 * dilations=None): a `Conv2DBackpropInput` named `conv2d_transpose` with `input_sizes` = output_shape.
 * TF 1.15 checks no shapes in Python: Conv2DBackpropInput's shape function and kernel do.
 */
export function conv2dTranspose(
  value: TensorLike,
  filter: TensorLike,
  outputShape: TensorLike,
  strides: number | readonly number[],
  padding: Padding | string | Conv2DTransposeOptions = "SAME",
  options: Conv2DTransposeOptions | string = {},
): Tensor {
  let opts = typeof options === "string" ? { name: options } : options;
  if (typeof padding === "object") opts = padding;
  else opts = { ...opts, padding };
  return opScope(opts.name, "conv2d_transpose", [value, filter, outputShape], (scope) => {
    const dataFormat = opts.dataFormat ?? "NHWC";
    const channelIndex = dataFormat.startsWith("NC") ? 1 : 3;
    return conv2dBackpropInput(outputShape, filter, value, {
      strides: getSequence(strides, channelIndex, "strides"),
      padding: opts.padding ?? "SAME",
      dataFormat,
      dilations: getSequence(opts.dilations ?? null, channelIndex, "dilations"),
      name: scope,
    });
  });
}

export interface Pool1DOptions {
  /** "NWC" (default) or "NCW". */
  dataFormat?: string | null;
  name?: string;
}

function pool1d(
  kind: "MaxPool1d" | "AvgPool1D",
  input: TensorLike,
  ksize: number | readonly number[],
  strides: number | readonly number[],
  padding: Padding | string,
  options: Pool1DOptions | string,
): Tensor {
  const opts = typeof options === "string" ? { name: options } : options;
  return opScope(opts.name, kind, [input], (scope) => {
    const fmt = opts.dataFormat ?? "NWC";
    const channelIndex = fmt.startsWith("NC") ? 1 : 2;
    const k = [1, ...getSequence(ksize, channelIndex, "ksize", 1)];
    const s = [1, ...getSequence(strides, channelIndex, "strides", 1)];
    const expandingDim = fmt === "NWC" ? 1 : 2;
    const dataFormat = fmt === "NWC" ? "NHWC" : "NCHW";
    const x = expandDims(input, expandingDim);
    const pool = kind === "MaxPool1d" ? maxPool : avgPool;
    const result = pool(x, k, s, padding, { dataFormat, name: scope });
    return squeeze(result, expandingDim);
  });
}

/** nn_ops.py: max_pool1d(input, ksize, strides, padding, data_format="NWC", name=None), under `MaxPool1d/`. */
export function maxPool1d(
  input: TensorLike,
  ksize: number | readonly number[],
  strides: number | readonly number[],
  padding: Padding | string,
  options: Pool1DOptions | string = {},
): Tensor {
  return pool1d("MaxPool1d", input, ksize, strides, padding, options);
}

/** nn_ops.py: avg_pool1d(input, ksize, strides, padding, data_format="NWC", name=None), under `AvgPool1D/`. */
export function avgPool1d(
  input: TensorLike,
  ksize: number | readonly number[],
  strides: number | readonly number[],
  padding: Padding | string,
  options: Pool1DOptions | string = {},
): Tensor {
  return pool1d("AvgPool1D", input, ksize, strides, padding, options);
}
