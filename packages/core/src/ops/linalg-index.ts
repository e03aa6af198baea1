// The public `tf.linalg` module of TF 1.15 (tf.compat.v1.linalg): the functions scopeflow has, under their
// tf.linalg names.
import { qr } from "./linalg-ops";
import { matmul } from "./math-ops";
import { norm } from "./math-special-ops";
import { eye, matrixBandPart, matrixDiag, matrixDiagPart, matrixSetDiag, matrixTranspose, trace } from "./matrix-ops";
import { l2Normalize } from "./nn-impl";
import { tensordot } from "./tensordot";

export const linalg = {
  bandPart: matrixBandPart,
  diag: matrixDiag,
  diagPart: matrixDiagPart,
  eye,
  l2Normalize,
  matmul,
  matrixTranspose,
  norm,
  qr,
  setDiag: matrixSetDiag,
  tensordot,
  trace,
  transpose: matrixTranspose,
} as const;
