// functional_ops_test.py FunctionalOpsTest (graph mode): map_fn, foldl and scan built as a while loop over
// TensorArrays: their values, names and TF's errors.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

const run = (t: tf.Tensor) => new tf.Session().run(t).toArray();

describe("tf.mapFn, tf.foldl, tf.scan (functional_ops.py)", () => {
  it("testMap_Simple: map_fn(lambda x: x * x) over [1..6]; names under map/", () =>
    inGraph((g) => {
      const nums = [1, 2, 3, 4, 5, 6];
      const elems = tf.constant(nums, tf.float32, [6], "data");
      const r = tf.mapFn((x: tf.Tensor) => tf.multiply(tf.add(x, 3), 2), elems);
      expect(r.shape).toEqual([6]);
      expect(r.name).toBe("map/TensorArrayStack/TensorArrayGatherV3:0");
      expect(g.getOperationByName("map/while/LoopCond").type).toBe("LoopCond");
      expect(g.getOperationByName("map/TensorArray").type).toBe("TensorArrayV3");
      expect(run(r)).toEqual(nums.map((x) => (x + 3) * 2));
    }));

  it("testMapSt_Simple style: a tuple of elems to one output with dtype", () =>
    inGraph(() => {
      const a = tf.constant([1, 2, 3], tf.int32);
      const b = tf.constant([10, 20, 30], tf.int32);
      const r = tf.mapFn((x: tf.Tensor[]) => tf.add(x[0], x[1]), [a, b], { dtype: tf.int32 });
      expect(run(r)).toEqual([11, 22, 33]);
    }));

  it("testMap_Scalar: TF's error", () =>
    inGraph(() => {
      expect(() => tf.mapFn((x: tf.Tensor) => x, tf.constant(1))).toThrow(
        "elems must be a 1+ dimensional Tensor, not a scalar",
      );
      expect(() => tf.mapFn(1 as never, tf.constant([1]))).toThrow("fn must be callable.");
    }));

  it("testFoldl_Simple: foldl(lambda a, x: a * x) with and without an initializer", () =>
    inGraph(() => {
      const elems = tf.constant([1, 2, 3, 4, 5, 6], { name: "data" });
      const r = tf.foldl((a: tf.Tensor, x: tf.Tensor) => tf.multiply(tf.add(x, a), 2), elems);
      expect(run(r)).toEqual(208);
      const r2 = tf.foldl((a: tf.Tensor, x: tf.Tensor) => tf.multiply(tf.add(x, a), 2), elems, { initializer: 10 });
      expect(run(r2)).toEqual(880);
    }));

  it("testScan_Simple: scan(lambda a, x: a * x); with an initializer", () =>
    inGraph(() => {
      const elems = tf.constant([1, 2, 3, 4, 5, 6], tf.float32, [6], "data");
      const v = tf.constant(2.0, tf.float32, [], "v");
      const r = tf.scan((a: tf.Tensor, x: tf.Tensor) => tf.multiply(a, x), elems);
      expect(run(r)).toEqual([1, 2, 6, 24, 120, 720]);
      const r2 = tf.scan((a: tf.Tensor, x: tf.Tensor) => tf.multiply(tf.add(a, x), v), elems, { initializer: v });
      expect(run(r2)).toEqual([6, 16, 38, 84, 178, 368]);
      expect(r2.shape).toEqual([6]);
    }));
});
