// nn_ops.py: with_space_to_batch / _WithSpaceToBatch: the dilation rate as an int32 `dilation_rate` Const, TF's
// checks on it and on the input's rank, and the direct call of `op` when every rate is 1.
import { ValueError } from "../errors";
import { int32 } from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import { convertToTensor, type TensorLike } from "./op-builder";
import { constantValue } from "./shape-inference";

/**
 * nn_ops.py: with_space_to_batch(input, dilation_rate, padding, op, filter_shape, spatial_dims=None, data_format).
 * `filterShape` is built by the caller first, as TF evaluates `array_ops.shape(filter)` before the call.
 */
export function withSpaceToBatch(
  input: Tensor,
  _filterShape: Tensor,
  dilationRate: TensorLike,
  padding: string,
  dataFormat: string | undefined,
  caller: string,
  op: (input: Tensor, padding: string) => Tensor,
): Tensor {
  const rate = convertToTensor(dilationRate, { dtype: int32, name: "dilation_rate" });
  // nn_ops.py: _WithSpaceToBatch.__init__
  if (rate.shape !== null && rate.shape.length !== 1) throw new ValueError("rate must be rank 1");
  const count = rate.shape?.[0] ?? null;
  if (count === null) throw new ValueError("rate must have known shape");
  const start = dataFormat?.startsWith("NC") ? 2 : 1;
  const lastSpatialDim = start + count - 1;
  const expectedRank = dataFormat?.startsWith("NC") ? lastSpatialDim : lastSpatialDim + 1;
  if (input.shape !== null && input.shape.length < expectedRank) {
    throw new ValueError(`input tensor must have rank ${expectedRank} at least`);
  }
  const constRate = constantValue(rate);
  if (constRate !== null) {
    if (constRate.some((r) => r < 1)) throw new ValueError("dilation_rate must be positive");
    if (constRate.every((r) => r === 1)) return op(input, padding);
  }
  // scopeflow: the atrous path (SpaceToBatchND, the op with VALID padding, BatchToSpaceND) is not built yet.
  throw new ValueError(
    `${caller}: a rate other than 1 (atrous convolution through SpaceToBatchND and BatchToSpaceND) is not supported yet; use rate [1, 1].`,
  );
}
