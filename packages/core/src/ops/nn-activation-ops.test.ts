// nn_test.py / relu_op_test.py / softplus_op_test.py in spirit: Elu, Softplus, LeakyRelu through Session.run (scalar,
// empty), TF 1.15's names, dtype messages, and their gradients against central differences in float64.
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import * as tf from "../index";
import { inGraph, names, run } from "../scopes/test-helpers";

const closeTo = (actual: unknown, expected: number[]) =>
  (actual as number[]).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));

const xs = [-2, -0.5, 0, 0.5, 3];

describe("activations: values, names, messages", () => {
  it("elu", () =>
    inGraph(() => {
      const e = tf.nn.elu(tf.constant(xs, { dtype: "float64" }));
      expect(e.op.type).toBe("Elu");
      expect(e.op.name).toBe("Elu");
      closeTo(run(e), [Math.exp(-2) - 1, Math.exp(-0.5) - 1, 0, 0.5, 3]);
      expect(run(tf.nn.elu(tf.constant(-1, { dtype: "float64" })))).toBeCloseTo(Math.exp(-1) - 1);
      expect(run(tf.nn.elu(tf.zeros([0, 3])))).toEqual([]);
    }));

  it("softplus, stable for large |x|", () =>
    inGraph(() => {
      const s = tf.nn.softplus(tf.constant([...xs, 800, -800], { dtype: "float64" }), "sp");
      expect(s.op.name).toBe("sp");
      expect(s.op.type).toBe("Softplus");
      closeTo(run(s), [...xs.map((v) => Math.log(1 + Math.exp(v))), 800, 0]);
    }));

  it("leakyRelu: alpha attr, the LeakyRelu scope, integers cast to float32", () =>
    inGraph((g) => {
      const l = tf.nn.leakyRelu(tf.constant([-5, 0, 3]));
      expect(l.op.type).toBe("LeakyRelu");
      expect(l.op.attrs.alpha).toBe(0.2);
      expect(l.dtype.name).toBe("float32");
      closeTo(run(l), [-1, 0, 3]);
      closeTo(run(tf.nn.leakyRelu(tf.constant(xs))), [-0.4, -0.1, 0, 0.5, 3]);
      const k = tf.nn.leakyRelu(tf.constant([-1, 2], { dtype: "float64" }), { alpha: 0.5, name: "lr" });
      expect(k.op.attrs.alpha).toBe(0.5);
      expect(run(k)).toEqual([-0.5, 2]);
      expect(run(tf.nn.leakyRelu(tf.constant(-3.0), 0.1))).toBeCloseTo(-0.3);
      expect(names(g).slice(0, 5)).toEqual([
        "Const:Const",
        "LeakyRelu/Cast:Cast",
        "LeakyRelu:LeakyRelu",
        "Const_1:Const",
        "LeakyRelu_1:LeakyRelu",
      ]);
      expect(k.op.name).toBe("lr");
    }));

  it("an integer input to Elu or Softplus is TF's TypeError", () =>
    inGraph(() => {
      expect(() => tf.nn.elu(tf.constant([1, 2]))).toThrow(
        "Value passed to parameter 'features' has DataType int32 not in list of allowed values: float16, bfloat16, float32, float64",
      );
      expect(() => tf.nn.softplus(tf.constant([1, 2]))).toThrow(TypeError);
    }));
});

describe("gradients (float64, central differences) and names", () => {
  const x = new tf.NDArray("float64", [2, 3], Float64Array.from([-1.5, -0.4, 0.3, 0.8, 1.7, -2.2]));
  const tol = { tolerance: 1e-7 };
  it("Elu, Softplus, LeakyRelu", () => {
    checkGradient(([a]) => tf.nn.elu(a), [x], tol);
    checkGradient(([a]) => tf.nn.softplus(a), [x], tol);
    checkGradient(([a]) => tf.nn.leakyRelu(a, 0.3), [x], tol);
  });

  it("second derivatives: EluGrad, SoftplusGrad, LeakyReluGrad", () => {
    const second =
      (f: (t: tf.Tensor) => tf.Tensor) =>
      ([a]: tf.Tensor[]) =>
        tf.gradients(f(a), [a])[0] as tf.Tensor;
    checkGradient(
      second((a) => tf.nn.softplus(a)),
      [x],
      tol,
    );
    checkGradient(
      second((a) => tf.nn.leakyRelu(a, 0.3)),
      [x],
      tol,
    );
    // d/dx of elu'(x) (TF's _EluGradGrad feeds EluGrad's own output back, which is exact where x >= 0).
    checkGradient(
      second((a) => tf.nn.elu(a)),
      [[0.3, 0.8, 1.7]],
      tol,
    );
  });

  it("gradient op names", () =>
    inGraph(() => {
      const p = tf.placeholder("float64", [3]);
      expect(tf.gradients(tf.nn.elu(p), [p])[0]?.op.name).toBe("gradients/Elu_grad/EluGrad");
      expect(tf.gradients(tf.nn.softplus(p), [p])[0]?.op.name).toBe("gradients_1/Softplus_grad/SoftplusGrad");
      const [gl] = tf.gradients(tf.nn.leakyRelu(p, 0.1), [p]);
      expect(gl?.op.name).toBe("gradients_2/LeakyRelu_grad/LeakyReluGrad");
      expect(gl?.op.attrs.alpha).toBe(0.1);
    }));
});
