// math_ops.cc, manip_ops.cc and array_ops.cc (TF 1.15): LinSpace, Roll and BroadcastTo.
import { defineOps, outputs } from "../framework/op-def";

const { typeOf } = outputs;

export const arrayExtraDefs = defineOps({
  LinSpace: { inputs: ["start", "stop", "num"], attrs: { T: "type", Tidx: "type" }, outputs: typeOf("T") },
  Roll: {
    inputs: ["input", "shift", "axis"],
    attrs: { T: "type", Tshift: "type", Taxis: "type" },
    outputs: typeOf("T"),
  },
  BroadcastTo: { inputs: ["input", "shape"], attrs: { T: "type", Tidx: "type" }, outputs: typeOf("T") },
});
