// math_ops.py: the Python operators on Tensor (binary_op_wrapper): op names add, sub, mul, truediv, mod, floordiv,
// matmul, Neg.
import type { Tensor } from "../framework/tensor";
import { binaryOp, unaryOp } from "./elementwise";
import { matmul as matmulOp, truediv as truedivOp } from "./math-ops";
import type { TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";

export type Operand = TensorLike;

/** `a + b`: an AddV2 named `add` (TF 1.15's __add__). */
export function add(a: Tensor, b: Operand, name?: string): Tensor {
  return binaryOp(opDefs.AddV2.type, a, b, name, { operatorName: "add" });
}
/** `a - b`: a Sub named `sub`. */
export function sub(a: Tensor, b: Operand, name?: string): Tensor {
  return binaryOp(opDefs.Sub.type, a, b, name, { operatorName: "sub" });
}
/** `a * b`: a Mul named `mul`. */
export function mul(a: Tensor, b: Operand, name?: string): Tensor {
  return binaryOp(opDefs.Mul.type, a, b, name, { operatorName: "mul" });
}
/** `a / b`: a RealDiv named `truediv` (math_ops.py: _truediv_python3). */
export function truediv(a: Tensor, b: Operand, name?: string): Tensor {
  return truedivOp(a, b, name);
}
/** `a % b`: a FloorMod named `mod`. */
export function mod(a: Tensor, b: Operand, name?: string): Tensor {
  return binaryOp(opDefs.FloorMod.type, a, b, name, { operatorName: "mod" });
}
/** `a // b`: a FloorDiv named `floordiv`. */
export function floordiv(a: Tensor, b: Operand, name?: string): Tensor {
  return binaryOp(opDefs.FloorDiv.type, a, b, name, { operatorName: "floordiv" });
}
/** `a @ b`: a MatMul named `matmul`. */
export function matmul(a: Tensor, b: Operand, name?: string): Tensor {
  return matmulOp(a, b, { name: name ?? "matmul" });
}
/** `-a`: a Neg named `Neg`. */
export function neg(a: Tensor, name?: string): Tensor {
  return unaryOp(opDefs.Neg.type, a, name);
}
