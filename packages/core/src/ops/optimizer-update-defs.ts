// training_ops.cc (REGISTER_OP): the updates of the Adadelta, Ftrl, ProximalGradientDescent, ProximalAdagrad and
// AdagradDA optimizers, dense (Apply*) and row-wise (SparseApply*). Their outputs are var's reference.
import { defineOps, outputs } from "../framework/op-def";

const { typeOf } = outputs;

const ref = (name: string) => ({ name, ref: true });
const dense = { T: "type", use_locking: "bool" } as const;
const sparse = { T: "type", Tindices: "type", use_locking: "bool" } as const;
const update = { outputs: typeOf("T"), refOutput: true } as const;

export const optimizerUpdateDefs = defineOps({
  ApplyAdadelta: {
    inputs: [ref("var"), ref("accum"), ref("accum_update"), "lr", "rho", "epsilon", "grad"],
    attrs: dense,
    ...update,
  },
  SparseApplyAdadelta: {
    inputs: [ref("var"), ref("accum"), ref("accum_update"), "lr", "rho", "epsilon", "grad", "indices"],
    attrs: sparse,
    ...update,
  },
  ApplyFtrl: {
    inputs: [ref("var"), ref("accum"), ref("linear"), "grad", "lr", "l1", "l2", "lr_power"],
    attrs: dense,
    ...update,
  },
  SparseApplyFtrl: {
    inputs: [ref("var"), ref("accum"), ref("linear"), "grad", "indices", "lr", "l1", "l2", "lr_power"],
    attrs: sparse,
    ...update,
  },
  ApplyFtrlV2: {
    inputs: [ref("var"), ref("accum"), ref("linear"), "grad", "lr", "l1", "l2", "l2_shrinkage", "lr_power"],
    attrs: dense,
    ...update,
  },
  SparseApplyFtrlV2: {
    inputs: [ref("var"), ref("accum"), ref("linear"), "grad", "indices", "lr", "l1", "l2", "l2_shrinkage", "lr_power"],
    attrs: sparse,
    ...update,
  },
  ApplyProximalGradientDescent: {
    inputs: [ref("var"), "alpha", "l1", "l2", "delta"],
    attrs: dense,
    ...update,
  },
  SparseApplyProximalGradientDescent: {
    inputs: [ref("var"), "alpha", "l1", "l2", "grad", "indices"],
    attrs: sparse,
    ...update,
  },
  ApplyProximalAdagrad: {
    inputs: [ref("var"), ref("accum"), "lr", "l1", "l2", "grad"],
    attrs: dense,
    ...update,
  },
  SparseApplyProximalAdagrad: {
    inputs: [ref("var"), ref("accum"), "lr", "l1", "l2", "grad", "indices"],
    attrs: sparse,
    ...update,
  },
  ApplyAdagradDA: {
    inputs: [
      ref("var"),
      ref("gradient_accumulator"),
      ref("gradient_squared_accumulator"),
      "grad",
      "lr",
      "l1",
      "l2",
      "global_step",
    ],
    attrs: dense,
    ...update,
  },
  SparseApplyAdagradDA: {
    inputs: [
      ref("var"),
      ref("gradient_accumulator"),
      ref("gradient_squared_accumulator"),
      "grad",
      "indices",
      "lr",
      "l1",
      "l2",
      "global_step",
    ],
    attrs: sparse,
    ...update,
  },
});
