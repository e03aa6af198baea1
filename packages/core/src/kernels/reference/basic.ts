// const_op.cc, identity_op.cc, placeholder_op.cc, logging_ops.cc (Assert): the kernels every graph needs.
import { InvalidArgumentError } from "../../errors";
import { cTypeName } from "../../framework/dtype-names";
import type { DType } from "../../framework/dtypes";
import type { NDArray } from "../../framework/ndarray";
import { shapeDebugString } from "../../framework/shape";
import type { Kernel } from "../contract";
import { summarizeValue } from "./summarize-value";

export const basicKernels = {
  Const: (_inputs, ctx) => [ctx.attrs.value as NDArray],
  Identity: (inputs) => [inputs[0]],
  IdentityN: (inputs) => inputs,
  StopGradient: (inputs) => [inputs[0]],
  PreventGradient: (inputs) => [inputs[0]],
  Snapshot: (inputs) => [inputs[0]],
  NoOp: () => [],
  // A Placeholder runs only when it was not fed: its kernel is the error (placeholder_op.cc: PlaceholderOp::Compute).
  Placeholder: (_inputs, ctx) => {
    const dims = (ctx.attrs.shape as { shape: (number | null)[] | null } | undefined)?.shape ?? null;
    // placeholder_op.cc: the shape only when its rank is known and not 0
    const shapeText = dims !== null && dims.length > 0 ? ` and shape ${shapeDebugString(dims)}` : "";
    throw new InvalidArgumentError(
      `You must feed a value for placeholder tensor '${ctx.opName}' with dtype ${cTypeName(ctx.attrs.dtype as DType)}${shapeText}\n\t [[{{node ${ctx.opName}}}]]`,
    );
  },
  // logging_ops.cc: AssertOp::Compute: the first `summarize` entries of each data tensor.
  Assert: ([condition, ...data], ctx) => {
    if (condition.size !== 1) {
      throw new InvalidArgumentError(
        `In[0] should be a scalar: [${condition.shape.join(",")}]\n\t [[{{node ${ctx.opName}}}]]`,
      );
    }
    if (condition.data[0]) return [];
    const summarize = typeof ctx.attrs.summarize === "number" ? ctx.attrs.summarize : 3;
    const text = data.map((t) => summarizeValue(t, summarize));
    throw new InvalidArgumentError(`assertion failed: [${text.join("] [")}]\n\t [[{{node ${ctx.opName}}}]]`);
  },
} satisfies Record<string, Kernel>;
