// array_ops.cc, no_op.cc, state_ops.cc (Placeholder, Const, Identity, NoOp): the ops every graph has.
import { defineOps, outputs } from "../framework/op-def";

const { typeOf, typeList, none } = outputs;

export const basicDefs = defineOps({
  Const: { attrs: { value: "tensor", dtype: "type" }, outputs: typeOf("dtype") },
  Placeholder: { attrs: { dtype: "type", shape: "shape" }, outputs: typeOf("dtype") },
  PlaceholderWithDefault: { inputs: ["input"], attrs: { dtype: "type", shape: "shape" }, outputs: typeOf("dtype") },
  Identity: { inputs: ["input"], attrs: { T: "type" }, outputs: typeOf("T") },
  Snapshot: { inputs: ["input"], attrs: { T: "type" }, outputs: typeOf("T") },
  // array_ops.cc: IdentityN: each input passed through; custom_gradient.py overrides its gradient.
  IdentityN: { inputs: [{ name: "input", typeListAttr: "T" }], attrs: { T: "list(type)" }, outputs: typeList("T") },
  StopGradient: { inputs: ["input"], attrs: { T: "type" }, outputs: typeOf("T") },
  PreventGradient: { inputs: ["input"], attrs: { T: "type", message: "string" }, outputs: typeOf("T") },
  NoOp: { outputs: none },
  Assert: {
    inputs: ["condition", { name: "data", typeListAttr: "T" }],
    attrs: { T: "list(type)", summarize: "int" },
    outputs: none,
  },
});
