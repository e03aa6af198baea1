// array_ops.cc: shapes, reshapes, slicing, joining and splitting, gathers, fills.
import { int32 } from "../framework/dtypes";
import { defineOps, type OpSpec, outputs } from "../framework/op-def";

const { typeOf, fixed, fixedList, listOf, concat } = outputs;

const stridedSliceAttrs = {
  T: "type",
  Index: "type",
  begin_mask: "int",
  end_mask: "int",
  ellipsis_mask: "int",
  new_axis_mask: "int",
  shrink_axis_mask: "int",
} as const;
const like: OpSpec = { inputs: ["x"], attrs: { T: "type" }, outputs: typeOf("T") };

const stitch = {
  inputs: [
    { name: "indices", numberAttr: "N" },
    { name: "data", numberAttr: "N" },
  ],
  attrs: { N: "int", T: "type" },
  outputs: typeOf("T"),
} as const;

export const arrayDefs = defineOps({
  Reshape: { inputs: ["tensor", "shape"], attrs: { T: "type", Tshape: "type" }, outputs: typeOf("T") },
  Transpose: { inputs: ["x", "perm"], attrs: { T: "type", Tperm: "type" }, outputs: typeOf("T") },
  ConcatV2: {
    inputs: [{ name: "values", numberAttr: "N" }, "axis"],
    attrs: { N: "int", T: "type", Tidx: "type" },
    outputs: typeOf("T"),
  },
  ConcatOffset: {
    inputs: ["concat_dim", { name: "shape", numberAttr: "N" }],
    attrs: { N: "int" },
    outputs: fixedList("N", int32),
  },
  Split: {
    inputs: ["split_dim", "value"],
    attrs: { num_split: "int", T: "type" },
    outputs: listOf("num_split", "T"),
  },
  SplitV: {
    inputs: ["value", "size_splits", "split_dim"],
    attrs: { num_split: "int", T: "type", Tlen: "type" },
    outputs: listOf("num_split", "T"),
  },
  Slice: { inputs: ["input", "begin", "size"], attrs: { T: "type", Index: "type" }, outputs: typeOf("T") },
  StridedSlice: { inputs: ["input", "begin", "end", "strides"], attrs: stridedSliceAttrs, outputs: typeOf("T") },
  StridedSliceGrad: {
    inputs: ["shape", "begin", "end", "strides", "dy"],
    attrs: stridedSliceAttrs,
    outputs: typeOf("T"),
  },
  GatherV2: {
    inputs: ["params", "indices", "axis"],
    attrs: { batch_dims: "int", Tparams: "type", Tindices: "type", Taxis: "type" },
    outputs: typeOf("Tparams"),
  },
  GatherNd: { inputs: ["params", "indices"], attrs: { Tparams: "type", Tindices: "type" }, outputs: typeOf("Tparams") },
  ScatterNd: { inputs: ["indices", "updates", "shape"], attrs: { T: "type", Tindices: "type" }, outputs: typeOf("T") },
  OneHot: {
    inputs: ["indices", "depth", "on_value", "off_value"],
    attrs: { axis: "int", T: "type", TI: "type" },
    outputs: typeOf("T"),
  },
  Fill: { inputs: ["dims", "value"], attrs: { T: "type", index_type: "type" }, outputs: typeOf("T") },
  ZerosLike: like,
  OnesLike: like,
  InvertPermutation: like,
  Shape: { inputs: ["input"], attrs: { T: "type", out_type: "type" }, outputs: typeOf("out_type", int32) },
  ShapeN: {
    inputs: [{ name: "input", numberAttr: "N" }],
    attrs: { N: "int", T: "type", out_type: "type" },
    outputs: listOf("N", "out_type", int32),
  },
  Size: { inputs: ["input"], attrs: { T: "type", out_type: "type" }, outputs: typeOf("out_type", int32) },
  Rank: { inputs: ["input"], attrs: { T: "type" }, outputs: fixed(int32) },
  ExpandDims: { inputs: ["input", "dim"], attrs: { T: "type", Tdim: "type" }, outputs: typeOf("T") },
  Squeeze: { inputs: ["input"], attrs: { T: "type", squeeze_dims: "list(int)" }, outputs: typeOf("T") },
  Tile: { inputs: ["input", "multiples"], attrs: { T: "type", Tmultiples: "type" }, outputs: typeOf("T") },
  Pack: {
    inputs: [{ name: "values", numberAttr: "N" }],
    attrs: { N: "int", T: "type", axis: "int" },
    outputs: typeOf("T"),
  },
  Unpack: { inputs: ["value"], attrs: { num: "int", T: "type", axis: "int" }, outputs: listOf("num", "T") },
  Pad: { inputs: ["input", "paddings"], attrs: { T: "type", Tpaddings: "type" }, outputs: typeOf("T") },
  ListDiff: {
    inputs: ["x", "y"],
    attrs: { T: "type", out_idx: "type" },
    outputs: concat(typeOf("T"), typeOf("out_idx", int32)),
  },
  DynamicStitch: stitch,
  // data_flow_ops.cc: the partitioned embedding_lookup's ops.
  ParallelDynamicStitch: stitch,
  DynamicPartition: {
    inputs: ["data", "partitions"],
    attrs: { num_partitions: "int", T: "type" },
    outputs: listOf("num_partitions", "T"),
  },
  UnsortedSegmentSum: {
    inputs: ["data", "segment_ids", "num_segments"],
    attrs: { T: "type", Tindices: "type", Tnumsegments: "type" },
    outputs: typeOf("T"),
  },
  BroadcastGradientArgs: {
    inputs: ["s0", "s1"],
    attrs: { T: "type" },
    outputs: concat(typeOf("T", int32), typeOf("T", int32)),
  },
  // spacetobatch_op.cc / batchtospace_op.cc (with_space_to_batch's atrous convolutions)
  SpaceToBatchND: {
    inputs: ["input", "block_shape", "paddings"],
    attrs: { T: "type", Tblock_shape: "type", Tpaddings: "type" },
    outputs: typeOf("T"),
  },
  BatchToSpaceND: {
    inputs: ["input", "block_shape", "crops"],
    attrs: { T: "type", Tblock_shape: "type", Tcrops: "type" },
    outputs: typeOf("T"),
  },
});
