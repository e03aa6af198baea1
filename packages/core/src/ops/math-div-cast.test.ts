// math_ops_test.py DivNoNanTest, math_grad_test.py DivNoNanGradientTest (TF 1.15), and the deprecated casts
// tf.to_float / to_int32 / to_int64: names, values, gradients (float64 central differences) and gradient op names.
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import { expectClose } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";
import { inGraph, names } from "../scopes/test-helpers";

const arange = (start: number, stop: number, step: number) =>
  Array.from({ length: Math.round((stop - start) / step) }, (_, i) => start + i * step);

describe("math_ops_test.py DivNoNanTest", () => {
  it("testBasic: x / y, and 0 where y is 0 (float32 and float64)", () =>
    inGraph(() => {
      const nums = arange(-10, 10, 0.25);
      const divs = arange(-3, 3, 0.25);
      for (const dtype of [tf.float32, tf.float64]) {
        const x = tf.constant(
          nums.map((n) => [n]),
          { dtype },
        );
        const y = tf.constant([divs], { dtype });
        const out = new tf.Session().run(tf.divNoNan(x, y));
        expect(out.shape).toEqual([80, 24]);
        const round = dtype === tf.float32 ? Math.fround : (v: number) => v;
        const expected = nums.flatMap((n) => divs.map((d) => (d === 0 ? 0 : round(round(n) / round(d)))));
        expect(Array.from(out.data as Float32Array)).toEqual(expected);
      }
    }));

  it("names: a `DivNoNan` named after the `div_no_nan` scope; y converted there as `y`", () =>
    inGraph((g) => {
      const x = tf.constant([1, 2], { dtype: tf.float32, name: "x" });
      const a = tf.divNoNan(x, 0);
      const b = tf.divNoNan(x, x, "safe");
      expect([a.op.type, a.name, b.name]).toEqual(["DivNoNan", "div_no_nan:0", "safe:0"]);
      expect(names(g)).toEqual(["x:Const", "div_no_nan/y:Const", "div_no_nan:DivNoNan", "safe:DivNoNan"]);
      expect(Array.from(new tf.Session().run(a).data as Float32Array)).toEqual([0, 0]);
    }));

  it("TF's type errors", () =>
    inGraph(() => {
      expect(() => tf.divNoNan(tf.constant([1, 2]), 1)).toThrow(
        "Value passed to parameter 'x' has DataType int32 not in list of allowed values: float16, float32, float64, complex64, complex128",
      );
      expect(() => tf.divNoNan(tf.constant([1.5]), tf.constant([1.5], { dtype: tf.float64 }))).toThrow(
        "Tensor conversion requested dtype float32 for Tensor with dtype float64",
      );
    }));
});

describe("math_grad_test.py DivNoNanGradientTest", () => {
  it("testBasicGradient: div_no_nan(x, 1 + |x|) against central differences", () => {
    checkGradient(([x]) => tf.divNoNan(x, tf.abs(x).add(1)), [[-3, -2, -1, 0.5, 1, 2]]);
    checkGradient(
      ([x, y]) => tf.divNoNan(x, y),
      [
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        [0.5, -2, 4],
      ],
    );
  });

  it("testGradientWithDenominatorIsZero: both gradients are 0", () =>
    inGraph(() => {
      const x = tf.constant(arange(-3, 3, 1), { dtype: tf.float32 });
      const y = tf.zerosLike(x, { dtype: tf.float32 });
      const [dx, dy] = tf.gradients(tf.divNoNan(x, y), [x, y]) as tf.Tensor[];
      const sess = new tf.Session();
      expect(Array.from(sess.run(dx).data as Float32Array)).toEqual([0, 0, 0, 0, 0, 0]);
      expect(Array.from(sess.run(dy).data as Float32Array).map(Math.abs)).toEqual([0, 0, 0, 0, 0, 0]);
    }));

  it("math_grad.py _DivNoNanGrad's op names", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [2, 3], "x");
      const y = tf.placeholder(tf.float32, [3], "y");
      tf.gradients(tf.divNoNan(x, y), [x, y]);
      const d = "gradients/div_no_nan_grad";
      expect(
        g
          .getOperations()
          .filter((o) => o.name.startsWith(`${d}/`) && !o.name.includes("/tuple/"))
          .map((o) => `${o.name.slice(d.length + 1)}:${o.type}`),
      ).toEqual([
        "Shape:Const",
        "Shape_1:Const",
        "BroadcastGradientArgs:BroadcastGradientArgs",
        "div_no_nan:DivNoNan",
        "Sum:Sum",
        "Reshape:Reshape",
        "Neg:Neg",
        "div_no_nan_1:DivNoNan",
        "div_no_nan_2:DivNoNan",
        "mul:Mul",
        "Sum_1:Sum",
        "Reshape_1:Reshape",
      ]);
    }));
});

describe("math_ops.py to_float / to_int32 / to_int64", () => {
  it("a Cast named ToFloat (ToInt32, ToInt64), uniquified; a tensor of that dtype is returned as is", () =>
    inGraph((g) => {
      const i = tf.constant([1, 2], { name: "i" });
      const f = tf.constant([1.5, -2.5], { name: "f" });
      const a = tf.toFloat(i);
      const b = tf.toFloat(i);
      expect([a.name, b.name, a.dtype, a.op.attrs.SrcT, a.op.attrs.DstT]).toEqual([
        "ToFloat:0",
        "ToFloat_1:0",
        tf.float32,
        tf.int32,
        tf.float32,
      ]);
      // cast's early return: no op and no name used up.
      expect(tf.toFloat(f)).toBe(f);
      expect(tf.cast(f, tf.float32)).toBe(f);
      expect(tf.cast(i, tf.float32).name).toBe("Cast:0");
      const c = tf.toInt32(f, "trunc");
      const d = tf.toInt64(f);
      expect([c.name, c.dtype, d.name, d.dtype]).toEqual(["trunc:0", tf.int32, "ToInt64:0", tf.int64]);
      expect(names(g).slice(2)).toEqual(["ToFloat:Cast", "ToFloat_1:Cast", "Cast:Cast", "trunc:Cast", "ToInt64:Cast"]);
      const sess = new tf.Session();
      expect(Array.from(sess.run(c).data as Int32Array)).toEqual([1, -2]);
      expect(Array.from(sess.run(d).data as BigInt64Array)).toEqual([1n, -2n]);
      expectClose(sess.run(a).data as Float32Array, [1, 2]);
      // A plain value is converted inside the scope as `x`.
      expect(tf.toFloat([0.5]).name).toBe("ToFloat_2/x:0");
    }));
});
