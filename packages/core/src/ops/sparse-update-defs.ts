// state_ops.cc (ScatterUpdate, ScatterAdd, ScatterSub), array_ops.cc (Unique), training_ops.cc (SparseApplyMomentum):
// the ops the optimizers' sparse updates build.
import { defineOps, outputs } from "../framework/op-def";

const { typeOf } = outputs;

const ref = (name: string) => ({ name, ref: true });
const scatter = {
  inputs: [ref("ref"), "indices", "updates"],
  attrs: { T: "type", Tindices: "type", use_locking: "bool" },
  outputs: typeOf("T"),
  refOutput: true,
} as const;

export const sparseUpdateDefs = defineOps({
  ScatterUpdate: scatter,
  ScatterAdd: scatter,
  ScatterSub: scatter,
  Unique: {
    inputs: ["x"],
    attrs: { T: "type", out_idx: "type" },
    outputs: (attrs) => [...typeOf("T")(attrs), ...typeOf("out_idx")(attrs)],
  },
  SparseApplyMomentum: {
    inputs: [ref("var"), ref("accum"), "lr", "grad", "indices", "momentum"],
    attrs: { T: "type", Tindices: "type", use_locking: "bool", use_nesterov: "bool" },
    outputs: typeOf("T"),
    refOutput: true,
  },
});
