// qr_op_impl.h (Eigen::HouseholderQR) and diag_op.cc (DiagPart) in plain TS.
import { InvalidArgumentError } from "../../errors";
import { sizeOf } from "../../framework/ndarray";
import type { Kernel } from "../contract";
import { registerKernels } from "../lazy-kernel-registry";
import { fromNumbers, nodeSuffix, numbers } from "./nn-util";

/**
 * Householder QR of one m x n matrix (row-major `a`), as Eigen's HouseholderQR computes it: column k's reflector
 * maps x to beta e1 with beta = -sign(x0) |x| (so R's diagonal may be negative), Q = H0 H1 ... H(p-1).
 */
function householderQr(a: Float64Array, m: number, n: number, full: boolean): { q: Float64Array; r: Float64Array } {
  const p = Math.min(m, n);
  const w = Float64Array.from(a);
  const taus = new Float64Array(p);
  const vs: Float64Array[] = [];
  for (let k = 0; k < p; k++) {
    const c0 = w[k * n + k];
    let tail = 0;
    for (let i = k + 1; i < m; i++) tail += w[i * n + k] ** 2;
    const v = new Float64Array(m - k);
    v[0] = 1;
    if (tail <= 2.2250738585072014e-308) {
      // Eigen's makeHouseholder: nothing to reflect, tau = 0 and beta = c0.
      taus[k] = 0;
    } else {
      let beta = Math.sqrt(c0 * c0 + tail);
      if (c0 >= 0) beta = -beta;
      for (let i = k + 1; i < m; i++) v[i - k] = w[i * n + k] / (c0 - beta);
      taus[k] = (beta - c0) / beta;
      // Apply H = I - tau v v^T to the trailing columns; column k becomes beta e1.
      for (let j = k; j < n; j++) {
        let dot = 0;
        for (let i = k; i < m; i++) dot += v[i - k] * w[i * n + j];
        dot *= taus[k];
        for (let i = k; i < m; i++) w[i * n + j] -= dot * v[i - k];
      }
      w[k * n + k] = beta;
      for (let i = k + 1; i < m; i++) w[i * n + k] = 0;
    }
    vs.push(v);
  }
  const qCols = full ? m : p;
  const rRows = full ? m : p;
  const r = new Float64Array(rRows * n);
  for (let i = 0; i < Math.min(rRows, m); i++) for (let j = i; j < n; j++) r[i * n + j] = w[i * n + j];
  // Q = H0 ... H(p-1) applied to the first qCols columns of the identity, last reflector first.
  const q = new Float64Array(m * qCols);
  for (let i = 0; i < Math.min(m, qCols); i++) q[i * qCols + i] = 1;
  for (let k = p - 1; k >= 0; k--) {
    const v = vs[k];
    const tau = taus[k];
    if (tau === 0) continue;
    for (let j = 0; j < qCols; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += v[i - k] * q[i * qCols + j];
      dot *= tau;
      for (let i = k; i < m; i++) q[i * qCols + j] -= dot * v[i - k];
    }
  }
  return { q, r };
}

/** qr_op_impl.h: QrOp over the trailing [m, n] matrices of the input. */
const qrKernel: Kernel = ([x], ctx) => {
  const full = ctx.attrs.full_matrices === true;
  if (x.rank < 2) {
    // linalg_ops_common.cc: LinearAlgebraOp::ValidateInputMatrixShapes
    throw new InvalidArgumentError(`Input tensor 0 must have rank >= 2${nodeSuffix(ctx)}`);
  }
  const batch = x.shape.slice(0, -2);
  const [m, n] = x.shape.slice(-2);
  const p = Math.min(m, n);
  const qShape = [...batch, m, full ? m : p];
  const rShape = [...batch, full ? m : p, n];
  const values = numbers(x);
  const count = sizeOf(batch);
  const qOut = new Float64Array(sizeOf(qShape));
  const rOut = new Float64Array(sizeOf(rShape));
  const qSize = m * (full ? m : p);
  const rSize = (full ? m : p) * n;
  for (let b = 0; b < count; b++) {
    const a = Float64Array.from({ length: m * n }, (_, i) => values[b * m * n + i]);
    const { q, r } = householderQr(a, m, n, full);
    qOut.set(q, b * qSize);
    rOut.set(r, b * rSize);
  }
  return [fromNumbers(x.dtype, qShape, qOut), fromNumbers(x.dtype, rShape, rOut)];
};

/** diag_op.cc: DiagPartOp: out[i...] = in[i..., i...]. */
const diagPartKernel: Kernel = ([x], ctx) => {
  const rank = x.rank;
  const mid = rank / 2;
  if (rank % 2 !== 0 || rank === 0 || x.shape.slice(0, mid).some((d, i) => d !== x.shape[i + mid])) {
    // diag_op.cc: DiagPartOp::Compute
    throw new InvalidArgumentError(
      `Invalid shape [${x.shape.join(",")}]: dimensions [0, ${mid}) and [${mid}, ${rank}) must match.${nodeSuffix(ctx)}`,
    );
  }
  const outShape = x.shape.slice(0, mid);
  const size = sizeOf(outShape);
  const values = numbers(x);
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = values[i * size + i];
  return [fromNumbers(x.dtype, outShape, out)];
};

export const linalgKernels = {
  Qr: qrKernel,
  DiagPart: diagPartKernel,
} satisfies Record<string, Kernel>;

/** Makes Qr and DiagPart run in every Session (idempotent): their builders call it. */
export function useLinalgKernels(): void {
  registerKernels(linalgKernels);
}
