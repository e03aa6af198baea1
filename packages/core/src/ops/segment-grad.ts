// math_grad.py (TF 1.15): the gradients of the sorted and unsorted segment reductions (_SegmentSumGrad,
// _SegmentMeanGrad, _SegmentMinOrMaxGrad, _GatherDropNegatives, _UnsortedSegmentMinOrMaxGrad,
// _UnsortedSegmentSumGrad, _UnsortedSegmentProdGrad). SegmentProd has none in TF 1.15.
import { bool, int32 } from "../framework/dtypes";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import type { GradFn, GradTable } from "../gradients/grad-types";
import { expandDims, fill, onesLike, rank, shape, zerosLike } from "./array-ops";
import { cast, divide, equal, greater, greaterEqual, logicalAnd, maximum, where } from "./math-ops";
import { constantOp } from "./op-builder";
import { opDefs } from "./op-defs";
import { mul, sub, truediv } from "./operators";
import { segmentSum, unsortedSegmentOp } from "./segment-ops";
import { concat, gather } from "./slicing-ops";

/** _SegmentSumGrad */
const segmentSumGrad: GradFn = (op, [grad]) => [gather(grad, op.inputs[1]), null];

/** _SegmentMeanGrad: the gradient over each segment's size (a SegmentSum of ones shaped [ids, 1, ...]). */
const segmentMeanGrad: GradFn = (op, [grad]) => {
  const inputRank = rank(op.inputs[0]);
  const onesShape = concat([shape(op.inputs[1]), fill(expandDims(sub(inputRank, 1), 0), 1)], 0);
  const ones = fill(onesShape, constantOp(1, grad.dtype, null, opDefs.Const.type));
  const scaledGrad = divide(grad, segmentSum(ones, op.inputs[1]));
  return [gather(scaledGrad, op.inputs[1]), null];
};

/** _SegmentMinOrMaxGrad: the gradient split evenly among each segment's selected (extreme) entries. */
const segmentMinOrMaxGrad: GradFn = (op, [grad]) => {
  const zeros = zerosLike(op.inputs[0], { dtype: op.inputs[0].dtype });
  const gatheredOutputs = gather(op.outputs[0], op.inputs[1]);
  const isSelected = equal(op.inputs[0], gatheredOutputs);
  const numSelected = segmentSum(cast(isSelected, grad.dtype), op.inputs[1]);
  const weightedGrads = divide(grad, numSelected);
  const gatheredGrads = gather(weightedGrads, op.inputs[1]);
  return [where(isSelected, gatheredGrads, zeros), null];
};

/**
 * _GatherDropNegatives: params gathered at max(ids, 0), zero where an id is negative; returns the clipped ids and
 * the mask (broadcast to the gathered shape) for reuse.
 */
function gatherDropNegatives(
  params: Tensor,
  ids: Tensor | null,
  zeroClippedIndices?: Tensor,
  isPositive?: Tensor,
): [Tensor, Tensor, Tensor] {
  const clipped = zeroClippedIndices ?? maximum(ids!, zerosLike(ids!));
  const gathered = gather(params, clipped);
  let positive = isPositive;
  if (!positive) {
    positive = greaterEqual(ids!, 0);
    const extra = (gathered.shape?.length ?? 0) - (positive.shape?.length ?? 0);
    for (let i = 0; i < extra; i++) positive = expandDims(positive, -1);
    positive = logicalAnd(positive, onesLike(gathered, { dtype: bool }), "and"); // Python's `&`
  }
  const zeroSlice = zerosLike(gathered);
  return [where(positive, gathered, zeroSlice), clipped, positive];
}

/** _UnsortedSegmentMinOrMaxGrad */
const unsortedSegmentMinOrMaxGrad: GradFn = (op, [grad]) => {
  const [gatheredOutputs, zeroClipped, isPositive] = gatherDropNegatives(op.outputs[0], op.inputs[1]);
  let isSelected = equal(op.inputs[0], gatheredOutputs);
  isSelected = logicalAnd(isSelected, isPositive);
  const numSelected = unsortedSegmentOp(
    opDefs.UnsortedSegmentSum.type,
    cast(isSelected, grad.dtype),
    op.inputs[1],
    op.inputs[2],
  );
  const weightedGrads = divide(grad, numSelected);
  const [gatheredGrads] = gatherDropNegatives(weightedGrads, null, zeroClipped, isPositive);
  const zeros = zerosLike(gatheredGrads);
  return [where(isSelected, gatheredGrads, zeros), null, null];
};

/** _UnsortedSegmentProdGrad: zero-aware (no zeros: divide; one zero: the others' product; more: 0). */
const unsortedSegmentProdGrad: GradFn = (op: Operation, [gradIn]) => {
  const [data, ids, n] = op.inputs;
  const isZero = equal(data, 0);
  const numZeros = unsortedSegmentOp(opDefs.UnsortedSegmentSum.type, cast(isZero, int32), ids, n);
  const grad = where(greater(numZeros, 1), zerosLike(gradIn), gradIn);
  const nonZeroData = where(isZero, onesLike(data), data);
  const nonZeroProd = unsortedSegmentOp(opDefs.UnsortedSegmentProd.type, nonZeroData, ids, n);
  const zeroClipped = maximum(ids, zerosLike(ids));
  const gatheredProd = gather(op.outputs[0], zeroClipped);
  const gatheredNonZeroProd = gather(nonZeroProd, zeroClipped);
  const prodDividedByEl = truediv(gatheredProd, data);
  const partial = where(isZero, gatheredNonZeroProd, prodDividedByEl);
  const [gatheredGrad] = gatherDropNegatives(grad, ids, zeroClipped);
  return [mul(gatheredGrad, partial), null, null];
};

export const segmentGrads: GradTable = {
  SegmentSum: segmentSumGrad,
  SegmentMean: segmentMeanGrad,
  SegmentMin: segmentMinOrMaxGrad,
  SegmentMax: segmentMinOrMaxGrad,
  UnsortedSegmentSum: (op, [grad]) => [gatherDropNegatives(grad, op.inputs[1])[0], null, null],
  UnsortedSegmentMax: unsortedSegmentMinOrMaxGrad,
  UnsortedSegmentMin: unsortedSegmentMinOrMaxGrad,
  UnsortedSegmentProd: unsortedSegmentProdGrad,
};
