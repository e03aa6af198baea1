// embedding_ops_test.py (EmbeddingLookupTest, single shard), ops_test.py / indexed_slices_test.py (IndexedSlices
// conversion), gradients_test.py (IndexedSlices aggregation): names, colocation and values of the sparse path.
import { afterEach, describe, expect, it, vi } from "vitest";
import * as tf from "../index";

afterEach(() => {
  vi.restoreAllMocks();
});

function inGraph<T>(body: (g: tf.Graph) => T): T {
  const g = new tf.Graph();
  return g.asDefault(() => body(g));
}

const params = [
  [0, 1],
  [2, 3],
  [4, 5],
  [6, 7],
];

describe("tf.nn.embeddingLookup (embedding_ops_test.py EmbeddingLookupTest)", () => {
  it("testSimpleSharded (one shard): GatherV2 `embedding_lookup` colocated with the variable, then Identity", () =>
    inGraph((g) => {
      const emb = new tf.Variable(params, { dtype: tf.float32, name: "emb" });
      const ids = tf.constant([3, 0, 3], { dtype: tf.int32, name: "ids" });
      const out = tf.nn.embeddingLookup(emb, ids);
      expect(out.name).toBe("embedding_lookup/Identity:0");
      expect(out.shape).toEqual([3, 2]);
      const gatherOp = g.getOperationByName("embedding_lookup");
      expect(gatherOp.type).toBe("GatherV2");
      expect(gatherOp.inputs.map((t) => t.name)).toEqual(["emb/read:0", "ids:0", "embedding_lookup/axis:0"]);
      expect(gatherOp.attrs._class).toEqual(["loc:@emb"]);
      expect(out.op.attrs._class).toBeUndefined();
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(sess.run(out).toArray()).toEqual([
        [6, 7],
        [0, 1],
        [6, 7],
      ]);
    }));

  it("takes a name and a plain tensor; bad params are TF's ValueErrors", () =>
    inGraph(() => {
      const p = tf.constant(params, { dtype: tf.float32 });
      expect(tf.nn.embeddingLookup(p, [1], { name: "lookup" }).name).toBe("lookup/Identity:0");
      expect(() => tf.nn.embeddingLookup([], [1])).toThrow("Need at least one param");
      expect(() => tf.nn.embeddingLookup(null as never, [1])).toThrow("params must be specified");
    }));
});

describe("IndexedSlices gradients (array_grad.py _GatherV2Grad, gradients_test.py)", () => {
  it("the gradient of a lookup with respect to the variable is an IndexedSlices (values, indices, dense_shape)", () =>
    inGraph((g) => {
      const emb = new tf.Variable(params, { dtype: tf.float32, name: "emb" });
      const out = tf.nn.embeddingLookup(emb, [3, 0, 3]);
      const [grad] = tf.gradients(tf.reduceSum(out.mul(out)), [emb]);
      expect(grad).toBeInstanceOf(tf.IndexedSlices);
      const slices = grad as tf.IndexedSlices;
      expect(slices.values.name).toBe("gradients/embedding_lookup_grad/Reshape:0");
      expect(slices.indices.name).toBe("gradients/embedding_lookup_grad/Reshape_1:0");
      expect(slices.denseShape?.name).toBe("gradients/embedding_lookup_grad/Cast:0");
      expect(slices.dtype).toBe(tf.float32);
      expect(slices.graph).toBe(g);
      expect(slices.name).toBe(slices.values.name);
      // The Identity `emb/read` passes the IndexedSlices through.
      expect(g.getOperations().some((op) => op.name.startsWith("gradients/emb/read_grad"))).toBe(false);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const value = sess.run(slices);
      expect(value.values.toArray()).toEqual([
        [12, 14],
        [0, 2],
        [12, 14],
      ]);
      expect(value.indices.toArray()).toEqual([3, 0, 3]);
      expect(value.denseShape?.toArray()).toEqual([4, 2]);
    }));

  it("_AggregateIndexedSlicesGradients: two lookups concat values and indices (gradients/concat, concat_1)", () =>
    inGraph((g) => {
      const emb = new tf.Variable(params, { dtype: tf.float32, name: "emb" });
      const a = tf.nn.embeddingLookup(emb, [1]);
      const b = tf.nn.embeddingLookup(emb, [2, 1]);
      const [grad] = tf.gradients(tf.add(tf.reduceSum(a), tf.reduceSum(b)), [emb]);
      const slices = grad as tf.IndexedSlices;
      expect(slices.values.name).toBe("gradients/concat:0");
      expect(slices.indices.name).toBe("gradients/concat_1:0");
      expect(g.getOperations().some((op) => op.type === "AddN")).toBe(false);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const value = sess.run(slices);
      expect(value.indices.toArray()).toEqual([1, 2, 1]);
      expect(value.values.toArray()).toEqual([
        [1, 1],
        [1, 1],
        [1, 1],
      ]);
    }));

  it("a dense gradient joins as IndexedSlices over all rows (math_ops._as_indexed_slices: Shape, range)", () =>
    inGraph((g) => {
      const emb = new tf.Variable(params, { dtype: tf.float32, name: "emb" });
      const a = tf.nn.embeddingLookup(emb, [1]);
      const loss = tf.add(tf.reduceSum(a), tf.reduceSum(emb.mul(2)));
      const [grad] = tf.gradients(loss, [emb]);
      expect(grad).toBeInstanceOf(tf.IndexedSlices);
      expect(g.getOperations().some((op) => op.type === "Range")).toBe(true);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const dense = sess.run(tf.convertToTensor(grad as tf.IndexedSlices));
      expect(dense.toArray()).toEqual([
        [2, 2],
        [3, 3],
        [2, 2],
        [2, 2],
      ]);
    }));

  it("an op that uses the IndexedSlices as a tensor gets it densified by UnsortedSegmentSum", () =>
    inGraph((g) => {
      const emb = new tf.Variable(params, { dtype: tf.float64, name: "emb" });
      const out = tf.nn.embeddingLookup(emb, [0, 0]);
      const [grad] = tf.gradients(tf.reduceSum(out), [emb]);
      const dense = tf.multiply(grad as tf.IndexedSlices, 3);
      const sum = g.getOperations().find((op) => op.type === "UnsortedSegmentSum");
      expect(sum?.outputs[0].shape).toEqual([4, 2]);
      expect(dense.op.inputs[0]).toBe(sum?.outputs[0]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(sess.run(dense).toArray()).toEqual([
        [6, 6],
        [0, 0],
        [0, 0],
        [0, 0],
      ]);
    }));

  it("_IndexedSlicesToTensor: TF's dtype error, no dense_shape error and the unknown-shape warning", () =>
    inGraph(() => {
      const values = tf.placeholder(tf.float32, [null, 2], "values");
      const indices = tf.placeholder(tf.int32, [null], "indices");
      const noShape = new tf.IndexedSlices(values, indices);
      expect(() => tf.convertToTensor(noShape)).toThrow(
        "Tensor conversion requested for IndexedSlices without dense_shape",
      );
      const withShape = new tf.IndexedSlices(values, indices, tf.placeholder(tf.int32, [2], "shape"));
      expect(() => tf.convertToTensor(withShape, { dtype: tf.float64 })).toThrow(
        "Tensor conversion requested dtype float64 for IndexedSlices with dtype float32",
      );
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      const dense = tf.convertToTensor(withShape);
      expect(dense.op.type).toBe("UnsortedSegmentSum");
      expect(warn).toHaveBeenCalledWith(
        "Converting sparse IndexedSlices to a dense Tensor of unknown shape. This may consume a large amount of memory.",
      );
      const big = new tf.IndexedSlices(values, indices, tf.constant([100000000, 2]));
      tf.convertToTensor(big);
      expect(warn).toHaveBeenCalledWith(
        "Converting sparse IndexedSlices to a dense Tensor with 200000000 elements. This may consume a large amount of memory.",
      );
    }));
});
