// A Saver's SaverDef ops run directly (TF1 code and C++ clients feed filenameTensorName and run saveTensorName /
// restoreOpName without calling save/restore): constructing the Saver registers the file kernels. Its own file, so no
// other test has registered them first in this module instance.
import { describe, expect, it } from "vitest";
import * as tf from "../../index";
import { memoryFs } from "../../io/memory-fs";

describe("Saver: SaverDef ops run directly", () => {
  it("saveTensorName writes the checkpoint and restoreOpName reads it back, with no save() or restore() call", () => {
    const graph = new tf.Graph();
    graph.asDefault(() => {
      const v = tf.getVariable("v", { initializer: [1, 2, 3], dtype: tf.float32 });
      const saver = new tf.train.Saver();
      const def = saver.saverDef;
      const fs = memoryFs();
      const sess = new tf.Session({ graph, fileSystem: fs });
      sess.run(tf.globalVariablesInitializer());
      const written = sess.run(def.saveTensorName as string, { [def.filenameTensorName as string]: "/model.ckpt" });
      expect(written?.item()).toEqual(new TextEncoder().encode("/model.ckpt"));
      expect(tf.train.listVariables("/model.ckpt", fs)).toEqual([["v", [3]]]);
      sess.run(tf.assign(v, [0, 0, 0]));
      sess.run(def.restoreOpName as string, { [def.filenameTensorName as string]: "/model.ckpt" });
      expect(Array.from(sess.run(v).data as Float32Array)).toEqual([1, 2, 3]);
    });
  });
});
