// gen_training_ops.py builders of optimizer-update-defs.ts with training_ops.cc's shape functions: default names,
// attrs (Tindices from indices), static shapes, the shape-function and op_def_library messages, and a failing call
// leaving the graph as it was.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { graphSnapshot, inGraph } from "../scopes/test-helpers";
import {
  applyAdagradDA,
  applyFtrl,
  applyProximalGradientDescent,
  sparseApplyAdadelta,
  sparseApplyProximalAdagrad,
} from "./optimizer-update-ops";

describe("optimizer update builders (gen_training_ops.py)", () => {
  it("named after the op type by default; Tindices from indices; var's static shape; ref output", () =>
    inGraph(() => {
      const v = new tf.Variable(
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        { dtype: tf.float32, name: "v" },
      );
      const a = new tf.Variable(tf.zeros([3, 2]), { name: "a" });
      const u = new tf.Variable(tf.zeros([3, 2]), { name: "u" });
      const out = sparseApplyAdadelta(
        v,
        a,
        u,
        { lr: 1.0, rho: 0.95, epsilon: 1e-8 },
        [[0.1, 0.2]],
        tf.constant([2], { dtype: tf.int64 }),
      );
      expect(out.name).toBe("SparseApplyAdadelta:0");
      expect(out.op.getAttr("Tindices")).toBe(tf.int64);
      expect(out.op.getAttr("use_locking")).toBe(false);
      expect(out.shape).toEqual([3, 2]);
      expect(out.isRef).toBe(true);
      expect(out.op.inputs.slice(3, 6).map((t) => t.name)).toEqual([
        "SparseApplyAdadelta/lr:0",
        "SparseApplyAdadelta/rho:0",
        "SparseApplyAdadelta/epsilon:0",
      ]);
    }));

  it("training_ops.cc shape functions: a scalar of rank 1, a dense grad of another shape, indices of rank 2", () =>
    inGraph((g) => {
      const v = new tf.Variable([1, 2], { dtype: tf.float32, name: "v" });
      expect(() => applyProximalGradientDescent(v, [0.1], 0.0, 0.0, [1, 1], { name: "pgd" })).toThrow(
        "Shape must be rank 0 but is rank 1 for 'pgd' (op: 'ApplyProximalGradientDescent') with input shapes: [2], [1], [], [], [2].",
      );
      const acc = new tf.Variable([0.1, 0.1], { dtype: tf.float32, name: "acc" });
      const lin = new tf.Variable([0, 0], { dtype: tf.float32, name: "lin" });
      const before = graphSnapshot(g);
      expect(() => applyFtrl(v, acc, lin, [1, 2, 3], { lr: 0.1, l1: 0, l2: 0, lrPower: -0.5 })).toThrow(
        "Shapes [2] and [3] are not compatible for 'ApplyFtrl' (op: 'ApplyFtrl') with input shapes: [2], [2], [2], [3], [], [], [], [].",
      );
      expect(graphSnapshot(g)).toEqual(before);
      const m = new tf.Variable([[1, 2]], { dtype: tf.float32, name: "m" });
      const ma = new tf.Variable([[1, 2]], { dtype: tf.float32, name: "ma" });
      expect(() => sparseApplyProximalAdagrad(m, ma, 0.1, 0.0, 0.0, [[1, 1]], [[0]])).toThrow(
        "Shape must be rank 1 but is rank 2 for 'SparseApplyProximalAdagrad' (op: 'SparseApplyProximalAdagrad') with input shapes: [1,2], [1,2], [], [], [], [1,2], [1,1].",
      );
    }));

  it("global_step is int64: an int32 step tensor is op_def_library's TypeError", () =>
    inGraph(() => {
      const v = new tf.Variable([1, 2], { dtype: tf.float32, name: "v" });
      const a = new tf.Variable([0, 0], { dtype: tf.float32 });
      const b = new tf.Variable([0.1, 0.1], { dtype: tf.float32 });
      const ok = applyAdagradDA(v, a, b, [1, 1], { lr: 0.1, l1: 0, l2: 0, globalStep: 3 });
      expect(ok.op.inputs[7].dtype).toBe(tf.int64);
      expect(() =>
        applyAdagradDA(v, a, b, [1, 1], { lr: 0.1, l1: 0, l2: 0, globalStep: tf.constant(3, { dtype: tf.int32 }) }),
      ).toThrow(
        "Input 'global_step' of 'ApplyAdagradDA' Op has type int32 that does not match expected type of int64.",
      );
    }));
});
