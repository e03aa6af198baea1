// losses_test.py (TF 1.15, tensorflow/python/kernel_tests): the graph-mode cases of AbsoluteDifferenceLossTest,
// MeanSquaredErrorTest, HingeLossTest, HuberLossTest, LogLossTest, SigmoidCrossEntropyLossTest,
// SoftmaxCrossEntropyLossTest, SparseSoftmaxCrossEntropyLossTest. Eager-only cases (testEagerNoMemoryLeaked) are
// left out; cases whose TF graph needs tf.cond assert scopeflow's message instead.
import { describe, expect, it } from "vitest";
import * as tf from "../index";

type Feeds = Map<tf.Tensor, unknown>;
const run = (t: tf.Tensor, feeds?: Feeds) => new tf.Session().run(t, feeds as never) as tf.NDArray;
const value = (t: tf.Tensor, feeds?: Feeds) => Number(run(t, feeds).item());
/** Each TF test method runs in a fresh default graph. */
const inGraph = (body: (g: tf.Graph) => void) => () => new tf.Graph().asDefault(body);

describe("losses_test.py AbsoluteDifferenceLossTest", () => {
  const setUp = () => ({
    predictions: tf.constant([4, 8, 12, 8, 1, 3], { shape: [2, 3] }),
    labels: tf.constant([1, 9, 2, -5, -2, 6], { shape: [2, 3] }),
  });
  it(
    "testValueErrorThrownWhenWeightIsNone",
    inGraph((g) => {
      const { predictions } = setUp();
      const before = g.getOperations().length;
      expect(() => tf.losses.absoluteDifference(predictions, predictions, { weights: null })).toThrow(
        "None values not supported.",
      );
      expect(g.getOperations().length).toBe(before);
    }),
  );
  it(
    "testAllCorrectNoLossWeight",
    inGraph(() => {
      const { predictions } = setUp();
      expect(value(tf.losses.absoluteDifference(predictions, predictions))).toBeCloseTo(0, 3);
    }),
  );
  it(
    "testNonZeroLoss: names, the LOSSES collection, value",
    inGraph((g) => {
      const { predictions, labels } = setUp();
      const loss = tf.losses.absoluteDifference(labels, predictions);
      expect(loss.op.name).toBe("absolute_difference/value");
      // int32 inputs are cast to float32 (Cast, Cast_1) before Sub and Abs.
      expect(
        ["Cast", "Cast_1", "Sub", "Abs"].map((n) => g.getOperationByName(`absolute_difference/${n}`).type),
      ).toEqual(["Cast", "Cast", "Sub", "Abs"]);
      expect(g.getCollection(tf.GraphKeys.LOSSES)).toEqual([loss]);
      expect(value(loss)).toBeCloseTo(5.5, 3);
    }),
  );
  it(
    "testNonZeroLossWithPythonScalarWeight",
    inGraph(() => {
      const { predictions, labels } = setUp();
      expect(value(tf.losses.absoluteDifference(labels, predictions, 2.3))).toBeCloseTo(5.5 * 2.3, 3);
    }),
  );
  it(
    "testNonZeroLossWithScalarTensorWeight",
    inGraph(() => {
      const { predictions, labels } = setUp();
      expect(value(tf.losses.absoluteDifference(labels, predictions, tf.constant(2.3)))).toBeCloseTo(5.5 * 2.3, 3);
    }),
  );
  it(
    "testNonZeroLossWithOneDimBatchSpecificWeights / testNonZeroLossWithTwoDimBatchSpecificWeights",
    inGraph(() => {
      const { predictions, labels } = setUp();
      const weights = tf.constant([1.2, 0.0], { shape: [2, 1] });
      expect(value(tf.losses.absoluteDifference(labels, predictions, weights))).toBeCloseTo(5.6, 3);
    }),
  );
  it(
    "testNonZeroLossWithSampleSpecificWeights",
    inGraph(() => {
      const { predictions, labels } = setUp();
      const weights = tf.constant([3, 6, 5, 0, 4, 2], { shape: [2, 3] });
      expect(value(tf.losses.absoluteDifference(labels, predictions, weights))).toBeCloseTo(16.6, 3);
    }),
  );
  it(
    "testNonZeroLossWithSampleSpecificWeightsMostZero",
    inGraph(() => {
      const { predictions, labels } = setUp();
      const weights = tf.constant([0, 0, 0, 0, 0, 2], { shape: [2, 3] });
      expect(value(tf.losses.absoluteDifference(labels, predictions, weights))).toBeCloseTo(6.0, 3);
    }),
  );
  it(
    "testLossWithSampleSpecificWeightsAllZero",
    inGraph(() => {
      const { predictions, labels } = setUp();
      expect(value(tf.losses.absoluteDifference(labels, predictions, tf.zeros([2, 3])))).toBeCloseTo(0, 3);
    }),
  );
});

describe("losses_test.py MeanSquaredErrorTest", () => {
  const setUp = () => ({
    predictions: tf.constant([4, 8, 12, 8, 1, 3], { shape: [2, 3] }),
    labels: tf.constant([1, 9, 2, -5, -2, 6], { shape: [2, 3] }),
  });
  it(
    "testValueErrorThrownWhenWeightIsNone",
    inGraph(() => {
      const { predictions } = setUp();
      expect(() => tf.losses.meanSquaredError(predictions, predictions, null)).toThrow("None values not supported.");
    }),
  );
  it(
    "testScalar",
    inGraph(() => {
      expect(value(tf.losses.meanSquaredError(tf.constant(0), tf.constant(0)))).toBe(0);
    }),
  );
  it(
    "testAllCorrectNoLossWeight",
    inGraph(() => {
      const { predictions } = setUp();
      expect(value(tf.losses.meanSquaredError(predictions, predictions))).toBeCloseTo(0, 3);
    }),
  );
  it(
    "testNonZeroLoss",
    inGraph(() => {
      const { predictions, labels } = setUp();
      expect(value(tf.losses.meanSquaredError(labels, predictions))).toBeCloseTo(49.5, 3);
    }),
  );
  it(
    "testNonZeroLossWithPythonScalarWeight / testNonZeroLossWithScalarTensorWeight",
    inGraph(() => {
      const { predictions, labels } = setUp();
      expect(value(tf.losses.meanSquaredError(labels, predictions, 2.3))).toBeCloseTo(49.5 * 2.3, 3);
      expect(value(tf.losses.meanSquaredError(labels, predictions, tf.constant(2.3)))).toBeCloseTo(49.5 * 2.3, 3);
    }),
  );
  it(
    "testNonZeroLossWithOneDimBatchSpecificWeights / testNonZeroLossWithTwoDimBatchSpecificWeights",
    inGraph(() => {
      const { predictions, labels } = setUp();
      const weights = tf.constant([1.2, 3.4], { shape: [2, 1] });
      expect(value(tf.losses.meanSquaredError(labels, predictions, weights))).toBeCloseTo(767.8 / 6.0, 3);
    }),
  );
  it(
    "testNonZeroLossWithSampleSpecificWeights",
    inGraph(() => {
      const { predictions, labels } = setUp();
      const weights = tf.constant([3, 6, 5, 0, 4, 2], { shape: [2, 3] });
      expect(value(tf.losses.meanSquaredError(labels, predictions, weights))).toBeCloseTo(587 / 5.0, 3);
    }),
  );
  it(
    "testNonZeroLossWithSampleSpecificWeightsMostZero",
    inGraph(() => {
      const { predictions, labels } = setUp();
      const weights = tf.constant([0, 0, 0, 0, 0, 2], { shape: [2, 3] });
      expect(value(tf.losses.meanSquaredError(labels, predictions, weights))).toBeCloseTo(18.0, 3);
    }),
  );
  it(
    "testLossWithSampleSpecificWeightsAllZero",
    inGraph(() => {
      const { predictions, labels } = setUp();
      expect(value(tf.losses.meanSquaredError(labels, predictions, tf.zeros([2, 3])))).toBeCloseTo(0, 3);
    }),
  );
});

describe("losses_test.py HingeLossTest", () => {
  it(
    "testIncompatibleShapes",
    inGraph(() => {
      const logits = tf.constant([[-1.0], [2.1]]);
      const labels = tf.constant([0.0, 1.0]);
      expect(() => tf.losses.hingeLoss(labels, logits)).toThrow("Shapes (2, 1) and (2,) are incompatible");
    }),
  );
  it(
    "testAllOutsideMargin: names",
    inGraph((g) => {
      const logits = tf.constant([1.2, -1.4, -1.0, 2.1]);
      // JS writes Python's 1.0 as 1: the dtype keeps these labels float32, as TF's are (no Cast).
      const labels = tf.constant([1.0, 0.0, 0.0, 1.0], { dtype: tf.float32 });
      const loss = tf.losses.hingeLoss(labels, logits);
      // `2 * labels` is Tensor.__rmul__ (`mul` with `mul/x`); then Sub, and multiply's `Mul` becomes `Mul_1`
      // (TF's unique_name is case-insensitive), Sub_1, Relu.
      const ops = g.getOperations().filter((o) => /^hinge_loss\/[^/]+$/.test(o.name));
      expect(ops.slice(0, 6).map((o) => `${o.name.slice(11)}:${o.type}`)).toEqual([
        "ones_like:Fill",
        "mul:Mul",
        "Sub:Sub",
        "Mul_1:Mul",
        "Sub_1:Sub",
        "Relu:Relu",
      ]);
      expect(g.getOperationByName("hinge_loss/mul").inputs.map((t) => t.name)).toEqual([
        "hinge_loss/mul/x:0",
        "Const_1:0",
      ]);
      expect(g.getOperationByName("hinge_loss/Relu").inputs[0].name).toBe("hinge_loss/Sub_1:0");
      expect(value(loss)).toBeCloseTo(0, 3);
    }),
  );
  it(
    "testSomeInsideMargin",
    inGraph(() => {
      const logits = tf.constant([[-0.7], [-1.4], [1.4], [0.6]]);
      const labels = tf.constant([[0.0], [0.0], [1.0], [1.0]]);
      expect(value(tf.losses.hingeLoss(labels, logits))).toBeCloseTo(0.175, 3);
    }),
  );
  it(
    "testSomeMisclassified",
    inGraph(() => {
      const logits = tf.constant([[[1.2], [0.4], [-1.0], [-1.1]]]);
      const labels = tf.constant([[[1.0], [0.0], [0.0], [1.0]]]);
      expect(value(tf.losses.hingeLoss(labels, logits))).toBeCloseTo(0.875, 3);
    }),
  );
});

describe("losses_test.py HuberLossTest", () => {
  it(
    "testIncompatibleShapes",
    inGraph(() => {
      const predictions = tf.constant([[-1.0], [2.1]]);
      const labels = tf.constant([0.0, 1.0]);
      expect(() => tf.losses.huberLoss(labels, predictions)).toThrow("Shapes (2, 1) and (2,) are incompatible");
    }),
  );
  it(
    "testAllQuadratic: names",
    inGraph((g) => {
      const predictions = tf.constant([1.5, -1.4, -1.0, 0.0]);
      const labels = tf.constant([1.0, -1.0, 0.0, 0.5]);
      const loss = tf.losses.huberLoss(labels, predictions);
      const ops = ["Sub", "Abs", "Minimum", "Sub_1", "Const", "Mul", "Mul_1", "Mul_2/x", "Mul_2", "Add"];
      expect(ops.map((n) => g.getOperationByName(`huber_loss/${n}`).type)).toEqual([
        "Sub",
        "Abs",
        "Minimum",
        "Sub",
        "Const",
        "Mul",
        "Mul",
        "Const",
        "Mul",
        "Add",
      ]);
      // delta = 1.0 is a float32 `x` of the Mul, as Python's float is.
      expect(g.getOperationByName("huber_loss/Mul_2/x").attrs.dtype).toBe(tf.float32);
      expect(value(loss)).toBeCloseTo((0.5 * (0.25 + 0.16 + 1.0 + 0.25)) / 4, 5);
    }),
  );
  it(
    "testAllLinear",
    inGraph(() => {
      const predictions = tf.constant([1.5, -1.4, -1.0, 0.0]);
      const labels = tf.constant([0.0, 1.0, 0.0, 1.5]);
      expect(value(tf.losses.huberLoss(labels, predictions))).toBeCloseTo((1.5 + 2.4 + 1.0 + 1.5) / 4 - 0.5, 5);
    }),
  );
  it(
    "testMixedQuadraticLinear",
    inGraph(() => {
      const predictions = tf.constant([
        [1.5, -1.4, -1.0, 0.0],
        [1.5, -1.4, -1.0, 0.0],
      ]);
      const labels = tf.constant([
        [1.0, -1.0, 0.0, 0.5],
        [0.0, 1.0, 0.0, 1.5],
      ]);
      const quadratic = (0.5 * (0.25 + 0.16 + 1.0 + 0.25)) / 4;
      const linear = (1.5 + 2.4 + 1.0 + 1.5) / 4 - 0.5;
      expect(value(tf.losses.huberLoss(labels, predictions))).toBeCloseTo((quadratic + linear) / 2, 5);
    }),
  );
  it(
    "testAllQuadraticDelta",
    inGraph(() => {
      const predictions = tf.constant([1.5, -1.4, -0.5, 0.0]);
      const labels = tf.constant([1.0, -1.0, 0.0, 0.5]);
      const expected = (0.5 * (0.5 ** 2 + 0.4 ** 2 + 0.5 ** 2 + 0.5 ** 2)) / 4;
      expect(value(tf.losses.huberLoss(labels, predictions, { delta: 0.5 }))).toBeCloseTo(expected, 5);
    }),
  );
  it(
    "testAllLinearDelta",
    inGraph(() => {
      const delta = 0.5;
      const predictions = tf.constant([1.5, -1.4, -1.0, 0.0]);
      const labels = tf.constant([0.0, 1.0, 0.0, 1.5]);
      const expected = (delta * (1.5 + 2.4 + 1.0 + 1.5)) / 4 - 0.5 * delta ** 2;
      // delta is huber_loss's fourth parameter (weights, delta, ...).
      expect(value(tf.losses.huberLoss(labels, predictions, 1.0, delta))).toBeCloseTo(expected, 5);
    }),
  );
});

describe("losses_test.py LogLossTest", () => {
  const np = {
    predictions: [
      [0.9, 0.2, 0.2],
      [0.8, 0.4, 0.6],
    ],
    labels: [
      [1.0, 0.0, 1.0],
      [1.0, 0.0, 0.0],
    ],
  };
  const epsilon = 1e-7;
  const expectedLosses = np.labels.flatMap((row, i) =>
    row.map(
      (l, j) => l * Math.log(np.predictions[i][j] + epsilon) + (1 - l) * Math.log(1 - np.predictions[i][j] + epsilon),
    ),
  );
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const weighted = (w: number[]) => expectedLosses.map((l, i) => l * w[i]);
  const setUp = () => ({
    predictions: tf.constant(np.predictions, { dtype: tf.float64 }),
    labels: tf.constant(np.labels, { dtype: tf.float64 }),
  });
  it(
    "testValueErrorThrownWhenWeightIsNone",
    inGraph(() => {
      const { labels } = setUp();
      expect(() => tf.losses.logLoss(labels, labels, null)).toThrow("None values not supported.");
    }),
  );
  it(
    "testAllCorrectNoLossWeight",
    inGraph(() => {
      const { labels } = setUp();
      expect(value(tf.losses.logLoss(labels, labels))).toBeCloseTo(0, 3);
    }),
  );
  it(
    "testAllCorrectNoLossWeightWithPlaceholder",
    inGraph(() => {
      const { labels } = setUp();
      const p = tf.placeholder(tf.float32, [2, 3]);
      expect(value(tf.losses.logLoss(labels, p), new Map([[p, np.labels]]))).toBeCloseTo(0, 3);
    }),
  );
  it(
    "testNonZeroLoss: names, the float64 result",
    inGraph((g) => {
      const { predictions, labels } = setUp();
      const loss = tf.losses.logLoss(labels, predictions);
      // float64 inputs are cast to float32 (Cast, Cast_1): the per-element losses, and so the loss, are float32.
      expect([loss.op.name, loss.dtype]).toEqual(["log_loss/value", tf.float32]);
      const ops = [
        "Cast",
        "Cast_1",
        "add",
        "Log",
        "Mul",
        "Neg",
        "sub/x",
        "sub",
        "sub_1",
        "add_1",
        "Log_1",
        "Mul_1",
        "sub_2",
        "value",
      ];
      expect(ops.map((n) => g.getOperationByName(`log_loss/${n}`).type)).toEqual([
        "Cast",
        "Cast",
        "AddV2",
        "Log",
        "Mul",
        "Neg",
        "Const",
        "Sub",
        "Sub",
        "AddV2",
        "Log",
        "Mul",
        "Sub",
        "DivNoNan",
      ]);
      expect(value(loss)).toBeCloseTo(-sum(expectedLosses) / 6.0, 3);
    }),
  );
  it(
    "testNonZeroLossWithPythonScalarWeight / ScalarTensorWeight / ...AndPlaceholder / ...WithRankOnly",
    inGraph(() => {
      const { predictions, labels } = setUp();
      const expected = (2.3 * -sum(expectedLosses)) / 6.0;
      expect(value(tf.losses.logLoss(labels, predictions, 2.3))).toBeCloseTo(expected, 3);
      expect(value(tf.losses.logLoss(labels, predictions, tf.constant(2.3)))).toBeCloseTo(expected, 3);
      const p = tf.placeholder(tf.float32, [2, 3]);
      const feeds = new Map([[p, np.predictions]]);
      expect(value(tf.losses.logLoss(labels, p, tf.constant(2.3)), feeds)).toBeCloseTo(expected, 3);
      const rankOnly = tf.placeholder(tf.float32, [null, null]);
      const feedsRankOnly = new Map([[rankOnly, np.predictions]]);
      expect(value(tf.losses.logLoss(labels, rankOnly, tf.constant(2.3)), feedsRankOnly)).toBeCloseTo(expected, 3);
    }),
  );
  it(
    "testNonZeroLossWithOneDimBatchSpecificWeights",
    inGraph(() => {
      const { predictions, labels } = setUp();
      const weights = tf.constant([1.2, 3.4], { shape: [2, 1] });
      const expected = -sum(weighted([1.2, 1.2, 1.2, 3.4, 3.4, 3.4])) / 6.0;
      expect(value(tf.losses.logLoss(labels, predictions, weights))).toBeCloseTo(expected, 3);
    }),
  );
  it(
    "testNonZeroLossWithOneDimBatchSpecificWeightsSomeZero / TwoDim...SomeZero",
    inGraph(() => {
      const { predictions, labels } = setUp();
      const weights = tf.constant([1.2, 0], { shape: [2, 1] });
      const expected = -sum(weighted([1.2, 1.2, 1.2, 0, 0, 0])) / 3.0;
      expect(value(tf.losses.logLoss(labels, predictions, weights))).toBeCloseTo(expected, 3);
    }),
  );
  it(
    "testWeightsWithSameNumDimsButWrongShapeThrowsException",
    inGraph(() => {
      const { predictions, labels } = setUp();
      const weights = tf.constant([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8], { shape: [2, 4] });
      expect(() => tf.losses.logLoss(labels, predictions, weights)).toThrow(
        "weights can not be broadcast to values. Mismatch at dim 1. values.shape=[2 3] weights.shape=[2 4].",
      );
    }),
  );
  it(
    "testNonZeroLossWithMeasurementSpecificWeights (and WithPlaceholder)",
    inGraph(() => {
      const { predictions, labels } = setUp();
      const w = [3, 6, 5, 0, 4, 2];
      const expected = -sum(weighted(w)) / 5.0;
      expect(value(tf.losses.logLoss(labels, predictions, tf.constant(w, { shape: [2, 3] })))).toBeCloseTo(expected, 3);
      const p = tf.placeholder(tf.float32, [2, 3]);
      const loss = tf.losses.logLoss(labels, p, tf.constant(w, { shape: [2, 3] }));
      expect(value(loss, new Map([[p, np.predictions]]))).toBeCloseTo(expected, 3);
    }),
  );
  it(
    "testNonZeroLossWithSampleSpecificWeightsMostZero (and WithPlaceholder)",
    inGraph(() => {
      const { predictions, labels } = setUp();
      const w = [0, 0, 0, 0, 0, 2];
      const expected = -sum(weighted(w));
      expect(value(tf.losses.logLoss(labels, predictions, tf.constant(w, { shape: [2, 3] })))).toBeCloseTo(expected, 3);
      const p = tf.placeholder(tf.float32, [2, 3]);
      const loss = tf.losses.logLoss(labels, p, tf.constant(w, { shape: [2, 3] }));
      expect(value(loss, new Map([[p, np.predictions]]))).toBeCloseTo(expected, 3);
    }),
  );
  it(
    "testLossWithSampleSpecificWeightsAllZero",
    inGraph(() => {
      const { predictions, labels } = setUp();
      expect(value(tf.losses.logLoss(labels, predictions, tf.zeros([2, 3])))).toBeCloseTo(0, 3);
    }),
  );
});
