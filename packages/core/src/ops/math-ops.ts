// math_ops.py / gen_math_ops.py: arithmetic and matmul.
import { ValueError } from "../errors";
import type { Tensor } from "../framework/tensor";
import { binaryOp, checkSameType, shapeText } from "./elementwise";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";

/** gen_math_ops.py: add, an `Add` named `Add`. */
export function add(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return binaryOp("Add", x, y, name);
}
/** math_ops.py: subtract, a `Sub`. */
export function subtract(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return binaryOp("Sub", x, y, name);
}
/** math_ops.py: multiply, a `Mul`. */
export function multiply(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return binaryOp("Mul", x, y, name);
}
/** math_ops.py: divide: `x / y`, a `RealDiv` named `truediv` unless named. */
export function divide(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return binaryOp("RealDiv", x, y, name, { operatorName: "truediv" });
}

export interface MatMulOptions {
  transposeA?: boolean;
  transposeB?: boolean;
  name?: string;
}

/** math_ops.py: matmul(a, b, transpose_a, transpose_b, name): a `MatMul`. */
export function matmul(a: TensorLike, b: TensorLike, options: MatMulOptions | string = {}): Tensor {
  const opts = typeof options === "string" ? { name: options } : options;
  return opScope(opts.name, "MatMul", [a, b], (scope) => {
    const x = convertToTensor(a, { name: "a" });
    const y = convertToTensor(b, { name: "b", dtype: x.dtype });
    const dtype = checkSameType("MatMul", ["a", "b"], [x, y]);
    const ta = opts.transposeA ?? false;
    const tb = opts.transposeB ?? false;
    const sa = x.shape;
    const sb = y.shape;
    const opName = scope.slice(0, -1);
    for (const [s] of [[sa], [sb]]) {
      if (s !== null && s.length !== 2) {
        // common_shapes.cc: WithRank
        throw new ValueError(
          `Shape must be rank 2 but is rank ${s.length} for '${opName}' (op: 'MatMul') with input shapes: ${shapeText(sa)}, ${shapeText(sb)}.`,
        );
      }
    }
    const m = sa ? sa[ta ? 1 : 0] : null;
    const k1 = sa ? sa[ta ? 0 : 1] : null;
    const k2 = sb ? sb[tb ? 1 : 0] : null;
    const n = sb ? sb[tb ? 0 : 1] : null;
    if (k1 !== null && k2 !== null && k1 !== k2) {
      throw new ValueError(
        `Dimensions must be equal, but are ${k1} and ${k2} for '${opName}' (op: 'MatMul') with input shapes: ${shapeText(sa)}, ${shapeText(sb)}.`,
      );
    }
    return createOp("MatMul", [x, y], {
      name: scope,
      attrs: { transpose_a: ta, transpose_b: tb, T: dtype },
      outputs: [{ dtype, shape: [m, n] }],
    }).outputs[0];
  });
}
