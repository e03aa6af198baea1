// metrics_test.py (TF 1.15, tensorflow/python/kernel_tests): MeanPerClassAccuracyTest. TF's FIFOQueues become
// placeholders fed one batch per update; testValueTensorIsIdempotent's random half is left out.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { assertMetricVariables, batchFeeder, flat, inGraph, initializedSession, scalar } from "./test-helpers";

const runs = (...parts: [number, number][]) => tf.constant(parts.flatMap(([v, n]) => Array<number>(n).fill(v)));

describe("metrics_test.py MeanPerClassAccuracyTest", () => {
  it(
    "testVars",
    inGraph(() => {
      tf.metrics.meanPerClassAccuracy(tf.ones([10, 1]), tf.ones([10, 1]), 2);
      assertMetricVariables(["mean_accuracy/count:0", "mean_accuracy/total:0"]);
    }),
  );
  it(
    "testMetricsCollections",
    inGraph((g) => {
      const [mean] = tf.metrics.meanPerClassAccuracy(tf.ones([10, 1]), tf.ones([10, 1]), 2, {
        metricsCollections: ["__metrics__"],
      });
      expect(g.getCollection("__metrics__")).toEqual([mean]);
    }),
  );
  it(
    "testUpdatesCollection",
    inGraph((g) => {
      const [, updateOp] = tf.metrics.meanPerClassAccuracy(tf.ones([10, 1]), tf.ones([10, 1]), 2, {
        updatesCollections: ["__updates__"],
      });
      expect(g.getCollection("__updates__")).toEqual([updateOp]);
    }),
  );
  it(
    "testPredictionsAndLabelsOfDifferentSizeRaisesValueError",
    inGraph(() => {
      expect(() => tf.metrics.meanPerClassAccuracy(tf.ones([10, 4]), tf.ones([10, 3]), 2)).toThrow(
        tf.errors.ValueError,
      );
    }),
  );
  it(
    "testLabelsAndWeightsOfDifferentSizeRaisesValueError",
    inGraph((g) => {
      const [predictions, labels, weights] = [tf.ones([10]), tf.ones([10]), tf.zeros([9])];
      const before = g.getOperations().length;
      expect(() => tf.metrics.meanPerClassAccuracy(labels, predictions, 2, { weights })).toThrow(tf.errors.ValueError);
      expect(g.getOperations().length).toBe(before);
    }),
  );
  const fedUpdates = (numClasses: number, preds: number[], labels: number[], weights?: number[]) => {
    const p = batchFeeder(tf.int32, [1, 1]);
    const l = batchFeeder(tf.int32, [1, 1]);
    const w = batchFeeder(tf.float32, [1, 1]);
    const [mean, updateOp] = tf.metrics.meanPerClassAccuracy(l.placeholder, p.placeholder, numClasses, {
      weights: weights ? w.placeholder : null,
    });
    const sess = initializedSession();
    preds.forEach((_, i) => {
      const feeds = new Map([
        ...p.feed([[preds[i]]]),
        ...l.feed([[labels[i]]]),
        ...(weights ? w.feed([[weights[i]]]) : []),
      ]);
      sess.run(updateOp, feeds as never);
    });
    return scalar(sess, mean);
  };
  it(
    "testValueTensorIsIdempotent (its queue-fed half: multiple updates)",
    inGraph(() => {
      expect(fedUpdates(3, [0, 1, 2, 1, 0], [0, 1, 1, 2, 1])).toBeCloseTo((1.0 + 1.0 / 3.0 + 0.0) / 3, 7);
    }),
  );
  it(
    "testMultipleUpdatesWithWeights",
    inGraph(() => {
      const mean = fedUpdates(2, [0, 1, 0, 1, 0, 1], [0, 1, 1, 0, 0, 1], [1.0, 0.5, 1.0, 0.0, 1.0, 0.0]);
      expect(mean).toBeCloseTo((2.0 / 2.0 + 0.5 / 1.5) / 2, 7);
    }),
  );
  it(
    "testMultipleUpdatesWithMissingClass",
    inGraph(() => {
      expect(fedUpdates(3, [0, 1, 1, 1, 0], [0, 1, 1, 0, 1])).toBeCloseTo((1.0 / 2.0 + 2.0 / 3.0 + 0) / 3, 7);
    }),
  );
  it(
    "testAllCorrect",
    inGraph(() => {
      const [mean, updateOp] = tf.metrics.meanPerClassAccuracy(tf.zeros([40]), tf.zeros([40]), 1);
      const sess = initializedSession();
      expect(flat(sess, updateOp)[0]).toBe(1.0);
      expect(scalar(sess, mean)).toBe(1.0);
    }),
  );
  it(
    "testAllWrong",
    inGraph(() => {
      const [mean, updateOp] = tf.metrics.meanPerClassAccuracy(tf.ones([40]), tf.zeros([40]), 2);
      const sess = initializedSession();
      expect(flat(sess, updateOp)).toEqual([0, 0]);
      expect(scalar(sess, mean)).toBe(0);
    }),
  );
  it(
    "testResultsWithSomeMissing",
    inGraph(() => {
      const weights = runs([0, 1], [1, 8], [0, 1]);
      const [mean, updateOp] = tf.metrics.meanPerClassAccuracy(runs([0, 3], [1, 7]), runs([0, 5], [1, 5]), 2, {
        weights,
      });
      const sess = initializedSession();
      expect(flat(sess, updateOp)).toEqual([2 / 2, Math.fround(4 / 6)]);
      expect(scalar(sess, mean)).toBeCloseTo((1 + 4 / 6) / 2, 7);
    }),
  );
});
