// state_ops.cc (ScatterUpdate, ScatterAdd, ScatterSub), array_ops.cc (Unique), training_ops.cc (SparseApplyMomentum,
// SparseApplyAdagrad, SparseApplyRMSProp, SparseApplyCenteredRMSProp):
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
  SparseApplyAdagrad: {
    inputs: [ref("var"), ref("accum"), "lr", "grad", "indices"],
    attrs: { T: "type", Tindices: "type", use_locking: "bool", update_slots: "bool" },
    outputs: typeOf("T"),
    refOutput: true,
  },
  SparseApplyRMSProp: {
    inputs: [ref("var"), ref("ms"), ref("mom"), "lr", "rho", "momentum", "epsilon", "grad", "indices"],
    attrs: { T: "type", Tindices: "type", use_locking: "bool" },
    outputs: typeOf("T"),
    refOutput: true,
  },
  SparseApplyCenteredRMSProp: {
    inputs: [ref("var"), ref("mg"), ref("ms"), ref("mom"), "lr", "rho", "momentum", "epsilon", "grad", "indices"],
    attrs: { T: "type", Tindices: "type", use_locking: "bool" },
    outputs: typeOf("T"),
    refOutput: true,
  },
});
