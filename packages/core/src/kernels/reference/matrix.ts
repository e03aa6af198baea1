// diag_op.cc (DiagOp), matrix_diag_op.cc (MatrixDiagOp, MatrixDiagPartOp), matrix_set_diag_op.cc and
// matrix_band_part_op.cc in plain TS: every op works on the innermost [M, N] matrices of a batch.
import { InvalidArgumentError } from "../../errors";
import { NDArray, sizeOf } from "../../framework/ndarray";
import type { Kernel, KernelContext } from "../contract";
import { registerKernels } from "../lazy-kernel-registry";
import { dimsText, intList } from "./strided";

function invalid(message: string, ctx: KernelContext): never {
  throw new InvalidArgumentError(`${message}\n\t [[{{node ${ctx.opName}}}]]`);
}

/** Copies element `from` of `src` to element `to` of `dst` (any dtype, int64 included). */
function copy(dst: NDArray, to: number, src: NDArray, from: number): void {
  (dst.data as unknown as unknown[])[to] = (src.data as unknown as unknown[])[from];
}

/** diag_op.cc: DiagOp: out[i..., i...] = in[i...], zeros elsewhere (output shape in.shape + in.shape). */
const diag: Kernel = ([x], ctx) => {
  if (x.rank < 1) invalid(`Input must be at least rank 1, got ${x.rank}`, ctx);
  const out = new NDArray(x.dtype, [...x.shape, ...x.shape]);
  for (let i = 0; i < x.size; i++) copy(out, i * x.size + i, x, i);
  return [out];
};

/** matrix_diag_op.cc: MatrixDiagOp (k = 0): a square matrix per innermost vector. */
const matrixDiag: Kernel = ([d], ctx) => {
  if (d.rank < 1) invalid(`input must be at least 1-dim, received shape: ${dimsText(d.shape)}`, ctx);
  const n = d.shape[d.rank - 1];
  const out = new NDArray(d.dtype, [...d.shape, n]);
  const batches = n === 0 ? 0 : d.size / n;
  for (let b = 0; b < batches; b++) for (let i = 0; i < n; i++) copy(out, b * n * n + i * n + i, d, b * n + i);
  return [out];
};

/** matrix_diag_op.cc: MatrixDiagPartOp (k = 0): the main diagonal of each innermost matrix. */
const matrixDiagPart: Kernel = ([x], ctx) => {
  if (x.rank < 2) invalid(`input must be at least 2-dim, received shape: ${dimsText(x.shape)}`, ctx);
  const [m, n] = x.shape.slice(-2);
  const p = Math.min(m, n);
  const batch = x.shape.slice(0, -2);
  const out = new NDArray(x.dtype, [...batch, p]);
  for (let b = 0; b < sizeOf(batch); b++) for (let i = 0; i < p; i++) copy(out, b * p + i, x, b * m * n + i * n + i);
  return [out];
};

/** matrix_set_diag_op.cc: MatrixSetDiagOp (k = 0): input with its main diagonals replaced. */
const matrixSetDiag: Kernel = ([x, d], ctx) => {
  if (x.rank < 2) invalid(`input must be at least 2-dim, received shape: ${dimsText(x.shape)}`, ctx);
  if (d.rank < 1) invalid(`diagonal must be at least 1-dim, received shape: ${dimsText(d.shape)}`, ctx);
  const [m, n] = x.shape.slice(-2);
  const p = Math.min(m, n);
  const expected = [...x.shape.slice(0, -2), p];
  if (expected.join() !== d.shape.join() || expected.length !== d.rank) {
    invalid(
      `must have diagonal.shape == input.shape[:-2] + min(input.shape[-2:]), but received input shape: ${dimsText(x.shape)} and diagonal shape: ${dimsText(d.shape)}`,
      ctx,
    );
  }
  const out = new NDArray(x.dtype, x.shape);
  for (let k = 0; k < x.size; k++) copy(out, k, x, k);
  for (let b = 0; b < sizeOf(expected.slice(0, -1)); b++) {
    for (let i = 0; i < p; i++) copy(out, b * m * n + i * n + i, d, b * p + i);
  }
  return [out];
};

/** matrix_band_part_op.cc: MatrixBandPartOp: keeps (i, j) where (lower < 0 || i - j <= lower) && (upper < 0 || j - i <= upper). */
const matrixBandPart: Kernel = ([x, lowerArr, upperArr], ctx) => {
  if (x.rank < 2) invalid(`input must be at least 2-dim, received shape: ${dimsText(x.shape)}`, ctx);
  const [m, n] = x.shape.slice(-2);
  if (lowerArr.rank !== 0) invalid(`num_lower must be scalar, got shape ${dimsText(lowerArr.shape)}`, ctx);
  const lower = intList(lowerArr)[0];
  if (lower > m) invalid(`num_lower must be negative or less or equal to number of rows (${m}) got: ${lower}`, ctx);
  if (upperArr.rank !== 0) invalid(`num_upper must be scalar, got shape ${dimsText(upperArr.shape)}`, ctx);
  const upper = intList(upperArr)[0];
  if (upper > n) invalid(`num_upper must be negative or less or equal to number of columns (${n}) got: ${upper}`, ctx);
  const out = new NDArray(x.dtype, x.shape);
  for (let k = 0; k < x.size; k++) {
    const i = Math.floor(k / n) % m;
    const j = k % n;
    if ((lower < 0 || i - j <= lower) && (upper < 0 || j - i <= upper)) copy(out, k, x, k);
  }
  return [out];
};

export const matrixKernels = {
  Diag: diag,
  MatrixDiag: matrixDiag,
  MatrixDiagPart: matrixDiagPart,
  MatrixSetDiag: matrixSetDiag,
  MatrixBandPart: matrixBandPart,
} satisfies Record<string, Kernel>;

/** Makes this family run in every Session (idempotent): the module that builds its ops calls it when loaded. */
export function useMatrixKernels(): void {
  registerKernels(matrixKernels);
}
