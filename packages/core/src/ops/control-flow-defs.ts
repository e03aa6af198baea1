// control_flow_ops.cc: Switch, RefSwitch, Merge, RefMerge, ControlTrigger, and array_ops.cc's RefIdentity (the
// Identity control_flow_ops.py's _Identity makes of a reference): TF 1.x's v1 conditionals (tf.cond); Enter, RefEnter,
// Exit, RefExit, NextIteration, RefNextIteration and LoopCond: its v1 while loops.
import { bool, int32 } from "../framework/dtypes";
import { defineOps, outputs } from "../framework/op-def";

const { typeOf, repeat, concat, fixed, none } = outputs;

export const controlFlowDefs = defineOps({
  /** Forwards `data` to output_true when `pred` holds, else to output_false; the other output is dead. */
  Switch: { inputs: ["data", "pred"], attrs: { T: "type" }, outputs: repeat(2, "T") },
  /** Switch of a reference: both outputs stay references to the variable. */
  RefSwitch: {
    inputs: [{ name: "data", ref: true }, "pred"],
    attrs: { T: "type" },
    outputs: repeat(2, "T"),
    refOutputs: [0, 1],
  },
  /** Forwards its one live input (output) and that input's position (value_index). */
  Merge: {
    inputs: [{ name: "inputs", numberAttr: "N" }],
    attrs: { T: "type", N: "int" },
    outputs: concat(typeOf("T"), fixed(int32)),
  },
  /** Merge of references (control_flow_ops.py: merge when every input is a reference). */
  RefMerge: {
    inputs: [{ name: "inputs", ref: true, numberAttr: "N" }],
    attrs: { T: "type", N: "int" },
    outputs: concat(typeOf("T"), fixed(int32)),
    refOutputs: [0],
  },
  /** Forwards a variable's reference (reading an uninitialized one is no error until the reference is read). */
  RefIdentity: { inputs: [{ name: "input", ref: true }], attrs: { T: "type" }, outputs: typeOf("T"), refOutput: true },
  /** Does nothing, and runs even when its control inputs are dead (executor.cc). */
  ControlTrigger: { outputs: none },
  // control_flow_ops.cc: the v1 while loop's frame ops (tf.whileLoop).
  /** Forwards `data` into the child frame `frame_name` (each iteration when `is_constant`). */
  Enter: {
    inputs: ["data"],
    attrs: { T: "type", frame_name: "string", is_constant: "bool", parallel_iterations: "int" },
    outputs: typeOf("T"),
  },
  /** Enter of a reference. */
  RefEnter: {
    inputs: [{ name: "data", ref: true }],
    attrs: { T: "type", frame_name: "string", is_constant: "bool", parallel_iterations: "int" },
    outputs: typeOf("T"),
    refOutput: true,
  },
  /** Forwards `data` from a frame to its parent frame. */
  Exit: { inputs: ["data"], attrs: { T: "type" }, outputs: typeOf("T") },
  RefExit: { inputs: [{ name: "data", ref: true }], attrs: { T: "type" }, outputs: typeOf("T"), refOutput: true },
  /** Makes its input available to the next iteration (the back edge into the loop's Merge). */
  NextIteration: { inputs: ["data"], attrs: { T: "type" }, outputs: typeOf("T") },
  RefNextIteration: {
    inputs: [{ name: "data", ref: true }],
    attrs: { T: "type" },
    outputs: typeOf("T"),
    refOutput: true,
  },
  /** Forwards the loop's predicate: the pivot the loop's Switches route on. */
  LoopCond: { inputs: ["input"], outputs: fixed(bool) },
});
