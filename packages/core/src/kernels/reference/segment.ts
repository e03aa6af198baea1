// segment_reduction_ops.cc: SegmentReductionOp (sorted ids: runs of equal ids, gaps set to the default value) and
// UnsortedSegmentReductionOp (any order; negative ids dropped; empty segments keep the reduction's initial value).
import { InvalidArgumentError } from "../../errors";
import type { DType } from "../../framework/dtypes";
import { NDArray, sizeOf } from "../../framework/ndarray";
import type { Kernel, KernelContext } from "../contract";
import { registerKernels } from "../lazy-kernel-registry";
import { sliceDebugString } from "./array";
import { dimsText, intList, numberAt, setNumber } from "./strided";

function invalid(message: string, ctx: KernelContext): never {
  throw new InvalidArgumentError(`${message}\n\t [[{{node ${ctx.opName}}}]]`);
}

interface SegmentReducer {
  /** The unsorted op's value for an empty segment (numeric_limits lowest/highest for max/min). */
  init: (dtype: DType) => number;
  step: (acc: number, v: number) => number;
  finish?: (acc: number, count: number, dtype: DType) => number;
}

/** Eigen::NumTraits<T>::lowest() / highest() of the dtypes scopeflow runs. */
function lowest(dtype: DType): number {
  if (dtype.name === "float32") return -3.4028234663852886e38;
  if (dtype.name === "int32") return -(2 ** 31);
  if (dtype.name === "int64") return Number.MIN_SAFE_INTEGER;
  return -Number.MAX_VALUE;
}
const highest = (dtype: DType) => (dtype.name === "int32" ? 2 ** 31 - 1 : -lowest(dtype));

const REDUCERS = {
  Sum: { init: () => 0, step: (a, v) => a + v },
  Mean: {
    init: () => 0,
    step: (a, v) => a + v,
    finish: (a, n, dtype) => (dtype.isInteger ? Math.trunc(a / n) : a / n),
  },
  Prod: { init: () => 1, step: (a, v) => a * v },
  Min: { init: highest, step: (a, v) => (v < a ? v : a) },
  Max: { init: lowest, step: (a, v) => (v > a ? v : a) },
} satisfies Record<string, SegmentReducer>;

/** SegmentReductionOp::Compute, with default_value 0 (1 for SegmentProd) for the ids that do not occur. */
function sortedSegment(reducer: SegmentReducer, defaultValue: number): Kernel {
  return ([data, ids], ctx) => {
    // segment_reduction_ops.cc: SegmentReductionValidationHelper
    if (ids.rank !== 1) invalid("segment_ids should be a vector.", ctx);
    const n = ids.size;
    if (data.rank === 0 || n !== data.shape[0])
      invalid("segment_ids should be the same size as dimension 0 of input.", ctx);
    const idList = intList(ids);
    const outputRows = n > 0 ? idList[n - 1] + 1 : 0;
    if (outputRows < 0) invalid("segment ids must be >= 0", ctx);
    const slice = data.shape.slice(1);
    const chunk = sizeOf(slice);
    const out = new NDArray(data.dtype, [outputRows, ...slice]);
    // An empty input gives an empty output before the second check (segment_reduction_ops.cc).
    if (n === 0) return [out];
    if (outputRows <= 0) invalid("segment ids must be >= 0", ctx);
    for (let k = 0; k < out.size; k++) setNumber(out, k, defaultValue);
    let start = 0;
    while (start < n) {
      const id = idList[start];
      let end = start + 1;
      while (end < n && idList[end] === id) end++;
      if (end < n && !(id < idList[end])) invalid("segment ids are not increasing", ctx);
      if (id < 0 || id >= outputRows) {
        invalid(
          `Segment id ${id} out of range [0, ${outputRows}), possibly because 'segment_ids' input is not sorted.`,
          ctx,
        );
      }
      for (let j = 0; j < chunk; j++) {
        let acc = numberAt(data, start * chunk + j);
        for (let r = start + 1; r < end; r++) acc = reducer.step(acc, numberAt(data, r * chunk + j));
        setNumber(out, id * chunk + j, reducer.finish ? reducer.finish(acc, end - start, data.dtype) : acc);
      }
      start = end;
    }
    return [out];
  };
}

/** UnsortedSegmentReductionOp::Compute (UnsortedSegmentReductionDoValidation, then the CPU functor). */
function unsortedSegment(reducer: SegmentReducer): Kernel {
  return ([data, ids, numSegments], ctx) => {
    if (numSegments.rank !== 0)
      invalid(`num_segments should be a scalar, not shape ${dimsText(numSegments.shape)}`, ctx);
    if (ids.rank > data.rank || ids.shape.some((d, i) => d !== data.shape[i])) {
      invalid(
        `data.shape = ${dimsText(data.shape)} does not start with segment_ids.shape = ${dimsText(ids.shape)}`,
        ctx,
      );
    }
    const segments = intList(numSegments)[0];
    const slice = data.shape.slice(ids.rank);
    const chunk = sizeOf(slice);
    const out = new NDArray(data.dtype, [segments, ...slice]);
    const init = reducer.init(data.dtype);
    for (let k = 0; k < out.size; k++) setNumber(out, k, init);
    intList(ids).forEach((s, i) => {
      if (s < 0) return;
      if (s >= segments) {
        invalid(`segment_ids${sliceDebugString(ids.shape, i)} = ${s} is out of range [0, ${segments})`, ctx);
      }
      for (let j = 0; j < chunk; j++) {
        setNumber(out, s * chunk + j, reducer.step(numberAt(out, s * chunk + j), numberAt(data, i * chunk + j)));
      }
    });
    return [out];
  };
}

export const segmentKernels = {
  SegmentSum: sortedSegment(REDUCERS.Sum, 0),
  SegmentMean: sortedSegment(REDUCERS.Mean, 0),
  SegmentProd: sortedSegment(REDUCERS.Prod, 1),
  SegmentMin: sortedSegment(REDUCERS.Min, 0),
  SegmentMax: sortedSegment(REDUCERS.Max, 0),
  UnsortedSegmentMax: unsortedSegment(REDUCERS.Max),
  UnsortedSegmentMin: unsortedSegment(REDUCERS.Min),
  UnsortedSegmentProd: unsortedSegment(REDUCERS.Prod),
} satisfies Record<string, Kernel>;

/** Makes this family run in every Session (idempotent): the module that builds its ops calls it when loaded. */
export function useSegmentKernels(): void {
  registerKernels(segmentKernels);
}
