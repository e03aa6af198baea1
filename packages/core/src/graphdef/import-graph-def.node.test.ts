// importer.py import_graph_def and saver.py import_meta_graph against graphdef_binary/model.pb (TF 1.x, April 2018).
import { describe, expect, it } from "vitest";
import { NotFoundError, ValueError } from "../errors";
import * as tf from "../index";
import { memoryFs } from "../io/memory-fs";
import { graphSnapshot } from "../scopes/test-helpers";
import { importMetaGraph } from "../train/checkpoint/import-meta-graph";
import { Saver } from "../train/checkpoint/saver";
import { decodeGraphDef, encodeGraphDef } from "./graphdef-codec";
import { importGraphDef } from "./import-graph-def";
import { fixture } from "./test-fixture";

const MODEL = "graphdef_binary/model.pb";

describe("importGraphDef", () => {
  it("imports model.pb under import/ and runs it: init, then add = w * x + b with feeds, and its own save/ ops", () => {
    const def = decodeGraphDef(fixture(MODEL), MODEL);
    const g = new tf.Graph();
    g.asDefault(() => {
      const [add, init] = importGraphDef(def, { returnElements: ["add:0", "init"] }) as [tf.Tensor, tf.Operation];
      expect(add.name).toBe("import/add:0");
      expect(init.name).toBe("import/init");
      expect(g.getOperations().length).toBe(109);
      expect(g.getOperationByName("import/save/Assign").attrs._class).toEqual(["loc:@import/b"]);
      const fs = memoryFs();
      const sess = new tf.Session({ fileSystem: fs });
      sess.run(init);
      sess.run("import/b/Assign", {});
      const [w, b] = sess.run(["import/w:0", "import/b:0"]) as tf.NDArray[];
      const out = sess.run(add, { "import/x:0": [1, 2, 3] }) as tf.NDArray;
      const wv = (w.data as Float32Array)[0];
      const bv = (b.data as Float32Array)[0];
      expect(Array.from(out.data as Float32Array)).toEqual([1, 2, 3].map((x) => Math.fround(Math.fround(wv * x) + bv)));
      // The GraphDef's own Saver ops run: save/SaveV2 through save/control_dependency, then save/restore_all.
      fs.makeDirs("/ck");
      sess.run("import/save/control_dependency:0", { "import/save/Const:0": "/ck/model" });
      expect(fs.listDir("/ck")).toEqual(["model.data-00000-of-00001", "model.index"]);
      expect(tf.train.listVariables("/ck/model", fs)).toEqual([
        ["b", [1]],
        ["w", [1]],
      ]);
      sess.run("import/save/restore_all", { "import/save/Const:0": "/ck/model" });

      // A second import is prefixed import_1; name "" imports as is; inputMap replaces x.
      const x2 = tf.constant([10], { dtype: "float32", name: "feed" });
      const [y] = importGraphDef(def, { inputMap: { x: x2 }, returnElements: ["mul:0"] }) as tf.Tensor[];
      expect(y.name).toBe("import_1/mul:0");
      expect(y.op.inputs.map((t) => t.name)).toEqual(["import_1/w/read:0", "feed:0"]);
      importGraphDef(def, { name: "" });
      expect(g.getOperationByName("add").type).toBe("Add");
    });
  });

  it("an unknown op type, a broken input or an unused inputMap key: errors naming the node, and nothing imported", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      tf.constant(1, { name: "c" });
      const before = graphSnapshot(g);
      const unknown = {
        node: [
          {
            name: "a",
            op: "Const",
            attr: { dtype: { type: "DT_FLOAT" }, value: { tensor: { dtype: "DT_FLOAT", floatVal: [1] } } },
          },
          { name: "b", op: "FancyOp", input: ["a"] },
        ],
      };
      expect(() => importGraphDef(unknown)).toThrow(NotFoundError);
      expect(() => importGraphDef(unknown)).toThrow(
        /^Node 'b': Op type not registered 'FancyOp' in binary running on scopeflow\./,
      );
      expect(graphSnapshot(g)).toEqual(before);
      expect(() =>
        importGraphDef({ node: [{ name: "b", op: "Identity", input: ["nope"], attr: { T: { type: "DT_FLOAT" } } }] }),
      ).toThrow(new ValueError("Node 'b': Unknown input node 'nope'"));
      const c = g.getTensorByName("c:0");
      expect(() => importGraphDef({ node: [{ name: "k", op: "NoOp" }] }, { inputMap: { "x:0": c } })).toThrow(
        new ValueError("Attempted to map inputs that were not found in graph_def: [x:0]"),
      );
      expect(() => importGraphDef({ node: [{ name: "k", op: "NoOp" }] }, { returnElements: ["k:0"] })).toThrow(
        new ValueError("Requested return tensor 'k:0' not found in graph def"),
      );
      expect(graphSnapshot(g)).toEqual(before);
      expect(() => tf.io.decodeGraphDef(new Uint8Array([0xff, 0xff, 0xff, 0x0f, 1, 2]), "garbage.pb")).toThrow(
        /Unable to parse GraphDef from garbage\.pb/,
      );
    });
  });

  it("exportMetaGraph → importMetaGraph (import_scope) gives back Variables, collections and a working Saver", () => {
    const fs = memoryFs();
    fs.makeDirs("/m");
    const g = new tf.Graph();
    g.asDefault(() => {
      tf.getVariable("v", [2], { initializer: tf.initializers.constant(4) });
      const saver = new Saver();
      const sess = new tf.Session({ fileSystem: fs });
      sess.run(tf.globalVariablesInitializer());
      saver.save(sess, "/m/model");
    });
    const g2 = new tf.Graph();
    g2.asDefault(() => {
      const saver = importMetaGraph("/m/model.meta", { fileSystem: fs, importScope: "restored" }) as Saver;
      expect(saver.saverDef.restoreOpName).toBe("restored/save/restore_all");
      const vars = tf.globalVariables();
      expect(vars.map((v) => v.name)).toEqual(["restored/v:0"]);
      expect(tf.trainableVariables()).toEqual(vars);
      const sess = new tf.Session({ fileSystem: fs });
      sess.run(tf.globalVariablesInitializer());
      sess.run(vars[0].assign([0, 0]));
      saver.restore(sess, "/m/model");
      expect(Array.from((sess.run(vars[0]) as tf.NDArray).data as Float32Array)).toEqual([4, 4]);
    });
  });
});

describe("importGraphDef: constants are bounded before they are materialized", () => {
  // A Const whose float_val list is empty but whose shape is [2147483648, 1]: TF's Tensor::FromProto tries to
  // allocate 8 GiB and fails in the allocator (bfc_allocator.cc's OOM message); scopeflow refuses before allocating.
  const hugeConst = encodeGraphDef({
    node: [
      {
        name: "huge",
        op: "Const",
        attr: {
          dtype: { type: "DT_FLOAT" },
          value: { tensor: { dtype: "DT_FLOAT", tensorShape: { dim: [{ size: 2147483648 }, { size: 1 }] } } },
        },
      },
    ],
  });

  it("a 60-byte GraphDef asking for a [2147483648, 1] float constant fails fast with ResourceExhaustedError", () => {
    expect(hugeConst.length).toBeLessThanOrEqual(60);
    const g = new tf.Graph();
    const started = performance.now();
    let error: unknown;
    try {
      importGraphDef(decodeGraphDef(hugeConst), { graph: g });
    } catch (e) {
      error = e;
    }
    expect(tf.errors.ResourceExhaustedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      "Node 'huge': attr 'value': OOM when allocating tensor with shape[2147483648,1] and type float on /job:localhost/replica:0/task:0/device:CPU:0 by allocator cpu",
    );
    expect(performance.now() - started).toBeLessThan(1000); // refused up front, not after filling gigabytes
    expect(g.getOperations()).toEqual([]);
  });

  it("a repeated value up to the bound still expands, as TF's zeros constants do", () => {
    const def = decodeGraphDef(
      encodeGraphDef({
        node: [
          {
            name: "z",
            op: "Const",
            attr: {
              dtype: { type: "DT_INT32" },
              value: { tensor: { dtype: "DT_INT32", tensorShape: { dim: [{ size: 3 }, { size: 2 }] }, intVal: [7] } },
            },
          },
        ],
      }),
    );
    const g = new tf.Graph();
    const [z] = importGraphDef(def, { graph: g, returnElements: ["z:0"] }) as [tf.Tensor];
    expect((new tf.Session({ graph: g }).run(z) as tf.NDArray).toArray()).toEqual([
      [7, 7],
      [7, 7],
      [7, 7],
    ]);
  });
});
