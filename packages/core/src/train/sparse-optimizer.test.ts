// gradient_descent_test.py (testSparseBasic), momentum_test.py (testSparse), adam_test.py (testSparse): an embedding
// model trained through IndexedSlices gradients (ScatterSub, SparseApplyMomentum, Adam's ScatterAdd) matches the
// same model trained through dense gradients (a one_hot matmul), and the update ops have TF's names.
import { describe, expect, it } from "vitest";
import { expectClose } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";

const init = [
  [0.1, 0.2],
  [0.3, 0.4],
  [0.5, 0.6],
  [0.7, 0.8],
  [0.9, 1.0],
];
// Repeated ids: the sparse updates must sum their rows (ScatterSub accumulates; the others go through Unique).
const ids = [3, 0, 3, 1];

type MakeOptimizer = () => tf.train.Optimizer;

/** Trains `steps` steps of sum((lookup * w)^2); `sparse` looks up with embedding_lookup, else one_hot @ emb. */
function train(make: MakeOptimizer, sparse: boolean, steps = 3): { values: number[][]; graph: tf.Graph } {
  const g = new tf.Graph();
  return g.asDefault(() => {
    const emb = new tf.Variable(init, { dtype: tf.float64, name: "emb" });
    const looked = sparse
      ? tf.nn.embeddingLookup(emb, ids)
      : tf.matmul(tf.oneHot(ids, init.length, { dtype: tf.float64 }), emb);
    const w = tf.constant([1.5, -2.0], { dtype: tf.float64 });
    const loss = tf.reduceSum(tf.square(looked.mul(w)));
    const trainOp = make().minimize(loss);
    const sess = new tf.Session();
    sess.run(tf.globalVariablesInitializer());
    for (let i = 0; i < steps; i++) sess.run(trainOp);
    return { values: sess.run(emb).toArray() as number[][], graph: g };
  });
}

function compare(make: MakeOptimizer): tf.Graph {
  const dense = train(make, false);
  const sparse = train(make, true);
  expectClose(sparse.values.flat(), dense.values.flat(), 1e-12);
  // Row 2 and 4 are never looked up: unchanged.
  expect(sparse.values[2]).toEqual(init[2]);
  expect(sparse.values[4]).toEqual(init[4]);
  return sparse.graph;
}

function opsUnder(g: tf.Graph, prefix: string): string[] {
  return g
    .getOperations()
    .filter((op) => op.name.startsWith(prefix))
    .map((op) => `${op.name.slice(prefix.length)}:${op.type}`);
}

describe("sparse updates (optimizer.py _apply_sparse_duplicate_indices)", () => {
  it("GradientDescent: mul by the learning rate, then ScatterSub (no Unique)", () => {
    const g = compare(() => new tf.train.GradientDescentOptimizer(0.1));
    expect(opsUnder(g, "GradientDescent/update_emb/")).toEqual(["Cast:Cast", "mul:Mul", "ScatterSub:ScatterSub"]);
    const scatter = g.getOperationByName("GradientDescent/update_emb/ScatterSub");
    expect(scatter.inputs.map((t) => t.name)).toEqual([
      "emb:0",
      "gradients/embedding_lookup_grad/Reshape_1:0",
      "GradientDescent/update_emb/mul:0",
    ]);
    expect(scatter.attrs).toEqual({ T: tf.float64, Tindices: tf.int32, use_locking: false, _class: ["loc:@emb"] });
  });

  it("Momentum: Unique, UnsortedSegmentSum, then SparseApplyMomentum", () => {
    const g = compare(() => new tf.train.MomentumOptimizer(0.1, 0.9));
    expect(opsUnder(g, "Momentum/update_emb/")).toEqual([
      "Unique:Unique",
      "Shape:Shape",
      "strided_slice/stack:Const",
      "strided_slice/stack_1:Const",
      "strided_slice/stack_2:Const",
      "strided_slice:StridedSlice",
      "UnsortedSegmentSum:UnsortedSegmentSum",
      "Cast:Cast",
      "Cast_1:Cast",
      "SparseApplyMomentum:SparseApplyMomentum",
    ]);
    const apply = g.getOperationByName("Momentum/update_emb/SparseApplyMomentum");
    expect(apply.inputs.map((t) => t.name)).toEqual([
      "emb:0",
      "emb/Momentum:0",
      "Momentum/update_emb/Cast:0",
      "Momentum/update_emb/UnsortedSegmentSum:0",
      "Momentum/update_emb/Unique:0",
      "Momentum/update_emb/Cast_1:0",
    ]);
  });

  it("Momentum with Nesterov", () => {
    compare(() => new tf.train.MomentumOptimizer(0.05, 0.9, { useNesterov: true }));
  });

  it("Adam: decayed m and v by Assign, ScatterAdd of the scaled rows, AssignSub of var, group_deps", () => {
    const g = compare(() => new tf.train.AdamOptimizer(0.01));
    const names = opsUnder(g, "Adam/update_emb/");
    expect(names.filter((n) => /Assign|Scatter|group_deps/.test(n))).toEqual([
      "Assign:Assign",
      "ScatterAdd:ScatterAdd",
      "Assign_1:Assign",
      "ScatterAdd_1:ScatterAdd",
      "AssignSub:AssignSub",
      "group_deps:NoOp",
    ]);
    expect(g.getOperationByName("Adam/update_emb/ScatterAdd").controlInputs.map((op) => op.name)).toEqual([
      "Adam/update_emb/Assign",
    ]);
  });

  it("the ScatterSub kernel rejects an index out of range with TF's message", () => {
    new tf.Graph().asDefault(() => {
      const v = new tf.Variable([1, 2, 3], { dtype: tf.float32, name: "v" });
      const op = tf.scatterSub(v, [5], [1]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(() => sess.run(op)).toThrow("indices[0] = 5 is not in [0, 3)");
      expect(sess.run(tf.scatterAdd(v, [0, 0], [1, 1])).toArray()).toEqual([3, 2, 3]);
      expect(sess.run(tf.scatterUpdate(v, [2], [9])).toArray()).toEqual([3, 2, 9]);
    });
  });
});
