// Reductions over any set of axes, ArgMax, Softmax and LogSoftmax.
import type { InputSpec, KernelContext } from "@scopeflow/core/kernels";
import {
  attrBool,
  COPY_WORK,
  canonicalAxis,
  eager,
  intsOf,
  kernelError,
  type NativeKernel,
  native,
  pointerCall,
  type Runtime,
  sizeOf,
  variantOf,
} from "../runtime";

/** Normalized, sorted, deduplicated reduction axes (reduction_ops_common.cc: ReductionHelper::Simplify). */
function reductionAxes(ctx: KernelContext, rank: number, axisArg: InputSpec): number[] {
  const axes = new Set<number>();
  for (const a of intsOf(axisArg)) {
    if (a < -rank || a >= rank) {
      // reduction_ops_common.cc: ReductionHelper::Simplify
      throw kernelError(
        ctx,
        "InvalidArgumentError",
        `Invalid reduction dimension (${a} for input with ${rank} dimension(s)`,
      );
    }
    axes.add(a < 0 ? a + rank : a);
  }
  return [...axes].sort((x, y) => x - y);
}

type Reducer = "sum" | "max" | "min" | "prod";

/**
 * Prepared with the axes fixed (an input value, see valueInputs): the [outer, r, inner] passes (one per group of
 * adjacent reduced axes, innermost first), their scratch and the mean's scale are worked out once.
 */
function reduceKernel(rt: Runtime, reducer: Reducer, mean: boolean): NativeKernel {
  return native(
    ([x, axisArg], ctx) => {
      const suffix = variantOf(ctx, x.dtype, ["F32", "I32"]);
      const axes = reductionAxes(ctx, x.shape.length, axisArg);
      const keep = attrBool(ctx.attrs, "keep_dims");
      const outShape = keep
        ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d))
        : x.shape.filter((_, i) => !axes.includes(i));
      let count = 1;
      for (const a of axes) count *= x.shape[a];
      const n = sizeOf(outShape);
      // Merge adjacent axes of the same kind: [kept, reduced, kept, ...] groups.
      const groups: { size: number; reduced: boolean }[] = [];
      x.shape.forEach((d, i) => {
        const reduced = axes.includes(i);
        const last = groups[groups.length - 1];
        if (last && last.reduced === reduced) last.size *= d;
        else groups.push({ size: d, reduced });
      });
      const passes: { outer: number; r: number; inner: number }[] = [];
      for (let g = groups.length - 1; g >= 0; g--) {
        if (!groups[g].reduced) continue;
        const outer = sizeOf(groups.slice(0, g).map((q) => q.size));
        const inner = sizeOf(groups.slice(g + 1).map((q) => q.size));
        passes.push({ outer, r: groups[g].size, inner });
        groups[g].size = 1;
      }
      const name = reducer + suffix;
      const fn = rt.fn[name];
      const scale = rt.fn.scaleF32;
      const scaled = mean && suffix === "F32" && count !== 1;
      const factor = 1 / count;
      const between = passes.slice(0, -1).map((p) => p.outer * p.inner * 4);
      const call = pointerCall(
        rt,
        [{ dtype: x.dtype, shape: outShape }],
        null,
        ([px, , po, ...scratch]) => {
          if (passes.length === 0) return () => rt.copyWithin(po, px, n * 4);
          const p0 = passes[0];
          if (passes.length === 1 && !scaled) {
            // Split by output rows (outer): each output's sum keeps its order.
            const { outer, r, inner } = p0;
            return () => {
              const parts = rt.threadsFor(outer * r * inner * COPY_WORK, outer);
              if (parts === 1) fn(px, po, outer, r, inner);
              else
                rt.splitRows(name, outer, 1, parts, (lo, hi) => [
                  px + lo * r * inner * 4,
                  po + lo * inner * 4,
                  hi - lo,
                  r,
                  inner,
                ]);
            };
          }
          return () => {
            let src = px;
            for (let i = 0; i < passes.length; i++) {
              const p = passes[i];
              const dst = i === passes.length - 1 ? po : scratch[i];
              fn(src, dst, p.outer, p.r, p.inner);
              src = dst;
            }
            if (scaled) scale(po, po, n, factor);
          };
        },
        between,
        [1],
      );
      if (!(mean && suffix === "I32")) return call;
      // TF's int Mean divides the int sum (truncating); a mean over nothing divides by zero, which TF leaves
      // undefined. Done in JS after the sum, so never bound.
      return {
        run: (inputs) => {
          const [out] = call.run(inputs);
          const data = out.data as Int32Array;
          for (let i = 0; i < data.length; i++) data[i] = count === 0 ? 0 : Math.trunc(data[i] / count);
          return [out];
        },
      };
    },
    ["F32", "I32"],
    { valueInputs: [1] },
  );
}

/** ArgMax over `dimension` (scalar), output int64 or int32 per output_type. */
function argMaxKernel(rt: Runtime): NativeKernel {
  return eager(
    ([x, dimension], ctx) => {
      const suffix = variantOf(ctx, x.dtype, ["F32", "I32"]);
      const requested = intsOf(dimension)[0];
      const axis = canonicalAxis(requested, x.rank);
      if (axis === undefined) {
        // argmax_op.cc: ArgOp::Compute
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `Expected dimension in the range [${-x.rank}, ${x.rank}), but got ${requested}`,
        );
      }
      const outDtype = ctx.outputDtypes[0];
      const outShape = x.shape.filter((_, i) => i !== axis);
      const r = x.shape[axis];
      if (sizeOf(outShape) === 0) return [new rt.NDArray(outDtype, outShape)];
      if (r === 0) {
        // argmax_op.cc: ArgOp::Compute
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `Reduction axis ${axis} is empty in shape [${x.shape.join(",")}]`,
        );
      }
      const wide = outDtype.name === "int64";
      return rt.scoped(() => {
        const px = rt.input(x);
        const out = rt.output(outDtype, sizeOf(outShape));
        rt.fn[`argMax${suffix}`](
          px,
          out,
          sizeOf(x.shape.slice(0, axis)),
          r,
          sizeOf(x.shape.slice(axis + 1)),
          wide ? 1 : 0,
        );
        return [rt.result(outDtype, outShape, out)];
      });
    },
    ["F32", "I32"],
  );
}

function softmaxKernel(rt: Runtime, name: string): NativeKernel {
  return native(
    ([logits], ctx) => {
      variantOf(ctx, logits.dtype, ["F32"]);
      if (logits.shape.length < 1) {
        // softmax_op.cc: SoftmaxOp::Compute
        throw kernelError(ctx, "InvalidArgumentError", "logits must have >= 1 dimension, got []");
      }
      const cols = logits.shape[logits.shape.length - 1];
      const rows = sizeOf(logits.shape) / cols;
      const fn = rt.fn[name];
      return pointerCall(rt, [{ dtype: logits.dtype, shape: logits.shape }], null, ([px, po]) => () => {
        const parts = rt.threadsFor(rows * cols * COPY_WORK, rows);
        if (parts === 1) fn(px, po, rows, cols);
        else rt.splitRows(name, rows, 1, parts, (lo, hi) => [px + lo * cols * 4, po + lo * cols * 4, hi - lo, cols]);
      });
    },
    ["F32"],
  );
}

export function reduceKernels(rt: Runtime) {
  return {
    Sum: reduceKernel(rt, "sum", false),
    Mean: reduceKernel(rt, "sum", true),
    Max: reduceKernel(rt, "max", false),
    Min: reduceKernel(rt, "min", false),
    Prod: reduceKernel(rt, "prod", false),
    ArgMax: argMaxKernel(rt),
    Softmax: softmaxKernel(rt, "softmaxF32"),
    LogSoftmax: softmaxKernel(rt, "logSoftmaxF32"),
  };
}
