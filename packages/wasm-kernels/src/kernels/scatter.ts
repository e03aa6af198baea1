// ScatterUpdate, ScatterAdd, ScatterSub (scatter_op.cc: ScatterUpdateOp) on a ref variable, in place as the state
// kernels update it (state.ts): the variable's own block when the store is its only holder, else a fresh copy.
import type { KernelContext, NDArray } from "@scopeflow/core/kernels";
import { eager, kernelError, type NativeKernel, type Runtime, tfError, variantOf } from "../runtime";
import { indexValue, sliceDebugString, wideOf } from "./indices";

/** The export's `mode` argument. */
enum Mode {
  Update = 0,
  Add = 1,
  Sub = 2,
}

/** The variable behind ref input `i`, initialized, or TF's error (scatter_op.cc: OP_REQUIRES(IsInitialized)). */
export function storedRef(ctx: KernelContext, i: number): { name: string; value: NDArray } {
  const name = ctx.refName(i);
  const value = name === undefined ? undefined : ctx.variables.get(name);
  if (name === undefined || value === undefined) {
    throw tfError(
      "FailedPreconditionError",
      `Attempting to use uninitialized value ${name ?? `input ${i}`}\n\t [[{{node ${ctx.opName}}}]]`,
    );
  }
  return { name, value };
}

function scatter(rt: Runtime, mode: Mode): NativeKernel {
  return eager(
    ([, indices, updates], ctx) => {
      const ref = storedRef(ctx, 0);
      const params = ref.value;
      const suffix = variantOf(ctx, params.dtype, ["F32", "I32"]);
      const expected = [...indices.shape, ...params.shape.slice(1)];
      if (updates.rank !== expected.length || updates.shape.some((d, k) => d !== expected[k])) {
        // scatter_op.cc: ScatterUpdateOp::DoValidationChecking (scatter_op_util ValidateShapes)
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `Must have updates.shape = indices.shape + params.shape[1:] or updates.shape = [], got updates.shape [${updates.shape.join(",")}], indices.shape [${indices.shape.join(",")}], params.shape [${params.shape.join(",")}]`,
        );
      }
      if (updates.dtype !== params.dtype) {
        throw kernelError(
          ctx,
          "UnimplementedError",
          `${ctx.opType} of ${updates.dtype.name} into ${params.dtype.name}`,
        );
      }
      const rows = params.shape[0] ?? 0;
      const rowSize = params.shape.slice(1).reduce((a, b) => a * b, 1);
      if (indices.size === 0 || params.size === 0) return [params];
      const wide = wideOf(indices);
      const next = rt.scoped(() => {
        const pi = rt.input(indices);
        // Checked before the variable's block is touched: a failing scatter leaves the variable as it was.
        const pv = rt.inPlace(params);
        const bad = rt.fn[`scatter${suffix}`](pv, pi, rt.input(updates), indices.size, rowSize, rows, wide, mode);
        if (bad >= 0) {
          // scatter_op.cc: ScatterUpdateOp::DoCompute
          throw kernelError(
            ctx,
            "InvalidArgumentError",
            `indices${sliceDebugString(indices.shape, bad)} = ${indexValue(rt, pi, bad, wide)} is not in [0, ${rows})`,
          );
        }
        return rt.result(params.dtype, params.shape, pv);
      });
      ctx.variables.set(ref.name, next);
      return [next];
    },
    ["F32", "I32"],
  );
}

export function scatterKernels(rt: Runtime) {
  return {
    ScatterUpdate: scatter(rt, Mode.Update),
    ScatterAdd: scatter(rt, Mode.Add),
    ScatterSub: scatter(rt, Mode.Sub),
  };
}
