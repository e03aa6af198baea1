// Ops over shapes alone: ZerosLike and OnesLike (zeros_like_op.h, constant_op.cc: a fill of the input's shape) and
// BroadcastGradientArgs (bcast_ops.cc: BCastGradArgsOp over two int32 or int64 shape vectors).
import type { NDArray } from "@scopeflow/core/kernels";
import { bytesOf, eager, kernelError, type NativeKernel, type Runtime, variantOf } from "../runtime";

function like(rt: Runtime, value: number): NativeKernel {
  return eager(
    ([x], ctx) => {
      const suffix = variantOf(ctx, x.dtype, ["F32", "I32"]);
      if (x.size === 0) return [new rt.NDArray(x.dtype, x.shape)];
      return rt.scoped(() => {
        const out = rt.output(x.dtype, x.size);
        rt.fn[`fill${suffix}`](out, x.size, value);
        return [rt.result(x.dtype, x.shape, out)];
      });
    },
    ["F32", "I32"],
  );
}

const dimsText = (a: NDArray) => `[${Array.from(a.data as ArrayLike<number | bigint>, Number).join(",")}]`;

function broadcastGradientArgs(rt: Runtime): NativeKernel {
  return eager(
    ([s0, s1], ctx) => {
      const dtype = s0.dtype;
      if (s0.rank !== 1 || s1.rank !== 1) {
        // bcast_ops.cc: BCastGradArgsOp::Compute
        const bad = s0.rank !== 1 ? s0 : s1;
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `In[${s0.rank !== 1 ? 0 : 1}] must be a vector.[${bad.shape.join(",")}]`,
        );
      }
      const wide = dtype.name === "int64" ? 1 : 0;
      const width = bytesOf(dtype);
      const rank = Math.max(s0.size, s1.size);
      return rt.scoped(() => {
        const scratch = rt.scratch(Math.max(1, 2 * rank) * width);
        const r1 = scratch + rank * width;
        const counts = rt.fn.broadcastGradientArgs(rt.input(s0), s0.size, rt.input(s1), s1.size, scratch, r1, wide);
        if (counts < 0) {
          // bcast_ops.cc: BCastGradArgsOp::Compute
          throw kernelError(ctx, "InvalidArgumentError", `Incompatible shapes: ${dimsText(s0)} vs. ${dimsText(s1)}`);
        }
        return [
          [scratch, counts & 0xffff],
          [r1, counts >>> 16],
        ].map(([src, n]) => {
          if (n === 0) return new rt.NDArray(dtype, [0]);
          const out = rt.output(dtype, n);
          rt.copyWithin(out, src, n * width);
          return rt.result(dtype, [n], out);
        });
      });
    },
    [],
    { dtypes: ["int32", "int64"] },
  );
}

export function shapeKernels(rt: Runtime) {
  return {
    ZerosLike: like(rt, 0),
    OnesLike: like(rt, 1),
    BroadcastGradientArgs: broadcastGradientArgs(rt),
  };
}
