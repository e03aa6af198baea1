// Ops that only relabel their input (identity_op.cc, reshape_op.h), and NoOp (no_op.cc). On the device a relabel
// returns a view of the input's block, so a graph's Identity reads and reshapes never copy. Blocks are
// reference-counted by pointer, so the view and its source share one block safely.
import type { Kernel, NDArray } from "@scopeflow/core/kernels";
import { bindCall, bytesOf, intsOf, kernelError, type NativeKernel, native, type Runtime } from "../runtime";

/**
 * Planned relabels: the Session aliases the input's bytes where the input stays put for the plan's life (planAlias);
 * elsewhere (a planned buffer of the run, which the planner may reuse after its last reader) a bound copy.
 */
function planCopy(rt: Runtime) {
  return ([x]: readonly NDArray[], [out]: readonly NDArray[]) => {
    if (out.dtype !== x.dtype || out.size !== x.size) return undefined;
    const bytes = x.size * bytesOf(x.dtype);
    return bindCall(
      rt,
      [x, out],
      null,
      (_fn, [px, po]) =>
        () =>
          rt.copyWithin(po, px, bytes),
      "sumF32",
    );
  };
}

const ANY = ["float32", "int32", "int64", "bool", "uint8", "float64"];

/** Identity-like: the input itself (the Session retains it once more for the output slot). */
function identity(rt: Runtime): NativeKernel {
  const kernel: Kernel = ([x]) => [x];
  return Object.assign(native(kernel, [], { dtypes: ANY }), { planCall: planCopy(rt), planAlias: true });
}

/** reshape_op.h: ReshapeOp::Compute, one -1 inferred; the output views the input's elements. */
function reshape(rt: Runtime): NativeKernel {
  const kernel = native(
    ([x, shapeArg], ctx) => {
      const shape = intsOf(shapeArg);
      const unknown = shape.indexOf(-1);
      for (let d = 0; d < shape.length; d++) {
        // reshape_op.h: ReshapeOp::ValidateSizes
        if (shape[d] === -1 && d !== unknown) {
          throw kernelError(ctx, "InvalidArgumentError", `Only one input size may be -1, not both ${unknown} and ${d}`);
        }
        if (shape[d] < -1) {
          throw kernelError(ctx, "InvalidArgumentError", `Size ${d} must be non-negative, not ${shape[d]}`);
        }
      }
      const known = shape.reduce((acc, d, i) => (i === unknown ? acc : acc * d), 1);
      if (unknown >= 0) {
        if (known === 0 ? x.size !== 0 : x.size % known !== 0) {
          // reshape_op.h: ReshapeOp::Compute
          throw kernelError(
            ctx,
            "InvalidArgumentError",
            `Input to reshape is a tensor with ${x.size} values, but the requested shape requires a multiple of ${known}`,
          );
        }
        shape[unknown] = known === 0 ? 0 : x.size / known;
      } else if (known !== x.size) {
        // reshape_op.h: ReshapeOp::Compute
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `Input to reshape is a tensor with ${x.size} values, but the requested shape has ${known}`,
        );
      }
      if (x.size === 0) return [new rt.NDArray(x.dtype, shape)];
      return rt.scoped(() => [rt.result(x.dtype, shape, rt.view(x))]);
    },
    [],
    { dtypes: ANY },
  );
  return Object.assign(kernel, { planCall: planCopy(rt), planAlias: true, planConstantInputs: [1] });
}

/** no_op.cc: NoOp (tf.group's op) computes nothing; it runs natively so a planned run never leaves the device for it. */
const noOp: NativeKernel = native(() => [], [], { dtypes: ANY });

export function viewKernels(rt: Runtime) {
  return {
    NoOp: noOp,
    Identity: identity(rt),
    Snapshot: identity(rt),
    StopGradient: identity(rt),
    PreventGradient: identity(rt),
    Reshape: reshape(rt),
  };
}
