// math_ops.cc: the trigonometric, hyperbolic and special-function cwise ops, the truncating and x-weighted binary ops,
// and the EuclideanNorm reduction (tf.math's functions beyond the basic arithmetic of math-defs.ts).
import { defineOps, type OpSpec, outputs } from "../framework/op-def";

const { typeOf } = outputs;

const unary: OpSpec = { inputs: ["x"], attrs: { T: "type" }, outputs: typeOf("T") };
const binary: OpSpec = { inputs: ["x", "y"], attrs: { T: "type" }, outputs: typeOf("T") };

export const mathSpecialDefs = defineOps({
  Tan: unary,
  Asin: unary,
  Acos: unary,
  Atan: unary,
  Sinh: unary,
  Cosh: unary,
  Asinh: unary,
  Acosh: unary,
  Atanh: unary,
  Erf: unary,
  Erfc: unary,
  Lgamma: unary,
  Digamma: unary,
  Expm1: unary,
  Rint: unary,
  Polygamma: { inputs: ["a", "x"], attrs: { T: "type" }, outputs: typeOf("T") },
  Zeta: { inputs: ["x", "q"], attrs: { T: "type" }, outputs: typeOf("T") },
  Atan2: { inputs: ["y", "x"], attrs: { T: "type" }, outputs: typeOf("T") },
  TruncateDiv: binary,
  TruncateMod: binary,
  Xdivy: binary,
  Xlogy: binary,
  EuclideanNorm: {
    inputs: ["input", "reduction_indices"],
    attrs: { keep_dims: "bool", T: "type", Tidx: "type" },
    outputs: typeOf("T"),
  },
});
