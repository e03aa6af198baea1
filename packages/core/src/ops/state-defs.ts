// state_ops.cc, random_ops.cc, training_ops.cc: variables and their updates, random numbers, optimizer updates.
import { bool } from "../framework/dtypes";
import { defineOps, outputs } from "../framework/op-def";

const { typeOf, fixed } = outputs;

const ref = (name: string) => ({ name, ref: true });
const random = { seed: "int", seed2: "int", dtype: "type", T: "type" } as const;

export const stateDefs = defineOps({
  VariableV2: {
    attrs: { shape: "shape", dtype: "type", container: "string", shared_name: "string" },
    outputs: typeOf("dtype"),
    isVariable: true,
  },
  Assign: {
    inputs: [ref("ref"), "value"],
    attrs: { T: "type", validate_shape: "bool", use_locking: "bool" },
    outputs: typeOf("T"),
    refOutput: true,
  },
  AssignAdd: {
    inputs: [ref("ref"), "value"],
    attrs: { T: "type", use_locking: "bool" },
    outputs: typeOf("T"),
    refOutput: true,
  },
  AssignSub: {
    inputs: [ref("ref"), "value"],
    attrs: { T: "type", use_locking: "bool" },
    outputs: typeOf("T"),
    refOutput: true,
  },
  IsVariableInitialized: { inputs: [ref("ref")], attrs: { dtype: "type" }, outputs: fixed(bool) },
  RandomUniform: { inputs: ["shape"], attrs: random, outputs: typeOf("dtype") },
  RandomStandardNormal: { inputs: ["shape"], attrs: random, outputs: typeOf("dtype") },
  TruncatedNormal: { inputs: ["shape"], attrs: random, outputs: typeOf("dtype") },
  RandomUniformInt: {
    inputs: ["shape", "minval", "maxval"],
    attrs: { seed: "int", seed2: "int", Tout: "type", T: "type" },
    outputs: typeOf("Tout"),
  },
  ApplyGradientDescent: {
    inputs: [ref("var"), "alpha", "delta"],
    attrs: { T: "type", use_locking: "bool" },
    outputs: typeOf("T"),
  },
  ApplyMomentum: {
    inputs: [ref("var"), ref("accum"), "lr", "grad", "momentum"],
    attrs: { T: "type", use_locking: "bool", use_nesterov: "bool" },
    outputs: typeOf("T"),
  },
  ApplyAdagrad: {
    inputs: [ref("var"), ref("accum"), "lr", "grad"],
    attrs: { T: "type", use_locking: "bool", update_slots: "bool" },
    outputs: typeOf("T"),
  },
  ApplyRMSProp: {
    inputs: [ref("var"), ref("ms"), ref("mom"), "lr", "rho", "momentum", "epsilon", "grad"],
    attrs: { T: "type", use_locking: "bool" },
    outputs: typeOf("T"),
  },
  ApplyCenteredRMSProp: {
    inputs: [ref("var"), ref("mg"), ref("ms"), ref("mom"), "lr", "rho", "momentum", "epsilon", "grad"],
    attrs: { T: "type", use_locking: "bool" },
    outputs: typeOf("T"),
  },
  ApplyAdam: {
    inputs: [ref("var"), ref("m"), ref("v"), "beta1_power", "beta2_power", "lr", "beta1", "beta2", "epsilon", "grad"],
    attrs: { T: "type", use_locking: "bool", use_nesterov: "bool" },
    outputs: typeOf("T"),
  },
});
