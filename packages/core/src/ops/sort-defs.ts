// nn_ops.cc (TF 1.15): TopKV2 (k an input), the op tf.nn.top_k, tf.sort and tf.argsort build.
import { int32 } from "../framework/dtypes";
import { defineOps, outputs } from "../framework/op-def";

const { typeOf, fixed, concat } = outputs;

export const sortDefs = defineOps({
  TopKV2: { inputs: ["input", "k"], attrs: { sorted: "bool", T: "type" }, outputs: concat(typeOf("T"), fixed(int32)) },
});
