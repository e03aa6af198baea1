// tf.math and tf.linalg (TF 1.15's tf.compat.v1 modules): the same functions as the top-level names where TF
// exports both, and names TF 1.15 has (a spot check against its API listing).
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph, run } from "../scopes/test-helpers";

describe("tf.math", () => {
  it("aliases the top-level functions TF exports under both names", () => {
    const same = ["log", "exp", "reduceSum", "sigmoid", "softplus", "floormod", "tan", "erf", "segmentSum"] as const;
    expect(tf.math.log).toBe(tf.log);
    expect(tf.math.exp).toBe(tf.exp);
    expect(tf.math.reduceSum).toBe(tf.reduceSum);
    expect(tf.math.sigmoid).toBe(tf.sigmoid);
    expect(tf.math.softplus).toBe(tf.nn.softplus);
    expect(tf.math.mod).toBe(tf.floormod);
    expect(tf.mod).toBe(tf.floormod);
    expect(tf.math.divideNoNan).toBe(tf.divNoNan);
    expect(tf.math.isFinite).toBe(tf.isFinite);
    expect(tf.math.l2Normalize).toBe(tf.nn.l2Normalize);
    for (const n of same) expect(typeof tf.math[n]).toBe("function");
  });

  it("has only TF 1.15 tf.math names (snake_case -> camelCase)", () => {
    // tensorflow/python/ops math_ops.py, gen_math_ops.py, nn_ops.py, nn_impl.py: the tf_export("math.*") names.
    const tf115 = new Set(
      "abs acos acosh add add_n argmax argmin asin asinh atan atan2 atanh ceil cos cosh count_nonzero cumprod cumsum digamma divide div_no_nan divide_no_nan equal erf erfc exp expm1 floor floordiv floormod greater greater_equal in_top_k invert_permutation is_finite is_inf is_nan l2_normalize less less_equal lgamma log log1p log_sigmoid log_softmax logical_and logical_not logical_or maximum minimum mod multiply negative not_equal polygamma pow reciprocal reduce_all reduce_any reduce_euclidean_norm reduce_logsumexp reduce_max reduce_mean reduce_min reduce_prod reduce_sum rint round rsqrt scalar_mul segment_max segment_mean segment_min segment_prod segment_sum sigmoid sign sin sinh softmax softplus sqrt square squared_difference subtract tan tanh truediv truncatediv truncatemod unsorted_segment_max unsorted_segment_mean unsorted_segment_min unsorted_segment_prod unsorted_segment_sqrt_n unsorted_segment_sum xdivy xlogy zeta"
        .split(" ")
        .map((s) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())),
    );
    for (const key of Object.keys(tf.math)) expect(tf115.has(key), key).toBe(true);
    expect(Object.keys(tf.math).length).toBe(tf115.size);
  });

  it("runs: tf.math.divNoNan, tf.math.logSigmoid, tf.math.reduceLogsumexp", () =>
    inGraph(() => {
      expect(
        run(tf.math.divNoNan(tf.constant([1, 2], { dtype: "float32" }), tf.constant([0, 4], { dtype: "float32" }))),
      ).toEqual([0, 0.5]);
      expect(run(tf.math.reduceLogsumexp(tf.constant([0, 0], { dtype: "float64" })))).toBeCloseTo(Math.log(2), 12);
    }));
});

describe("tf.linalg", () => {
  it("aliases: matmul, eye, diag (matrix_diag), band_part, set_diag, transpose (matrix_transpose), norm, trace", () => {
    expect(tf.linalg.matmul).toBe(tf.matmul);
    expect(tf.linalg.eye).toBe(tf.eye);
    expect(tf.linalg.diag).toBe(tf.matrixDiag);
    expect(tf.linalg.diagPart).toBe(tf.matrixDiagPart);
    expect(tf.linalg.bandPart).toBe(tf.matrixBandPart);
    expect(tf.linalg.setDiag).toBe(tf.matrixSetDiag);
    expect(tf.linalg.transpose).toBe(tf.matrixTranspose);
    expect(tf.linalg.norm).toBe(tf.norm);
    expect(tf.linalg.trace).toBe(tf.trace);
    expect(tf.linalg.l2Normalize).toBe(tf.nn.l2Normalize);
    expect(tf.linalg.qr).toBe(tf.qr);
  });
});
