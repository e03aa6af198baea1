// dataset_ops.cc (TF 1.15's tf.data graph ops): the datasets and the iterator an Estimator's input_fn builds, as
// `model.ckpt-*.meta` files hold them. scopeflow imports, shows and exports them; their kernels fail as TF's
// executor does for an op without a kernel. A dataset's handle (DT_VARIANT) and an iterator's (DT_RESOURCE) are
// string scalars here, as the TensorArray and stack handles are: scopeflow has neither dtype, and no attr of these
// ops spells the handle's dtype.
import { string } from "../framework/dtypes";
import { defineOps, outputs } from "../framework/op-def";

const { fixed, none, typeList } = outputs;

const handle = fixed(string);
const shapes = { output_types: "list(type)", output_shapes: "list(shape)" } as const;

export const datasetDefs = defineOps({
  /** A dataset of one element, `components`. */
  TensorDataset: {
    inputs: [{ name: "components", typeListAttr: "Toutput_types" }],
    attrs: { Toutput_types: "list(type)", output_shapes: "list(shape)" },
    outputs: handle,
  },
  /** The datasets `f` maps each element of `input_dataset` to, one after the other. */
  FlatMapDataset: {
    inputs: ["input_dataset", { name: "other_arguments", typeListAttr: "Targuments" }],
    attrs: { f: "func", Targuments: "list(type)", ...shapes },
    outputs: handle,
  },
  /** `input_dataset` in batches of `batch_size` elements. */
  BatchDatasetV2: {
    inputs: ["input_dataset", "batch_size", "drop_remainder"],
    attrs: { parallel_copy: "bool", ...shapes },
    outputs: handle,
  },
  /** `input_dataset` `count` times (-1: forever). */
  RepeatDataset: { inputs: ["input_dataset", "count"], attrs: shapes, outputs: handle },
  /** `input_dataset` with the tf.data graph rewrites `optimizations` names. */
  OptimizeDataset: {
    inputs: ["input_dataset", "optimizations"],
    attrs: { ...shapes, optimization_configs: "list(string)" },
    outputs: handle,
  },
  /** `input_dataset` with tf.data's autotuning model. */
  ModelDataset: { inputs: ["input_dataset"], attrs: { cpu_budget: "int", ...shapes }, outputs: handle },
  /** An iterator, uninitialized until a MakeIterator. */
  IteratorV2: { attrs: { shared_name: "string", container: "string", ...shapes }, outputs: handle },
  /** Makes `iterator` iterate over `dataset`. */
  MakeIterator: { inputs: ["dataset", "iterator"], outputs: none },
  /** The iterator's handle as a string (for feedable iterators). */
  IteratorToStringHandle: { inputs: ["resource_handle"], outputs: fixed(string) },
  /** The iterator's next element, one output per component. */
  IteratorGetNext: { inputs: ["iterator"], attrs: shapes, outputs: typeList("output_types") },
});
