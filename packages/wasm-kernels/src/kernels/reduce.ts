// Reductions over any set of axes, ArgMax, Softmax and LogSoftmax.
import type { KernelContext, NDArray } from "@scopeflow/core/kernels";
import {
  attrBool,
  bindCall,
  bindRun,
  canonicalAxis,
  intsOf,
  kernelError,
  type NativeKernel,
  native,
  type Runtime,
  sizeOf,
  suffixOf,
  variantOf,
} from "../runtime";

/** Normalized, sorted, deduplicated reduction axes (reduction_ops_common.cc: ReductionHelper::Simplify). */
function reductionAxes(ctx: KernelContext, rank: number, axisArg: NDArray): number[] {
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

function reduceKernel(rt: Runtime, reducer: Reducer, mean: boolean): NativeKernel {
  const kernel = native(
    ([x, axisArg], ctx) => {
      const suffix = variantOf(ctx, x.dtype, ["F32", "I32"]);
      const axes = reductionAxes(ctx, x.rank, axisArg);
      const keep = attrBool(ctx.attrs, "keep_dims");
      const outShape = keep
        ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d))
        : x.shape.filter((_, i) => !axes.includes(i));
      let count = 1;
      for (const a of axes) count *= x.shape[a];
      const outSize = sizeOf(outShape);
      if (outSize === 0) return [new rt.NDArray(x.dtype, outShape)];
      // Merge adjacent axes of the same kind: [kept, reduced, kept, ...] groups.
      const groups: { size: number; reduced: boolean }[] = [];
      x.shape.forEach((d, i) => {
        const reduced = axes.includes(i);
        const last = groups[groups.length - 1];
        if (last && last.reduced === reduced) last.size *= d;
        else groups.push({ size: d, reduced });
      });
      const passes = groups.filter((q) => q.reduced).length;
      return rt.scoped(() => {
        let src = rt.input(x);
        const result = rt.output(x.dtype, outSize);
        if (passes === 0) rt.copyWithin(result, src, outSize * 4);
        // One [outer, r, inner] pass per reduced group, innermost first; the last pass writes the output.
        let done = 0;
        for (let g = groups.length - 1; g >= 0; g--) {
          if (!groups[g].reduced) continue;
          const outer = sizeOf(groups.slice(0, g).map((q) => q.size));
          const inner = sizeOf(groups.slice(g + 1).map((q) => q.size));
          const dst = ++done === passes ? result : rt.scratch(outer * inner * 4);
          rt.fn[reducer + suffix](src, dst, outer, groups[g].size, inner);
          src = dst;
          groups[g].size = 1;
        }
        if (mean && suffix === "F32") rt.fn.scaleF32(result, result, outSize, 1 / count);
        const out = rt.result(x.dtype, outShape, result);
        if (mean && suffix === "I32") {
          // TF's int Mean divides the int sum (truncating); a mean over nothing divides by zero, which TF leaves undefined.
          const data = out.data as Int32Array;
          for (let i = 0; i < data.length; i++) data[i] = count === 0 ? 0 : Math.trunc(data[i] / count);
        }
        return [out];
      });
    },
    ["F32", "I32"],
  );
  // Planned with the axes fixed (a graph constant, see planConstantInputs): the passes, their scratch and the mean's
  // scale are worked out once. The int Mean (truncating division in JS) stays with the kernel.
  const planCall = ([x, axisArg]: readonly NDArray[], [out]: readonly NDArray[], ctx: KernelContext) => {
    const suffix = suffixOf(x.dtype);
    if (suffix === undefined || (mean && suffix === "I32") || out.dtype !== x.dtype) return undefined;
    let axes: number[];
    try {
      axes = reductionAxes(ctx, x.rank, axisArg);
    } catch {
      return undefined;
    }
    let count = 1;
    for (const a of axes) count *= x.shape[a];
    // An empty input with a non-empty output (the reducer's identity) stays with the kernel.
    if (x.size === 0 || out.size * count !== x.size) return undefined;
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
    const n = out.size;
    if (passes.length === 0) {
      return bindCall(
        rt,
        [x, out],
        null,
        (_fn, [px, po]) =>
          () =>
            rt.copyWithin(po, px, n * 4),
        `sum${suffix}`,
      );
    }
    const fn = rt.fn[reducer + suffix];
    const scale = rt.fn.scaleF32;
    const scaled = mean && count !== 1;
    const factor = 1 / count;
    const between = passes.slice(0, -1).map((p) => p.outer * p.inner * 4);
    return bindRun(rt, [x, out], between, ([px, po], scratch) => {
      const p0 = passes[0];
      if (passes.length === 1 && !scaled) return () => fn(px, po, p0.outer, p0.r, p0.inner);
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
    });
  };
  return Object.assign(kernel, { planCall, planConstantInputs: [1] });
}

/** ArgMax over `dimension` (scalar), output int64 or int32 per output_type. */
function argMaxKernel(rt: Runtime): NativeKernel {
  return native(
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
  const kernel = native(
    ([logits], ctx) => {
      variantOf(ctx, logits.dtype, ["F32"]);
      if (logits.rank < 1) {
        // softmax_op.cc: SoftmaxOp::Compute
        throw kernelError(ctx, "InvalidArgumentError", "logits must have >= 1 dimension, got []");
      }
      if (logits.size === 0) return [new rt.NDArray(logits.dtype, logits.shape)];
      const cols = logits.shape[logits.rank - 1];
      return rt.scoped(() => {
        const out = rt.output(logits.dtype, logits.size);
        rt.fn[name](rt.input(logits), out, logits.size / cols, cols);
        return [rt.result(logits.dtype, logits.shape, out)];
      });
    },
    ["F32"],
  );
  const planCall = ([logits]: readonly NDArray[], [out]: readonly NDArray[]) => {
    if (logits.dtype.name !== "float32" || out.dtype !== logits.dtype || out.size !== logits.size) return undefined;
    if (logits.rank < 1) return undefined;
    const cols = logits.shape[logits.rank - 1];
    const rows = logits.size / cols;
    return bindCall(
      rt,
      [logits, out],
      null,
      (fn, [px, po]) =>
        () =>
          fn(px, po, rows, cols),
      name,
    );
  };
  return Object.assign(kernel, { planCall });
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
