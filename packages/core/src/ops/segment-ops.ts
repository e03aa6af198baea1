// gen_math_ops.py: segment_sum / _mean / _prod / _min / _max and unsorted_segment_max / _min / _prod (math_ops.cc's
// SegmentReductionShapeFn and UnsortedSegmentReductionShapeFn); math_ops.py: unsorted_segment_mean and
// unsorted_segment_sqrt_n, composed of UnsortedSegmentSum as TF 1.15 composes them.
import { int32, int64 } from "../framework/dtypes";
import type { Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { useSegmentKernels } from "../kernels/reference/segment";
import { ones, reshape, shape as shapeOf } from "./array-ops";
import { binaryOp, unaryOp } from "./elementwise";
import { truediv } from "./math-ops";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { constantValue, shapeError } from "./shape-inference";
import { stack } from "./slicing-ops";

// The kernels of this family ship with the module that builds its ops (kernels/lazy-kernel-registry.ts).
useSegmentKernels();

type SortedType =
  | typeof opDefs.SegmentSum.type
  | typeof opDefs.SegmentMean.type
  | typeof opDefs.SegmentProd.type
  | typeof opDefs.SegmentMin.type
  | typeof opDefs.SegmentMax.type;

/** op_def_library.py: _SatisfiesTypeConstraint for Tindices: {int32, int64}. */
function checkIndices(arg: string, t: Tensor): void {
  if (t.dtype !== int32 && t.dtype !== int64) {
    throw new TypeError(
      `Value passed to parameter '${arg}' has DataType ${t.dtype.name} not in list of allowed values: int32, int64`,
    );
  }
}

function sortedSegment(type: SortedType, data: TensorLike, segmentIds: TensorLike, name?: string): Tensor {
  return opScope(name, type, [data, segmentIds], (scope) => {
    const x = convertToTensor(data, { name: "data" });
    const ids = convertToTensor(segmentIds, { name: "segment_ids", preferredDtype: int32 });
    checkIndices("segment_ids", ids);
    const opName = scope.slice(0, -1);
    // math_ops.cc: SegmentReductionShapeFn (WithRankAtLeast(data, 1), WithRank(segment_ids, 1))
    if (x.shape !== null && x.shape.length < 1) {
      throw shapeError(`Shape must be at least rank 1 but is rank ${x.shape.length}`, opName, type, [x, ids]);
    }
    if (ids.shape !== null && ids.shape.length !== 1) {
      throw shapeError(`Shape must be rank 1 but is rank ${ids.shape.length}`, opName, type, [x, ids]);
    }
    const out: Shape = x.shape === null ? null : [null, ...x.shape.slice(1)];
    return createOp(opDefs[type], [x, ids], {
      name: scope,
      attrs: { T: x.dtype, Tindices: ids.dtype },
      shapes: [out],
    }).outputs[0];
  });
}

/** gen_math_ops.py: segment_sum(data, segment_ids, name=None): a `SegmentSum` (ids sorted). */
export const segmentSum = (data: TensorLike, segmentIds: TensorLike, name?: string) =>
  sortedSegment(opDefs.SegmentSum.type, data, segmentIds, name);
/** gen_math_ops.py: segment_mean: a `SegmentMean`. */
export const segmentMean = (data: TensorLike, segmentIds: TensorLike, name?: string) =>
  sortedSegment(opDefs.SegmentMean.type, data, segmentIds, name);
/** gen_math_ops.py: segment_prod: a `SegmentProd`. */
export const segmentProd = (data: TensorLike, segmentIds: TensorLike, name?: string) =>
  sortedSegment(opDefs.SegmentProd.type, data, segmentIds, name);
/** gen_math_ops.py: segment_min: a `SegmentMin`. */
export const segmentMin = (data: TensorLike, segmentIds: TensorLike, name?: string) =>
  sortedSegment(opDefs.SegmentMin.type, data, segmentIds, name);
/** gen_math_ops.py: segment_max: a `SegmentMax`. */
export const segmentMax = (data: TensorLike, segmentIds: TensorLike, name?: string) =>
  sortedSegment(opDefs.SegmentMax.type, data, segmentIds, name);

type UnsortedType =
  | typeof opDefs.UnsortedSegmentSum.type
  | typeof opDefs.UnsortedSegmentMax.type
  | typeof opDefs.UnsortedSegmentMin.type
  | typeof opDefs.UnsortedSegmentProd.type;

/** math_ops.cc: UnsortedSegmentReductionShapeFn: [num_segments] + data.shape[rank(segment_ids):]. */
export function unsortedSegmentOp(
  type: UnsortedType,
  data: TensorLike,
  segmentIds: TensorLike,
  numSegments: TensorLike,
  name?: string | null,
): Tensor {
  return opScope(name, type, [data, segmentIds, numSegments], (scope) => {
    const x = convertToTensor(data, { name: "data" });
    const ids = convertToTensor(segmentIds, { name: "segment_ids", preferredDtype: int32 });
    const n = convertToTensor(numSegments, { name: "num_segments", preferredDtype: int32 });
    checkIndices("segment_ids", ids);
    checkIndices("num_segments", n);
    const opName = scope.slice(0, -1);
    if (n.shape !== null && n.shape.length !== 0) {
      throw shapeError(`Shape must be rank 0 but is rank ${n.shape.length}`, opName, type, [x, ids, n]);
    }
    let out: Shape = null;
    if (ids.shape !== null && x.shape !== null) {
      const bad = ids.shape.findIndex((d, i) => d !== null && x.shape![i] !== null && d !== x.shape![i]);
      if (ids.shape.length > x.shape.length || bad >= 0) {
        // shape_inference.cc: MergePrefix
        throw shapeError(
          ids.shape.length > x.shape.length
            ? `Shape must be at least rank ${ids.shape.length} but is rank ${x.shape.length}`
            : `Dimension ${bad} in both shapes must be equal, but are ${x.shape[bad]} and ${ids.shape[bad]}. Shapes are [${x.shape
                .slice(0, ids.shape.length)
                .map((d) => d ?? "?")
                .join(",")}] and [${ids.shape.map((d) => d ?? "?").join(",")}].`,
          opName,
          type,
          [x, ids, n],
        );
      }
      out = [constantValue(n)?.[0] ?? null, ...x.shape.slice(ids.shape.length)];
    }
    return createOp(opDefs[type], [x, ids, n], {
      name: scope,
      attrs: { T: x.dtype, Tindices: ids.dtype, Tnumsegments: n.dtype },
      shapes: [out],
    }).outputs[0];
  });
}

/** gen_math_ops.py: unsorted_segment_max(data, segment_ids, num_segments, name=None): an `UnsortedSegmentMax`. */
export const unsortedSegmentMax = (data: TensorLike, segmentIds: TensorLike, numSegments: TensorLike, name?: string) =>
  unsortedSegmentOp(opDefs.UnsortedSegmentMax.type, data, segmentIds, numSegments, name);
/** gen_math_ops.py: unsorted_segment_min: an `UnsortedSegmentMin`. */
export const unsortedSegmentMin = (data: TensorLike, segmentIds: TensorLike, numSegments: TensorLike, name?: string) =>
  unsortedSegmentOp(opDefs.UnsortedSegmentMin.type, data, segmentIds, numSegments, name);
/** gen_math_ops.py: unsorted_segment_prod: an `UnsortedSegmentProd`. */
export const unsortedSegmentProd = (data: TensorLike, segmentIds: TensorLike, numSegments: TensorLike, name?: string) =>
  unsortedSegmentOp(opDefs.UnsortedSegmentProd.type, data, segmentIds, numSegments, name);

/**
 * math_ops.py: _unsorted_segment_N: the entries per segment (`ones` summed by UnsortedSegmentSum), reshaped to
 * broadcast over data's trailing dims, and at least 1.
 */
function segmentCounts(data: Tensor, ids: Tensor, numSegments: TensorLike): Tensor {
  const onesTensor = ones(shapeOf(ids), data.dtype);
  const counts = unsortedSegmentOp(opDefs.UnsortedSegmentSum.type, onesTensor, ids, numSegments);
  const extra = (data.shape?.length ?? 0) - (ids.shape?.length ?? 0);
  const trailing = new Array<number>(extra).fill(1);
  const broadcastShape =
    typeof numSegments === "number" ? [numSegments, ...trailing] : stack([numSegments, ...trailing]);
  return binaryOp(opDefs.Maximum.type, reshape(counts, broadcastShape), 1, null);
}

function segmentAverage(
  scopeName: string,
  sqrtN: boolean,
  data: TensorLike,
  segmentIds: TensorLike,
  numSegments: TensorLike,
  name?: string,
): Tensor {
  return opScope(name, scopeName, [], () => {
    const x = convertToTensor(data);
    const ids = convertToTensor(segmentIds);
    const n = segmentCounts(x, ids, numSegments);
    const summed = unsortedSegmentOp(opDefs.UnsortedSegmentSum.type, x, ids, numSegments);
    return truediv(summed, sqrtN ? unaryOp(opDefs.Sqrt.type, n, null) : n);
  });
}

/** math_ops.py: unsorted_segment_mean(data, segment_ids, num_segments, name=None), in scope `UnsortedSegmentMean`. */
export const unsortedSegmentMean = (data: TensorLike, segmentIds: TensorLike, numSegments: TensorLike, name?: string) =>
  segmentAverage("UnsortedSegmentMean", false, data, segmentIds, numSegments, name);
/** math_ops.py: unsorted_segment_sqrt_n: the sum over sqrt(N), in scope `UnsortedSegmentSqrtN`. */
export const unsortedSegmentSqrtN = (
  data: TensorLike,
  segmentIds: TensorLike,
  numSegments: TensorLike,
  name?: string,
) => segmentAverage("UnsortedSegmentSqrtN", true, data, segmentIds, numSegments, name);
