// MatMul and BatchMatMul(V2): shape checks and batch broadcasting here; the packed GEMM runs in matMulF32.
import { attrBool, kernelError, type NativeKernel, native, type Runtime, sizeOf, variantOf } from "../runtime";

function matMulKernel(rt: Runtime): NativeKernel {
  return native(
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
}

/** BatchMatMul (equal batch dims) and BatchMatMulV2 (broadcast batch dims, as MatMulBCast), with adj_x / adj_y. */
function batchMatMulKernel(rt: Runtime, broadcasting: boolean): NativeKernel {
  return native(
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
}

export function matMulKernels(rt: Runtime) {
  return {
    MatMul: matMulKernel(rt),
    BatchMatMul: batchMatMulKernel(rt, false),
    BatchMatMulV2: batchMatMulKernel(rt, true),
  };
}
