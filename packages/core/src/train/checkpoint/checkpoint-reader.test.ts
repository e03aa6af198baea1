// saver_test.py (TF 1.15) CheckpointReaderForV2Test: testDebugString, testNonexistentPath, and the dtype map
// (checkpoint_reader.cc GetVariableToDataTypeMap) over a checkpoint the Saver writes.
import { describe, expect, it } from "vitest";
import * as tf from "../../index";
import { memoryFs } from "../../io/memory-fs";

describe("saver_test.py CheckpointReaderForV2Test", () => {
  it("testDebugString: has_tensor, debug_string, the shape map, get_tensor, NotFound for a missing tensor", () => {
    const fs = memoryFs();
    const g = new tf.Graph();
    g.asDefault(() => {
      const v0 = new tf.Variable(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        { dtype: tf.float32, name: "v0" },
      );
      const v1 = new tf.Variable(
        [
          [[1], [2]],
          [[3], [4]],
          [[5], [6]],
        ],
        { dtype: tf.float32, name: "v1" },
      );
      const step = new tf.Variable(7, { name: "step", dtype: tf.int64 });
      const init = tf.globalVariablesInitializer();
      const save = new tf.train.Saver({ v0, v1, step });
      const sess = new tf.Session({ graph: g, fileSystem: fs });
      sess.run(init);
      save.save(sess, "/tmp/ckpt_for_debug_string2");
      const reader = tf.train.NewCheckpointReader("/tmp/ckpt_for_debug_string2", fs);
      expect(reader.hasTensor("v0")).toBe(true);
      expect(reader.hasTensor("v1")).toBe(true);
      expect(reader.hasTensor("v3")).toBe(false);
      const debug = reader.debugString();
      expect(debug).toContain("v0 (DT_FLOAT) [2,3]");
      expect(debug).toContain("v1 (DT_FLOAT) [3,2,1]");
      expect(debug).toContain("step (DT_INT64) []");
      const shapes = reader.getVariableToShapeMap();
      expect(shapes.v0).toEqual([2, 3]);
      expect(shapes.v1).toEqual([3, 2, 1]);
      expect(Object.keys(shapes).sort()).toEqual(["step", "v0", "v1"]);
      const dtypes = reader.getVariableToDtypeMap();
      expect([dtypes.v0, dtypes.step]).toEqual([tf.float32, tf.int64]);
      expect(reader.getTensor("v0").toArray()).toEqual(sess.run(v0).toArray());
      expect(reader.getTensor("v1").toArray()).toEqual(sess.run(v1).toArray());
      expect(() => reader.getTensor("v3")).toThrow(tf.errors.NotFoundError);
      expect(() => reader.getTensor("v3")).toThrow("Key v3 not found in checkpoint");
      // Names from the file are never looked up through the prototype chain.
      expect(reader.hasTensor("constructor")).toBe(false);
      expect(shapes.toString).toBeUndefined();
    });
  });

  it("testNonexistentPath", () => {
    expect(() => tf.train.NewCheckpointReader("non-existent", memoryFs())).toThrow(
      new tf.errors.NotFoundError(
        "Unsuccessful TensorSliceReader constructor: Failed to find any matching files for non-existent",
      ),
    );
  });
});
