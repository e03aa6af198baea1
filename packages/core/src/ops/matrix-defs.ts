// array_ops.cc: Diag, MatrixDiag, MatrixDiagPart, MatrixSetDiag (the V1 ops TF 1.15 builds for k = 0) and
// MatrixBandPart: the matrix-structure ops of tf.linalg, tf.eye and tf.diag.
import { defineOps, outputs } from "../framework/op-def";

const { typeOf } = outputs;

export const matrixDefs = defineOps({
  Diag: { inputs: ["diagonal"], attrs: { T: "type" }, outputs: typeOf("T") },
  MatrixDiag: { inputs: ["diagonal"], attrs: { T: "type" }, outputs: typeOf("T") },
  MatrixDiagPart: { inputs: ["input"], attrs: { T: "type" }, outputs: typeOf("T") },
  MatrixSetDiag: { inputs: ["input", "diagonal"], attrs: { T: "type" }, outputs: typeOf("T") },
  MatrixBandPart: {
    inputs: ["input", "num_lower", "num_upper"],
    attrs: { T: "type", Tindex: "type" },
    outputs: typeOf("T"),
  },
});
