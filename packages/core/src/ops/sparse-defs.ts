// sparse_ops.cc: SparseToDense (sparse_ops.sparse_to_dense; nn_impl.py's remove_accidental_hits builds it).
import { defineOps, outputs } from "../framework/op-def";

const { typeOf } = outputs;

export const sparseDefs = defineOps({
  SparseToDense: {
    inputs: ["sparse_indices", "output_shape", "sparse_values", "default_value"],
    attrs: { validate_indices: "bool", T: "type", Tindices: "type" },
    outputs: typeOf("T"),
  },
});
