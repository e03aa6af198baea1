// tf.layers.dense against a graph TensorFlow wrote: estimator_model_dir/graph.pbtxt (TF 1.14, model.py:
// `hidden = tf.layers.dense(features, 4)`, `predictions = tf.layers.dense(hidden, 1)` on [?, 2] features).
import { describe, expect, it } from "vitest";
import { tensorProtoToNdarray } from "../framework/tensor-proto";
import { decodeGraphDef, encodeGraphDef } from "../graphdef/graphdef-codec";
import { fixture } from "../graphdef/test-fixture";
import * as tf from "../index";
import { parseTextMessage } from "../proto/text-format";
import type { GraphDef, NodeDef } from "../proto/types";

const PBTXT = "estimator_model_dir/graph.pbtxt";

describe("tf.layers.dense: TF's own GraphDef", () => {
  it("estimator_model_dir/graph.pbtxt: every dense and dense_1 node, attr by attr (with _output_shapes)", () => {
    const theirs = parseTextMessage<GraphDef>("GraphDef", new TextDecoder().decode(fixture(PBTXT)), PBTXT);
    const g = new tf.Graph();
    g.asDefault(() => {
      const features = tf.placeholder(tf.float32, [null, 2], "IteratorGetNext");
      const hidden = tf.layers.dense(features, 4);
      tf.layers.dense(hidden, 1);
    });
    const ours = decodeGraphDef(encodeGraphDef(g.asGraphDef({ addShapes: true })));
    // Const values compare decoded: TF writes `zeros` of shape [4] as one `float_val: 0` (make_tensor_proto of a
    // scalar with a shape), scopeflow as 16 bytes of `tensor_content` (its NDArray no longer knows it was a splat).
    const decoded = (attr: NodeDef["attr"]) => {
      const tensor = attr?.value?.tensor;
      if (!tensor) return attr;
      const array = tensorProtoToNdarray(tensor);
      return { ...attr, value: { dtype: array.dtype.name, shape: array.shape, values: array.toArray() } };
    };
    const dense = (def: GraphDef) =>
      (def.node ?? [])
        .filter((n) => /^dense(_1)?\//.test(n.name) && !n.name.includes("/Adam"))
        .map((n) => ({ name: n.name, op: n.op, input: n.input ?? [], device: n.device ?? "", attr: decoded(n.attr) }));
    const expected = dense(theirs);
    expect(expected.length).toBe(32);
    expect(dense(ours).map((n) => n.name)).toEqual(expected.map((n) => n.name));
    expect(dense(ours)).toEqual(expected);
  });
});
