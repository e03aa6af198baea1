// math_ops.cc: elementwise arithmetic, comparisons, reductions, matmul, cast, range, scans.
import { bool, int32, int64 } from "../framework/dtypes";
import { defineOps, type OpSpec, outputs } from "../framework/op-def";

const { typeOf, fixed } = outputs;

const binary: OpSpec = { inputs: ["x", "y"], attrs: { T: "type" }, outputs: typeOf("T") };
const unary: OpSpec = { inputs: ["x"], attrs: { T: "type" }, outputs: typeOf("T") };
/** The `*Grad` ops of cwise_ops: (y, dy) -> dx. */
const cwiseGrad: OpSpec = { inputs: ["y", "dy"], attrs: { T: "type" }, outputs: typeOf("T") };
const comparison: OpSpec = { inputs: ["x", "y"], attrs: { T: "type" }, outputs: fixed(bool) };
const predicate: OpSpec = { inputs: ["x"], attrs: { T: "type" }, outputs: fixed(bool) };
const reduction: OpSpec = {
  inputs: ["input", "reduction_indices"],
  attrs: { keep_dims: "bool", T: "type", Tidx: "type" },
  outputs: typeOf("T"),
};
const logicalReduction: OpSpec = {
  inputs: ["input", "reduction_indices"],
  attrs: { keep_dims: "bool", Tidx: "type" },
  outputs: fixed(bool),
};
const argReduction: OpSpec = {
  inputs: ["input", "dimension"],
  attrs: { T: "type", Tidx: "type", output_type: "type" },
  outputs: typeOf("output_type", int64),
};
const scan: OpSpec = {
  inputs: ["x", "axis"],
  attrs: { exclusive: "bool", reverse: "bool", T: "type", Tidx: "type" },
  outputs: typeOf("T"),
};
const batchMatMul: OpSpec = {
  inputs: ["x", "y"],
  attrs: { T: "type", adj_x: "bool", adj_y: "bool" },
  outputs: typeOf("T"),
};

export const mathDefs = defineOps({
  Add: binary,
  AddV2: binary,
  Sub: binary,
  Mul: binary,
  RealDiv: binary,
  FloorDiv: binary,
  FloorMod: binary,
  Maximum: binary,
  Minimum: binary,
  Pow: binary,
  SquaredDifference: binary,
  SqrtGrad: cwiseGrad,
  RsqrtGrad: cwiseGrad,
  ReciprocalGrad: cwiseGrad,
  Equal: comparison,
  NotEqual: comparison,
  Less: comparison,
  LessEqual: comparison,
  Greater: comparison,
  GreaterEqual: comparison,
  LogicalAnd: { inputs: ["x", "y"], outputs: fixed(bool) },
  LogicalOr: { inputs: ["x", "y"], outputs: fixed(bool) },
  LogicalNot: { inputs: ["x"], outputs: fixed(bool) },
  IsNan: predicate,
  IsInf: predicate,
  IsFinite: predicate,
  Neg: unary,
  Square: unary,
  Abs: unary,
  Sign: unary,
  Sqrt: unary,
  Rsqrt: unary,
  Exp: unary,
  Log: unary,
  Log1p: unary,
  Floor: unary,
  Ceil: unary,
  Sin: unary,
  Cos: unary,
  Round: unary,
  Reciprocal: unary,
  Sum: reduction,
  Prod: reduction,
  Mean: reduction,
  Max: reduction,
  Min: reduction,
  All: logicalReduction,
  Any: logicalReduction,
  ArgMax: argReduction,
  ArgMin: argReduction,
  MatMul: { inputs: ["a", "b"], attrs: { transpose_a: "bool", transpose_b: "bool", T: "type" }, outputs: typeOf("T") },
  BatchMatMul: batchMatMul,
  BatchMatMulV2: batchMatMul,
  AddN: { inputs: [{ name: "inputs", numberAttr: "N" }], attrs: { N: "int", T: "type" }, outputs: typeOf("T") },
  Cast: { inputs: ["x"], attrs: { SrcT: "type", DstT: "type", Truncate: "bool" }, outputs: typeOf("DstT") },
  Select: { inputs: ["condition", "t", "e"], attrs: { T: "type" }, outputs: typeOf("T") },
  Range: { inputs: ["start", "limit", "delta"], attrs: { Tidx: "type" }, outputs: typeOf("Tidx", int32) },
  Cumsum: scan,
  Cumprod: scan,
  Where: { inputs: ["input"], attrs: { T: "type" }, outputs: fixed(int64) },
  // math_ops.cc: DivNoNan (x / y, 0 where y is 0), which tf.div_no_nan and tf.losses' _safe_mean build.
  DivNoNan: binary,
});
