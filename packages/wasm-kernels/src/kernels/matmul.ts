// MatMul and BatchMatMul(V2): shape checks and batch broadcasting here; the packed GEMM runs in matMulF32.
import type { KernelContext, NDArray } from "@scopeflow/core/kernels";
import { attrBool, bindRun, kernelError, type NativeKernel, native, type Runtime, sizeOf, variantOf } from "../runtime";

/**
 * A planned MatMul/BatchMatMul: the GEMMs of one call (one per batch entry) with their offsets worked out once;
 * the packing scratch is the runtime's own fixed block, so a run is one wasm call per GEMM.
 */
function planGemms(
  rt: Runtime,
  [x, y]: readonly NDArray[],
  [out]: readonly NDArray[],
  transposeX: boolean,
  transposeY: boolean,
  broadcasting: boolean,
) {
  if (x.dtype.name !== "float32" || y.dtype !== x.dtype || out.dtype !== x.dtype) return undefined;
  if (x.rank < 2 || y.rank < 2) return undefined;
  const xr = x.shape.slice(-2);
  const yr = y.shape.slice(-2);
  const [m, k] = transposeX ? [xr[1], xr[0]] : xr;
  const [k2, n] = transposeY ? [yr[1], yr[0]] : yr;
  if (k !== k2 || k === 0) return undefined; // k = 0 writes zeros: the kernel's own path
  const bx = x.shape.slice(0, -2);
  const by = y.shape.slice(0, -2);
  const rank = Math.max(bx.length, by.length);
  const px = [...Array(rank - bx.length).fill(1), ...bx];
  const py = [...Array(rank - by.length).fill(1), ...by];
  const batch: number[] = [];
  for (let i = 0; i < rank; i++) {
    if (!(broadcasting ? px[i] === py[i] || px[i] === 1 || py[i] === 1 : px[i] === py[i])) return undefined;
    batch.push(Math.max(px[i], py[i]));
  }
  if (out.size !== sizeOf(batch) * m * n) return undefined;
  const offsets: number[] = [];
  const index = batch.map(() => 0);
  for (let i = 0; i < sizeOf(batch); i++) {
    let offX = 0;
    let offY = 0;
    for (let d = 0; d < rank; d++) {
      offX = offX * px[d] + (px[d] === 1 ? 0 : index[d]);
      offY = offY * py[d] + (py[d] === 1 ? 0 : index[d]);
    }
    offsets.push(offX * m * k * 4, offY * k * n * 4, i * m * n * 4);
    for (let d = rank - 1; d >= 0; d--) {
      if (++index[d] < batch[d]) break;
      index[d] = 0;
    }
  }
  const fn = rt.fn.matMulF32;
  const scratch = rt.matMulScratch;
  const ta = transposeX ? 1 : 0;
  const tb = transposeY ? 1 : 0;
  return bindRun(rt, [x, y, out], [], ([pX, pY, pOut]) => {
    if (offsets.length === 3) return () => fn(pX, pY, pOut, m, n, k, ta, tb, scratch);
    return () => {
      for (let i = 0; i < offsets.length; i += 3)
        fn(pX + offsets[i], pY + offsets[i + 1], pOut + offsets[i + 2], m, n, k, ta, tb, scratch);
    };
  });
}

function matMulKernel(rt: Runtime): NativeKernel {
  const kernel = native(
    ([a, b], ctx) => {
      variantOf(ctx, a.dtype, ["F32"]);
      const ta = attrBool(ctx.attrs, "transpose_a");
      const tb = attrBool(ctx.attrs, "transpose_b");
      if (a.rank !== 2 || b.rank !== 2) {
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
      if (m * n === 0) return [new rt.NDArray(a.dtype, [m, n])];
      return rt.scoped(() => {
        const pa = rt.input(a);
        const pb = rt.input(b);
        const pc = rt.output(a.dtype, m * n);
        rt.fn.matMulF32(pa, pb, pc, m, n, k, ta ? 1 : 0, tb ? 1 : 0, rt.matMulScratch);
        return [rt.result(a.dtype, [m, n], pc)];
      });
    },
    ["F32"],
  );
  const planCall = (inputs: readonly NDArray[], outputs: readonly NDArray[], ctx: KernelContext) =>
    inputs[0].rank === 2 && inputs[1].rank === 2
      ? planGemms(rt, inputs, outputs, attrBool(ctx.attrs, "transpose_a"), attrBool(ctx.attrs, "transpose_b"), false)
      : undefined;
  return Object.assign(kernel, { planCall });
}

/** BatchMatMul (equal batch dims) and BatchMatMulV2 (broadcast batch dims, as MatMulBCast), with adj_x / adj_y. */
function batchMatMulKernel(rt: Runtime, broadcasting: boolean): NativeKernel {
  const kernel = native(
    ([x, y], ctx) => {
      variantOf(ctx, x.dtype, ["F32"]);
      const adjX = attrBool(ctx.attrs, "adj_x");
      const adjY = attrBool(ctx.attrs, "adj_y");
      if (x.rank < 2 || y.rank < 2) {
        // batch_matmul_op_impl.h: BaseBatchMatMulOp::Compute
        throw kernelError(ctx, "InvalidArgumentError", `In[0] and In[1] ndims must be >= 2: ${x.rank} and ${y.rank}`);
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
      const outShape = [...batch, m, n];
      if (sizeOf(outShape) === 0) return [new rt.NDArray(x.dtype, outShape)];
      return rt.scoped(() => {
        const pX = rt.input(x);
        const pY = rt.input(y);
        const out = rt.output(x.dtype, sizeOf(outShape));
        const count = sizeOf(batch);
        const index = batch.map(() => 0);
        for (let i = 0; i < count; i++) {
          let offX = 0;
          let offY = 0;
          for (let d = 0; d < rank; d++) {
            offX = offX * px[d] + (px[d] === 1 ? 0 : index[d]);
            offY = offY * py[d] + (py[d] === 1 ? 0 : index[d]);
          }
          rt.fn.matMulF32(
            pX + offX * m * k * 4,
            pY + offY * k * n * 4,
            out + i * m * n * 4,
            m,
            n,
            k,
            adjX ? 1 : 0,
            adjY ? 1 : 0,
            rt.matMulScratch,
          );
          for (let d = rank - 1; d >= 0; d--) {
            if (++index[d] < batch[d]) break;
            index[d] = 0;
          }
        }
        return [rt.result(x.dtype, outShape, out)];
      });
    },
    ["F32"],
  );
  const planCall = (inputs: readonly NDArray[], outputs: readonly NDArray[], ctx: KernelContext) =>
    planGemms(rt, inputs, outputs, attrBool(ctx.attrs, "adj_x"), attrBool(ctx.attrs, "adj_y"), broadcasting);
  return Object.assign(kernel, { planCall });
}

export function matMulKernels(rt: Runtime) {
  return {
    MatMul: matMulKernel(rt),
    BatchMatMul: batchMatMulKernel(rt, false),
    BatchMatMulV2: batchMatMulKernel(rt, true),
  };
}
