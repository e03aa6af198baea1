// nn_ops.cc (TF 1.15): Selu and SeluGrad, the activations tf.nn.selu builds.
import { defineOps, outputs } from "../framework/op-def";

const { typeOf } = outputs;

export const nnExtraDefs = defineOps({
  Selu: { inputs: ["features"], attrs: { T: "type" }, outputs: typeOf("T") },
  SeluGrad: { inputs: ["gradients", "outputs"], attrs: { T: "type" }, outputs: typeOf("T") },
});
