// logging_ops.cc, array_ops.cc (TF 1.15): Print (an Identity that logs its data inputs) and CheckNumerics.
import { defineOps, outputs } from "../framework/op-def";

const { typeOf } = outputs;

export const loggingDefs = defineOps({
  Print: {
    inputs: ["input", { name: "data", typeListAttr: "U" }],
    attrs: { T: "type", U: "list(type)", message: "string", first_n: "int", summarize: "int" },
    outputs: typeOf("T"),
  },
  CheckNumerics: { inputs: ["tensor"], attrs: { T: "type", message: "string" }, outputs: typeOf("T") },
});
