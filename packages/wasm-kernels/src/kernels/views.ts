// Ops that only relabel their input (identity_op.cc, reshape_op.h): on the device they return a view of the input's
// block, so a graph's Identity reads and reshapes never copy. Blocks are reference-counted by pointer, so the view
// and its source share one block safely.
import type { Kernel } from "@scopeflow/core/kernels";
import { intsOf, kernelError, type NativeKernel, native, type Runtime } from "../runtime";

const ANY = ["float32", "int32", "int64", "bool", "uint8", "float64"];

/** Identity-like: the input itself (the Session retains it once more for the output slot). */
function identity(): NativeKernel {
  const kernel: Kernel = ([x]) => [x];
  return native(kernel, [], { dtypes: ANY });
}

/** reshape_op.h: ReshapeOp::Compute, one -1 inferred; the output views the input's elements. */
function reshape(rt: Runtime): NativeKernel {
  return native(
    ([x, shapeArg], ctx) => {
      const shape = intsOf(shapeArg);
      const unknown = shape.indexOf(-1);
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
}

export function viewKernels(rt: Runtime) {
  return {
    Identity: identity(),
    Snapshot: identity(),
    StopGradient: identity(),
    PreventGradient: identity(),
    Reshape: reshape(rt),
  };
}
