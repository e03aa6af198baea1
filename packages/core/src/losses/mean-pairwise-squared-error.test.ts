// losses_test.py (TF 1.15) MeanPairwiseSquaredErrorTest: the expected losses computed pair by pair as the TF test
// does, weights per batch item, the `mean_pairwise_squared_error` scope and its `value`.
import { describe, expect, it } from "vitest";
import * as tf from "../index";

const run = (t: tf.Tensor, feeds?: Map<tf.Tensor, unknown>) => new tf.Session().run(t, feeds as never) as tf.NDArray;
const value = (t: tf.Tensor, feeds?: Map<tf.Tensor, unknown>) => Number(run(t, feeds).item());
const inGraph = (body: (g: tf.Graph) => void) => () => new tf.Graph().asDefault(body);

const predictions = [
  [4, 8, 12],
  [8, 1, 3],
];
const labels = [
  [1, 9, 2],
  [-5, -5, 7],
];
/** setUp: for each batch item, the sum over pairs i < j of ((p_i - p_j) - (l_i - l_j))^2, divided by 3. */
const expectedLosses = predictions.map((p, b) => {
  let total = 0;
  for (let i = 0; i < p.length - 1; i++)
    for (let j = i + 1; j < p.length; j++) {
      const diff = p[i] - p[j] - (labels[b][i] - labels[b][j]);
      total += diff * diff;
    }
  return total / 3;
});
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const P = () => tf.constant(predictions, { dtype: tf.int32 });
const L = () => tf.constant(labels, { dtype: tf.int32 });

describe("losses_test.py MeanPairwiseSquaredErrorTest", () => {
  it(
    "testValueErrorThrownWhenWeightIsNone",
    inGraph((g) => {
      const l = L();
      const before = g.getOperations().length;
      expect(() => tf.losses.meanPairwiseSquaredError(l, l, { weights: null })).toThrow(
        new tf.errors.ValueError("None values not supported."),
      );
      expect(g.getOperations().length).toBe(before);
    }),
  );

  it(
    "testAllCorrectNoLossWeight",
    inGraph(() => {
      expect(value(tf.losses.meanPairwiseSquaredError(P(), P()))).toBeCloseTo(0, 3);
    }),
  );

  it(
    "testNonZeroLoss: the `value` op, the LOSSES collection, value",
    inGraph((g) => {
      const loss = tf.losses.meanPairwiseSquaredError(L(), P());
      // Both div_no_nan terms are named `value` too, so the Select is `value_2`, as in TF.
      expect(loss.op.name).toBe("mean_pairwise_squared_error/value_2");
      expect(g.getOperationByName("mean_pairwise_squared_error/value").type).toBe("DivNoNan");
      expect(loss.op.type).toBe("Select");
      expect(g.getOperationByName("mean_pairwise_squared_error/num_present").type).toBe("Sum");
      expect(g.getCollection(tf.GraphKeys.LOSSES)).toEqual([loss]);
      expect(value(loss)).toBeCloseTo(sum(expectedLosses), 3);
    }),
  );

  it(
    "testNonZeroLossWithPythonScalarWeight / ScalarTensorWeight / ScalarZeroWeight",
    inGraph(() => {
      expect(value(tf.losses.meanPairwiseSquaredError(L(), P(), 2.25))).toBeCloseTo(sum(expectedLosses) * 2.25, 3);
      const w = tf.constant(2.25, { dtype: tf.float32 });
      expect(value(tf.losses.meanPairwiseSquaredError(L(), P(), { weights: w }))).toBeCloseTo(
        sum(expectedLosses) * 2.25,
        3,
      );
      expect(value(tf.losses.meanPairwiseSquaredError(L(), P(), 0))).toBe(0);
    }),
  );

  it(
    "testNonZeroLossWithScalarTensorWeightWithPlaceholder",
    inGraph(() => {
      const tfP = tf.placeholder(tf.float32, [2, 3]);
      const loss = tf.losses.meanPairwiseSquaredError(L(), tfP, 2.25);
      const feed = new Map([[tfP, new tf.NDArray("float32", [2, 3], Float32Array.from(predictions.flat()))]]);
      expect(value(loss, feed)).toBeCloseTo(sum(expectedLosses) * 2.25, 3);
    }),
  );

  it(
    "testNonZeroLossWithOneDimBatchSpecificWeights / testZeroLossWithOneDimBatchZeroWeights",
    inGraph(() => {
      const weights = [2, 1];
      const w = tf.constant(weights, { shape: [2, 1], dtype: tf.float32 });
      expect(value(tf.losses.meanPairwiseSquaredError(L(), P(), { weights: w }))).toBeCloseTo(
        sum(expectedLosses.map((e, b) => e * weights[b])),
        3,
      );
      const zero = tf.constant([0, 0], { shape: [2, 1], dtype: tf.float32 });
      expect(value(tf.losses.meanPairwiseSquaredError(L(), P(), { weights: zero }))).toBe(0);
    }),
  );
});
