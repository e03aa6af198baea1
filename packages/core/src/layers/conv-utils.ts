// keras/utils/conv_utils.py (TF 1.15): normalize_tuple, normalize_padding, normalize_data_format,
// convert_data_format, conv_output_length and deconv_output_length, as the conv and pooling layers use them.
import { ValueError } from "../errors";
import { messages } from "./messages";

export type KerasDataFormat = "channels_last" | "channels_first";

const pyRepr = (value: unknown): string =>
  Array.isArray(value) ? `(${value.map(String).join(", ")}${value.length === 1 ? "," : ""})` : String(value);

/** conv_utils.py: normalize_tuple(value, n, name): an int repeated n times, or a tuple of n ints. */
export function normalizeTuple(value: number | readonly number[], n: number, name: string): number[] {
  if (typeof value === "number") return Array(n).fill(value);
  // conv_utils.py: normalize_tuple
  if (!Array.isArray(value) || value.length !== n) throw new ValueError(messages.tupleArg(name, n, pyRepr(value)));
  for (const v of value) {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new ValueError(messages.tupleElement(name, n, pyRepr(value), v));
    }
  }
  return value.map((v) => Math.trunc(v));
}

/** conv_utils.py: normalize_padding: 'valid', 'same' or 'causal', in lower case. */
export function normalizePadding(value: string): string {
  const padding = String(value).toLowerCase();
  // conv_utils.py: normalize_padding
  if (!["valid", "same", "causal"].includes(padding)) throw new ValueError(messages.padding(padding));
  return padding;
}

/** conv_utils.py: normalize_data_format (null is keras' image_data_format(), 'channels_last'). */
export function normalizeDataFormat(value: string | null | undefined): KerasDataFormat {
  const fmt = (value ?? "channels_last").toLowerCase();
  // conv_utils.py: normalize_data_format
  if (fmt !== "channels_first" && fmt !== "channels_last") throw new ValueError(messages.dataFormat(String(value)));
  return fmt;
}

/** conv_utils.py: convert_data_format(data_format, ndim): NWC/NHWC/NDHWC or NCW/NCHW/NCDHW. */
export function convertDataFormat(dataFormat: KerasDataFormat, ndim: number): string {
  const spatial = ndim === 3 ? "W" : ndim === 4 ? "HW" : "DHW";
  return dataFormat === "channels_last" ? `N${spatial}C` : `NC${spatial}`;
}

/** conv_utils.py: conv_output_length(input_length, filter_size, padding, stride, dilation=1) */
export function convOutputLength(
  inputLength: number | null,
  filterSize: number,
  padding: string,
  stride: number,
  dilation = 1,
): number | null {
  if (inputLength === null) return null;
  const dilated = filterSize + (filterSize - 1) * (dilation - 1);
  let length: number;
  if (padding === "same" || padding === "causal") length = inputLength;
  else if (padding === "valid") length = inputLength - dilated + 1;
  else length = inputLength + dilated - 1; // 'full'
  return Math.floor((length + stride - 1) / stride);
}

/** conv_utils.py: deconv_output_length(input_length, filter_size, padding, output_padding=None, stride=0, dilation=1) */
export function deconvOutputLength(
  inputLength: number | null,
  filterSize: number,
  padding: string,
  outputPadding: number | null,
  stride: number,
  dilation = 1,
): number | null {
  if (inputLength === null) return null;
  const size = filterSize + (filterSize - 1) * (dilation - 1);
  if (outputPadding === null) {
    if (padding === "valid") return inputLength * stride + Math.max(size - stride, 0);
    if (padding === "full") return inputLength * stride - (stride + size - 2);
    return inputLength * stride;
  }
  const pad = padding === "same" ? Math.floor(size / 2) : padding === "valid" ? 0 : size - 1;
  return (inputLength - 1) * stride + size - 2 * pad + outputPadding;
}
