// nn_ops.py: with_space_to_batch / _WithSpaceToBatch: the dilation rate as an int32 `dilation_rate` Const, TF's
// checks on it and on the input's rank, the direct call of `op` when every rate is 1, and otherwise op over
// SpaceToBatchND (VALID) and BatchToSpaceND, built where the rate, the filter and the spatial shape are static.
import { ValueError } from "../errors";
import { int32 } from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import { constantOp, convertToTensor, type TensorLike } from "./op-builder";
import { constantValue } from "./shape-inference";
import { batchToSpaceNd, requiredSpaceToBatchPaddings, spaceToBatchNd } from "./space-to-batch-ops";

/**
 * nn_ops.py: with_space_to_batch(input, dilation_rate, padding, op, filter_shape, spatial_dims=None, data_format).
 * `filterShape` is built by the caller first, as TF evaluates `array_ops.shape(filter)` before the call.
 */
export function withSpaceToBatch(
  input: Tensor,
  filterShapeTensor: Tensor,
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
  const unsupported = (what: string) =>
    // scopeflow: TF 1.15 builds this case from Shape / StridedSlice / arithmetic ops; only constants are built here.
    new ValueError(`${caller}: a rate other than 1 needs ${what} at graph-build time in scopeflow.`);
  if (constRate === null) throw unsupported("a constant rate");
  // nn_ops.py: _WithSpaceToBatch.__init__: the padding that turns SAME into VALID.
  let basePaddings: Tensor | number[][];
  if (padding === "SAME") {
    const filterShape = constantValue(filterShapeTensor);
    if (filterShape === null) throw unsupported("the filter's static shape");
    basePaddings = constantOp(basePaddingsOf(filterShape, constRate), int32, [count, 2], "stack");
  } else if (padding === "VALID") basePaddings = constRate.map(() => [0, 0]);
  // nn_ops.py: _WithSpaceToBatch.__init__
  else throw new ValueError(`Invalid padding method '${padding}'`);
  // nn_ops.py: _WithSpaceToBatch._with_space_to_batch_call
  const spatialShape = Array.from({ length: count }, (_, i) => input.shape?.[start + i] ?? null);
  if (spatialShape.some((d) => d === null)) throw unsupported("the input's static spatial shape");
  const { paddings, crops } = requiredSpaceToBatchPaddings(spatialShape as number[], rate, basePaddings);
  // nn_ops.py: _with_space_to_batch_adjust: rows of the fill value for the dims before the first spatial one.
  const lead = start - 1;
  const blockShape = [...new Array<number>(lead).fill(1), ...constRate];
  const fill = new Array<number[]>(lead).fill([0, 0]);
  const converted = spaceToBatchNd(input, blockShape, [...fill, ...paddings]);
  const result = op(converted, "VALID");
  return batchToSpaceNd(result, blockShape, [...fill, ...crops]);
}

/** nn_ops.py: _with_space_to_batch_base_paddings: the dilated filter's extent - 1, split with more at the end. */
function basePaddingsOf(filterShape: readonly number[], rate: readonly number[]): number[][] {
  return rate.map((r, i) => {
    const extra = filterShape[i] + (filterShape[i] - 1) * (r - 1) - 1;
    const before = Math.floor(extra / 2);
    return [before, extra - before];
  });
}
