// GraphDefs with TF 1.x's v1 conditionals: the global_step guard TensorFlow itself wrote into estimator_model_dir
// (variables.py's initialized-value cond: IsVariableInitialized, a RefSwitch of the variable, Switch_1 of the zeros,
// Merge), scopeflow's own tf.cond exported and imported again (an op reading a Switch that comes after it), and
// what still stops estimator_model_dir's .meta.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { importMetaGraph } from "../train/checkpoint/import-meta-graph";
import { decodeGraphDef, decodeMetaGraphDef, encodeGraphDef } from "./graphdef-codec";
import { importGraphDef } from "./import-graph-def";
import { fixture } from "./test-fixture";

const PBTXT = "estimator_model_dir/graph.pbtxt";
const META = "estimator_model_dir/model.ckpt-2000.meta";

describe("GraphDefs with Switch and Merge", () => {
  it("estimator_model_dir's global_step guard (global_step/add = the guarded read + 0): zeros while uninitialized", () => {
    const def = decodeGraphDef(new TextDecoder().decode(fixture(PBTXT)), PBTXT);
    const node = (def.node ?? []).filter((n) => n.name === "global_step" || n.name.startsWith("global_step/"));
    expect(node.map((n) => n.op)).toEqual([
      "Const",
      "VariableV2",
      "Assign",
      "Identity",
      "IsVariableInitialized",
      "Switch",
      "Identity",
      "Identity",
      "Identity",
      "Identity",
      "RefSwitch",
      "Switch",
      "Merge",
      "Const",
      "Add",
    ]);
    const g = new tf.Graph();
    g.asDefault(() => {
      importGraphDef({ ...def, node }, { name: "" });
      expect(g.getOperationByName("global_step/cond/read/Switch").outputs.map((t) => t.isRef)).toEqual([true, true]);
      expect(g.getTensorByName("global_step/cond/Merge:0").shape).toEqual([]);
      const sess = new tf.Session();
      const values = () =>
        (sess.run(["global_step/add:0", "global_step/cond/Merge:1"]) as tf.NDArray[]).map((v) => v.item());
      // The read of the uninitialized variable is on the untaken side: no error, the zeros' Switch_1 is merged.
      expect(values()).toEqual([0, 0]);
      sess.run("global_step/Assign");
      sess.run(tf.assign(g.getTensorByName("global_step:0"), tf.constant(41, { dtype: "int64" })));
      expect(values()).toEqual([41, 1]);
    });
  });

  it("a tf.cond graph round-trips through binary GraphDef bytes and runs both branches", () => {
    const g = new tf.Graph();
    const def = g.asDefault(() => {
      const x = tf.placeholder("float32", [2], "x");
      const p = tf.placeholder("bool", [], "p");
      tf.cond(
        p,
        () => x.mul(3),
        () => tf.subtract(x, 1),
      );
      return g.asGraphDef({ addShapes: true });
    });
    const names = (def.node ?? []).map((n) => n.name);
    // TF's order: an op before the Switch its input was rewired to.
    expect(names.indexOf("cond/mul")).toBeLessThan(names.indexOf("cond/mul/Switch"));
    const imported = new tf.Graph();
    imported.asDefault(() => {
      importGraphDef(decodeGraphDef(encodeGraphDef(def) as Uint8Array), { name: "import" });
      expect(imported.getOperationByName("import/cond/mul").inputs.map((t) => t.name)).toEqual([
        "import/cond/mul/Switch:1",
        "import/cond/mul/y:0",
      ]);
      expect(imported.getOperationByName("import/cond/mul/y").controlInputs.map((op) => op.name)).toEqual([
        "import/cond/switch_t",
      ]);
      const sess = new tf.Session();
      const out = (p: boolean) =>
        (sess.run("import/cond/Merge:0", { "import/x:0": [1, 2], "import/p:0": p }) as tf.NDArray).toArray();
      expect(out(true)).toEqual([3, 6]);
      expect(out(false)).toEqual([0, 1]);
    });
  });

  it("estimator_model_dir's .meta: Switch, RefSwitch and Merge import; its tf.data ops still stop it", () => {
    const meta = decodeMetaGraphDef(fixture(META), META);
    const g = new tf.Graph();
    expect(() => g.asDefault(() => importMetaGraph(meta))).toThrow(
      "Node 'TensorDataset': Op type not registered 'TensorDataset' in binary running on scopeflow.",
    );
    expect(g.getOperations()).toEqual([]);
  });
});
