// nn_ops.py: with_space_to_batch / _WithSpaceToBatch: the dilation rate as an int32 `dilation_rate` Const, TF's
// checks on it and on the input's rank, the direct call of `op` when every rate is 1, and otherwise op over
// SpaceToBatchND (VALID) and BatchToSpaceND, built where the rate and the filter shape are static; an unknown spatial
// shape gets its paddings from ops (the input's Shape), as _with_space_to_batch_call builds them.
import { ValueError } from "../errors";
import { int32 } from "../framework/dtypes";
import type { Shape } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { shape as shapeOf } from "./array-ops";
import { constantOp, convertToTensor, type TensorLike } from "./op-builder";
import { constantValue } from "./shape-inference";
import { concat, stack } from "./slicing-ops";
import {
  batchToSpaceNd,
  requiredSpaceToBatchPaddings,
  requiredSpaceToBatchPaddingsTensors,
  spaceToBatchNd,
} from "./space-to-batch-ops";
import { indexTensor, sliceRange } from "./tensor-index";

/**
 * nn_ops.py: _WithSpaceToBatch: built once (the layers build it in `build`, as keras' nn_ops.Convolution does):
 * the int32 `dilation_rate` Const and TF's checks; with a rate other than 1 and SAME padding, the filter shape (a
 * list becomes the Const `filter_shape`) and the base paddings Const `stack`. `call` runs `op` directly when every
 * rate is 1, else over SpaceToBatchND (VALID) and BatchToSpaceND.
 */
export class WithSpaceToBatch {
  private readonly direct: boolean = false;
  private readonly rate: number[] = [];
  private readonly rateTensor: Tensor;
  private readonly basePaddings: Tensor | number[][] = [];
  private readonly start: number;

  constructor(
    private readonly inputShape: Shape,
    dilationRate: TensorLike,
    private readonly padding: string,
    filterShape: Tensor | readonly number[] | null,
    dataFormat: string | undefined,
    private readonly caller: string,
  ) {
    const rate = convertToTensor(dilationRate, { dtype: int32, name: "dilation_rate" });
    this.rateTensor = rate;
    if (rate.shape !== null && rate.shape.length !== 1) throw new ValueError("rate must be rank 1");
    const count = rate.shape?.[0] ?? null;
    if (count === null) throw new ValueError("rate must have known shape");
    this.start = dataFormat?.startsWith("NC") ? 2 : 1;
    const lastSpatialDim = this.start + count - 1;
    const expectedRank = dataFormat?.startsWith("NC") ? lastSpatialDim : lastSpatialDim + 1;
    if (inputShape !== null && inputShape.length < expectedRank) {
      throw new ValueError(`input tensor must have rank ${expectedRank} at least`);
    }
    const constRate = constantValue(rate);
    if (constRate !== null) {
      if (constRate.some((r) => r < 1)) throw new ValueError("dilation_rate must be positive");
      if (constRate.every((r) => r === 1)) {
        this.direct = true;
        return;
      }
    }
    if (constRate === null) throw this.unsupported("a constant rate");
    this.rate = constRate;
    if (padding === "SAME") {
      // filter_shape = ops.convert_to_tensor(filter_shape, name="filter_shape")
      const shapeTensor =
        filterShape === null || filterShape instanceof Tensor
          ? filterShape
          : convertToTensor([...filterShape], { dtype: int32, name: "filter_shape" });
      const constFilterShape = shapeTensor === null ? null : constantValue(shapeTensor);
      if (constFilterShape === null) throw this.unsupported("the filter's static shape");
      this.basePaddings = constantOp(basePaddingsOf(constFilterShape, constRate), int32, [count, 2], "stack");
    } else if (padding === "VALID") this.basePaddings = constRate.map(() => [0, 0]);
    // nn_ops.py: _WithSpaceToBatch.__init__
    else throw new ValueError(`Invalid padding method '${padding}'`);
  }

  private unsupported(what: string): ValueError {
    // scopeflow: TF 1.15 builds this case from Shape / StridedSlice / arithmetic ops; only constants are built here.
    return new ValueError(`${this.caller}: a rate other than 1 needs ${what} at graph-build time in scopeflow.`);
  }

  /** nn_ops.py: _WithSpaceToBatch.__call__ / _with_space_to_batch_call */
  call(input: Tensor, op: (input: Tensor, padding: string) => Tensor): Tensor {
    if (this.direct) return op(input, this.padding);
    const count = this.rate.length;
    const shape = this.inputShape ?? input.shape;
    const spatialShape = Array.from({ length: count }, (_, i) => shape?.[this.start + i] ?? null);
    // nn_ops.py: _with_space_to_batch_adjust: rows of the fill value for the dims before the first spatial one.
    const lead = this.start - 1;
    const blockShape = [...new Array<number>(lead).fill(1), ...this.rate];
    const fill = new Array<number[]>(lead).fill([0, 0]);
    if (spatialShape.some((d) => d === null)) {
      // An input whose spatial shape is unknown at graph-build time: its Shape, packed, and the paddings computed
      // by ops (_with_space_to_batch_call); their rows taken as `paddings[0:count]` and concatenated (one part: an
      // Identity named `concat`).
      if (lead > 0) throw this.unsupported("the input's static spatial shape with a channels-first data_format");
      const shapeTensor = shapeOf(input);
      const dims = Array.from({ length: count }, (_, i) => indexTensor(shapeTensor, this.start + i));
      const spatial = stack(dims);
      const { paddings, crops } = requiredSpaceToBatchPaddingsTensors(spatial, this.rateTensor, this.basePaddings);
      const adjustedPaddings = concat([sliceRange(paddings, 0, count)], 0);
      const adjustedCrops = concat([sliceRange(crops, 0, count)], 0);
      const converted = spaceToBatchNd(input, blockShape, adjustedPaddings);
      const result = op(converted, "VALID");
      return batchToSpaceNd(result, blockShape, adjustedCrops);
    }
    const { paddings, crops } = requiredSpaceToBatchPaddings(
      spatialShape as number[],
      this.rateTensor,
      this.basePaddings,
    );
    const converted = spaceToBatchNd(input, blockShape, [...fill, ...paddings]);
    const result = op(converted, "VALID");
    return batchToSpaceNd(result, blockShape, [...fill, ...crops]);
  }
}

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
  return new WithSpaceToBatch(input.shape, dilationRate, padding, filterShapeTensor, dataFormat, caller).call(
    input,
    op,
  );
}

/** nn_ops.py: _with_space_to_batch_base_paddings: the dilated filter's extent - 1, split with more at the end. */
function basePaddingsOf(filterShape: readonly number[], rate: readonly number[]): number[][] {
  return rate.map((r, i) => {
    const extra = filterShape[i] + (filterShape[i] - 1) * (r - 1) - 1;
    const before = Math.floor(extra / 2);
    return [before, extra - before];
  });
}
