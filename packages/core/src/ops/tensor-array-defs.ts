// data_flow_ops.cc: the TensorArrayV3 op family (TF 1.15's tf.TensorArray). The handle output is a string vector
// (TensorArrayV2's [container, name] handle) where TF 1.15 has a resource scalar: scopeflow has no resource dtype;
// the flow output orders reads after writes as in TF.
import { float32, int32, int64, string } from "../framework/dtypes";
import { defineOps, outputs } from "../framework/op-def";

const { typeOf, concat, fixed, none } = outputs;

export const tensorArrayDefs = defineOps({
  /** A new TensorArray of `size` elements: its handle and its flow. */
  TensorArrayV3: {
    inputs: ["size"],
    attrs: {
      dtype: "type",
      element_shape: "shape",
      dynamic_size: "bool",
      clear_after_read: "bool",
      identical_element_shapes: "bool",
      tensor_array_name: "string",
    },
    outputs: concat(fixed(string), fixed(float32)),
  },
  TensorArrayWriteV3: {
    inputs: ["handle", "index", "value", "flow_in"],
    attrs: { T: "type" },
    outputs: fixed(float32),
  },
  TensorArrayReadV3: { inputs: ["handle", "index", "flow_in"], attrs: { dtype: "type" }, outputs: typeOf("dtype") },
  TensorArrayGatherV3: {
    inputs: ["handle", "indices", "flow_in"],
    attrs: { dtype: "type", element_shape: "shape" },
    outputs: typeOf("dtype"),
  },
  TensorArrayScatterV3: {
    inputs: ["handle", "indices", "value", "flow_in"],
    attrs: { T: "type" },
    outputs: fixed(float32),
  },
  TensorArrayConcatV3: {
    inputs: ["handle", "flow_in"],
    attrs: { dtype: "type", element_shape_except0: "shape" },
    outputs: concat(typeOf("dtype"), fixed(int64)),
  },
  TensorArraySplitV3: {
    inputs: ["handle", "value", "lengths", "flow_in"],
    attrs: { T: "type" },
    outputs: fixed(float32),
  },
  /** The gradient TensorArray of `handle` for the gradient computation `source` (made on first use). */
  TensorArrayGradV3: {
    inputs: ["handle", "flow_in"],
    attrs: { source: "string" },
    outputs: concat(fixed(string), fixed(float32)),
  },
  TensorArraySizeV3: { inputs: ["handle", "flow_in"], outputs: fixed(int32) },
  TensorArrayCloseV3: { inputs: ["handle"], outputs: none },
});
