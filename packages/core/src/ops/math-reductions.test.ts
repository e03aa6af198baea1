// reduction_ops_test.py (ReducedLogSumExpTest, CountNonzeroReductionTest, EuclideanNormReductionTest) and
// norm_op_test.py (testBadOrder, testInvalidAxis, the numpy comparisons): values, TF 1.15's op names and messages.
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import * as tf from "../index";
import { inGraph, names, run } from "../scopes/test-helpers";

const flat = (v: unknown) => [v].flat(4) as number[];
const close = (actual: unknown, expected: number[], digits = 6) => {
  const a = flat(actual);
  expect(a.length).toBe(expected.length);
  a.forEach((v, i) => expect(v).toBeCloseTo(expected[i], digits));
};
const logSumExp = (xs: number[]) => Math.log(xs.reduce((s, v) => s + Math.exp(v), 0));

describe("reduction_ops_test.py: ReducedLogSumExpTest", () => {
  const m = [
    [0.5, -1.25, 3],
    [2, 0.25, -4],
  ];
  it("all axes, axis 0, axis 1 keepdims; the graph TF builds", () =>
    inGraph((g) => {
      const x = tf.constant(m, { dtype: "float64" });
      const all = tf.reduceLogsumexp(x);
      expect(all.shape).toEqual([]);
      close(run(all), [logSumExp(m.flat())], 12);
      close(
        run(tf.reduceLogsumexp(x, 0)),
        [0, 1, 2].map((j) => logSumExp([m[0][j], m[1][j]])),
        12,
      );
      const k = tf.reduceLogsumexp(x, 1, true);
      expect(k.shape).toEqual([2, 1]);
      close(run(k), m.map(logSumExp), 12);
      expect(names(g).filter((n) => n.startsWith("ReduceLogSumExp/"))).toEqual([
        "ReduceLogSumExp/Const:Const",
        "ReduceLogSumExp/Max:Max",
        "ReduceLogSumExp/IsFinite:IsFinite",
        "ReduceLogSumExp/zeros_like:Const",
        "ReduceLogSumExp/Select:Select",
        "ReduceLogSumExp/StopGradient:StopGradient",
        "ReduceLogSumExp/Sub:Sub",
        "ReduceLogSumExp/Exp:Exp",
        "ReduceLogSumExp/Const_1:Const",
        "ReduceLogSumExp/Sum:Sum",
        "ReduceLogSumExp/Log:Log",
        "ReduceLogSumExp/Shape:Const",
        "ReduceLogSumExp/Reshape:Reshape",
        "ReduceLogSumExp/Add:Add",
      ]);
    }));

  it("testInfinity: [±inf, ±inf] as numpy's log(sum(exp(x)))", () =>
    inGraph(() => {
      for (const a of [-Infinity, Infinity]) {
        for (const b of [-Infinity, Infinity]) {
          const expected = Math.log(Math.exp(a) + Math.exp(b));
          expect(run(tf.reduceLogsumexp(tf.constant([a, b], { dtype: "float64" })))).toBe(expected);
        }
      }
    }));

  it("testLargeNumbers: no overflow where exp(x) would", () =>
    inGraph(() => {
      close(run(tf.reduceLogsumexp(tf.constant([1e30, 1e30], { dtype: "float64" }))), [1e30 + Math.log(2)]);
      close(run(tf.reduceLogsumexp(tf.constant([[-1000, -1000]], { dtype: "float32" }), 1)), [-1000 + Math.log(2)], 3);
    }));

  it("gradient (float64, central differences)", () => {
    expect(checkGradient(([a]) => tf.reduceLogsumexp(a, 1), [m]).maxError).toBeLessThan(1e-6);
  });
});

describe("reduction_ops_test.py: CountNonzeroReductionTest", () => {
  it("axes, keepdims, dtype; names under count_nonzero", () =>
    inGraph((g) => {
      const v = [
        [0, 1, 0],
        [2.5, 0, -3],
      ];
      const x = tf.constant(v, { dtype: "float32" });
      const all = tf.countNonzero(x);
      expect(all.dtype.name).toBe("int64");
      expect(run(all)).toBe(3);
      expect(run(tf.countNonzero(x, 0))).toEqual([1, 1, 1]);
      const k = tf.countNonzero(x, 1, true, "int32");
      expect([k.dtype.name, k.shape]).toEqual(["int32", [2, 1]]);
      expect(run(k)).toEqual([[1], [2]]);
      expect(names(g).filter((n) => n.startsWith("count_nonzero/"))).toEqual([
        "count_nonzero/zeros:Const",
        "count_nonzero/NotEqual:NotEqual",
        "count_nonzero/Cast:Cast",
        "count_nonzero/Const:Const",
        "count_nonzero/Sum:Sum",
      ]);
    }));

  it("testStringReduce-free cases: bools and an empty tensor", () =>
    inGraph(() => {
      expect(run(tf.countNonzero(tf.constant([true, false, true])))).toBe(2);
      expect(run(tf.countNonzero(tf.constant([], { dtype: "float32" })))).toBe(0);
    }));
});

describe("reduction_ops_test.py: EuclideanNormReductionTest", () => {
  it("sqrt of the sum of squares; integers truncate; a EuclideanNorm op", () =>
    inGraph(() => {
      const v = [
        [3, 4, 0],
        [1, 2, 2],
      ];
      const x = tf.constant(v, { dtype: "float64" });
      const t = tf.math.reduceEuclideanNorm(x, 1);
      expect([t.op.type, t.op.name, t.shape]).toEqual(["EuclideanNorm", "EuclideanNorm", [2]]);
      expect(run(t)).toEqual([5, 3]);
      close(run(tf.math.reduceEuclideanNorm(x)), [Math.sqrt(34)], 12);
      expect(run(tf.math.reduceEuclideanNorm(tf.constant(v), 0, true))).toEqual([[3, 4, 2]]);
      // EuclideanNorm has no registered gradient in TF 1.15.
      expect(() => tf.gradients(t, [x])).toThrow("No gradient defined for operation");
    }));
});

describe("norm_op_test.py", () => {
  const matrix = [
    [0, 1],
    [2, 3],
  ];
  it("testBadOrder", () =>
    inGraph(() => {
      for (const ord of ["fro", -7, -1.1, 0] as tf.NormOrder[]) {
        expect(() => tf.norm(matrix, ord)).toThrow(
          new tf.errors.ValueError(`'ord' must be a supported vector norm, got ${ord}`),
        );
        expect(() => tf.norm(matrix, ord, -1)).toThrow("'ord' must be a supported vector norm");
      }
      for (const ord of ["foo", -7, -1.1, 1.1] as tf.NormOrder[]) {
        expect(() => tf.norm(matrix, ord, [-2, -1])).toThrow(
          `'ord' must be a supported matrix norm in ['euclidean', 'fro', 1, 2, inf], got ${ord}`,
        );
      }
    }));

  it("testInvalidAxis", () =>
    inGraph(() => {
      // biome-ignore lint/suspicious/noApproximativeNumericConstant: TF's test value (a non-integer axis), not pi
      for (const axis of [[], [1, 2, 3], [[1]], [[1], [2]], [3.1415], [1, 1]]) {
        expect(() => tf.norm(matrix, "euclidean", axis as never)).toThrow(
          new tf.errors.ValueError("'axis' must be None, an integer, or a tuple of 2 unique integers"),
        );
      }
    }));

  const m = [
    [
      [1.5, -2, 0.25],
      [3, 0.5, -1],
    ],
    [
      [-0.75, 2, 1],
      [0, -4, 2.5],
    ],
  ];
  const at = (i: number, j: number, k: number) => m[i][j][k];
  it("vector norms against numpy's definitions: euclidean, 1, inf, p = 3.5; axis None and -1; keepdims", () =>
    inGraph(() => {
      const x = tf.constant(m, { dtype: "float64" });
      const all = m.flat(2);
      close(run(tf.norm(x)), [Math.sqrt(all.reduce((s, v) => s + v * v, 0))], 12);
      close(run(tf.norm(x, 1)), [all.reduce((s, v) => s + Math.abs(v), 0)], 12);
      close(run(tf.norm(x, Infinity)), [Math.max(...all.map(Math.abs))], 12);
      close(run(tf.norm(x, 3.5)), [all.reduce((s, v) => s + Math.abs(v) ** 3.5, 0) ** (1 / 3.5)], 12);
      const rows = m.flat(1);
      const e = tf.norm(x, "euclidean", -1);
      expect(e.shape).toEqual([2, 2]);
      close(
        run(e),
        rows.map((r) => Math.hypot(...r)),
        12,
      );
      const k = tf.norm(x, 1, -1, true);
      expect(k.shape).toEqual([2, 2, 1]);
      close(
        run(k),
        rows.map((r) => r.reduce((s, v) => s + Math.abs(v), 0)),
        12,
      );
    }));

  it("matrix norms: fro, 1 (max column sum), inf (max row sum) over axes [-2, -1]", () =>
    inGraph(() => {
      const x = tf.constant(m, { dtype: "float64" });
      const fro = [0, 1].map((i) => Math.sqrt(m[i].flat().reduce((s, v) => s + v * v, 0)));
      close(run(tf.norm(x, "fro", [-2, -1])), fro, 12);
      const col = [0, 1].map((i) => Math.max(...[0, 1, 2].map((k) => Math.abs(at(i, 0, k)) + Math.abs(at(i, 1, k)))));
      close(run(tf.norm(x, 1, [-2, -1])), col, 12);
      const row = [0, 1].map((i) => Math.max(...[0, 1].map((j) => m[i][j].reduce((s, v) => s + Math.abs(v), 0))));
      const r = tf.norm(x, Infinity, [1, 2], true);
      expect(r.shape).toEqual([2, 1, 1]);
      close(run(r), row, 12);
    }));

  it("names: norm/Const, norm/mul, norm/Sum, norm/Sqrt, norm/Squeeze", () =>
    inGraph((g) => {
      tf.norm([3.5, 4.5]);
      expect(names(g)).toEqual([
        "norm/Const:Const",
        "norm/mul:Mul",
        "norm/Const_1:Const",
        "norm/Sum:Sum",
        "norm/Sqrt:Sqrt",
        "norm/Squeeze:Squeeze",
      ]);
    }));

  it("gradient (float64): euclidean over an axis, 1-norm of a matrix", () => {
    expect(
      checkGradient(
        ([a]) => tf.norm(a, "euclidean", 1),
        [
          [
            [1.5, -2, 0.25],
            [3, 0.5, -1],
          ],
        ],
      ).maxError,
    ).toBeLessThan(1e-6);
    expect(
      checkGradient(
        ([a]) => tf.norm(a, 3, 0),
        [
          [
            [1.5, -2, 0.25],
            [3, 0.5, -1],
          ],
        ],
      ).maxError,
    ).toBeLessThan(1e-6);
  });
});
