// tf.layers.dense against a graph TensorFlow wrote: estimator_model_dir/graph.pbtxt (TF 1.14, model.py:
// `hidden = tf.layers.dense(features, 4)`, `predictions = tf.layers.dense(hidden, 1)` on [?, 2] features).
import { describe, expect, it } from "vitest";
import { decodeGraphDef, encodeGraphDef } from "../graphdef/graphdef-codec";
import { fixture } from "../graphdef/test-fixture";
import * as tf from "../index";
import { parseTextMessage } from "../proto/text-format";
import type { GraphDef } from "../proto/types";

const PBTXT = "estimator_model_dir/graph.pbtxt";

describe("tf.layers.dense: TF's own GraphDef", () => {
  it("estimator_model_dir/graph.pbtxt: every dense and dense_1 node, attr by attr (with _output_shapes; Const values as TF writes them: `zeros` as one float_val)", () => {
    const theirs = parseTextMessage<GraphDef>("GraphDef", new TextDecoder().decode(fixture(PBTXT)), PBTXT);
    const g = new tf.Graph();
    g.asDefault(() => {
      const features = tf.placeholder(tf.float32, [null, 2], "IteratorGetNext");
      const hidden = tf.layers.dense(features, 4);
      tf.layers.dense(hidden, 1);
    });
    const ours = decodeGraphDef(encodeGraphDef(g.asGraphDef({ addShapes: true })));
    const dense = (def: GraphDef) =>
      (def.node ?? [])
        .filter((n) => /^dense(_1)?\//.test(n.name) && !n.name.includes("/Adam"))
        .map((n) => ({ name: n.name, op: n.op, input: n.input ?? [], device: n.device ?? "", attr: n.attr }));
    const expected = dense(theirs);
    expect(expected.length).toBe(32);
    expect(dense(ours).map((n) => n.name)).toEqual(expected.map((n) => n.name));
    expect(dense(ours)).toEqual(expected);
  });
});
