// metrics_test.py (TF 1.15, tensorflow/python/kernel_tests): PrecisionTest, RecallTest, and the counts
// (TruePositivesTest, FalsePositivesTest, TrueNegativesTest, FalseNegativesTest). TF's np.random.randint(0, 2)
// inputs are a fixed 0/1 pattern here (the cases only need both classes); testValueTensorIsIdempotent (random
// ops) is left out.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { assertMetricVariables, inGraph, initializedSession, scalar } from "./test-helpers";

/** 100 zeros and ones, shape [100, 1] (np.random.randint(0, 2, size=(100, 1))). */
const binaryInputs = () => Array.from({ length: 100 }, (_, i) => [(i * 37 + 11) % 7 < 3 ? 1 : 0]);

type RatioMetric = typeof tf.metrics.precision;

const collectionsCases = (metric: RatioMetric) => {
  it(
    "testMetricsCollection",
    inGraph((g) => {
      const [mean] = metric(tf.ones([10, 1]), tf.ones([10, 1]), { metricsCollections: ["__metrics__"] });
      expect(g.getCollection("__metrics__")).toEqual([mean]);
    }),
  );
  it(
    "testUpdatesCollection",
    inGraph((g) => {
      const [, updateOp] = metric(tf.ones([10, 1]), tf.ones([10, 1]), { updatesCollections: ["__updates__"] });
      expect(g.getCollection("__updates__")).toEqual([updateOp]);
    }),
  );
};

const expectBoth = (sess: tf.Session, [value, update]: tf.metrics.MetricResult, expected: number, feeds?: never) => {
  expect(scalar(sess, update, feeds)).toBeCloseTo(expected, 7);
  expect(scalar(sess, value, feeds)).toBeCloseTo(expected, 7);
};

describe("metrics_test.py PrecisionTest", () => {
  it(
    "testVars",
    inGraph(() => {
      tf.metrics.precision(tf.ones([10, 1]), tf.ones([10, 1]));
      assertMetricVariables(["precision/false_positives/count:0", "precision/true_positives/count:0"]);
    }),
  );
  collectionsCases(tf.metrics.precision);
  it(
    "testAllCorrect",
    inGraph(() => {
      const inputs = binaryInputs();
      const result = tf.metrics.precision(tf.constant(inputs), tf.constant(inputs));
      expectBoth(initializedSession(), result, 1.0);
    }),
  );
  it(
    "testSomeCorrect_multipleInputDtypes",
    inGraph(() => {
      for (const dtype of [tf.bool, tf.int32, tf.float32]) {
        const predictions = tf.cast(tf.constant([1, 0, 1, 0], { shape: [1, 4] }), dtype);
        const labels = tf.cast(tf.constant([0, 1, 1, 0], { shape: [1, 4] }), dtype);
        const result = tf.metrics.precision(labels, predictions);
        expectBoth(initializedSession(), result, 0.5);
      }
    }),
  );
  const predictions2 = [
    [1, 0, 1, 0],
    [1, 0, 1, 0],
  ];
  const labels2 = [
    [0, 1, 1, 0],
    [1, 0, 0, 1],
  ];
  it(
    "testWeighted1d",
    inGraph(() => {
      const result = tf.metrics.precision(tf.constant(labels2), tf.constant(predictions2), {
        weights: tf.constant([[2], [5]]),
      });
      expectBoth(initializedSession(), result, (2.0 + 5.0) / (2.0 + 2.0 + (5.0 + 5.0)));
    }),
  );
  const placeholders = () => {
    const predictions = tf.placeholder(tf.float32);
    const labels = tf.placeholder(tf.float32);
    const feeds = new Map([
      [predictions, predictions2],
      [labels, labels2],
    ]) as never;
    return { predictions, labels, feeds };
  };
  it(
    "testWeightedScalar_placeholders",
    inGraph(() => {
      const { predictions, labels, feeds } = placeholders();
      const result = tf.metrics.precision(labels, predictions, { weights: 2 });
      expectBoth(initializedSession(), result, (2.0 + 2.0) / (2.0 + 2.0 + (2.0 + 2.0)), feeds);
    }),
  );
  it(
    "testWeighted1d_placeholders",
    inGraph(() => {
      const { predictions, labels, feeds } = placeholders();
      const result = tf.metrics.precision(labels, predictions, { weights: tf.constant([[2], [5]]) });
      expectBoth(initializedSession(), result, (2.0 + 5.0) / (2.0 + 2.0 + (5.0 + 5.0)), feeds);
    }),
  );
  const weights2d = [
    [1, 2, 3, 4],
    [4, 3, 2, 1],
  ];
  it(
    "testWeighted2d",
    inGraph(() => {
      const result = tf.metrics.precision(tf.constant(labels2), tf.constant(predictions2), {
        weights: tf.constant(weights2d),
      });
      expectBoth(initializedSession(), result, (3.0 + 4.0) / (1.0 + 3.0 + (4.0 + 2.0)));
    }),
  );
  it(
    "testWeighted2d_placeholders",
    inGraph(() => {
      const { predictions, labels, feeds } = placeholders();
      const result = tf.metrics.precision(labels, predictions, { weights: tf.constant(weights2d) });
      expectBoth(initializedSession(), result, (3.0 + 4.0) / (1.0 + 3.0 + (4.0 + 2.0)), feeds);
    }),
  );
  it(
    "testAllIncorrect",
    inGraph(() => {
      const inputs = binaryInputs();
      const [precision, updateOp] = tf.metrics.precision(
        tf.constant(inputs.map(([x]) => [1 - x])),
        tf.constant(inputs),
      );
      const sess = initializedSession();
      sess.run(updateOp);
      expect(scalar(sess, precision)).toBeCloseTo(0, 7);
    }),
  );
  it(
    "testZeroTrueAndFalsePositivesGivesZeroPrecision",
    inGraph(() => {
      const [precision, updateOp] = tf.metrics.precision(tf.constant([0, 0, 0, 0]), tf.constant([0, 0, 0, 0]));
      const sess = initializedSession();
      sess.run(updateOp);
      expect(scalar(sess, precision)).toBe(0);
    }),
  );
  it(
    "the graph (scopeflow): precision/value and precision/update_op are Selects over tp + fp",
    inGraph((g) => {
      const [value, update] = tf.metrics.precision(tf.ones([10, 1]), tf.ones([10, 1]));
      expect([value.name, value.op.type, update.name]).toEqual([
        "precision/value:0",
        "Select",
        "precision/update_op:0",
      ]);
      expect(g.getOperationByName("precision/div").type).toBe("RealDiv");
      // The value is the default strategy's read_var: an Identity of the variable's value.
      expect(g.getOperationByName("precision/true_positives/Identity").inputs[0].name).toBe(
        "precision/true_positives/count/read:0",
      );
      expect(g.getOperationByName("precision/true_positives/AssignAdd").inputs[0].name).toBe(
        "precision/true_positives/count:0",
      );
    }),
  );
});

describe("metrics_test.py RecallTest", () => {
  it(
    "testVars",
    inGraph(() => {
      tf.metrics.recall(tf.ones([10, 1]), tf.ones([10, 1]));
      assertMetricVariables(["recall/false_negatives/count:0", "recall/true_positives/count:0"]);
    }),
  );
  collectionsCases(tf.metrics.recall);
  it(
    "testAllCorrect",
    inGraph(() => {
      const inputs = binaryInputs();
      const [recall, updateOp] = tf.metrics.recall(tf.constant(inputs), tf.constant(inputs));
      const sess = initializedSession();
      sess.run(updateOp);
      expect(scalar(sess, recall)).toBeCloseTo(1.0, 6);
    }),
  );
  it(
    "testSomeCorrect_multipleInputDtypes",
    inGraph(() => {
      for (const dtype of [tf.bool, tf.int32, tf.float32]) {
        const predictions = tf.cast(tf.constant([1, 0, 1, 0], { shape: [1, 4] }), dtype);
        const labels = tf.cast(tf.constant([0, 1, 1, 0], { shape: [1, 4] }), dtype);
        const result = tf.metrics.recall(labels, predictions);
        expectBoth(initializedSession(), result, 0.5);
      }
    }),
  );
  const predictions = [
    [1, 0, 1, 0],
    [0, 1, 0, 1],
  ];
  const labels = [
    [0, 1, 1, 0],
    [1, 0, 0, 1],
  ];
  it(
    "testWeighted1d",
    inGraph(() => {
      const result = tf.metrics.recall(tf.constant(labels), tf.constant(predictions), {
        weights: tf.constant([[2], [5]]),
      });
      expectBoth(initializedSession(), result, (2.0 + 5.0) / (2.0 + 2.0 + (5.0 + 5.0)));
    }),
  );
  it(
    "testWeighted2d",
    inGraph(() => {
      const weights = tf.constant([
        [1, 2, 3, 4],
        [4, 3, 2, 1],
      ]);
      const result = tf.metrics.recall(tf.constant(labels), tf.constant(predictions), { weights });
      expectBoth(initializedSession(), result, (3.0 + 1.0) / (2.0 + 3.0 + (4.0 + 1.0)));
    }),
  );
  it(
    "testAllIncorrect",
    inGraph(() => {
      const inputs = binaryInputs();
      const [recall, updateOp] = tf.metrics.recall(tf.constant(inputs.map(([x]) => [1 - x])), tf.constant(inputs));
      const sess = initializedSession();
      sess.run(updateOp);
      expect(scalar(sess, recall)).toBe(0);
    }),
  );
  it(
    "testZeroTruePositivesAndFalseNegativesGivesZeroRecall",
    inGraph(() => {
      const [recall, updateOp] = tf.metrics.recall(tf.zeros([1, 4]), tf.zeros([1, 4]));
      const sess = initializedSession();
      sess.run(updateOp);
      expect(scalar(sess, recall)).toBe(0);
    }),
  );
});

describe("metrics_test.py TruePositivesTest, FalsePositivesTest, TrueNegativesTest, FalseNegativesTest", () => {
  const labels = () =>
    tf.constant([
      [0, 1, 0, 1, 0],
      [0, 0, 1, 1, 1],
      [1, 1, 1, 1, 0],
      [0, 0, 0, 0, 1],
    ]);
  const predictions = () =>
    tf.constant([
      [0, 0, 1, 1, 0],
      [1, 1, 1, 1, 1],
      [0, 1, 0, 1, 0],
      [1, 1, 1, 1, 1],
    ]);
  const cases: [string, typeof tf.metrics.truePositives, string, number, number][] = [
    ["TruePositivesTest", tf.metrics.truePositives, "true_positives", 7, 12],
    ["FalsePositivesTest", tf.metrics.falsePositives, "false_positives", 7, 14],
    ["TrueNegativesTest", tf.metrics.trueNegatives, "true_negatives", 3, 4],
    ["FalseNegativesTest", tf.metrics.falseNegatives, "false_negatives", 3, 5],
  ];
  for (const [title, metric, name, unweighted, weighted] of cases) {
    describe(title, () => {
      it(
        "testVars",
        inGraph(() => {
          metric([0, 1, 0, 1], [0, 0, 1, 1]);
          assertMetricVariables([`${name}/count:0`]);
        }),
      );
      it(
        "testUnweighted",
        inGraph(() => {
          const [value, updateOp] = metric(labels(), predictions());
          const sess = initializedSession();
          expect(scalar(sess, value)).toBe(0);
          expect(scalar(sess, updateOp)).toBe(unweighted);
          expect(scalar(sess, value)).toBe(unweighted);
        }),
      );
      it(
        "testWeighted",
        inGraph(() => {
          const weights = tf.constant([1, 1.5, 2, 2.5], tf.float32);
          const [value, updateOp] = metric(labels(), predictions(), { weights });
          const sess = initializedSession();
          expect(scalar(sess, value)).toBe(0);
          expect(scalar(sess, updateOp)).toBe(weighted);
          expect(scalar(sess, value)).toBe(weighted);
        }),
      );
    });
  }
  it(
    "_count_condition's assert_rank_in: weights of another rank are TF's ValueError; the graph is left as it was",
    inGraph((g) => {
      const weights = tf.ones([4, 5, 1, 1]);
      const [l, p] = [labels(), predictions()];
      const before = g.getOperations().length;
      expect(() => tf.metrics.truePositives(l, p, { weights })).toThrow(
        new tf.errors.ValueError(".  Tensor ones:0 must have rank in (0, 2).  Received rank 4, shape (4, 5, 1, 1)"),
      );
      expect(g.getOperations().length).toBe(before);
    }),
  );
});
