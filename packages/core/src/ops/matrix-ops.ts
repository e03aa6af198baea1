// array_ops.py: matrix_diag / matrix_diag_part / matrix_set_diag (TF 1.15 builds the V1 ops for k = 0, named
// `diag`, `diag_part`, `set_diag` by default), matrix_band_part, matrix_transpose; gen_array_ops.py: diag;
// math_ops.py: trace; linalg_ops_impl.py: eye. Shape functions from array_ops.cc.
import { ValueError } from "../errors";
import { asDType, type DTypeLike, float32, int32, int64 } from "../framework/dtypes";
import type { Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { useMatrixKernels } from "../kernels/reference/matrix";
import { ones, transpose, zeros } from "./array-ops";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { reduceSum } from "./reduction-ops";
import { shapeError } from "./shape-inference";

// The kernels of this family ship with the module that builds its ops (kernels/lazy-kernel-registry.ts).
useMatrixKernels();

type MatrixType =
  | typeof opDefs.Diag.type
  | typeof opDefs.MatrixDiag.type
  | typeof opDefs.MatrixDiagPart.type
  | typeof opDefs.MatrixSetDiag.type
  | typeof opDefs.MatrixBandPart.type;

/** shape_inference: WithRankAtLeast's message as a ValueError naming the op. */
function atLeast(rank: number, x: Tensor, opName: string, type: MatrixType, inputs: Tensor[]): void {
  if (x.shape !== null && x.shape.length < rank) {
    throw shapeError(`Shape must be at least rank ${rank} but is rank ${x.shape.length}`, opName, type, inputs);
  }
}

/** gen_array_ops.py: diag(diagonal, name=None): a `Diag`, out[i..., i...] = diagonal[i...]. */
export function diag(diagonal: TensorLike, name?: string): Tensor {
  return opScope(name, opDefs.Diag.type, [diagonal], (scope) => {
    const d = convertToTensor(diagonal, { name: "diagonal" });
    atLeast(1, d, scope.slice(0, -1), opDefs.Diag.type, [d]);
    const shape: Shape = d.shape === null ? null : [...d.shape, ...d.shape];
    return createOp(opDefs.Diag, [d], { name: scope, attrs: { T: d.dtype }, shapes: [shape] }).outputs[0];
  });
}

/** array_ops.py: matrix_diag(diagonal, name="diag") (tf.linalg.diag): a `MatrixDiag`. */
export function matrixDiag(diagonal: TensorLike, name = "diag"): Tensor {
  return opScope(name, opDefs.MatrixDiag.type, [diagonal], (scope) => {
    const d = convertToTensor(diagonal, { name: "diagonal" });
    atLeast(1, d, scope.slice(0, -1), opDefs.MatrixDiag.type, [d]);
    const shape: Shape = d.shape === null ? null : [...d.shape, d.shape[d.shape.length - 1]];
    return createOp(opDefs.MatrixDiag, [d], { name: scope, attrs: { T: d.dtype }, shapes: [shape] }).outputs[0];
  });
}

/** The main-diagonal length of a static [..., M, N] shape. */
const diagLength = (m: number | null, n: number | null) =>
  m === null || n === null ? (m ?? n ?? null) : Math.min(m, n);

/** array_ops.py: matrix_diag_part(input, name="diag_part") (tf.linalg.diag_part): a `MatrixDiagPart`. */
export function matrixDiagPart(input: TensorLike, name = "diag_part"): Tensor {
  return opScope(name, opDefs.MatrixDiagPart.type, [input], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    atLeast(2, x, scope.slice(0, -1), opDefs.MatrixDiagPart.type, [x]);
    const s = x.shape;
    const shape: Shape = s === null ? null : [...s.slice(0, -2), diagLength(s[s.length - 2], s[s.length - 1])];
    return createOp(opDefs.MatrixDiagPart, [x], { name: scope, attrs: { T: x.dtype }, shapes: [shape] }).outputs[0];
  });
}

/** array_ops.py: matrix_set_diag(input, diagonal, name="set_diag") (tf.linalg.set_diag): a `MatrixSetDiag`. */
export function matrixSetDiag(input: TensorLike, diagonal: TensorLike, name = "set_diag"): Tensor {
  return opScope(name, opDefs.MatrixSetDiag.type, [input, diagonal], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    const d = convertToTensor(diagonal, { name: "diagonal", dtype: x.dtype });
    const opName = scope.slice(0, -1);
    atLeast(2, x, opName, opDefs.MatrixSetDiag.type, [x, d]);
    atLeast(1, d, opName, opDefs.MatrixSetDiag.type, [x, d]);
    return createOp(opDefs.MatrixSetDiag, [x, d], { name: scope, attrs: { T: x.dtype }, shapes: [x.shape] }).outputs[0];
  });
}

/**
 * gen_array_ops.py: matrix_band_part(input, num_lower, num_upper, name=None) (tf.linalg.band_part): a
 * `MatrixBandPart`; plain band widths become int64 (Tindex's default).
 */
export function matrixBandPart(input: TensorLike, numLower: TensorLike, numUpper: TensorLike, name?: string): Tensor {
  return opScope(name, opDefs.MatrixBandPart.type, [input, numLower, numUpper], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    const lower = convertToTensor(numLower, { name: "num_lower", preferredDtype: int64 });
    const upper = convertToTensor(numUpper, { name: "num_upper", dtype: lower.dtype });
    if (lower.dtype !== int32 && lower.dtype !== int64) {
      // op_def_library.py: _SatisfiesTypeConstraint
      throw new TypeError(
        `Value passed to parameter 'num_lower' has DataType ${lower.dtype.name} not in list of allowed values: int32, int64`,
      );
    }
    atLeast(2, x, scope.slice(0, -1), opDefs.MatrixBandPart.type, [x, lower, upper]);
    return createOp(opDefs.MatrixBandPart, [x, lower, upper], {
      name: scope,
      attrs: { T: x.dtype, Tindex: lower.dtype },
      shapes: [x.shape],
    }).outputs[0];
  });
}

/** Python's str of a TensorShape: `(2,)`, `(2, 3)`, `()`, `<unknown>`. */
function pyShape(s: Shape): string {
  if (s === null) return "<unknown>";
  const dims = s.map((d) => (d === null ? "?" : String(d)));
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(", ")})`;
}

/**
 * array_ops.py: matrix_transpose(a, name="matrix_transpose") (tf.linalg.transpose): a `Transpose` of the two
 * innermost dims, in scope `matrix_transpose`.
 */
export function matrixTranspose(a: TensorLike, name = "matrix_transpose"): Tensor {
  return opScope(name, "matrix_transpose", [a], () => {
    const x = convertToTensor(a, { name: "a" });
    const ndims = x.shape?.length;
    if (ndims === undefined) throw new Error("matrix_transpose of a tensor of unknown rank is not supported");
    if (ndims < 2) {
      // array_ops.py: matrix_transpose
      throw new ValueError(`Argument 'a' should be a (batch) matrix, with rank >= 2.  Found: ${pyShape(x.shape)}`);
    }
    const perm = [...Array.from({ length: ndims - 2 }, (_, i) => i), ndims - 1, ndims - 2];
    return transpose(x, perm);
  });
}

/** math_ops.py: trace(x, name=None): `reduce_sum(matrix_diag_part(x), [-1])` in scope `Trace`, the Sum named by it. */
export function trace(x: TensorLike, name?: string): Tensor {
  return opScope(name, "Trace", [x], (scope) => {
    const t = convertToTensor(x, { name: "x" });
    return reduceSum(matrixDiagPart(t), [-1], false, scope);
  });
}

/**
 * linalg_ops_impl.py: eye(num_rows, num_columns=None, batch_shape=None, dtype=tf.float32, name=None): in scope
 * `eye`, `ones` of the diagonal's shape made a MatrixDiag (square) or set into `zeros` (MatrixSetDiag).
 */
export function eye(
  numRows: number,
  numColumns?: number | null,
  batchShape?: readonly number[] | null,
  dtype: DTypeLike = float32,
  name?: string,
): Tensor {
  return opScope(name, "eye", [], () => {
    const columns = numColumns ?? numRows;
    if (!Number.isInteger(numRows) || !Number.isInteger(columns)) {
      // linalg_ops_impl.py: eye
      throw new TypeError("num_rows and num_columns must be positive integer values.");
    }
    const isSquare = numRows === columns;
    const batch = [...(batchShape ?? [])];
    const diagOnes = ones([...batch, Math.min(numRows, columns)], asDType(dtype));
    if (isSquare) return matrixDiag(diagOnes);
    return matrixSetDiag(zeros([...batch, numRows, columns], asDType(dtype)), diagOnes);
  });
}
