// init_ops.py (TF 1.15): Orthogonal(gain=1.0, seed=None, dtype=tf.float32): the Q of a QR decomposition of a
// random normal matrix (RandomStandardNormal, Qr, DiagPart, Sign, mul, matrix_transpose, Reshape, mul by the gain).
import { ValueError } from "../errors";
import { asDType, type DType, type DTypeLike, float32 } from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import { reshape, transpose } from "../ops/array-ops";
import { binaryOp } from "../ops/elementwise";
import { diagPart, qr } from "../ops/linalg-ops";
import { sign } from "../ops/math-ops";
import { convertToTensor, opScope } from "../ops/op-builder";
import { opDefs } from "../ops/op-defs";
import { mul } from "../ops/operators";
import { randomNormal } from "../ops/random-ops";
import type { Initializer } from "./initializers";

/** init_ops.py: _assert_float_dtype */
export function assertFloatDtype(dtype: DType): DType {
  if (!dtype.isFloating) {
    // init_ops.py: _assert_float_dtype
    throw new ValueError(`Expected floating point type, got ${dtype}.`);
  }
  return dtype;
}

/** Python's `c * t` for a number c (Tensor.__rmul__): a `Mul` named `mul` whose x is the constant `mul/x`. */
function rmul(c: number, t: Tensor): Tensor {
  return opScope(null, "mul", [t], (scope) =>
    binaryOp(opDefs.Mul.type, convertToTensor(c, { name: "x", dtype: t.dtype }), t, scope),
  );
}

/** array_ops.py: matrix_transpose(a, name="matrix_transpose"): swaps the last two dims. */
function matrixTranspose(a: Tensor): Tensor {
  return opScope("matrix_transpose", "matrix_transpose", [a], () => {
    const rank = (a.shape as number[]).length;
    const perm = [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2];
    return transpose(a, perm);
  });
}

export interface OrthogonalOptions {
  gain?: number;
  seed?: number | null;
  dtype?: DTypeLike;
}

/**
 * init_ops.py: Orthogonal: for a shape [..., n], a matrix of (prod of the leading dims) rows and n columns with
 * orthonormal columns (or rows, when it is wide), times `gain`, reshaped to the shape.
 */
export function orthogonal(options: OrthogonalOptions = {}): Initializer {
  const gain = options.gain ?? 1.0;
  const seed = options.seed ?? null;
  const defaultDtype = assertFloatDtype(asDType(options.dtype ?? float32));
  const fn = (shape: readonly number[], dtype?: DTypeLike | null, _partitionInfo?: unknown): Tensor => {
    const d = dtype ? asDType(dtype) : defaultDtype;
    if (shape.length < 2) {
      // init_ops.py: Orthogonal.__call__
      throw new ValueError("The tensor to initialize must be at least two-dimensional");
    }
    const numRows = shape.slice(0, -1).reduce((p, x) => p * x, 1);
    const numCols = shape[shape.length - 1];
    const flatShape = numRows < numCols ? [numCols, numRows] : [numRows, numCols];
    const a = randomNormal(flatShape, { dtype: d, seed });
    const [q0, r] = qr(a, { fullMatrices: false });
    // Make Q uniform: R's diagonal signs fold into Q.
    let q = mul(q0, sign(diagPart(r)));
    if (numRows < numCols) q = matrixTranspose(q);
    return rmul(gain, reshape(q, [...shape]));
  };
  Object.defineProperty(fn, "name", { value: "Orthogonal" });
  return Object.assign(fn, {
    className: "Orthogonal",
    config: { gain, seed, dtype: defaultDtype.name },
  }) as Initializer;
}
