// scan_ops_test.py / reduction_ops_test.py in spirit: Cumprod values and modes, and math_grad.py's _ProdGrad checked
// by float64 central differences (zeros in the input included), with the ops and names TF 1.15 builds.
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import * as tf from "../index";
import { inGraph, run } from "../scopes/test-helpers";

describe("Cumprod", () => {
  it("axis, exclusive and reverse; int32, int64, float", () =>
    inGraph((g) => {
      const x = tf.constant([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      const c = tf.cumprod(x);
      expect([c.op.type, c.op.name, c.shape]).toEqual(["Cumprod", "Cumprod", [2, 3]]);
      expect(run(c)).toEqual([
        [1, 2, 3],
        [4, 10, 18],
      ]);
      expect(run(tf.cumprod(x, 1, { exclusive: true }))).toEqual([
        [1, 1, 2],
        [1, 4, 20],
      ]);
      expect(run(tf.cumprod(x, -1, { exclusive: true, reverse: true, name: "cp" }))).toEqual([
        [6, 3, 1],
        [30, 6, 1],
      ]);
      expect(g.getOperationByName("cp")?.type).toBe("Cumprod");
      expect(run(tf.cumprod(tf.constant([2, 3, 4], { dtype: "int64" })))).toEqual([2, 6, 24]);
      expect(run(tf.cumprod(tf.constant([0.5, 0.25], { dtype: "float64" }), 0, { reverse: true }))).toEqual([
        0.125, 0.25,
      ]);
    }));
});

describe("Prod gradient (math_grad.py: _ProdGrad)", () => {
  const x = [
    [0.3, -1.2, 2.1],
    [1.4, 0.2, -0.7],
  ];
  const withZeros = [
    [0, -1.2, 2.1],
    [1.4, 0, 0],
  ];
  it("float64 finite differences: all axes, one axis, negative axis, keepDims, zeros", () => {
    for (const input of [x, withZeros]) {
      checkGradient(([a]) => tf.reduceProd(a), [input]);
      checkGradient(([a]) => tf.reduceProd(a, 0), [input]);
      checkGradient(([a]) => tf.reduceProd(a, -1, true), [input]);
      checkGradient(([a]) => tf.reduceProd(a, [0, 1]), [input]);
    }
    checkGradient(
      ([a]) => tf.reduceProd(a, [0, 2]),
      [
        [
          [
            [0.5, 1.5],
            [-2, 0.25],
          ],
          [
            [1.1, -0.3],
            [0.7, 2],
          ],
        ],
      ],
    );
  });

  it("builds TF's ops: cumprods from both sides, ListDiff for the other axes", () =>
    inGraph((g) => {
      const p = tf.placeholder("float64", [2, 3]);
      const [gp] = tf.gradients(tf.reduceProd(p, 1), [p]) as (tf.Tensor | null)[];
      expect([gp?.op.type, gp?.shape]).toEqual(["Reshape", [2, 3]]);
      const ops = g.getOperations().filter((o) => o.name.startsWith("gradients/Prod_grad/"));
      const cumprods = ops.filter((o) => o.type === "Cumprod");
      expect(cumprods.map((o) => [o.name, o.attrs.exclusive, o.attrs.reverse])).toEqual([
        ["gradients/Prod_grad/Cumprod", true, false],
        ["gradients/Prod_grad/Cumprod_1", true, true],
      ]);
      expect(ops.some((o) => o.type === "ListDiff")).toBe(true);
      expect(ops.some((o) => o.type === "InvertPermutation")).toBe(true);
    }));
});
