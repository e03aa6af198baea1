// sparse_to_dense_op_py_test.py (SparseToDenseTest): tf.sparseToDense values, TF's kernel messages, shape inference.
import { describe, expect, it } from "vitest";
import * as tf from "../index";

function run(t: tf.Tensor): unknown[] {
  return Array.from(new tf.Session().run(t).data as ArrayLike<unknown>);
}

function inGraph<T>(body: () => T): T {
  return new tf.Graph().asDefault(body);
}

describe("tf.sparseToDense (sparse_to_dense_op_py_test.py)", () => {
  it("testInt / testFloat / testSetValue / testSetSingleValue / testZeroDefault", () =>
    inGraph(() => {
      const ints = tf.sparseToDense([1, 3], [5], 1, { defaultValue: 0 });
      expect(ints.dtype).toBe(tf.int32);
      expect(ints.op.type).toBe("SparseToDense");
      expect(ints.op.attrs).toMatchObject({ validate_indices: true, T: tf.int32, Tindices: tf.int32 });
      expect(run(ints)).toEqual([0, 1, 0, 1, 0]);
      const floats = tf.sparseToDense([1, 3], [5], tf.constant(1.0, { dtype: tf.float32 }), { defaultValue: 0.0 });
      expect(floats.dtype).toBe(tf.float32);
      expect(run(floats)).toEqual([0, 1, 0, 1, 0]);
      expect(run(tf.sparseToDense([1, 3], [5], [1, 2], { defaultValue: -1 }))).toEqual([-1, 1, -1, 2, -1]);
      expect(run(tf.sparseToDense([1, 3], [5], 1, { defaultValue: -1 }))).toEqual([-1, 1, -1, 1, -1]);
      expect(run(tf.sparseToDense(2, [4], 7))).toEqual([0, 0, 7, 0]);
    }));

  it("testEmptyNonZeros / testString", () =>
    inGraph(() => {
      const indices = tf.constant([], { dtype: tf.int32 });
      const values = tf.constant([], { dtype: tf.float32 });
      expect(run(tf.sparseToDense(indices, [5], values, { defaultValue: 0.0 }))).toEqual([0, 0, 0, 0, 0]);
      const strings = tf.sparseToDense([1, 3], [5], "a", { defaultValue: "b" });
      expect(strings.dtype).toBe(tf.string);
      expect(run(strings).map((v) => new TextDecoder().decode(v as Uint8Array))).toEqual(["b", "a", "b", "a", "b"]);
    }));

  it("test2d / test3d", () =>
    inGraph(() => {
      const d2 = tf.sparseToDense(
        [
          [1, 3],
          [2, 0],
        ],
        [3, 4],
        1,
        { defaultValue: -1 },
      );
      expect(d2.shape).toEqual([3, 4]);
      expect(run(d2)).toEqual([-1, -1, -1, -1, -1, -1, -1, 1, 1, -1, -1, -1]);
      const d3 = tf.sparseToDense(
        [
          [1, 3, 0],
          [2, 0, 1],
        ],
        [3, 4, 2],
        1,
        { defaultValue: -1 },
      );
      const expected = new Array(24).fill(-1);
      expected[1 * 8 + 3 * 2 + 0] = 1;
      expected[2 * 8 + 0 * 2 + 1] = 1;
      expect(run(d3)).toEqual(expected);
    }));

  it("testBadShape: a ValueError at build time, graph unchanged", () =>
    inGraph(() => {
      const g = tf.getDefaultGraph();
      const before = g.getOperations().length;
      expect(() => tf.sparseToDense([1, 3], [[5], [3]], 1, { defaultValue: -1 })).toThrow(
        /Shape must be rank 1 but is rank 2 for 'SparseToDense' \(op: 'SparseToDense'\)/,
      );
      expect(g.getOperations().length).toBe(before);
    }));

  it("testBadValue / testBadNumValues / testBadDefault: TF's kernel messages", () =>
    inGraph(() => {
      const bad = (t: tf.Tensor, message: string) => {
        expect(() => run(t)).toThrow(tf.errors.InvalidArgumentError);
        expect(() => run(t)).toThrow(message);
      };
      bad(
        tf.sparseToDense([1, 3], [5], [[5], [3]], { defaultValue: -1 }),
        "sparse_values has incorrect shape [2,1], should be [] or [2]",
      );
      bad(
        tf.sparseToDense([1, 3], [5], [1, 2, 3], { defaultValue: -1 }),
        "sparse_values has incorrect shape [3], should be [] or [2]",
      );
      bad(tf.sparseToDense([1, 3], [5], [1, 2], { defaultValue: [0] }), "default_value should be a scalar.");
    }));

  it("testOutOfBounds / testRepeating / testUnsortedIndicesWithWithoutValidation", () =>
    inGraph(() => {
      const values = tf.constant([-1.0, 1.0], { dtype: tf.float32 });
      const make = (indices: number[][], validateIndices = true) =>
        tf.sparseToDense(indices, [5], values, { defaultValue: 0.0, validateIndices });
      expect(() => run(make([[1], [10]]))).toThrow("indices[1] = [10] is out of bounds: need 0 <= index < [5]");
      expect(() => run(make([[1], [10]], false))).toThrow("out of bounds");
      expect(() => run(make([[1], [1]]))).toThrow("indices[1] = [1] is repeated");
      expect(run(make([[1], [1]], false))).toEqual([0, 1, 0, 0, 0]);
      expect(() => run(make([[2], [1]]))).toThrow("indices[1] = [1] is out of order");
      expect(run(make([[2], [1]], false))).toEqual([0, 1, -1, 0, 0]);
    }));

  it("testShapeInferenceKnownShape / testShapeInferenceUnknownShape", () =>
    inGraph(() => {
      const indices = tf.placeholder(tf.int64);
      expect(tf.sparseToDense(indices, [4, 5, 6], 1, { defaultValue: 0 }).shape).toEqual([4, 5, 6]);
      const shape = tf.placeholder(tf.int64, [3]);
      expect(tf.sparseToDense(indices, shape, 1, { defaultValue: 0 }).shape).toEqual([null, null, null]);
      const unknown = tf.placeholder(tf.int64);
      expect(tf.sparseToDense(indices, unknown, 1, { defaultValue: 0 }).shape).toBeNull();
    }));
});

describe("tf.sparseToDense gradient (array_grad.py: _SparseToDenseGrad)", () => {
  it("values get the upstream gradient at their indices, the default value the sum of the rest", () =>
    inGraph(() => {
      const values = tf.constant([10, 20], { dtype: tf.float32, name: "values" });
      const defaultValue = tf.constant(0.5, { dtype: tf.float32, name: "default" });
      // Indices as an [N, 1] matrix: gather_nd reads each row as one index (a vector would be one index of depth 2,
      // for which TF's gradient fails as well).
      const dense = tf.sparseToDense([[1], [3]], [5], values, { defaultValue });
      const loss = tf.reduceSum(tf.multiply(dense, tf.constant([1, 2, 3, 4, 5], { dtype: tf.float32 })));
      const [dValues, dDefault] = tf.gradients(loss, [values, defaultValue]) as tf.Tensor[];
      expect(dValues.op.type).toBe("GatherNd");
      expect(dValues.name).toBe("gradients/SparseToDense_grad/GatherNd:0");
      expect(run(dValues)).toEqual([2, 4]);
      expect(run(dDefault)).toEqual([9]);
    }));
});
