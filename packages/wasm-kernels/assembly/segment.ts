// segment_reduction_ops.cc: UnsortedSegmentSum (UnsortedSegmentFunctor<CPUDevice>): the output zeroed, then each
// row of data added to the output row its segment id names, in order. A negative id drops its row (TF 1.15:
// `if (j < 0) continue`); an id >= num_segments is an error, reported before anything is written.
import { addRow, indexAt } from "./rows";

// @ts-ignore: decorator
@inline function segmentSum<T>(data: usize, ids: usize, out: usize, count: i32, chunk: i32, segments: i32, wide: bool): i32 {
  for (let i = 0; i < count; i++) {
    if (indexAt(ids, i, wide) >= <i64>segments) return i;
  }
  const bytes = <usize>chunk << 2;
  memory.fill(out, 0, <usize>segments * bytes);
  for (let i = 0; i < count; i++) {
    const id = indexAt(ids, i, wide);
    if (id < 0) continue;
    addRow<T>(out + <usize>id * bytes, data + <usize>i * bytes, chunk, false);
  }
  return -1;
}

/** Returns -1, or the position of the first id >= segments (nothing written then). */
export function unsortedSegmentSumF32(data: usize, ids: usize, out: usize, count: i32, chunk: i32, segments: i32, wide: bool): i32 {
  return segmentSum<f32>(data, ids, out, count, chunk, segments, wide);
}
export function unsortedSegmentSumI32(data: usize, ids: usize, out: usize, count: i32, chunk: i32, segments: i32, wide: bool): i32 {
  return segmentSum<i32>(data, ids, out, count, chunk, segments, wide);
}
