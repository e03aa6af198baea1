// const_op.cc, identity_op.cc: the kernels every graph needs.
import type { NDArray } from "../../framework/ndarray";
import type { Kernel } from "../contract";

export const basicKernels = {
  Const: (_inputs, ctx) => [ctx.attrs.value as NDArray],
  Identity: (inputs) => [inputs[0]],
  StopGradient: (inputs) => [inputs[0]],
  PreventGradient: (inputs) => [inputs[0]],
  Snapshot: (inputs) => [inputs[0]],
  NoOp: () => [],
} satisfies Record<string, Kernel>;
