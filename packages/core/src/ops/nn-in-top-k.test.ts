// in_topk_op_test.py InTopKTest (TF 1.15): tf.nn.in_top_k's values (ties, NaN/inf, bad targets, a tensor k), plus
// the op TF builds (InTopKV2 in scope `in_top_k`), its shape function's and kernel's messages, and no gradient.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph, names } from "../scopes/test-helpers";
import type { TensorLike } from "./op-builder";

function validateInTopK(predictions: number[][], target: TensorLike, k: TensorLike, expected: boolean[]) {
  inGraph(() => {
    const precision = tf.nn.inTopK(predictions, target, k);
    expect(precision.shape).toEqual([expected.length]);
    expect(new tf.Session().run(precision).toArray()).toEqual(expected);
  });
}

describe("in_topk_op_test.py InTopKTest", () => {
  it("testInTop1", () =>
    validateInTopK(
      [
        [0.1, 0.3, 0.2, 0.4],
        [0.1, 0.2, 0.3, 0.4],
      ],
      [3, 2],
      1,
      [true, false],
    ));
  it("testInTop2", () =>
    validateInTopK(
      [
        [0.1, 0.3, 0.2, 0.4],
        [0.1, 0.2, 0.3, 0.4],
      ],
      [2, 2],
      2,
      [false, true],
    ));
  it("testInTop2Tie: classes 2 and 3 tie for 2nd, so both are in the top 2", () =>
    validateInTopK(
      [
        [0.1, 0.3, 0.2, 0.2],
        [0.1, 0.3, 0.2, 0.2],
      ],
      [2, 3],
      2,
      [true, true],
    ));
  it("testInTop2_int64Target", () =>
    inGraph(() => {
      const target = tf.constant([0, 2], { dtype: tf.int64 });
      const precision = tf.nn.inTopK(
        [
          [0.1, 0.3, 0.2, 0.4],
          [0.1, 0.2, 0.3, 0.4],
        ],
        target,
        2,
      );
      // k is converted to the targets' type T.
      expect(precision.op.attrs.T).toBe(tf.int64);
      expect(precision.op.inputs[2].dtype).toBe(tf.int64);
      expect(new tf.Session().run(precision).toArray()).toEqual([false, true]);
    }));
  it("testInTopNan", () =>
    validateInTopK(
      [
        [0.1, Number.NaN, 0.2, 0.4],
        [0.1, 0.2, 0.3, Number.POSITIVE_INFINITY],
      ],
      [1, 3],
      2,
      [false, false],
    ));
  it("testBadTarget: False for an invalid target", () =>
    validateInTopK(
      [
        [0.1, 0.3, 0.2, 0.2],
        [0.1, 0.3, 0.2, 0.2],
      ],
      [2, 4],
      2,
      [true, false],
    ));
  it("testTensorK", () =>
    inGraph(() => {
      const k = tf.constant(3);
      const precision = tf.nn.inTopK(
        [
          [0.1, 0.3, 0.2, 0.4],
          [0.1, 0.2, 0.3, 0.4],
        ],
        [0, 2],
        k,
      );
      expect(new tf.Session().run(precision).toArray()).toEqual([false, true]);
    }));
});

describe("tf.nn.inTopK: the op, messages, gradient", () => {
  it("an InTopKV2 in scope `in_top_k`; named, TF's `<name>/<name>`", () =>
    inGraph((g) => {
      const p = tf.placeholder(tf.float32, [null, 4], "p");
      const t = tf.placeholder(tf.int32, [5], "t");
      const a = tf.nn.inTopK(p, t, 1);
      const b = tf.nn.inTopK(p, t, 2, "top2");
      expect([a.dtype, a.shape, a.op.type]).toEqual([tf.bool, [5], "InTopKV2"]);
      expect(names(g)).toEqual([
        "p:Placeholder",
        "t:Placeholder",
        "in_top_k/InTopKV2/k:Const",
        "in_top_k/InTopKV2:InTopKV2",
        "top2/top2/k:Const",
        "top2/top2:InTopKV2",
      ]);
      expect(b.op.inputs.map((x) => x.name)).toEqual(["p:0", "t:0", "top2/top2/k:0"]);
    }));

  it("shape function and type messages (a failed call uses up no name)", () =>
    inGraph(() => {
      expect(() => tf.nn.inTopK([0.1, 0.2], [0], 1)).toThrow(
        "Shape must be rank 2 but is rank 1 for 'in_top_k/InTopKV2' (op: 'InTopKV2') with input shapes: [2], [1], [].",
      );
      expect(() => tf.nn.inTopK([[0.1, 0.2]], [[0]], 1)).toThrow(
        "Shape must be rank 1 but is rank 2 for 'in_top_k/InTopKV2' (op: 'InTopKV2') with input shapes: [1,2], [1,1], [].",
      );
      expect(() => tf.nn.inTopK([[0.1, 0.2]], [0, 1], 1)).toThrow(
        "Dimensions must be equal, but are 1 and 2 for 'in_top_k/InTopKV2' (op: 'InTopKV2') with input shapes: [1,2], [2], [].",
      );
      expect(() => tf.nn.inTopK(tf.constant([[0.1, 0.2]], { dtype: tf.float64 }), [0], 1)).toThrow(
        "Input 'predictions' of 'InTopKV2' Op has type float64 that does not match expected type of float32.",
      );
      expect(() => tf.nn.inTopK([[0.1, 0.2]], [0], tf.constant(1, { dtype: tf.int64 }))).toThrow(
        "Input 'k' of 'InTopKV2' Op has type int64 that does not match type int32 of argument 'targets'.",
      );
    }));

  it("the kernel's messages", () =>
    inGraph(() => {
      const k = tf.placeholder(tf.int32, null, "k");
      const p = tf.placeholder(tf.float32, null, "p");
      const t = tf.placeholder(tf.int32, null, "t");
      const top = tf.nn.inTopK(p, t, k);
      const sess = new tf.Session();
      const feed = (pv: unknown, tv: unknown, kv: unknown) =>
        sess.run(
          top,
          new Map<tf.Tensor, unknown>([
            [p, pv],
            [t, tv],
            [k, kv],
          ]) as never,
        );
      expect(() => feed([[0.1]], [0], [1, 2])).toThrow("k must be 0-D, got shape [2]");
      expect(() => feed([0.1], [0], 1)).toThrow("predictions must be 2-dimensional");
      expect(() => feed([[0.1]], [[0]], 1)).toThrow("targets must be 1-dimensional");
      expect(() => feed([[0.1]], [0, 0], 1)).toThrow("First dimension of predictions 1 must match length of targets 2");
      expect(feed([[0.1, 0.9]], [1], 1).toArray()).toEqual([true]);
    }));

  it("no gradient flows through its bool output", () =>
    inGraph(() => {
      const p = tf.constant([[0.1, 0.9]]);
      const y = tf.cast(tf.nn.inTopK(p, [1], 1), tf.float32);
      expect(tf.gradients(y, [p])).toEqual([null]);
    }));
});
