// saved_model_test.py / simple_save_test.py (TF 1.15) graph cases: simple_save then loader.load in a fresh graph,
// and saved_model.pb field by field as builder_impl.py writes it. In-memory files, so it runs in Node and Chromium.
import { describe, expect, it } from "vitest";
import * as tf from "../../index";
import { memoryFs } from "../../io/memory-fs";
import { decodeMessage } from "../../proto/codec";
import type { SavedModel } from "../../proto/types";

function buildAndInit(fs: ReturnType<typeof memoryFs>) {
  const g = new tf.Graph();
  return g.asDefault(() => {
    const x = tf.placeholder(tf.float32, [null, 2], "x");
    const w = tf.getVariable("w", { initializer: [[1], [2]], dtype: tf.float32 });
    const y = tf.matmul(x, w, { name: "y" });
    const sess = new tf.Session({ graph: g, fileSystem: fs });
    sess.run(tf.globalVariablesInitializer());
    return { g, x, y, sess };
  });
}

describe("simple_save_test.py SimpleSaveTest / saved_model_test.py SavedModelTest", () => {
  it("testSimpleSave: files, the SavedModel proto as builder_impl.py writes it, load and run", () => {
    const fs = memoryFs();
    const { x, y, sess } = buildAndInit(fs);
    tf.savedModel.simpleSave(sess, "/export/1", { x }, { y });
    expect(fs.listDir("/export/1")).toEqual(["saved_model.pb", "variables"]);
    expect(fs.listDir("/export/1/variables")).toEqual(["variables.data-00000-of-00001", "variables.index"]);

    const model = decodeMessage<SavedModel>("SavedModel", fs.readFile("/export/1/saved_model.pb"));
    expect(Number(model.savedModelSchemaVersion)).toBe(1);
    expect(model.metaGraphs?.length).toBe(1);
    const meta = model.metaGraphs?.[0];
    expect(meta?.metaInfoDef?.tags).toEqual(["serve"]);
    expect(meta?.metaInfoDef?.tensorflowVersion).toBe("1.15.0");
    // The decoder fills proto3 defaults (dim name "", unknown_rank false); the written fields are these.
    expect(Object.keys(meta?.signatureDef ?? {})).toEqual(["serving_default"]);
    expect(meta?.signatureDef).toMatchObject({
      serving_default: {
        inputs: { x: { name: "x:0", dtype: "DT_FLOAT", tensorShape: { dim: [{ size: -1 }, { size: 2 }] } } },
        outputs: { y: { name: "y:0", dtype: "DT_FLOAT", tensorShape: { dim: [{ size: -1 }, { size: 1 }] } } },
        methodName: "tensorflow/serving/predict",
      },
    });
    expect(meta?.saverDef?.version).toBe("V2");
    expect(meta?.saverDef?.restoreOpName).toBe("save/restore_all");
    expect(Object.keys(meta?.collectionDef ?? {}).sort()).toEqual(["trainable_variables", "variables"]);
    // simple_save clears devices (the save/RestoreV2 ops were on CPU:0).
    expect((meta?.graphDef?.node ?? []).every((n) => !n.device)).toBe(true);

    const g2 = new tf.Graph();
    const sess2 = new tf.Session({ graph: g2, fileSystem: fs });
    const loaded = tf.savedModel.loader.load(sess2, [tf.savedModel.tagConstants.SERVING], "/export/1");
    const sig = loaded.signatureDef?.[tf.savedModel.signatureConstants.DEFAULT_SERVING_SIGNATURE_DEF_KEY];
    const out = sess2.run(sig?.outputs?.y.name as string, {
      [sig?.inputs?.x.name as string]: [
        [1, 1],
        [2, 3],
      ],
    });
    expect(Array.from((out as tf.NDArray).data as Float32Array)).toEqual([3, 8]);
    expect(g2.getCollection(tf.GraphKeys.GLOBAL_VARIABLES).length).toBe(1);
  });

  it("Builder: tags and signatures, asText, TF's errors", () => {
    const fs = memoryFs();
    const { x, y, sess } = buildAndInit(fs);
    const builder = new tf.savedModel.Builder("/export/2", fs);
    builder.addMetaGraphAndVariables(sess, ["foo", "bar"], {
      signatureDefMap: { predict: tf.savedModel.predictSignatureDef({ x }, { y }) },
    });
    expect(() => builder.addMetaGraphAndVariables(sess, ["baz"])).toThrow(
      "Graph state including variables and assets has already been saved. Please invoke `add_meta_graph()` instead.",
    );
    expect(builder.save({ asText: true })).toBe("/export/2/saved_model.pbtxt");
    const text = new TextDecoder().decode(fs.readFile("/export/2/saved_model.pbtxt"));
    expect(text.startsWith("saved_model_schema_version: 1\n")).toBe(true);
    expect(() => new tf.savedModel.Builder("/export/2", fs)).toThrow(
      "Export directory already exists, and isn't empty. Please choose a different export directory, or delete all the contents of the specified directory: /export/2",
    );
    expect(() => tf.savedModel.predictSignatureDef({}, { y })).toThrow("Prediction inputs cannot be None or empty.");

    const sess2 = new tf.Session({ graph: new tf.Graph(), fileSystem: fs });
    expect(() => tf.savedModel.loader.load(sess2, ["serve"], "/export/2")).toThrow(
      "MetaGraphDef associated with tags 'serve' could not be found in SavedModel. To inspect available tag-sets in the SavedModel, please use the SavedModel CLI: `saved_model_cli`\navailable_tags: [['foo', 'bar']]",
    );
    const meta = tf.savedModel.loader.load(sess2, ["bar", "foo"], "/export/2");
    expect(Object.keys(meta.signatureDef ?? {})).toEqual(["predict"]);
    expect(() => tf.savedModel.loader.load(sess2, ["serve"], "/nowhere")).toThrow(
      "SavedModel file does not exist at: /nowhere/{saved_model.pbtxt|saved_model.pb}",
    );
  });
});
