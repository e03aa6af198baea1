// array_ops.cc (TF 1.15): ReverseV2 and ReverseSequence, the reversals bidirectional_dynamic_rnn builds.
import { defineOps, outputs } from "../framework/op-def";

const { typeOf } = outputs;

export const reverseDefs = defineOps({
  ReverseV2: { inputs: ["tensor", "axis"], attrs: { Tidx: "type", T: "type" }, outputs: typeOf("T") },
  ReverseSequence: {
    inputs: ["input", "seq_lengths"],
    attrs: { seq_dim: "int", batch_dim: "int", T: "type", Tlen: "type" },
    outputs: typeOf("T"),
  },
});
