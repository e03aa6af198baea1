// Select (cwise_op_select.cc: SelectOp) and L2Loss (l2loss_op.cc): the two numeric ops tf.losses adds around a loss
// (compute_weighted_loss's where, a regularizer's l2_loss) that a training step would otherwise leave wasm for.
import type { InputSpec, KernelContext } from "@scopeflow/core/kernels";
import { kernelError, type NativeKernel, native, pointerCall, type Runtime, sizeOf, variantOf } from "../runtime";

const dims = (shape: readonly number[]) => `[${shape.join(",")}]`;
const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/** SelectOp::Compute: ComputeScalar, ComputeBroadcasting or ComputeElementwise; `inner` elements per cond value. */
function innerOf(ctx: KernelContext, cond: InputSpec, then: InputSpec, other: InputSpec): number {
  const fail = (message: string) => kernelError(ctx, "InvalidArgumentError", message);
  const n = sizeOf(then.shape);
  if (cond.shape.length === 0) {
    if (!same(then.shape, other.shape)) {
      throw fail(
        `'then' and 'else' must have the same size.  but received: ${dims(then.shape)} vs. ${dims(other.shape)}`,
      );
    }
    return Math.max(n, 1);
  }
  if (cond.shape.length === 1 && then.shape.length !== 1) {
    if (!same(then.shape, other.shape)) {
      throw fail(
        `'then' and 'else' must have the same size.  but received: ${dims(then.shape)} vs. ${dims(other.shape)}`,
      );
    }
    if (then.shape.length === 0 || then.shape[0] !== cond.shape[0]) {
      throw fail(
        `Number of batches of 'then' must match size of 'cond', but saw: ${then.shape[0] ?? 0} vs. ${cond.shape[0]}`,
      );
    }
    return Math.max(sizeOf(then.shape.slice(1)), 1);
  }
  if (!same(cond.shape, then.shape)) {
    throw fail(`'cond' and 'then' must have the same size.  but received: ${dims(cond.shape)} vs. ${dims(then.shape)}`);
  }
  if (!same(then.shape, other.shape)) {
    throw fail(
      `'then' and 'else' must have the same size.  but received: ${dims(then.shape)} vs. ${dims(other.shape)}`,
    );
  }
  return 1;
}

function select(rt: Runtime): NativeKernel {
  return native(
    ([cond, then, other], ctx) => {
      variantOf(ctx, then.dtype, ["F32", "I32"]);
      const inner = innerOf(ctx, cond, then, other);
      const n = sizeOf(then.shape);
      const fn = rt.fn.select32;
      return pointerCall(
        rt,
        [{ dtype: then.dtype, shape: then.shape }],
        null,
        ([pc, px, py, out]) =>
          () =>
            fn(pc, px, py, out, n, inner),
      );
    },
    ["F32", "I32"],
    { typedInput: 1 },
  );
}

function l2Loss(rt: Runtime): NativeKernel {
  return native(
    ([x], ctx) => {
      variantOf(ctx, x.dtype, ["F32"]);
      const n = sizeOf(x.shape);
      const fn = rt.fn.l2LossF32;
      // An empty x still has a (zero) loss: the eager run fills it (pointerCall runs no call for empty inputs there).
      return pointerCall(
        rt,
        [{ dtype: x.dtype, shape: [] }],
        null,
        ([px, out]) =>
          () =>
            fn(px, n, out),
      );
    },
    ["F32"],
  );
}

export function selectKernels(rt: Runtime) {
  return { Select: select(rt), L2Loss: l2Loss(rt) };
}
