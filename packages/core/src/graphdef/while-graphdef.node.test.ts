// GraphDefs with TF 1.x's v1 while loops: the NextIteration -> Merge back edge is the one cycle a GraphDef may have
// (graph_constructor.cc); scopeflow's own tf.whileLoop exported, decoded and imported again runs the same loop.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { decodeGraphDef, encodeGraphDef } from "./graphdef-codec";
import { importGraphDef } from "./import-graph-def";

function buildLoop(): tf.Graph {
  const g = new tf.Graph();
  g.asDefault(() => {
    const d = tf.constant(2, { name: "d" });
    const r = tf.whileLoop(
      (x: tf.Tensor) => tf.less(x, 10),
      (x: tf.Tensor, y: tf.Tensor) => [tf.add(x, d), tf.add(y, x)],
      [tf.constant(0), tf.constant(0)],
    ) as tf.Tensor[];
    tf.whileLoop(
      (i: tf.Tensor) => tf.less(i, 3),
      (i: tf.Tensor) =>
        tf.add(
          tf.whileLoop(
            (j: tf.Tensor) => tf.less(j, 4),
            (j: tf.Tensor) => tf.add(j, 1),
            [i],
          ),
          1,
        ),
      [r[0]],
    );
  });
  return g;
}

describe("GraphDefs with while loops", () => {
  it("a while loop exported and imported again (binary round trip): same nodes, same values, nested frames", () => {
    const g = buildLoop();
    const def = g.asGraphDef();
    const merge = (def.node ?? []).find((n) => n.name === "while/Merge");
    expect(merge?.input).toEqual(["while/Enter", "while/NextIteration"]);
    const decoded = decodeGraphDef(encodeGraphDef(def));
    const g2 = new tf.Graph();
    g2.asDefault(() => {
      importGraphDef(decoded, { name: "" });
      // The same nodes (an op's captured Enter is made after it, so creation order differs).
      const byName = (nodes: typeof def.node) => [...(nodes ?? [])].sort((a, b) => a.name.localeCompare(b.name));
      expect(byName(g2.asGraphDef().node)).toEqual(byName(def.node));
      expect(g2.getOperationByName("while/Merge").inputs.map((t) => t.name)).toEqual([
        "while/Enter:0",
        "while/NextIteration:0",
      ]);
      const sess = new tf.Session();
      const [x, y] = sess.run([g2.getTensorByName("while/Exit:0"), g2.getTensorByName("while/Exit_1:0")]);
      expect(x.toArray()).toEqual(10);
      expect(y.toArray()).toEqual(20);
      // 10 -> inner stays 10 -> 11: the outer cond fails at once
      expect(sess.run(g2.getTensorByName("while_1/Exit:0")).toArray()).toEqual(10);
    });
  });

  it("imports under a name scope; a cycle that is not a while loop's back edge is still refused", () => {
    const g = buildLoop();
    const g2 = new tf.Graph();
    g2.asDefault(() => {
      importGraphDef(g.asGraphDef());
      expect(new tf.Session().run(g2.getTensorByName("import/while/Exit_1:0")).toArray()).toEqual(20);
      expect(() =>
        importGraphDef(
          {
            node: [
              { name: "a", op: "Identity", input: ["b"], attr: { T: { type: "DT_FLOAT" } } },
              { name: "b", op: "Identity", input: ["a"], attr: { T: { type: "DT_FLOAT" } } },
            ],
          } as never,
          { name: "cyc" },
        ),
      ).toThrow("cycle");
    });
  });
});
