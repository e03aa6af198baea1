// keras/layers/pooling.py (TF 1.15): Pooling1D.call, and keras/backend.py: pool2d as it runs without a GPU
// (_has_nchw_support() is false, so channels_first is transposed to NHWC around the pool). For the layer classes,
// which call these inside their own name scope.
import { ValueError } from "../errors";
import type { Tensor } from "../framework/tensor";
import { expandDims, squeeze, transpose } from "./array-ops";
import { avgPool, maxPool } from "./nn-conv-ops";
import type { TensorLike } from "./op-builder";

export type KerasDataFormat = "channels_last" | "channels_first";

/**
 * keras/backend.py: pool2d(x, pool_size, strides=(1, 1), padding='valid', data_format=None, pool_mode='max'):
 * [transpose,] MaxPool or AvgPool (NHWC), [transpose_1].
 */
export function backendPool2d(
  x: TensorLike,
  poolSize: readonly number[],
  strides: readonly number[],
  padding: string,
  dataFormat: KerasDataFormat | string,
  poolMode: "max" | "avg" | string,
): Tensor {
  // keras/backend.py: pool2d
  if (dataFormat !== "channels_first" && dataFormat !== "channels_last") {
    throw new ValueError(`Unknown data_format: ${dataFormat}`);
  }
  if (poolSize.length !== 2) throw new ValueError("`pool_size` must be a tuple of 2 integers.");
  if (strides.length !== 2) throw new ValueError("`strides` must be a tuple of 2 integers.");
  // keras/backend.py: _preprocess_conv2d_input (no NCHW support off the GPU)
  let input: TensorLike = x;
  if (dataFormat === "channels_first") input = transpose(x, [0, 2, 3, 1]);
  // keras/backend.py: _preprocess_padding
  let tfPadding: string;
  if (padding === "same") tfPadding = "SAME";
  else if (padding === "valid") tfPadding = "VALID";
  else throw new ValueError(`Invalid padding: ${padding}`);
  const ksize = [1, ...poolSize, 1];
  const steps = [1, ...strides, 1];
  let out: Tensor;
  if (poolMode === "max") out = maxPool(input, ksize, steps, tfPadding, { dataFormat: "NHWC" });
  else if (poolMode === "avg") out = avgPool(input, ksize, steps, tfPadding, { dataFormat: "NHWC" });
  else throw new ValueError(`Invalid pooling mode: ${poolMode}`);
  return dataFormat === "channels_first" ? transpose(out, [0, 3, 1, 2]) : out;
}

/**
 * keras/layers/pooling.py: Pooling1D.call(inputs) with normalized pool_size, strides, padding ('valid' / 'same')
 * and data_format: ExpandDims, backend.pool2d over a (pool_size, 1) window, Squeeze. MaxPooling1D passes
 * poolMode 'max', AveragePooling1D 'avg'.
 */
export function kerasPooling1d(
  inputs: TensorLike,
  poolMode: "max" | "avg",
  poolSize: number,
  strides: number,
  padding: string,
  dataFormat: KerasDataFormat = "channels_last",
): Tensor {
  const padAxis = dataFormat === "channels_last" ? 2 : 3;
  const x = expandDims(inputs, padAxis);
  const outputs = backendPool2d(x, [poolSize, 1], [strides, 1], padding, dataFormat, poolMode);
  return squeeze(outputs, padAxis);
}
