// tensor_array_ops_test.py TensorArrayTest (graph mode): TensorArrayV3 op names, write/read/stack/unstack/gather/
// scatter/concat/split/size values, TF's errors, and a TensorArray written inside tf.whileLoop (as map_fn uses it).
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

const run = (t: tf.Tensor) => new tf.Session().run(t).toArray();

describe("tf.TensorArray (tensor_array_ops.py)", () => {
  it("testTensorArrayWriteRead: op names and values", () =>
    inGraph((g) => {
      const ta = new tf.TensorArray(tf.float32, { size: 3 });
      expect(ta.handle.name).toBe("TensorArray:0");
      expect(ta.flow.name).toBe("TensorArray:1");
      expect(g.getOperationByName("TensorArray").type).toBe("TensorArrayV3");
      const w0 = ta.write(0, [[4.0, 5.0]]);
      const w1 = w0.write(1, [[1.0, 1.0]]);
      const w2 = w1.write(2, [[-3.0, 1.0]]);
      expect(w0.flow.name).toBe("TensorArrayWrite/TensorArrayWriteV3:0");
      const r0 = w2.read(0);
      const r2 = w2.read(2);
      expect(r0.name).toBe("TensorArrayReadV3:0");
      expect(r0.shape).toEqual([1, 2]);
      const [a, b] = new tf.Session().run([r0, r2]);
      expect(a.toArray()).toEqual([[4, 5]]);
      expect(b.toArray()).toEqual([[-3, 1]]);
    }));

  it("testTensorArrayStack / concat / size", () =>
    inGraph((g) => {
      const ta = new tf.TensorArray(tf.float32, { size: 2 }).write(0, [1, 2]).write(1, [3, 4]);
      const s = ta.stack();
      expect(g.getOperationByName("TensorArrayStack/TensorArrayGatherV3").type).toBe("TensorArrayGatherV3");
      expect(s.shape).toEqual([null, 2]);
      expect(run(s)).toEqual([
        [1, 2],
        [3, 4],
      ]);
      expect(run(ta.concat())).toEqual([1, 2, 3, 4]);
      expect(run(ta.size())).toEqual(2);
    }));

  it("testTensorArrayUnpackRead / scatter / gather / split", () =>
    inGraph(() => {
      const ta = new tf.TensorArray(tf.float32, { size: 3 }).unstack([
        [1, 2],
        [3, 4],
        [5, 6],
      ]);
      const [a, c] = new tf.Session().run([ta.read(0), ta.read(2)]);
      expect(a.toArray()).toEqual([1, 2]);
      expect(c.toArray()).toEqual([5, 6]);
      const sc = new tf.TensorArray(tf.int32, { size: 4 }).scatter([1, 3], [10, 30]);
      expect(run(sc.gather([3, 1]))).toEqual([30, 10]);
      const sp = new tf.TensorArray(tf.float32, { size: 2, inferShape: false }).split([1, 2, 3], [1, 2]);
      expect(run(sp.read(1))).toEqual([2, 3]);
    }));

  it("testTensorArrayWriteWrongIndexOrDataTypeFails, read of an unwritten index, twice-written, dynamic size", () =>
    inGraph(() => {
      const ta = new tf.TensorArray(tf.float32, { size: 3 });
      expect(() => run(ta.write(-1, 3.0).flow)).toThrow("Tried to write to index -1 but array size is: 3");
      expect(() => run(ta.write(3, 3.0).flow)).toThrow(
        "Tried to write to index 3 but array is not resizeable and size is: 3",
      );
      expect(() => run(ta.read(1))).toThrow(
        "Could not read from TensorArray index 1.  Furthermore, the element shape is not fully defined: <unknown>.",
      );
      expect(() => run(ta.write(0, 1.0).write(0, 2.0).flow)).toThrow(
        "Could not write to TensorArray index 0 because it has already been written to.",
      );
      const dyn = new tf.TensorArray(tf.float32, { size: 0, dynamicSize: true }).write(2, 5);
      expect(run(dyn.size())).toEqual(3);
    }));

  it("tensor_array.h LockedRead: unwritten elements read as zeros once the element shape is known (infer_shape)", () =>
    inGraph(() => {
      // The first write fixes the element shape (identical_element_shapes), so the stack fills the rest with zeros.
      const ta = new tf.TensorArray(tf.float32, { size: 3 }).write(0, [[4, 5]]);
      expect(run(ta.stack())).toEqual([[[4, 5]], [[0, 0]], [[0, 0]]]);
      const known = new tf.TensorArray(tf.float32, { size: 2, elementShape: [2] });
      expect(run(known.read(1))).toEqual([0, 0]);
      const uninferred = new tf.TensorArray(tf.float32, { size: 2, inferShape: false }).write(0, [1, 2]);
      expect(() => run(uninferred.stack())).toThrow(
        "Could not read from TensorArray index 1.  Furthermore, the element shape is not fully defined: <unknown>.",
      );
    }));

  it("Inconsistent shapes between writes: TF's ValueError", () =>
    inGraph(() => {
      const ta = new tf.TensorArray(tf.float32, { size: 2 }).write(0, [1, 2]);
      expect(() => ta.write(1, [1, 2, 3])).toThrow("Inconsistent shapes: saw (3,) but expected (2,) ");
    }));

  it("testWhileLoopWritePack-style: a TensorArray as a loop variable, written each iteration", () =>
    inGraph((g) => {
      const x = tf.constant([1, 2, 3], tf.float32);
      const ta = new tf.TensorArray(tf.float32, { size: 3 });
      const [, out] = tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 3),
        (i: tf.Tensor, acc: tf.TensorArray) => [tf.add(i, 1), acc.write(i, tf.multiply(tf.gather(x, i), 2))],
        [tf.constant(0), ta],
      ) as [tf.Tensor, tf.TensorArray];
      expect(out).toBeInstanceOf(tf.TensorArray);
      expect(out.flow.name).toBe("while/Exit_1:0");
      expect(g.getOperationByName("while/TensorArrayWrite/TensorArrayWriteV3/Enter").attrs.is_constant).toBe(true);
      expect(run(out.stack())).toEqual([2, 4, 6]);
    }));
});
