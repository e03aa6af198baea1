// MatMul and BatchMatMul(V2): shape checks and batch broadcasting once, when a call is prepared; the packed GEMM
// runs in matMulF32, one call per batch entry with its offsets worked out in prepare.
import type { dtypes, KernelContext, PreparedKernel } from "@scopeflow/core/kernels";
import {
  attrBool,
  kernelError,
  type NativeKernel,
  native,
  pointerCall,
  type Runtime,
  sizeOf,
  variantOf,
} from "../runtime";

/**
 * The GEMMs of one call over [x, y, out] pointers: byte offsets per batch entry (x, y, out), computed once; the
 * packing scratch is the runtime's own fixed block. k = 0 writes zeros through the eager run only (the GEMM's own
 * path), so that call is not bound.
 */
function gemms(
  rt: Runtime,
  dtype: dtypes.DType,
  outShape: number[],
  [m, n, k]: [number, number, number],
  offsets: readonly number[],
  transposeX: boolean,
  transposeY: boolean,
): PreparedKernel {
  const ta = transposeX ? 1 : 0;
  const tb = transposeY ? 1 : 0;
  const entries = offsets.length / 3;
  const call = pointerCall(
    rt,
    [{ dtype, shape: outShape }],
    null,
    ([pX, pY, pOut, table]) =>
      () => {
        // Small GEMMs of a big batch: whole entries per thread (each entry's GEMM is the one-thread call).
        const parts =
          entries > 1 && rt.threadsFor(m * n * k, m, GEMM_ROWS) === 1 ? rt.threadsFor(entries * m * n * k, entries) : 1;
        if (parts > 1) {
          rt.mem.i32.set(offsets, table >> 2);
          rt.splitRows("matMulBatchF32", entries, 1, parts, (lo, hi, t) => [
            pX,
            pY,
            pOut,
            m,
            n,
            k,
            ta,
            tb,
            rt.matMulScratchOf(t),
            table,
            lo,
            hi,
          ]);
          return;
        }
        for (let i = 0; i < offsets.length; i += 3)
          gemm(rt, pX + offsets[i], pY + offsets[i + 1], pOut + offsets[i + 2], m, n, k, ta, tb);
      },
    // The batch's offset table, for the workers of a batch split.
    entries > 1 ? [offsets.length * 4] : [],
  );
  return k === 0 ? { run: call.run } : call;
}

/** Rows of a GEMM per thread: the micro-kernel's 4 (a split only moves where MC blocks start). */
const GEMM_ROWS = 4;

/**
 * C = op(A) * op(B) (matMulF32's arguments, scratch chosen here), split by rows of C across the runtime's threads
 * when it is big enough: bit-identical for any thread count (matMulRowsF32).
 */
export function gemm(
  rt: Runtime,
  a: number,
  b: number,
  c: number,
  m: number,
  n: number,
  k: number,
  ta: number,
  tb: number,
): void {
  const parts = rt.threadsFor(m * n * k, m, GEMM_ROWS);
  if (parts === 1) {
    rt.fn.matMulF32(a, b, c, m, n, k, ta, tb, rt.matMulScratch);
    return;
  }
  rt.splitRows("matMulRowsF32", m, GEMM_ROWS, parts, (lo, hi, t) => [
    a,
    b,
    c,
    m,
    n,
    k,
    ta,
    tb,
    rt.matMulScratchOf(t),
    lo,
    hi,
  ]);
}

/** Byte offsets of each batch entry of a broadcast batch GEMM (MatMulBCast), outermost first. */
function batchOffsets(batch: readonly number[], px: readonly number[], py: readonly number[], mnk: number[]): number[] {
  const [m, n, k] = mnk;
  const offsets: number[] = [];
  const index = batch.map(() => 0);
  for (let i = 0; i < sizeOf(batch); i++) {
    let offX = 0;
    let offY = 0;
    for (let d = 0; d < batch.length; d++) {
      offX = offX * px[d] + (px[d] === 1 ? 0 : index[d]);
      offY = offY * py[d] + (py[d] === 1 ? 0 : index[d]);
    }
    offsets.push(offX * m * k * 4, offY * k * n * 4, i * m * n * 4);
    for (let d = batch.length - 1; d >= 0; d--) {
      if (++index[d] < batch[d]) break;
      index[d] = 0;
    }
  }
  return offsets;
}

function matMulKernel(rt: Runtime): NativeKernel {
  return native(
    ([a, b], ctx: KernelContext) => {
      variantOf(ctx, a.dtype, ["F32"]);
      const ta = attrBool(ctx.attrs, "transpose_a");
      const tb = attrBool(ctx.attrs, "transpose_b");
      if (a.shape.length !== 2 || b.shape.length !== 2) {
        // matmul_op.cc: MatMulOp::Compute
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `In[0] and In[1] must be matrices, got [${a.shape.join(",")}] and [${b.shape.join(",")}]`,
        );
      }
      const [m, k] = ta ? [a.shape[1], a.shape[0]] : a.shape;
      const [k2, n] = tb ? [b.shape[1], b.shape[0]] : b.shape;
      if (k !== k2) {
        // matmul_op.cc: MatMulOp::Compute
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `Matrix size-incompatible: In[0]: [${a.shape.join(",")}], In[1]: [${b.shape.join(",")}]`,
        );
      }
      return gemms(rt, a.dtype, [m, n], [m, n, k], [0, 0, 0], ta, tb);
    },
    ["F32"],
  );
}

/** BatchMatMul (equal batch dims) and BatchMatMulV2 (broadcast batch dims, as MatMulBCast), with adj_x / adj_y. */
function batchMatMulKernel(rt: Runtime, broadcasting: boolean): NativeKernel {
  return native(
    ([x, y], ctx: KernelContext) => {
      variantOf(ctx, x.dtype, ["F32"]);
      const adjX = attrBool(ctx.attrs, "adj_x");
      const adjY = attrBool(ctx.attrs, "adj_y");
      if (x.shape.length < 2 || y.shape.length < 2) {
        // batch_matmul_op_impl.h: BaseBatchMatMulOp::Compute
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `In[0] and In[1] ndims must be >= 2: ${x.shape.length} and ${y.shape.length}`,
        );
      }
      const xr = x.shape.slice(-2);
      const yr = y.shape.slice(-2);
      const [m, k] = adjX ? [xr[1], xr[0]] : xr;
      const [k2, n] = adjY ? [yr[1], yr[0]] : yr;
      if (k !== k2) {
        // batch_matmul_op_impl.h: BaseBatchMatMulOp::Compute
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `In[0] mismatch In[1] shape: ${k} vs. ${k2}: [${x.shape.join(",")}] [${y.shape.join(",")}] ${adjX} ${adjY}`,
        );
      }
      const bx = x.shape.slice(0, -2);
      const by = y.shape.slice(0, -2);
      const rank = Math.max(bx.length, by.length);
      const px = [...Array(rank - bx.length).fill(1), ...bx];
      const py = [...Array(rank - by.length).fill(1), ...by];
      const batch: number[] = [];
      for (let i = 0; i < rank; i++) {
        const ok = broadcasting ? px[i] === py[i] || px[i] === 1 || py[i] === 1 : px[i] === py[i];
        if (!ok) {
          // batch_matmul_op_impl.h: BaseBatchMatMulOp::ValidateInputTensors
          throw kernelError(
            ctx,
            "InvalidArgumentError",
            `In[0] and In[1] must have compatible batch dimensions: [${x.shape.join(",")}] vs. [${y.shape.join(",")}]`,
          );
        }
        batch.push(Math.max(px[i], py[i]));
      }
      const offsets = batchOffsets(batch, px, py, [m, n, k]);
      return gemms(rt, x.dtype, [...batch, m, n], [m, n, k], offsets, adjX, adjY);
    },
    ["F32"],
  );
}

export function matMulKernels(rt: Runtime) {
  return {
    MatMul: matMulKernel(rt),
    BatchMatMul: batchMatMulKernel(rt, false),
    BatchMatMulV2: batchMatMulKernel(rt, true),
  };
}
