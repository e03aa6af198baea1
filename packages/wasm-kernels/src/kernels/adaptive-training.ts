// The SparseApply* row updates (training_ops.cc): SparseApplyAdagrad/Momentum/RMSProp/CenteredRMSProp take
// unique-index IndexedSlices gradients (an embedding's); the dense Apply* forms are training.ts's. In place as those
// update their refs; ref values come from the variable store (ctx.refName).
import type { KernelContext, NDArray } from "@scopeflow/core/kernels";
import { attrBool, eager, kernelError, type NativeKernel, type Runtime, scalarOf, variantOf } from "../runtime";
import { indexValue, wideOf } from "./indices";
import { storedRef } from "./scatter";

interface Spec {
  /** The slot inputs after var (refs), by TF's arg names. */
  readonly slots: readonly string[];
  readonly grad: number;
  /** The indices input of a SparseApply*; undefined for the dense Apply*. */
  readonly indices?: number;
  /**
   * Calls the export over [var, slots..., grad, indices?] pointers and, for a sparse update, [count, rowSize, rows,
   * wide]; a sparse call returns -1 or the position of the first index out of range.
   */
  readonly call: (rt: Runtime, ptrs: number[], inputs: NDArray[], ctx: KernelContext, sizes: number[]) => number;
}

const dims = (shape: readonly number[]) => `[${shape.join(",")}]`;
const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

/** training_ops.cc: SparseApply*Op::Compute's checks on var, indices and grad, in its order. */
function checkSparse(ctx: KernelContext, v: NDArray, grad: NDArray, indices: NDArray): void {
  const fail = (message: string) => kernelError(ctx, "InvalidArgumentError", message);
  if (v.rank < 1) throw fail("var must be at least 1 dimensional");
  if (indices.rank !== 1) throw fail("indices must be one-dimensional");
  for (let d = 1; d < v.rank; d++) {
    if (grad.shape[d] !== v.shape[d]) throw fail(`var and grad must match in dimension ${d}`);
  }
  if (v.shape.slice(1).reduce((a, b) => a * b, 1) <= 0) throw fail("Inner dimension should be greater than zero.");
  if (grad.shape[0] !== indices.shape[0]) throw fail("grad must be the same size as indices in the first dimension.");
}

function applyKernel(rt: Runtime, spec: Spec): NativeKernel {
  return eager(
    (inputs, ctx) => {
      const refs = [0, ...spec.slots.map((_, k) => k + 1)].map((i) => storedRef(ctx, i));
      const v = refs[0].value;
      variantOf(ctx, v.dtype, ["F32"]);
      refs.slice(1).forEach((slot, k) => {
        if (!sameShape(slot.value.shape, v.shape)) {
          // training_ops.cc: Apply*Op::Compute / SparseApply*Op::Compute
          throw kernelError(
            ctx,
            "InvalidArgumentError",
            `var and ${spec.slots[k]} do not have the same shape${dims(v.shape)} ${dims(slot.value.shape)}`,
          );
        }
      });
      const grad = inputs[spec.grad];
      const indices = spec.indices === undefined ? undefined : inputs[spec.indices];
      if (indices === undefined && !sameShape(grad.shape, v.shape)) {
        // training_ops.cc: Apply*Op::Compute
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `var and grad do not have the same shape${dims(v.shape)} ${dims(grad.shape)}`,
        );
      }
      if (indices !== undefined) checkSparse(ctx, v, grad, indices);
      if ((indices ?? v).size === 0) return [v];
      return rt.scoped(() => {
        const pi = indices === undefined ? 0 : rt.input(indices);
        const ptrs = refs.map((r) => rt.inPlace(r.value));
        const sizes =
          indices === undefined ? [v.size] : [indices.size, v.size / v.shape[0], v.shape[0], wideOf(indices)];
        const bad = spec.call(rt, [...ptrs, rt.input(grad), pi], inputs, ctx, sizes);
        if (indices !== undefined && bad >= 0) {
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
const updateSlots = (ctx: KernelContext) => (ctx.attrs.update_slots === false ? 0 : 1);

export function adaptiveTrainingKernels(rt: Runtime) {
  return {
    /** SparseApplyAdagrad(var, accum, lr, grad, indices), attr update_slots (default true). */
    SparseApplyAdagrad: applyKernel(rt, {
      slots: ["accum"],
      grad: 3,
      indices: 4,
      call: (rt, [v, a, g, i], inputs, ctx, [n, row, rows, wide]) =>
        rt.fn.sparseApplyAdagradF32(v, a, s(inputs, 2), g, i, n, row, rows, wide, updateSlots(ctx)),
    }),
    /** SparseApplyMomentum(var, accum, lr, grad, indices, momentum), attr use_nesterov. */
    SparseApplyMomentum: applyKernel(rt, {
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
    SparseApplyRMSProp: applyKernel(rt, {
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
    SparseApplyCenteredRMSProp: applyKernel(rt, {
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
