// UnsortedSegmentSum (segment_reduction_ops.cc: UnsortedSegmentReductionOp) and Unique (unique_op.cc) over int32 or
// int64 ids: the ops an optimizer's sparse update sums repeated rows with (optimizer.py _apply_sparse_duplicate_indices).
import type { InputSpec, KernelContext } from "@scopeflow/core/kernels";
import {
  bytesOf,
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
import { INDEX_DTYPES, indexValue, sliceDebugString, wideOf } from "./indices";

const dimsText = (shape: readonly number[]) => `[${shape.join(",")}]`;

/** segment_reduction_ops.cc: UnsortedSegmentReductionDoValidation and the output rows, in TF's words. */
function segmentShape(ctx: KernelContext, data: InputSpec, ids: InputSpec, numSegments: InputSpec): number[] {
  if (numSegments.shape.length > 1 || sizeOf(numSegments.shape) !== 1) {
    throw kernelError(
      ctx,
      "InvalidArgumentError",
      `num_segments should be a scalar, not shape ${dimsText(numSegments.shape)}`,
    );
  }
  if (ids.shape.length > data.shape.length || ids.shape.some((d, i) => d !== data.shape[i])) {
    throw kernelError(
      ctx,
      "InvalidArgumentError",
      `data.shape = ${dimsText(data.shape)} does not start with segment_ids.shape = ${dimsText(ids.shape)}`,
    );
  }
  const rows = intsOf(numSegments)[0];
  if (rows < 0) {
    throw kernelError(ctx, "InvalidArgumentError", `Input num_segments == ${rows} must not be negative.`);
  }
  return [rows, ...data.shape.slice(ids.shape.length)];
}

function unsortedSegmentSum(rt: Runtime): NativeKernel {
  return native(
    ([data, ids, numSegments], ctx) => {
      const suffix = variantOf(ctx, data.dtype, ["F32", "I32"]);
      const outShape = segmentShape(ctx, data, ids, numSegments);
      const [segments] = outShape;
      const count = sizeOf(ids.shape);
      const chunk = sizeOf(outShape.slice(1));
      const wide = wideOf(ids);
      const fn = rt.fn[`unsortedSegmentSum${suffix}`];
      return pointerCall(rt, [{ dtype: data.dtype, shape: outShape }], null, ([pd, pi, , out]) => () => {
        const bad = fn(pd, pi, out, count, chunk, segments, wide);
        if (bad >= 0) {
          // segment_reduction_ops.cc: UnsortedSegmentFunctor<CPUDevice>
          throw kernelError(
            ctx,
            "InvalidArgumentError",
            `segment_ids${sliceDebugString(ids.shape, bad)} = ${indexValue(rt, pi, bad, wide)} is out of range [0, ${segments})`,
          );
        }
      });
    },
    ["F32", "I32"],
    { valueInputs: [2] },
  );
}

/** unique_op.cc: UniqueOp over a vector of int32 or int64; y's length depends on the values (an eager kernel). */
function unique(rt: Runtime): NativeKernel {
  return eager(
    ([x], ctx) => {
      if (x.rank !== 1) {
        // unique_op.cc: OP_REQUIRES(TensorShapeUtils::IsVector(input.shape()))
        throw kernelError(ctx, "InvalidArgumentError", "unique expects a 1D vector.");
      }
      const idxDtype = ctx.outputDtypes[1];
      const n = x.size;
      if (n === 0) return [new rt.NDArray(x.dtype, [0]), new rt.NDArray(idxDtype, [0])];
      const width = bytesOf(x.dtype);
      let cap = 16;
      while (cap < 2 * n) cap *= 2;
      return rt.scoped(() => {
        const ys = rt.scratch(n * width);
        const idx = rt.output(idxDtype, n);
        const table = rt.scratch(cap * 4);
        const count = rt.fn.uniqueInt(
          rt.input(x),
          n,
          ys,
          idx,
          table,
          cap,
          wideOf(x),
          wideOf({ ...x, dtype: idxDtype }),
        );
        const y = rt.output(x.dtype, count);
        rt.copyWithin(y, ys, count * width);
        return [rt.result(x.dtype, [count], y), rt.result(idxDtype, [n], idx)];
      });
    },
    [],
    { dtypes: INDEX_DTYPES, accepts: (attrs) => INDEX_DTYPES.includes(dtypeName(attrs.out_idx, "int32")) },
  );
}

/** An attr's dtype name, whether the graph holds it as a DType or a string. */
export function dtypeName(value: unknown, fallback: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null && "name" in value) return String(value.name);
  return fallback;
}

export function segmentKernels(rt: Runtime) {
  return {
    UnsortedSegmentSum: unsortedSegmentSum(rt),
    Unique: unique(rt),
  };
}
