// io_ops.cc, string_ops.cc, logging_ops.cc: checkpoint files, file-name strings, summaries.
import { string } from "../framework/dtypes";
import { defineOps, outputs } from "../framework/op-def";

const { fixed, none, typeList } = outputs;

export const ioDefs = defineOps({
  SaveV2: {
    inputs: ["prefix", "tensor_names", "shape_and_slices", { name: "tensors", typeListAttr: "dtypes" }],
    attrs: { dtypes: "list(type)" },
    outputs: none,
  },
  RestoreV2: {
    inputs: ["prefix", "tensor_names", "shape_and_slices"],
    attrs: { dtypes: "list(type)" },
    outputs: typeList("dtypes"),
  },
  MergeV2Checkpoints: {
    inputs: ["checkpoint_prefixes", "destination_prefix"],
    attrs: { delete_old_dirs: "bool" },
    outputs: none,
  },
  ShardedFilename: { inputs: ["basename", "shard", "num_shards"], outputs: fixed(string) },
  StringJoin: {
    inputs: [{ name: "inputs", numberAttr: "N" }],
    attrs: { N: "int", separator: "string" },
    outputs: fixed(string),
  },
  ScalarSummary: { inputs: ["tags", "values"], attrs: { T: "type" }, outputs: fixed(string) },
  HistogramSummary: { inputs: ["tag", "values"], attrs: { T: "type" }, outputs: fixed(string) },
  MergeSummary: { inputs: [{ name: "inputs", numberAttr: "N" }], attrs: { N: "int" }, outputs: fixed(string) },
  // logging_ops.cc: ImageSummary, AudioSummaryV2, TensorSummaryV2 (tf.summary.image, audio, text)
  ImageSummary: {
    inputs: ["tag", "tensor"],
    attrs: { max_images: "int", T: "type", bad_color: "tensor" },
    outputs: fixed(string),
  },
  AudioSummaryV2: { inputs: ["tag", "tensor", "sample_rate"], attrs: { max_outputs: "int" }, outputs: fixed(string) },
  TensorSummaryV2: {
    inputs: ["tag", "tensor", "serialized_summary_metadata"],
    attrs: { T: "type" },
    outputs: fixed(string),
  },
});
