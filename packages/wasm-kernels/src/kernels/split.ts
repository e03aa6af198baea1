// Split (split_op.cc): num_split equal parts along an axis, each a strided gather of the input (the same export as
// Slice), so that an LSTM's gate split stays in linear memory. The descriptors of all parts are written once.
import {
  canonicalAxis,
  intsOf,
  kernelError,
  type NativeKernel,
  native,
  pointerCall,
  type Runtime,
  sizeOf,
  variantOf,
} from "../runtime";

const BOTH = ["F32", "I32"] as const;
/** i32 per part descriptor: [rank 2, offset, outer, chunk, row stride, 1] and the export's 2 counters after it. */
const DESC = 8;
/** The descriptor block holds 64 i32. */
const MAX_PARTS = Math.floor(64 / DESC);

function split(rt: Runtime): NativeKernel {
  return native(
    ([axisArg, x], ctx) => {
      const suffix = variantOf(ctx, x.dtype, BOTH);
      const n = Number(ctx.attrs.num_split);
      const requested = intsOf(axisArg)[0];
      const rank = x.shape.length;
      const axis = canonicalAxis(requested, rank);
      if (axis === undefined) {
        // split_op.cc: SplitOpBase::ComputeEasyCases
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `-input rank(-${rank}) <= split_dim < input rank (${rank}), but got ${requested}`,
        );
      }
      if (n <= 0) {
        throw kernelError(ctx, "InvalidArgumentError", `Number of ways to split should be > 0, but got ${n}`);
      }
      const size = x.shape[axis];
      if (size % n !== 0) {
        // split_op.cc: SplitOpBase::ComputeEasyCases
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `Number of ways to split should evenly divide the split dimension, but got split_dim ${axis} (size = ${size}) and num_split ${n}`,
        );
      }
      const partShape = [...x.shape];
      partShape[axis] = size / n;
      const outer = sizeOf(x.shape.slice(0, axis));
      const chunk = sizeOf(partShape.slice(axis));
      const outputs = Array.from({ length: n }, () => ({ dtype: x.dtype, shape: partShape }));
      if (n > MAX_PARTS) {
        // More parts than descriptors fit: row copies inside linear memory.
        const bytes = chunk * 4;
        return pointerCall(rt, outputs, null, (p) => () => {
          for (let o = 0; o < outer; o++)
            for (let k = 0; k < n; k++) rt.copyWithin(p[2 + k] + o * bytes, p[1] + (o * n + k) * bytes, bytes);
        });
      }
      const desc: number[] = [];
      for (let k = 0; k < n; k++) desc.push(2, k * chunk, outer, chunk, n * chunk, 1, 0, 0);
      const fn = rt.fn[`stridedSlice${suffix}`];
      return pointerCall(rt, outputs, desc, (p, d) => () => {
        for (let k = 0; k < n; k++) fn(p[1], p[2 + k], d + k * DESC * 4);
      });
    },
    BOTH,
    { typedInput: 1, valueInputs: [0] },
  );
}

export function splitKernels(rt: Runtime) {
  return { Split: split(rt) };
}
