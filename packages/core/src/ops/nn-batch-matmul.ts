// gen_math_ops.py: batch_mat_mul / batch_mat_mul_v2, with common_shape_fns.cc's BatchMatMulShape and
// BatchMatMulV2Shape. math_ops.py: matmul builds a BatchMatMulV2 when either input has rank > 2 (TF 1.15).
import { broadcastStatic, type Dim, type Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { convertSameTypeInputs } from "./convert-inputs";
import {
  BATCH_MATMUL_TYPES,
  checkDtypeAllowed,
  dimsEqualMessage,
  rankAtLeastMessage,
  shapeFnError,
} from "./nn-messages";
import { createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";

export interface BatchMatMulOptions {
  adjX?: boolean;
  adjY?: boolean;
  name?: string;
}

type BatchType = typeof opDefs.BatchMatMul.type | typeof opDefs.BatchMatMulV2.type;

/** The output's batch dims: merged (BatchMatMul) or broadcast (BatchMatMulV2); a message when they disagree. */
function batchDims(type: BatchType, a: Dim[], b: Dim[]): Dim[] | string {
  if (type === opDefs.BatchMatMul.type) {
    // shape_inference.cc: InferenceContext::Merge (shapes)
    if (a.length !== b.length) return `Shapes must be equal rank, but are ${a.length} and ${b.length}`;
    const out: Dim[] = [];
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== null && b[i] !== null && a[i] !== b[i]) return dimsEqualMessage(a[i] as number, b[i] as number);
      out.push(a[i] ?? b[i]);
    }
    return out;
  }
  const broadcast = broadcastStatic(a, b);
  return "dims" in broadcast ? broadcast.dims : dimsEqualMessage(...broadcast.conflict);
}

function batchMatMulShape(type: BatchType, opName: string, x: Tensor, y: Tensor, adjX: boolean, adjY: boolean): Shape {
  const fail = (message: string) => shapeFnError(message, opName, type, [x, y]);
  const sa = x.shape;
  const sb = y.shape;
  // common_shape_fns.cc: BatchMatMulShape / BatchMatMulV2Shape (WithRankAtLeast 2)
  if (sa !== null && sa.length < 2) throw fail(rankAtLeastMessage(2, sa.length));
  if (sb !== null && sb.length < 2) throw fail(rankAtLeastMessage(2, sb.length));
  if (sa === null || sb === null) {
    const inner = [sa, sb].map((s, i) => (s === null ? null : s[s.length - ((i === 0 ? adjX : !adjY) ? 2 : 1)]));
    if (inner[0] !== null && inner[1] !== null && inner[0] !== inner[1])
      throw fail(dimsEqualMessage(inner[0], inner[1]));
    return null;
  }
  const rows = sa[sa.length - (adjX ? 1 : 2)];
  const cols = sb[sb.length - (adjY ? 2 : 1)];
  const innerA = sa[sa.length - (adjX ? 2 : 1)];
  const innerB = sb[sb.length - (adjY ? 1 : 2)];
  const merge = (): void => {
    if (innerA !== null && innerB !== null && innerA !== innerB) throw fail(dimsEqualMessage(innerA, innerB));
  };
  // BatchMatMulV2Shape checks the inner dims before the batch dims; BatchMatMulShape after.
  if (type === opDefs.BatchMatMulV2.type) merge();
  const batch = batchDims(type, sa.slice(0, -2), sb.slice(0, -2));
  if (typeof batch === "string") throw fail(batch);
  if (type === opDefs.BatchMatMul.type) merge();
  return [...batch, rows, cols];
}

function genBatchMatMul(
  type: BatchType,
  x: TensorLike,
  y: TensorLike,
  options: BatchMatMulOptions | string = {},
): Tensor {
  const opts = typeof options === "string" ? { name: options } : options;
  return opScope(opts.name, type, [x, y], (scope) => {
    const [a, b] = convertSameTypeInputs(type, [x, y], ["x", "y"]);
    const dtype = a.dtype;
    checkDtypeAllowed("x", dtype, BATCH_MATMUL_TYPES);
    const adjX = opts.adjX ?? false;
    const adjY = opts.adjY ?? false;
    const shape = batchMatMulShape(type, scope.slice(0, -1), a, b, adjX, adjY);
    return createOp(opDefs[type], [a, b], {
      name: scope,
      attrs: { T: dtype, adj_x: adjX, adj_y: adjY },
      shapes: [shape],
    }).outputs[0];
  });
}

/** gen_math_ops.py: batch_mat_mul(x, y, adj_x, adj_y): a `BatchMatMul` (equal batch dims). */
export function batchMatMul(x: TensorLike, y: TensorLike, options?: BatchMatMulOptions | string): Tensor {
  return genBatchMatMul(opDefs.BatchMatMul.type, x, y, options);
}

/** gen_math_ops.py: batch_mat_mul_v2(x, y, adj_x, adj_y): a `BatchMatMulV2` (batch dims broadcast). */
export function batchMatMulV2(x: TensorLike, y: TensorLike, options?: BatchMatMulOptions | string): Tensor {
  return genBatchMatMul(opDefs.BatchMatMulV2.type, x, y, options);
}

/** math_ops.py: matmul's test for the batched path: either static rank unknown or above 2. */
export function needsBatchMatMul(a: Tensor, b: Tensor): boolean {
  return a.shape === null || a.shape.length > 2 || b.shape === null || b.shape.length > 2;
}

/**
 * The hook for math_ops.matmul (math-ops.ts): called inside matmul's `MatMul` scope with converted inputs when
 * `needsBatchMatMul(a, b)`. Transposes become adjoints (conj is a no-op for real types), as math_ops.matmul does.
 */
export function batchedMatmul(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean, scope: string): Tensor {
  return batchMatMulV2(a, b, { adjX: transposeA, adjY: transposeB, name: scope });
}
