// data_flow_ops.cc: StackV2, StackPushV2, StackPopV2, StackCloseV2: the stacks control_flow_state.py's
// _GradLoopState keeps a while loop's forward values in, pushed once per forward iteration and popped once per
// gradient iteration. The handle is a string vector ([container, name]) where TF 1.15 has a resource scalar, as the
// TensorArray handle is (tensor-array-defs.ts): scopeflow has no resource dtype.
import { string } from "../framework/dtypes";
import { defineOps, outputs } from "../framework/op-def";

const { typeOf, fixed, none } = outputs;

export const stackDefs = defineOps({
  /** A new, empty stack of `elem_type` elements (at most `max_size` when it is >= 0). */
  StackV2: { inputs: ["max_size"], attrs: { elem_type: "type", stack_name: "string" }, outputs: fixed(string) },
  /** Pushes `elem` and forwards it. */
  StackPushV2: { inputs: ["handle", "elem"], attrs: { T: "type", swap_memory: "bool" }, outputs: typeOf("T") },
  /** Pops the last element pushed. */
  StackPopV2: { inputs: ["handle"], attrs: { elem_type: "type" }, outputs: typeOf("elem_type") },
  StackCloseV2: { inputs: ["handle"], outputs: none },
});
