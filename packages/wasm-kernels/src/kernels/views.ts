// Ops that only relabel their input (identity_op.cc, reshape_op.h), and NoOp (no_op.cc). On the device a relabel
// returns a view of the input's block, so a graph's Identity reads and reshapes never copy. Blocks are
// reference-counted by pointer, so the view and its source share one block safely.
import type { InputSpec, KernelContext, NDArray, PreparedKernel, TensorSpec } from "@scopeflow/core/kernels";
import {
  attrNumbers,
  bytesOf,
  intsOf,
  kernelError,
  type NativeKernel,
  native,
  pointerCall,
  type Runtime,
} from "../runtime";

/**
 * A relabel of input 0 as `output`: an eager run returns a view of the input's block (`view`), a copy for a host
 * input. Planned, the Session aliases the input's bytes where the input stays put for the plan's life (`alias`);
 * elsewhere (a planned buffer of the run, which the planner may reuse after its last reader) a bound copy.
 */
function relabel(rt: Runtime, output: TensorSpec, view: (x: NDArray) => NDArray): PreparedKernel {
  const bytes = sizeOfSpec(output) * bytesOf(output.dtype);
  // Pointers are [inputs..., output]: Reshape's shape input sits between.
  const copy = () => pointerCall(rt, [output], null, (p) => () => rt.copyWithin(p[p.length - 1], p[0], bytes));
  return {
    outputs: [output],
    alias: true,
    run: ([x]) => [view(x)],
    bind: (inputs, outputs) => copy().bind?.(inputs, outputs),
  };
}

function sizeOfSpec(spec: TensorSpec): number {
  let n = 1;
  for (const d of spec.shape) n *= d;
  return n;
}

const ANY = ["float32", "int32", "int64", "bool", "uint8", "float64"];

/** Identity-like: the input itself (the Session retains it once more for the output slot). */
function identity(rt: Runtime): NativeKernel {
  return native(([x]) => relabel(rt, { dtype: x.dtype, shape: x.shape }, (input) => input), [], { dtypes: ANY });
}

/** reshape_op.h: ReshapeOp::Compute, one -1 inferred; the output views the input's elements. */
function reshapeTarget(ctx: KernelContext, size: number, shapeArg: InputSpec): number[] {
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
    if (known === 0 ? size !== 0 : size % known !== 0) {
      // reshape_op.h: ReshapeOp::Compute
      throw kernelError(
        ctx,
        "InvalidArgumentError",
        `Input to reshape is a tensor with ${size} values, but the requested shape requires a multiple of ${known}`,
      );
    }
    shape[unknown] = known === 0 ? 0 : size / known;
  } else if (known !== size) {
    // reshape_op.h: ReshapeOp::Compute
    throw kernelError(
      ctx,
      "InvalidArgumentError",
      `Input to reshape is a tensor with ${size} values, but the requested shape has ${known}`,
    );
  }
  return shape;
}

/** A relabel of input 0 as `shape` (Reshape, ExpandDims): a view of the input's block on the device. */
function reshaped(rt: Runtime, x: InputSpec, shape: number[]): PreparedKernel {
  return relabel(rt, { dtype: x.dtype, shape }, (input) =>
    input.size === 0
      ? new rt.NDArray(input.dtype, shape)
      : rt.scoped(() => rt.result(input.dtype, shape, rt.view(input))),
  );
}

function reshape(rt: Runtime): NativeKernel {
  return native(([x, shapeArg], ctx) => reshaped(rt, x, reshapeTarget(ctx, sizeOfSpec(x), shapeArg)), [], {
    dtypes: ANY,
    valueInputs: [1],
  });
}

/** array_ops.cc: ExpandDims: a 1 inserted at dim in [-rank-1, rank]. */
function expandDims(rt: Runtime): NativeKernel {
  return native(
    ([x, dimArg], ctx) => {
      const dim = intsOf(dimArg)[0];
      const rank = x.shape.length;
      const at = dim < 0 ? dim + rank + 1 : dim;
      if (!(at >= 0 && at <= rank)) {
        // array_ops.cc: ExpandDims
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `Tried to expand dim index ${dim} for tensor with ${rank} dimensions.`,
        );
      }
      const shape = [...x.shape];
      shape.splice(at, 0, 1);
      return reshaped(rt, x, shape);
    },
    [],
    { dtypes: ANY, valueInputs: [1] },
  );
}

/** array_ops.cc: Squeeze: the squeeze_dims (each of size 1), or every size-1 dim when none are named. */
function squeeze(rt: Runtime): NativeKernel {
  return native(
    ([x], ctx) => {
      const rank = x.shape.length;
      const named = attrNumbers(ctx.attrs, "squeeze_dims", []);
      const dims = named.map((d) => {
        if (d < -rank || d >= rank) {
          // shape_op.h: SqueezeOp::Compute
          throw kernelError(
            ctx,
            "InvalidArgumentError",
            `Tried to squeeze dim index ${d} for tensor with ${rank} dimensions.`,
          );
        }
        return d < 0 ? d + rank : d;
      });
      for (const d of dims) {
        if (x.shape[d] !== 1) {
          // shape_op.h: SqueezeOp::Compute
          throw kernelError(
            ctx,
            "InvalidArgumentError",
            `Can not squeeze dim[${d}], expected a dimension of 1, got ${x.shape[d]}`,
          );
        }
      }
      const shape = x.shape.filter((d, i) => (dims.length === 0 ? d !== 1 : !dims.includes(i)));
      return reshaped(rt, x, shape);
    },
    [],
    { dtypes: ANY },
  );
}

/** no_op.cc: NoOp (tf.group's op) computes nothing; it runs natively so a planned run never leaves the device for it. */
const NO_OUTPUTS: PreparedKernel = { outputs: [], run: () => [], bind: () => ({ run: () => {}, release: () => {} }) };
const noOp: NativeKernel = native(() => NO_OUTPUTS, [], { dtypes: ANY });

export function viewKernels(rt: Runtime) {
  return {
    NoOp: noOp,
    Identity: identity(rt),
    Snapshot: identity(rt),
    StopGradient: identity(rt),
    PreventGradient: identity(rt),
    Reshape: reshape(rt),
    ExpandDims: expandDims(rt),
    Squeeze: squeeze(rt),
  };
}
