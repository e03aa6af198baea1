// linalg_ops.cc: Qr, and array_ops.cc: DiagPart: the two ops init_ops.Orthogonal adds to what the other tables declare.
import { defineOps, outputs } from "../framework/op-def";

const { typeOf, repeat } = outputs;

export const linalgDefs = defineOps({
  Qr: { inputs: ["input"], attrs: { full_matrices: "bool", T: "type" }, outputs: repeat(2, "T") },
  DiagPart: { inputs: ["input"], attrs: { T: "type" }, outputs: typeOf("T") },
});
