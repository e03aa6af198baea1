// Re-entered variable scopes, from a real scopeflow graph: a siamese tower entered twice (the second with reuse; TF
// opens name scope `siamese_1/` for it) folds; two tf.layers.dense layers (dense, dense_1: each its own kernel and
// bias) do not.
import * as tf from "@scopeflow/node";
import { describe, expect, it } from "vitest";
import { buildHierarchy } from "./hierarchy";
import { modelOfGraphDef } from "./model";
import { reentriesOfAudit, reentriesOfGraph } from "./reentries";

function siameseAndDense(): tf.Graph {
  const graph = new tf.Graph();
  graph.asDefault(() => {
    const x = tf.placeholder(tf.float32, [1, 2], "x");
    const tower = (input: tf.Tensor) => tf.matmul(input, tf.getVariable("w", [2, 2]));
    tf.variableScope("siamese", () => tower(x));
    tf.variableScope("siamese", { reuse: true }, () => tower(x));
    tf.layers.dense(tf.layers.dense(x, 4), 2);
  });
  return graph;
}

describe("re-entered variable scopes", () => {
  const graph = siameseAndDense();
  const model = modelOfGraphDef(graph.asGraphDef() as never);
  const siamese = [{ parent: "", base: "siamese", instance: "siamese_1" }];

  it("come from the sharing audit of a live graph", () => {
    expect(model.nodes.map((n) => n.name)).toEqual(expect.arrayContaining(["siamese_1/MatMul", "dense_1/MatMul"]));
    expect(reentriesOfAudit(tf.tools.sharingAudit(graph))).toEqual(siamese);
  });

  it("are inferred the same from the GraphDef alone (variables read from a sibling scope that owns none)", () => {
    expect(reentriesOfGraph(model)).toEqual(siamese);
  });

  it("fold siamese and siamese_1 in the graph view, not dense and dense_1", () => {
    const top = [...buildHierarchy({ ...model, reentries: siamese }, true).root.groups.keys()];
    expect(top).toEqual(["siamese*", "dense", "dense_1"]);
    expect([...buildHierarchy(model, false).root.groups.keys()]).toEqual(["siamese", "siamese_1", "dense", "dense_1"]);
  });
});
