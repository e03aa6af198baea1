// control_flow_ops.cc: SwitchOp, MergeOp, ControlTriggerOp, and identity_op.cc's RefIdentity. Dead tensors are the executor's (executor.cc): a kernel
// marks an output dead by leaving its entry empty (a Switch's untaken branch), and a Merge sees its dead inputs as
// empty entries.
import { InternalError, InvalidArgumentError } from "../../errors";
import { NDArray } from "../../framework/ndarray";
import type { Kernel } from "../contract";

/** SwitchOp::Compute: `data` to output 1 when `pred` holds, else to output 0; the other output stays dead. */
const switchKernel: Kernel = ([data, pred], ctx) => {
  if (pred.shape.length !== 0) {
    throw new InvalidArgumentError(
      `The second input must be a scalar, but it has shape [${pred.shape.join(",")}]\n\t [[{{node ${ctx.opName}}}]]`,
    );
  }
  const outputs: NDArray[] = new Array(2);
  outputs[pred.data[0] ? 1 : 0] = data;
  return outputs;
};

/** MergeOp::Compute: the first live input and its index (TF's executor runs a Merge on its first live input). */
const mergeKernel: Kernel = (inputs, ctx) => {
  for (let i = 0; i < inputs.length; i++) {
    const value = inputs[i];
    if (value !== undefined) return [value, new NDArray("int32", [], new Int32Array([i]))];
  }
  // executor.cc runs a Merge only with a live input; a direct call without one is a caller's bug.
  throw new InternalError(`Merge '${ctx.opName}' was run without a live input`);
};

export const controlFlowKernels = {
  Switch: switchKernel,
  RefSwitch: switchKernel,
  Merge: mergeKernel,
  RefMerge: mergeKernel,
  RefIdentity: (inputs) => [inputs[0]],
  ControlTrigger: () => [],
  // The frame ops only forward their input: frames and iterations are the executor's (session/loop-frames.ts).
  Enter: (inputs) => [inputs[0]],
  RefEnter: (inputs) => [inputs[0]],
  Exit: (inputs) => [inputs[0]],
  RefExit: (inputs) => [inputs[0]],
  NextIteration: (inputs) => [inputs[0]],
  RefNextIteration: (inputs) => [inputs[0]],
  LoopCond: (inputs, ctx) => {
    if (inputs[0].shape.length !== 0) {
      // control_flow_ops.cc: LoopCondOp::Compute
      throw new InvalidArgumentError(`The input of LoopCond must be a scalar.\n\t [[{{node ${ctx.opName}}}]]`);
    }
    return [inputs[0]];
  },
} satisfies Record<string, Kernel>;
