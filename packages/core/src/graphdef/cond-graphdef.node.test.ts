// GraphDefs with TF 1.x's v1 conditionals: the global_step guard TensorFlow itself wrote into estimator_model_dir
// (variables.py's initialized-value cond: IsVariableInitialized, a RefSwitch of the variable, Switch_1 of the zeros,
// Merge), scopeflow's own tf.cond exported and imported again (an op reading a Switch that comes after it), and
// estimator_model_dir's whole .meta (with its tf.data ops) imported, restored and run, its cond_context rebuilt.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { memoryFs } from "../io/memory-fs";
import type { CondContext } from "../ops/cond-context";
import { decodeMessage } from "../proto/codec";
import type { MetaGraphDef } from "../proto/types";
import { importMetaGraph } from "../train/checkpoint/import-meta-graph";
import { decodeGraphDef, decodeMetaGraphDef, encodeGraphDef } from "./graphdef-codec";
import { importGraphDef } from "./import-graph-def";
import { createMetaGraphDef } from "./meta-graph";
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

  it("estimator_model_dir's .meta imports whole (tf.data ops too), restores model.ckpt-2000 and runs fed", () => {
    const meta = decodeMetaGraphDef(fixture(META), META);
    const g = new tf.Graph();
    g.asDefault(() => {
      const saver = importMetaGraph(meta) as tf.train.Saver;
      expect(g.getOperations()).toHaveLength(293);
      const types = (names: string[]) => names.map((n) => g.getOperationByName(n).type);
      expect(types(["TensorDataset", "FlatMapDataset", "BatchDatasetV2", "RepeatDataset", "OptimizeDataset"])).toEqual([
        "TensorDataset",
        "FlatMapDataset",
        "BatchDatasetV2",
        "RepeatDataset",
        "OptimizeDataset",
      ]);
      const next = g.getOperationByName("IteratorGetNext");
      expect(next.outputs.map((t) => [t.dtype.name, t.shape])).toEqual([
        ["float32", [null, 2]],
        ["float32", [null, 1]],
      ]);
      expect(g.getOperationByName("MakeIterator").inputs.map((t) => t.name)).toEqual([
        "ModelDataset:0",
        "IteratorV2:0",
      ]);
      // The tf.data ops export as they came in.
      const exported = (g.asGraphDef().node ?? []).find((n) => n.name === "BatchDatasetV2");
      const original = (meta.graphDef?.node ?? []).find((n) => n.name === "BatchDatasetV2");
      expect(exported?.input).toEqual(original?.input);
      expect(Object.keys(exported?.attr ?? {}).sort()).toEqual(
        Object.keys(original?.attr ?? {})
          .filter((k) => k !== "_output_shapes")
          .sort(),
      );

      const fs = memoryFs();
      fs.makeDirs("/model");
      for (const name of ["model.ckpt-2000.index", "model.ckpt-2000.data-00000-of-00001"]) {
        fs.writeFileAtomic(`/model/${name}`, fixture(`estimator_model_dir/${name}`));
      }
      const sess = new tf.Session({ fileSystem: fs });
      saver.restore(sess, "/model/model.ckpt-2000");
      expect((sess.run("global_step:0") as tf.NDArray).item()).toBe(2000);
      // The dense layers and the loss run with the iterator's outputs fed: the checkpoint's weights by hand.
      const features = [
        [1, 2],
        [0.5, -1],
      ];
      const labels = [[3], [0]];
      const feeds = { "IteratorGetNext:0": features, "IteratorGetNext:1": labels };
      const read = (name: string) => Array.from((sess.run(name) as tf.NDArray).data as Float32Array);
      const [k, b, k1, b1] = ["dense/kernel:0", "dense/bias:0", "dense_1/kernel:0", "dense_1/bias:0"].map(read);
      const predict = (x: number[]) => {
        const hidden = [0, 1, 2, 3].map((j) => x[0] * k[j] + x[1] * k[4 + j] + b[j]);
        return hidden.reduce((acc, h, j) => acc + h * k1[j], b1[0]);
      };
      const want = features.reduce((acc, x, i) => acc + (predict(x) - labels[i][0]) ** 2 / 2, 0);
      const loss = (sess.run("L2Loss:0", feeds) as tf.NDArray).item() as number;
      expect(loss).toBeCloseTo(want, 2);
      // Running the iterator fails at its first tf.data op, as TF's executor does for an op without a kernel.
      expect(() => sess.run("IteratorGetNext:0")).toThrow(
        "No OpKernel was registered to support Op 'IteratorV2' used by node IteratorV2.",
      );
      expect(() => sess.run("MakeIterator")).toThrow(tf.errors.UnimplementedError);
    });
  });

  it("the .meta's cond_context (CondContextDefs TF wrote) rebuilt on import, and exported again unchanged", () => {
    const meta = decodeMetaGraphDef(fixture(META), META);
    const g = new tf.Graph();
    g.asDefault(() => {
      importMetaGraph(meta);
      const conds = g.getCollection(tf.GraphKeys.COND_CONTEXT) as CondContext[];
      expect(conds.map((c) => [c.name, c.pred.name, c.pivot.name, c.branch])).toEqual([
        ["global_step/cond/cond_text", "global_step/cond/pred_id:0", "global_step/cond/switch_t:0", 1],
        ["global_step/cond/cond_text_1", "global_step/cond/pred_id:0", "global_step/cond/switch_f:0", 0],
      ]);
      expect(g.getOperationByName("global_step/cond/read").controlFlowContext).toBe(conds[0]);
      expect(g.getOperationByName("global_step/cond/Switch_1").controlFlowContext).toBe(conds[1]);
      expect(g.getOperationByName("global_step/cond/Merge").controlFlowContext).toBeNull();
      const decode = (m: MetaGraphDef) =>
        (m.collectionDef?.cond_context?.bytesList?.value ?? []).map((b) => decodeMessage("CondContextDef", b));
      expect(decode(createMetaGraphDef({ graph: g }))).toEqual(decode(meta));
    });
  });
});
