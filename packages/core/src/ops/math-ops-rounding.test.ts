// math_ops_test.py / cwise_ops_test.py / scan_ops_test.py in spirit: Floor, Ceil, Round, Sin, Cos and Cumsum through
// Session.run (scalar, empty, negative axis), TF 1.15's names, messages, and float64 finite-difference gradients.
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import * as tf from "../index";
import { inGraph, names, run } from "../scopes/test-helpers";

const closeTo = (actual: unknown, expected: number[]) =>
  (actual as number[]).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));

describe("Floor, Ceil, Round, Sin, Cos: values and names", () => {
  it("round half to even; floor and ceil; scalars and empty tensors", () =>
    inGraph((g) => {
      const x = tf.constant([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.4, -2.6], { dtype: "float64" });
      expect(run(tf.round(x))).toEqual([-2, -2, -0, 0, 2, 2, 2, -3]);
      expect(run(tf.floor(x))).toEqual([-3, -2, -1, 0, 1, 2, 2, -3]);
      expect(run(tf.ceil(x))).toEqual([-2, -1, -0, 1, 2, 3, 3, -2]);
      expect(run(tf.ceil(tf.constant(1.2)))).toBeCloseTo(2);
      expect(run(tf.round(tf.constant([], { dtype: "float32" })))).toEqual([]);
      const i = tf.constant([1, 2]);
      expect(tf.round(i)).toBe(i);
      expect(names(g)).toEqual([
        "Const:Const",
        "Round:Round",
        "Floor:Floor",
        "Ceil:Ceil",
        "Const_1:Const",
        "Ceil_1:Ceil",
        "Const_2:Const",
        "Round_1:Round",
        "Const_3:Const",
      ]);
    }));

  it("sin and cos", () =>
    inGraph(() => {
      const x = tf.constant([0, Math.PI / 2, -Math.PI / 6], { dtype: "float64" });
      closeTo(run(tf.sin(x)), [0, 1, -0.5]);
      closeTo(run(tf.cos(x, "c")), [1, 0, Math.sqrt(3) / 2]);
      expect(tf.cos(x, "c").op.name).toBe("c_1");
      expect(tf.sin(tf.constant(0.5)).op.type).toBe("Sin");
    }));

  it("a non-float input is TF's TypeError", () =>
    inGraph(() => {
      expect(() => tf.sin(tf.constant([1, 2]))).toThrow(
        "Value passed to parameter 'x' has DataType int32 not in list of allowed values: float32, float64",
      );
      expect(() => tf.ceil(tf.constant([1, 2]))).toThrow(TypeError);
    }));
});

describe("Cumsum", () => {
  it("axis 0, negative axis, exclusive and reverse", () =>
    inGraph((g) => {
      const x = tf.constant([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      const c = tf.cumsum(x);
      expect(c.op.type).toBe("Cumsum");
      expect(c.shape).toEqual([2, 3]);
      expect(c.op.attrs).toMatchObject({ exclusive: false, reverse: false });
      expect(run(c)).toEqual([
        [1, 2, 3],
        [5, 7, 9],
      ]);
      expect(run(tf.cumsum(x, -1))).toEqual([
        [1, 3, 6],
        [4, 9, 15],
      ]);
      expect(run(tf.cumsum(x, 1, { exclusive: true }))).toEqual([
        [0, 1, 3],
        [0, 4, 9],
      ]);
      expect(run(tf.cumsum(x, 1, { reverse: true }))).toEqual([
        [6, 5, 3],
        [15, 11, 6],
      ]);
      expect(run(tf.cumsum(x, 1, { exclusive: true, reverse: true, name: "cs" }))).toEqual([
        [5, 3, 0],
        [11, 6, 0],
      ]);
      expect(names(g).slice(1, 3)).toEqual(["Cumsum/axis:Const", "Cumsum:Cumsum"]);
      expect(g.getOperationByName("cs")?.type).toBe("Cumsum");
    }));

  it("int64, float and empty inputs", () =>
    inGraph(() => {
      expect(run(tf.cumsum(tf.constant([1, 2, 3], { dtype: "int64" })))).toEqual([1, 3, 6]);
      expect(run(tf.cumsum(tf.constant([0.5, 0.25], { dtype: "float32" })))).toEqual([0.5, 0.75]);
      expect(run(tf.cumsum(tf.zeros([0, 2]), 1))).toEqual([]);
    }));

  it("kernel and dtype messages", () =>
    inGraph(() => {
      const x = tf.constant([1, 2]);
      expect(() => run(tf.cumsum(x, 1))).toThrow("ScanOp: Expected scan axis in the range [-1, 1), but got 1");
      expect(() => tf.cumsum(tf.constant([true]))).toThrow(
        "Value passed to parameter 'x' has DataType bool not in list of allowed values",
      );
    }));
});

describe("gradients (float64, central differences) and names", () => {
  const x = [
    [0.3, -1.2, 2.1],
    [1.4, 0.2, -0.7],
  ];
  it("Sin, Cos", () => {
    checkGradient(([a]) => tf.sin(a), [x]);
    checkGradient(([a]) => tf.cos(a), [x]);
  });

  it("Cumsum in every mode", () => {
    for (const exclusive of [false, true]) {
      for (const reverse of [false, true]) {
        checkGradient(([a]) => tf.cumsum(a, 1, { exclusive, reverse }), [x]);
        checkGradient(([a]) => tf.cumsum(a, -2, { exclusive, reverse }), [x]);
      }
    }
  });

  it("Floor, Ceil, Round have no gradient", () =>
    inGraph(() => {
      const p = tf.placeholder("float64", [2]);
      for (const f of [tf.floor, tf.ceil, tf.round]) expect(tf.gradients(f(p), [p])).toEqual([null]);
    }));

  it("names of the Sin, Cos and Cumsum gradients", () =>
    inGraph((g) => {
      const p = tf.placeholder("float64", [2]);
      tf.gradients(tf.cos(tf.sin(p)), [p]);
      const added = names(g).filter(
        (n) => n.startsWith("gradients/") && !n.includes("grad_ys") && !n.includes("Fill") && !n.includes("Shape"),
      );
      expect(added).toEqual([
        "gradients/Cos_grad/Neg:Neg",
        "gradients/Cos_grad/Sin:Sin",
        "gradients/Cos_grad/mul:Mul",
        "gradients/Sin_grad/Cos:Cos",
        "gradients/Sin_grad/mul:Mul",
      ]);
      const c = tf.cumsum(p, 0, { reverse: true });
      const [gc] = tf.gradients(c, [p]);
      expect(gc?.op.type).toBe("Cumsum");
      expect(gc?.op.name).toBe("gradients_1/Cumsum_grad/Cumsum");
      expect(gc?.op.attrs.reverse).toBe(false);
    }));
});
