// SparseApplyAdagrad, SparseApplyMomentum, SparseApplyRMSProp, SparseApplyCenteredRMSProp (training_ops.cc): the
// optimizer updates of unique-index IndexedSlices gradients, on the var and slot rows `indices` names, in place as
// the dense Apply* kernels update them (training.ts). Ref values come from the variable store (ctx.refName).
import type { KernelContext, NDArray } from "@scopeflow/core/kernels";
import { attrBool, eager, kernelError, type NativeKernel, type Runtime, scalarOf, variantOf } from "../runtime";
import { indexValue, wideOf } from "./indices";
import { storedRef } from "./scatter";

interface SparseSpec {
  /** The slot inputs after var (refs), by TF's arg names. */
  readonly slots: readonly string[];
  /** Index of the grad input; indices follow it except for Momentum, whose momentum comes last. */
  readonly grad: number;
  readonly indices: number;
  /** Calls the export over the var and slot pointers; returns its result (-1 or the first bad position). */
  readonly call: (rt: Runtime, ptrs: number[], inputs: NDArray[], ctx: KernelContext, sizes: number[]) => number;
}

const dims = (shape: readonly number[]) => `[${shape.join(",")}]`;

function sparseApply(rt: Runtime, spec: SparseSpec): NativeKernel {
  return eager(
    (inputs, ctx) => {
      const refs = [0, ...spec.slots.map((_, k) => k + 1)].map((i) => storedRef(ctx, i));
      const v = refs[0].value;
      variantOf(ctx, v.dtype, ["F32"]);
      refs.slice(1).forEach((slot, k) => {
        if (slot.value.shape.join(",") !== v.shape.join(",")) {
          // training_ops.cc: SparseApply*Op::Compute
          throw kernelError(
            ctx,
            "InvalidArgumentError",
            `var and ${spec.slots[k]} do not have the same shape${dims(v.shape)} ${dims(slot.value.shape)}`,
          );
        }
      });
      const grad = inputs[spec.grad];
      const indices = inputs[spec.indices];
      if (v.rank < 1) throw kernelError(ctx, "InvalidArgumentError", "var must be at least 1 dimensional");
      if (indices.rank !== 1) throw kernelError(ctx, "InvalidArgumentError", "indices must be one-dimensional");
      const rowSize = v.shape.slice(1).reduce((a, b) => a * b, 1);
      for (let d = 1; d < v.rank; d++) {
        if (grad.shape[d] !== v.shape[d]) {
          throw kernelError(ctx, "InvalidArgumentError", `var and grad must match in dimension ${d}`);
        }
      }
      if (rowSize <= 0) throw kernelError(ctx, "InvalidArgumentError", "Inner dimension should be greater than zero.");
      if (grad.shape[0] !== indices.shape[0]) {
        throw kernelError(ctx, "InvalidArgumentError", "grad must be the same size as indices in the first dimension.");
      }
      if (indices.size === 0) return [v];
      const rows = v.shape[0];
      return rt.scoped(() => {
        const pi = rt.input(indices);
        const ptrs = refs.map((r) => rt.inPlace(r.value));
        const bad = spec.call(rt, [...ptrs, rt.input(grad), pi], inputs, ctx, [
          indices.size,
          rowSize,
          rows,
          wideOf(indices),
        ]);
        if (bad >= 0) {
          // training_ops.cc: SparseApply*Op::Compute
          throw kernelError(
            ctx,
            "InvalidArgumentError",
            `Index ${indexValue(rt, pi, bad, wideOf(indices))} at offset ${bad} in indices is out of range`,
          );
        }
        const results = refs.map((r, k) => rt.result(r.value.dtype, r.value.shape, ptrs[k]));
        refs.forEach((r, k) => ctx.variables.set(r.name, results[k]));
        return [results[0]];
      });
    },
    ["F32"],
  );
}

const s = (inputs: NDArray[], i: number) => scalarOf(inputs[i]);

export function sparseTrainingKernels(rt: Runtime) {
  return {
    /** SparseApplyAdagrad(var, accum, lr, grad, indices), attr update_slots (default true). */
    SparseApplyAdagrad: sparseApply(rt, {
      slots: ["accum"],
      grad: 3,
      indices: 4,
      call: (rt, [v, a, g, i], inputs, ctx, [n, row, rows, wide]) =>
        rt.fn.sparseApplyAdagradF32(
          v,
          a,
          s(inputs, 2),
          g,
          i,
          n,
          row,
          rows,
          wide,
          ctx.attrs.update_slots === false ? 0 : 1,
        ),
    }),
    /** SparseApplyMomentum(var, accum, lr, grad, indices, momentum), attr use_nesterov. */
    SparseApplyMomentum: sparseApply(rt, {
      slots: ["accum"],
      grad: 3,
      indices: 4,
      call: (rt, [v, a, g, i], inputs, ctx, [n, row, rows, wide]) =>
        rt.fn.sparseApplyMomentumF32(
          v,
          a,
          s(inputs, 2),
          g,
          i,
          s(inputs, 5),
          n,
          row,
          rows,
          wide,
          attrBool(ctx.attrs, "use_nesterov") ? 1 : 0,
        ),
    }),
    /** SparseApplyRMSProp(var, ms, mom, lr, rho, momentum, epsilon, grad, indices). */
    SparseApplyRMSProp: sparseApply(rt, {
      slots: ["ms", "mom"],
      grad: 7,
      indices: 8,
      call: (rt, [v, ms, mom, g, i], inputs, _ctx, [n, row, rows, wide]) =>
        rt.fn.sparseApplyRMSPropF32(
          v,
          0,
          ms,
          mom,
          s(inputs, 3),
          s(inputs, 4),
          s(inputs, 5),
          s(inputs, 6),
          g,
          i,
          n,
          row,
          rows,
          wide,
        ),
    }),
    /** SparseApplyCenteredRMSProp(var, mg, ms, mom, lr, rho, momentum, epsilon, grad, indices). */
    SparseApplyCenteredRMSProp: sparseApply(rt, {
      slots: ["mg", "ms", "mom"],
      grad: 8,
      indices: 9,
      call: (rt, [v, mg, ms, mom, g, i], inputs, _ctx, [n, row, rows, wide]) =>
        rt.fn.sparseApplyRMSPropF32(
          v,
          mg,
          ms,
          mom,
          s(inputs, 4),
          s(inputs, 5),
          s(inputs, 6),
          s(inputs, 7),
          g,
          i,
          n,
          row,
          rows,
          wide,
        ),
    }),
  };
}
