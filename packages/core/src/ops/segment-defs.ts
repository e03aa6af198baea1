// math_ops.cc: the sorted segment reductions (SegmentSum ... SegmentMax) and the unsorted ones beside
// UnsortedSegmentSum (array-defs.ts): UnsortedSegmentMax, UnsortedSegmentMin, UnsortedSegmentProd.
import { defineOps, type OpSpec, outputs } from "../framework/op-def";

const { typeOf } = outputs;

const sorted: OpSpec = {
  inputs: ["data", "segment_ids"],
  attrs: { T: "type", Tindices: "type" },
  outputs: typeOf("T"),
};
const unsorted: OpSpec = {
  inputs: ["data", "segment_ids", "num_segments"],
  attrs: { T: "type", Tindices: "type", Tnumsegments: "type" },
  outputs: typeOf("T"),
};

export const segmentDefs = defineOps({
  SegmentSum: sorted,
  SegmentMean: sorted,
  SegmentProd: sorted,
  SegmentMin: sorted,
  SegmentMax: sorted,
  UnsortedSegmentMax: unsorted,
  UnsortedSegmentMin: unsorted,
  UnsortedSegmentProd: unsorted,
});
