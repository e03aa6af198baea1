// array_ops_test.py / split_op_test.py / one_hot_op_test.py in spirit: values through Session.run (scalar, empty,
// negative axes), TF 1.15's names, shape-function messages, and gradients against central differences in float64.
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import * as tf from "../index";
import { inGraph, names, run } from "../scopes/test-helpers";

const m = [
  [1, 2, 3, 4],
  [5, 6, 7, 8],
];

describe("split", () => {
  it("a count makes a Split (with TF's stray Const); sizes make a SplitV with -1", () =>
    inGraph((g) => {
      const x = tf.constant(m);
      const parts = tf.split(x, 2, 1);
      expect(parts.map((p) => p.name)).toEqual(["split:0", "split:1"]);
      expect(parts[0].shape).toEqual([2, 2]);
      expect(parts.map(run)).toEqual([
        [
          [1, 2],
          [5, 6],
        ],
        [
          [3, 4],
          [7, 8],
        ],
      ]);
      const v = tf.split(x, [1, -1], -1);
      expect(v.map((p) => p.shape)).toEqual([
        [2, 1],
        [2, 3],
      ]);
      expect(v.map(run)).toEqual([
        [[1], [5]],
        [
          [2, 3, 4],
          [6, 7, 8],
        ],
      ]);
      expect(names(g)).toEqual([
        "Const:Const",
        "Const_1:Const",
        "split/split_dim:Const",
        "split:Split",
        "Const_2:Const",
        "split_1/split_dim:Const",
        "split_1:SplitV",
      ]);
      expect(g.getOperationByName("split_1")?.attrs).toMatchObject({ num_split: 2 });
    }));

  it("axis 0 by default, empty pieces, a name", () =>
    inGraph(() => {
      const [a, b] = tf.split(tf.constant([1, 2, 3, 4]), 2, 0, "s");
      expect(a.op.name).toBe("s");
      expect([run(a), run(b)]).toEqual([
        [1, 2],
        [3, 4],
      ]);
      const e = tf.split(tf.zeros([0, 2]), 2, 1);
      expect(e.map((t) => t.shape)).toEqual([
        [0, 1],
        [0, 1],
      ]);
      expect(run(e[0])).toEqual([]);
      expect(tf.split(tf.constant([1, 2, 3]), [0, 3]).map(run)).toEqual([[], [1, 2, 3]]);
    }));

  it("messages", () =>
    inGraph(() => {
      expect(() => tf.split(tf.constant([1, 2, 3]), 2)).toThrow(
        "Dimension size must be evenly divisible by 2 but is 3\n\tNumber of ways to split should evenly divide the split dimension for 'split' (op: 'Split') with input shapes: [], [3] and with computed input tensors: input[0] = <0>.",
      );
      expect(() => tf.split(tf.constant(3), [1])).toThrow("Can't split scalars for 'split' (op: 'SplitV')");
      expect(() => tf.split(tf.constant([1, 2, 3]), [-1, -1])).toThrow("size_splits can only have one -1");
      const p = tf.placeholder("int32", [null]);
      const s = tf.split(p, [1, 1]);
      expect(() => new tf.Session().run(s[0], new Map([[p, [1, 2, 3]]]))).toThrow(
        "Determined shape must either match input shape along split_dim exactly if fully specified",
      );
    }));

  it("gradients: concat of the pieces' gradients (float64)", () => {
    const x = [
      [0.5, -1.2, 2.0, 0.1],
      [1.5, 0.3, -0.7, 0.9],
    ];
    checkGradient(
      ([a]) =>
        tf.concat(
          tf.split(a, 2, -1).map((p, i) => p.mul(i + 1)),
          0,
        ),
      [x],
    );
    checkGradient(([a]) => tf.split(a, [3, -1], 1)[0].mul(2), [x]);
    inGraph(() => {
      const p = tf.placeholder("float64", [4]);
      const [g] = tf.gradients(tf.split(p, 2)[1], [p]);
      expect(g?.op.type).toBe("ConcatV2");
      expect(g?.op.name).toBe("gradients/split_grad/concat");
    });
  });
});

describe("oneHot", () => {
  it("defaults: float32 1/0 at the last axis, out-of-range and negative indices all off", () =>
    inGraph((g) => {
      const o = tf.oneHot([0, 2, -1, 5], 3);
      expect(o.op.type).toBe("OneHot");
      expect(o.dtype.name).toBe("float32");
      expect(o.shape).toEqual([4, 3]);
      expect(run(o)).toEqual([
        [1, 0, 0],
        [0, 0, 1],
        [0, 0, 0],
        [0, 0, 0],
      ]);
      expect(names(g)).toEqual([
        "one_hot/on_value:Const",
        "one_hot/off_value:Const",
        "one_hot/indices:Const",
        "one_hot/depth:Const",
        "one_hot:OneHot",
      ]);
      expect(o.op.attrs).toMatchObject({ axis: -1 });
    }));

  it("axis 0, a scalar index, on/off values and their dtype", () =>
    inGraph((g) => {
      const a = tf.oneHot([1, 0], 3, { axis: 0, onValue: 5, offValue: -1, name: "oh" });
      expect(a.dtype.name).toBe("int32");
      expect(a.shape).toEqual([3, 2]);
      expect(run(a)).toEqual([
        [-1, 5],
        [5, -1],
        [-1, -1],
      ]);
      expect(names(g)).toEqual([
        "oh/Const:Const",
        "oh/Const_1:Const",
        "oh/indices:Const",
        "oh/depth:Const",
        "oh/on_value:Const",
        "oh/off_value:Const",
        "oh:OneHot",
      ]);
      expect(run(tf.oneHot(2, 4, { dtype: "float64" }))).toEqual([0, 0, 1, 0]);
      expect(run(tf.oneHot(tf.constant([], { dtype: "int32" }), 2))).toEqual([]);
      expect(tf.oneHot(tf.placeholder("int64", [null, 2]), 4, { axis: 1 }).shape).toEqual([null, 4, 2]);
    }));

  it("messages", () =>
    inGraph(() => {
      expect(() => tf.oneHot([1], 2, { onValue: 1, dtype: "float32" })).toThrow(
        "dtype <dtype: 'int32'> of on_value does not match dtype parameter <dtype: 'float32'>",
      );
      expect(() => tf.oneHot([1], 2, { onValue: 1.5, offValue: 0 })).toThrow(
        "dtype <dtype: 'float32'> of on_value does not match dtype <dtype: 'int32'> of off_value",
      );
      expect(() => tf.oneHot([1], 2, { axis: -2 })).toThrow("axis must be >= -1 for 'one_hot' (op: 'OneHot')");
      const d = tf.placeholder("int32", []);
      expect(() => new tf.Session().run(tf.oneHot([1], d), new Map([[d, -1]]))).toThrow(
        "depth must be non-negative, got: -1",
      );
    }));

  it("no gradient for the indices; on/off values get none either (NotDifferentiable)", () =>
    inGraph(() => {
      const on = tf.placeholder("float32", []);
      expect(
        tf.gradients(tf.oneHot([0, 1], 2, { onValue: on, offValue: tf.constant(0, { dtype: "float32" }) }), [on]),
      ).toEqual([null]);
    }));
});
