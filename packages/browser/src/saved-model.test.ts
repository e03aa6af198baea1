// tf.savedModel as users call it in each runtime (no file-system argument): simpleSave, then loader.load in a fresh
// graph, and initFromCheckpoint from the variables it wrote; on the disk with @scopeflow/node, in the in-memory
// file map with @scopeflow/browser (Chromium).
import * as tf from "@scopeflow/test-kit/platform";
import { describe, expect, it } from "vitest";

const dir = `/tmp/scopeflow-saved-model-${Date.now()}-${Math.random().toString(36).slice(2)}`;

describe("tf.savedModel in each runtime", () => {
  it("simpleSave, loader.load and run the serving signature; initFromCheckpoint from its variables", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.placeholder(tf.float32, [null, 2], "x");
      const w = tf.getVariable("w", { initializer: [[1], [2]], dtype: tf.float32 });
      const y = tf.matmul(x, w, { name: "y" });
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      tf.savedModel.simpleSave(sess, `${dir}/1`, { x }, { y });
    });
    expect(() => new tf.savedModel.Builder(`${dir}/1`)).toThrow("Export directory already exists, and isn't empty.");

    const g2 = new tf.Graph();
    const sess2 = new tf.Session({ graph: g2 });
    const meta = tf.savedModel.loader.load(sess2, [tf.savedModel.tagConstants.SERVING], `${dir}/1`);
    const sig = meta.signatureDef?.serving_default;
    expect(sig?.methodName).toBe("tensorflow/serving/predict");
    const out = sess2.run(sig?.outputs?.y.name as string, { [sig?.inputs?.x.name as string]: [[1, 1]] });
    expect(Array.from((out as tf.NDArray).data as Float32Array)).toEqual([3]);

    new tf.Graph().asDefault(() => {
      const v = tf.variableScope("restored", () => tf.getVariable("w", { shape: [2, 1] }));
      tf.train.initFromCheckpoint(`${dir}/1/variables/variables`, { w: "restored/w" });
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(Array.from(sess.run(v).data as Float32Array)).toEqual([1, 2]);
    });
  });

  it("Builder with assetsCollection: the asset copied into assets/, the init op fed its loaded path", () => {
    const fs = new tf.Session().fileSystem as NonNullable<tf.Session["fileSystem"]>;
    fs.makeDirs(`${dir}/src`);
    fs.writeFileAtomic(`${dir}/src/vocab.txt`, new TextEncoder().encode("a\nb\n"));
    const g = new tf.Graph();
    g.asDefault(() => {
      const asset = tf.constant(`${dir}/src/vocab.txt`, { name: "vocab_path" });
      const path = new tf.Variable("", { name: "path", trainable: false });
      const init = tf.group([tf.assign(path, asset)], { name: "init_assets" });
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const builder = new tf.savedModel.Builder(`${dir}/2`);
      builder.addMetaGraphAndVariables(sess, ["serve"], { assetsCollection: [asset], mainOp: init });
      builder.save();
    });
    expect(new TextDecoder().decode(fs.readFile(`${dir}/2/assets/vocab.txt`))).toBe("a\nb\n");
    const g2 = new tf.Graph();
    const sess2 = new tf.Session({ graph: g2 });
    g2.asDefault(() => tf.savedModel.loader.load(sess2, ["serve"], `${dir}/2`));
    const loaded = (sess2.run("path:0") as tf.NDArray).toArray() as Uint8Array;
    expect(new TextDecoder().decode(loaded)).toBe(`${dir}/2/assets/vocab.txt`);
  });
});
