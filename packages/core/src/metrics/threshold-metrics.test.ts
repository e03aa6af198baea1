// metrics_test.py (TF 1.15, tensorflow/python/kernel_tests): AUCTest, and the *_at_thresholds tests
// (TruePositivesAtThresholdsTest, ...; PrecisionAtThresholdsTest, RecallAtThresholdsTest). TF's
// np.random.randint(0, 2) inputs are a fixed 0/1 pattern here; testValueTensorIsIdempotent (random ops) and
// testWithMultipleUpdates (FIFOQueues of np.random data, checked against np_auc) are left out.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { assertMetricVariables, flat, inGraph, initializedSession, scalar } from "./test-helpers";

const binaryInputs = () => Array.from({ length: 100 }, (_, i) => [(i * 37 + 11) % 7 < 3 ? 1 : 0]);

describe("metrics_test.py AUCTest", () => {
  it(
    "testVars",
    inGraph(() => {
      tf.metrics.auc(tf.ones([10, 1]), tf.ones([10, 1]));
      assertMetricVariables([
        "auc/true_positives:0",
        "auc/false_negatives:0",
        "auc/false_positives:0",
        "auc/true_negatives:0",
      ]);
    }),
  );
  it(
    "testMetricsCollection",
    inGraph((g) => {
      const [mean] = tf.metrics.auc(tf.ones([10, 1]), tf.ones([10, 1]), { metricsCollections: ["__metrics__"] });
      expect(g.getCollection("__metrics__")).toEqual([mean]);
    }),
  );
  it(
    "testUpdatesCollection",
    inGraph((g) => {
      const [, updateOp] = tf.metrics.auc(tf.ones([10, 1]), tf.ones([10, 1]), { updatesCollections: ["__updates__"] });
      expect(g.getCollection("__updates__")).toEqual([updateOp]);
    }),
  );
  it(
    "testAllCorrect (allCorrectAsExpected('ROC'))",
    inGraph(() => {
      const inputs = binaryInputs();
      const [auc, updateOp] = tf.metrics.auc(tf.constant(inputs), tf.constant(inputs, tf.float32), { curve: "ROC" });
      const sess = initializedSession();
      expect(scalar(sess, updateOp)).toBe(1);
      expect(scalar(sess, auc)).toBe(1);
    }),
  );
  it(
    "testSomeCorrect_multipleLabelDtypes",
    inGraph(() => {
      for (const dtype of [tf.bool, tf.int32, tf.float32]) {
        const predictions = tf.constant([1, 0, 1, 0], { shape: [1, 4], dtype: tf.float32 });
        const labels = tf.cast(tf.constant([0, 1, 1, 0], { shape: [1, 4] }), dtype);
        const [auc, updateOp] = tf.metrics.auc(labels, predictions);
        const sess = initializedSession();
        expect(scalar(sess, updateOp)).toBeCloseTo(0.5, 7);
        expect(scalar(sess, auc)).toBeCloseTo(0.5, 7);
      }
    }),
  );
  const predictions14 = () => tf.constant([1, 0, 1, 0], { shape: [1, 4], dtype: tf.float32 });
  const labels14 = () => tf.constant([0, 1, 1, 0], { shape: [1, 4] });
  it(
    "testWeighted1d",
    inGraph(() => {
      const weights = tf.constant([2], { shape: [1, 1] });
      const [auc, updateOp] = tf.metrics.auc(labels14(), predictions14(), { weights });
      const sess = initializedSession();
      expect(scalar(sess, updateOp)).toBeCloseTo(0.5, 5);
      expect(scalar(sess, auc)).toBeCloseTo(0.5, 5);
    }),
  );
  it(
    "testWeighted2d",
    inGraph(() => {
      const weights = tf.constant([1, 2, 3, 4], { shape: [1, 4] });
      const [auc, updateOp] = tf.metrics.auc(labels14(), predictions14(), { weights });
      const sess = initializedSession();
      expect(scalar(sess, updateOp)).toBeCloseTo(0.7, 5);
      expect(scalar(sess, auc)).toBeCloseTo(0.7, 5);
    }),
  );
  it(
    "testManualThresholds",
    inGraph(() => {
      // The default thresholds do not split the second and third predictions; the manual ones do.
      const predictions = tf.constant([0.12, 0.3001, 0.3003, 0.72], { shape: [1, 4], dtype: tf.float32 });
      const labels = tf.constant([0, 1, 0, 1], { shape: [1, 4] });
      const weights = tf.constant([1, 1, 1, 1], { shape: [1, 4] });
      const thresholds = [0.0, 0.2, 0.3002, 0.6, 1.0];
      const [defaultAuc, defaultUpdate] = tf.metrics.auc(labels, predictions, { weights });
      const [manualAuc, manualUpdate] = tf.metrics.auc(labels, predictions, { weights, thresholds });
      const sess = initializedSession();
      expect(scalar(sess, defaultUpdate)).toBeCloseTo(0.875, 3);
      expect(scalar(sess, defaultAuc)).toBeCloseTo(0.875, 3);
      expect(scalar(sess, manualUpdate)).toBeCloseTo(0.75, 3);
      expect(scalar(sess, manualAuc)).toBeCloseTo(0.75, 3);
    }),
  );
  const prCase = (
    predictions: number[],
    labels: number[],
    method: "careful_interpolation" | "trapezoidal",
    expected: number,
  ) =>
    inGraph(() => {
      const n = predictions.length;
      const [auc, updateOp] = tf.metrics.auc(
        tf.constant(labels, { shape: [1, n] }),
        tf.constant(predictions, { shape: [1, n], dtype: tf.float32 }),
        { curve: "PR", summationMethod: method },
      );
      const sess = initializedSession();
      expect(Math.abs(scalar(sess, updateOp) - expected)).toBeLessThanOrEqual(1e-3);
      expect(Math.abs(scalar(sess, auc) - expected)).toBeLessThanOrEqual(1e-3);
    });
  it(
    "testCorrectAUCPRSpecialCase",
    prCase([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], "careful_interpolation", 1 - Math.log(1.5) / 2),
  );
  it(
    "testCorrectAnotherAUCPRSpecialCase",
    prCase(
      [0.1, 0.4, 0.35, 0.8, 0.1, 0.135, 0.81],
      [0, 0, 1, 0, 1, 0, 1],
      "careful_interpolation",
      (2.5 - 2 * Math.log(4 / 3) - 0.25 * Math.log(7 / 5)) / 3,
    ),
  );
  it(
    "testThirdCorrectAUCPRSpecialCase",
    prCase(
      [0.0, 0.1, 0.2, 0.33, 0.3, 0.4, 0.5],
      [0, 0, 0, 0, 1, 1, 1],
      "careful_interpolation",
      1 - Math.log(4 / 3) / 3,
    ),
  );
  it("testIncorrectAUCPRSpecialCase", prCase([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], "trapezoidal", 0.79166));
  it(
    "testAnotherIncorrectAUCPRSpecialCase",
    prCase([0.1, 0.4, 0.35, 0.8, 0.1, 0.135, 0.81], [0, 0, 1, 0, 1, 0, 1], "trapezoidal", 0.610317),
  );
  it(
    "testThirdIncorrectAUCPRSpecialCase",
    prCase([0.0, 0.1, 0.2, 0.33, 0.3, 0.4, 0.5], [0, 0, 0, 0, 1, 1, 1], "trapezoidal", 0.90277),
  );
  it(
    "testAllIncorrect",
    inGraph(() => {
      const inputs = binaryInputs();
      const [auc, updateOp] = tf.metrics.auc(
        tf.constant(
          inputs.map(([x]) => [1 - x]),
          tf.float32,
        ),
        tf.constant(inputs, tf.float32),
      );
      const sess = initializedSession();
      expect(scalar(sess, updateOp)).toBeCloseTo(0, 7);
      expect(scalar(sess, auc)).toBeCloseTo(0, 7);
    }),
  );
  it(
    "testZeroTruePositivesAndFalseNegativesGivesOneAUC",
    inGraph(() => {
      const [auc, updateOp] = tf.metrics.auc(tf.zeros([4]), tf.zeros([4], tf.float32));
      const sess = initializedSession();
      expect(scalar(sess, updateOp)).toBeCloseTo(1, 6);
      expect(scalar(sess, auc)).toBeCloseTo(1, 6);
    }),
  );
  it(
    "testRecallOneAndPrecisionOneGivesOnePRAUC",
    inGraph(() => {
      const [auc, updateOp] = tf.metrics.auc(tf.ones([4]), tf.ones([4], tf.float32), { curve: "PR" });
      const sess = initializedSession();
      expect(scalar(sess, updateOp)).toBeCloseTo(1, 6);
      expect(scalar(sess, auc)).toBeCloseTo(1, 6);
    }),
  );
  it(
    "TF's ValueErrors: an unknown curve, an unknown summation_method; the graph is left as it was",
    inGraph((g) => {
      const labels = tf.ones([4]);
      const predictions = tf.ones([4]);
      const before = g.getOperations().length;
      expect(() => tf.metrics.auc(labels, predictions, { curve: "XY" as "PR" })).toThrow(
        new tf.errors.ValueError("curve must be either ROC or PR, XY unknown"),
      );
      expect(() => tf.metrics.auc(labels, predictions, { summationMethod: "simpson" as "minoring" })).toThrow(
        new tf.errors.ValueError("Invalid summation_method: simpson"),
      );
      expect(g.getOperations().length).toBe(before);
      expect(tf.localVariables()).toEqual([]);
    }),
  );
  it(
    "the graph (scopeflow): 200 thresholds, auc/value and auc/update_op Sums, the [0, 1] asserts",
    inGraph((g) => {
      const [auc, update] = tf.metrics.auc(tf.ones([10, 1]), tf.ones([10, 1]));
      expect([auc.name, auc.op.type, update.name, update.op.type]).toEqual([
        "auc/value:0",
        "Sum",
        "auc/update_op:0",
        "Sum",
      ]);
      expect(g.getOperationByName("auc/true_positives").outputs[0].shape).toEqual([200]);
      for (const check of ["assert_greater_equal", "assert_less_equal"]) {
        expect(g.getOperationByName(`auc/${check}/Assert/AssertGuard/Assert`).type).toBe("Assert");
      }
    }),
  );
});

describe("metrics_test.py PrecisionRecallThresholdsTest", () => {
  const ones = () => tf.ones([10, 1]);
  it(
    "testVars",
    inGraph(() => {
      tf.metrics.precisionAtThresholds(ones(), ones(), [0, 0.5, 1.0]);
      assertMetricVariables(["precision_at_thresholds/true_positives:0", "precision_at_thresholds/false_positives:0"]);
    }),
  );
  it(
    "testMetricsCollection",
    inGraph((g) => {
      const [prec] = tf.metrics.precisionAtThresholds(ones(), ones(), [0, 0.5, 1.0], {
        metricsCollections: ["__metrics__"],
      });
      const [rec] = tf.metrics.recallAtThresholds(ones(), ones(), [0, 0.5, 1.0], {
        metricsCollections: ["__metrics__"],
      });
      expect(g.getCollection("__metrics__")).toEqual([prec, rec]);
    }),
  );
  it(
    "testUpdatesCollection",
    inGraph((g) => {
      const [, precisionOp] = tf.metrics.precisionAtThresholds(ones(), ones(), [0, 0.5, 1.0], {
        updatesCollections: ["__updates__"],
      });
      const [, recallOp] = tf.metrics.recallAtThresholds(ones(), ones(), [0, 0.5, 1.0], {
        updatesCollections: ["__updates__"],
      });
      expect(g.getCollection("__updates__")).toEqual([precisionOp, recallOp]);
    }),
  );
  /** Both metrics over the same inputs, updated once; their values. */
  const bothAfterUpdate = (labels: tf.Tensor, predictions: tf.Tensor, thresholds: number[], weights?: tf.Tensor) => {
    const [prec, precOp] = tf.metrics.precisionAtThresholds(labels, predictions, thresholds, { weights });
    const [rec, recOp] = tf.metrics.recallAtThresholds(labels, predictions, thresholds, { weights });
    const sess = initializedSession();
    sess.run([precOp, recOp]);
    return { prec: flat(sess, prec), rec: flat(sess, rec) };
  };
  it(
    "testAllCorrect",
    inGraph(() => {
      const inputs = binaryInputs();
      const { prec, rec } = bothAfterUpdate(tf.constant(inputs), tf.constant(inputs, tf.float32), [0.5]);
      // tp / (1e-7 + tp + fp) in float32 rounds to 1.
      expect([prec, rec]).toEqual([[1], [1]]);
    }),
  );
  it(
    "testSomeCorrect_multipleLabelDtypes",
    inGraph(() => {
      for (const dtype of [tf.bool, tf.int32, tf.float32]) {
        const predictions = tf.constant([1, 0, 1, 0], { shape: [1, 4], dtype: tf.float32 });
        const labels = tf.cast(tf.constant([0, 1, 1, 0], { shape: [1, 4] }), dtype);
        const { prec, rec } = bothAfterUpdate(labels, predictions, [0.5]);
        expect(prec[0]).toBeCloseTo(0.5, 7);
        expect(rec[0]).toBeCloseTo(0.5, 7);
      }
    }),
  );
  it(
    "testAllIncorrect",
    inGraph(() => {
      const inputs = binaryInputs();
      const { prec, rec } = bothAfterUpdate(
        tf.constant(
          inputs.map(([x]) => [1 - x]),
          tf.float32,
        ),
        tf.constant(inputs, tf.float32),
        [0.5],
      );
      expect(prec[0]).toBeCloseTo(0, 7);
      expect(rec[0]).toBeCloseTo(0, 7);
    }),
  );
  const weightsCase = (weights: number[][]) =>
    inGraph(() => {
      const predictions = tf.constant(
        [
          [1, 0],
          [1, 0],
        ],
        { dtype: tf.float32 },
      );
      const labels = tf.constant([
        [0, 1],
        [1, 0],
      ]);
      const { prec, rec } = bothAfterUpdate(labels, predictions, [0.5, 1.1], tf.constant(weights, tf.float32));
      [prec, rec].forEach(([low, high]) => {
        expect(low).toBeCloseTo(1.0, 5);
        expect(high).toBeCloseTo(0.0, 5);
      });
    });
  it("testWeights1d", weightsCase([[0], [1]]));
  it(
    "testWeights2d",
    weightsCase([
      [0, 0],
      [1, 1],
    ]),
  );
  it(
    "testExtremeThresholds",
    inGraph(() => {
      const predictions = tf.constant([1, 0, 1, 0], { shape: [1, 4], dtype: tf.float32 });
      const labels = tf.constant([0, 1, 1, 1], { shape: [1, 4] });
      const { prec, rec } = bothAfterUpdate(labels, predictions, [-1.0, 2.0]); // lower/higher than any values
      expect(prec[0]).toBeCloseTo(0.75, 7);
      expect(prec[1]).toBeCloseTo(0.0, 7);
      expect(rec[0]).toBeCloseTo(1.0, 7);
      expect(rec[1]).toBeCloseTo(0.0, 7);
    }),
  );
  it(
    "testZeroLabelsPredictions",
    inGraph(() => {
      const { prec, rec } = bothAfterUpdate(tf.zeros([4]), tf.zeros([4], tf.float32), [0.5]);
      expect(prec[0]).toBeCloseTo(0, 6);
      expect(rec[0]).toBeCloseTo(0, 6);
    }),
  );
  it(
    "the graph (scopeflow): precision_<name> RealDivs of tp over 1e-7 + tp + fp; predictions outside [0, 1] fail",
    inGraph((g) => {
      const predictions = tf.placeholder(tf.float32, [4]);
      const [prec, precOp] = tf.metrics.precisionAtThresholds(tf.ones([4]), predictions, [0.5]);
      expect([prec.name, prec.op.type, precOp.name]).toEqual([
        "precision_at_thresholds/precision_value:0",
        "RealDiv",
        "precision_at_thresholds/precision_update_op:0",
      ]);
      expect(g.getOperationByName("precision_at_thresholds/add/x").type).toBe("Const");
      const sess = initializedSession();
      expect(() => sess.run(precOp, new Map([[predictions, [0.5, 1.5, 0, 1]]]) as never)).toThrow(
        /predictions must be in \[0, 1\]/,
      );
    }),
  );
});

describe("metrics_test.py TruePositivesAtThresholdsTest, FalsePositivesAtThresholdsTest, ...", () => {
  const predictions = () =>
    tf.constant(
      [
        [0.9, 0.2, 0.8, 0.1],
        [0.2, 0.9, 0.7, 0.6],
        [0.1, 0.2, 0.4, 0.3],
      ],
      { dtype: tf.float32 },
    );
  const labels = () =>
    tf.constant([
      [0, 1, 1, 0],
      [1, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
  type Case = [string, typeof tf.metrics.truePositivesAtThresholds, string, number[], number | number[][], number[]];
  const cases: Case[] = [
    [
      "TruePositivesAtThresholdsTest",
      tf.metrics.truePositivesAtThresholds,
      "true_positives",
      [3, 1, 0],
      37.0,
      [111, 37, 0],
    ],
    [
      "FalsePositivesAtThresholdsTest",
      tf.metrics.falsePositivesAtThresholds,
      "false_positives",
      [7, 4, 2],
      [
        [1.0, 2.0, 3.0, 5.0],
        [7.0, 11.0, 13.0, 17.0],
        [19.0, 23.0, 29.0, 31.0],
      ],
      [125, 42, 12],
    ],
    [
      "TrueNegativesAtThresholdsTest",
      tf.metrics.trueNegativesAtThresholds,
      "true_negatives",
      [2, 5, 7],
      [[0.0, 2.0, 3.0, 5.0]],
      [5, 15, 23],
    ],
    [
      "FalseNegativesAtThresholdsTest",
      tf.metrics.falseNegativesAtThresholds,
      "false_negatives",
      [0, 2, 3],
      [[3.0], [5.0], [7.0]],
      [0, 8, 11],
    ],
  ];
  for (const [title, metric, name, unweighted, weights, weighted] of cases) {
    describe(title, () => {
      it(
        "testVars",
        inGraph(() => {
          metric(tf.ones([10, 1]), tf.ones([10, 1]), [0.15, 0.5, 0.85]);
          assertMetricVariables([`${name}/${name}:0`]);
        }),
      );
      it(
        "testUnweighted",
        inGraph(() => {
          const [value, updateOp] = metric(labels(), predictions(), [0.15, 0.5, 0.85]);
          const sess = initializedSession();
          expect(flat(sess, value)).toEqual([0, 0, 0]);
          expect(flat(sess, updateOp)).toEqual(unweighted);
          expect(flat(sess, value)).toEqual(unweighted);
        }),
      );
      it(
        "testWeighted",
        inGraph(() => {
          const [value, updateOp] = metric(labels(), predictions(), [0.15, 0.5, 0.85], { weights });
          const sess = initializedSession();
          expect(flat(sess, value)).toEqual([0, 0, 0]);
          expect(flat(sess, updateOp)).toEqual(weighted);
          expect(flat(sess, value)).toEqual(weighted);
        }),
      );
    });
  }
});
