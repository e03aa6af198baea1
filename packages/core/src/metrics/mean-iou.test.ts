// metrics_test.py (TF 1.15, tensorflow/python/kernel_tests): MeanIOUTest. TF's FIFOQueues become placeholders fed
// one batch per update; testValueTensorIsIdempotent (random ops) is left out.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { assertMetricVariables, batchFeeder, flat, inGraph, initializedSession, scalar } from "./test-helpers";

/** array_ops.concat of constant_op.constant(v, shape=[n]) runs, as TF's cases build them. */
const runs = (...parts: [number, number][]) => tf.constant(parts.flatMap(([v, n]) => Array<number>(n).fill(v)));

describe("metrics_test.py MeanIOUTest", () => {
  it(
    "testVars",
    inGraph(() => {
      tf.metrics.meanIou(tf.ones([10, 1]), tf.ones([10, 1]), 2);
      assertMetricVariables(["mean_iou/total_confusion_matrix:0"]);
    }),
  );
  it(
    "testMetricsCollections",
    inGraph((g) => {
      const [meanIou] = tf.metrics.meanIou(tf.ones([10, 1]), tf.ones([10, 1]), 2, {
        metricsCollections: ["__metrics__"],
      });
      expect(g.getCollection("__metrics__")).toEqual([meanIou]);
    }),
  );
  it(
    "testUpdatesCollection",
    inGraph((g) => {
      const [, updateOp] = tf.metrics.meanIou(tf.ones([10, 1]), tf.ones([10, 1]), 2, {
        updatesCollections: ["__updates__"],
      });
      expect(g.getCollection("__updates__")).toEqual([updateOp]);
    }),
  );
  it(
    "testPredictionsAndLabelsOfDifferentSizeRaisesValueError",
    inGraph(() => {
      const predictions = tf.ones([10, 3]);
      const labels = tf.ones([10, 4]);
      expect(() => tf.metrics.meanIou(labels, predictions, 2)).toThrow(
        new tf.errors.ValueError("Shapes (10, 3) and (10, 4) are incompatible"),
      );
    }),
  );
  it(
    "testLabelsAndWeightsOfDifferentSizeRaisesValueError",
    inGraph((g) => {
      const predictions = tf.ones([10]);
      const labels = tf.ones([10]);
      const weights = tf.zeros([9]);
      const before = g.getOperations().length;
      expect(() => tf.metrics.meanIou(labels, predictions, 2, { weights })).toThrow(
        new tf.errors.ValueError("Shapes (10,) and (9,) are incompatible"),
      );
      expect(g.getOperations().length).toBe(before);
    }),
  );
  /** Feeds the (1, 1) batches one per update, then the metric's value. */
  const fedUpdates = (numClasses: number, preds: number[], labels: number[], weights?: number[]) => {
    const p = batchFeeder(tf.int32, [1, 1]);
    const l = batchFeeder(tf.int32, [1, 1]);
    const w = batchFeeder(tf.float32, [1, 1]);
    const [miou, updateOp] = tf.metrics.meanIou(l.placeholder, p.placeholder, numClasses, {
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
    return scalar(sess, miou);
  };
  it(
    "testMultipleUpdates",
    inGraph(() => {
      const miou = fedUpdates(3, [0, 1, 2, 1, 0], [0, 1, 1, 2, 1]);
      expect(miou).toBeCloseTo((1.0 / 2.0 + 1.0 / 4.0 + 0) / 3, 6);
    }),
  );
  it(
    "testMultipleUpdatesWithWeights",
    inGraph(() => {
      const miou = fedUpdates(2, [0, 1, 0, 1, 0, 1], [0, 1, 1, 0, 0, 1], [1, 1, 1, 0, 1, 0]);
      expect(miou).toBeCloseTo((2.0 / 3.0 + 1.0 / 2.0) / 2, 7);
    }),
  );
  it(
    "testMultipleUpdatesWithMissingClass",
    inGraph(() => {
      // No prediction and no label for class 2: one row and one column of the confusion matrix stay 0.
      const miou = fedUpdates(3, [0, 1, 1, 1, 0], [0, 1, 1, 0, 1]);
      expect(miou).toBeCloseTo((1.0 / 3.0 + 2.0 / 4.0) / 2, 7);
    }),
  );
  it(
    "testUpdateOpEvalIsAccumulatedConfusionMatrix",
    inGraph(() => {
      const [miou, updateOp] = tf.metrics.meanIou(runs([0, 3], [1, 7]), runs([0, 5], [1, 5]), 2);
      const sess = initializedSession();
      expect(flat(sess, updateOp)).toEqual([3, 0, 2, 5]);
      expect(scalar(sess, miou)).toBeCloseTo((3 / 5 + 5 / 7) / 2, 7);
    }),
  );
  it(
    "testAllCorrect",
    inGraph(() => {
      const [miou, updateOp] = tf.metrics.meanIou(tf.zeros([40]), tf.zeros([40]), 1);
      const sess = initializedSession();
      expect(flat(sess, updateOp)[0]).toBe(40);
      expect(scalar(sess, miou)).toBe(1.0);
    }),
  );
  it(
    "testAllWrong",
    inGraph(() => {
      const [miou, updateOp] = tf.metrics.meanIou(tf.ones([40]), tf.zeros([40]), 2);
      const sess = initializedSession();
      expect(flat(sess, updateOp)).toEqual([0, 0, 40, 0]);
      expect(scalar(sess, miou)).toBe(0);
    }),
  );
  it(
    "testResultsWithSomeMissing",
    inGraph(() => {
      const weights = runs([0, 1], [1, 8], [0, 1]);
      const [miou, updateOp] = tf.metrics.meanIou(runs([0, 3], [1, 7]), runs([0, 5], [1, 5]), 2, { weights });
      const sess = initializedSession();
      expect(flat(sess, updateOp)).toEqual([2, 0, 2, 4]);
      expect(scalar(sess, miou)).toBeCloseTo((2 / 4 + 4 / 6) / 2, 7);
    }),
  );
  it(
    "testMissingClassInLabels",
    inGraph(() => {
      const labels = tf.constant([
        [
          [0, 0, 1, 1, 0, 0],
          [1, 0, 0, 0, 0, 1],
        ],
        [
          [1, 1, 1, 1, 1, 1],
          [0, 0, 0, 0, 0, 0],
        ],
      ]);
      const predictions = tf.constant([
        [
          [0, 0, 2, 1, 1, 0],
          [0, 1, 2, 2, 0, 1],
        ],
        [
          [0, 0, 2, 1, 1, 1],
          [1, 1, 2, 0, 0, 0],
        ],
      ]);
      const [miou, updateOp] = tf.metrics.meanIou(labels, predictions, 3);
      const sess = initializedSession();
      expect(flat(sess, updateOp)).toEqual([7, 4, 3, 3, 5, 2, 0, 0, 0]);
      expect(scalar(sess, miou)).toBeCloseTo((1 / 3) * (7 / (7 + 3 + 7) + 5 / (5 + 4 + 5) + 0 / (0 + 5 + 0)), 7);
    }),
  );
  it(
    "the graph (scopeflow): the confusion matrix's ScatterNd and its asserts; labels out of range fail at run time",
    inGraph((g) => {
      const labels = tf.placeholder(tf.int32, [4]);
      const [, updateOp] = tf.metrics.meanIou(labels, tf.constant([0, 1, 1, 0]), 2);
      expect(updateOp.op.type).toBe("AssignAdd");
      expect(g.getOperationByName("mean_iou/confusion_matrix/ScatterNd").type).toBe("ScatterNd");
      expect(g.getOperationByName("mean_iou/total_confusion_matrix").outputs[0].dtype).toBe(tf.float64);
      const sess = initializedSession();
      expect(flat(sess, updateOp, new Map([[labels, [0, 1, 0, 0]]]))).toEqual([2, 1, 0, 1]);
      expect(() => sess.run(updateOp, new Map([[labels, [0, 2, 0, 0]]]) as never)).toThrow(/`labels` out of bound/);
      expect(() => sess.run(updateOp, new Map([[labels, [0, -1, 0, 0]]]) as never)).toThrow(
        /`labels` contains negative values/,
      );
    }),
  );
});

describe("confusion_matrix.py confusion_matrix (tf.confusionMatrix)", () => {
  it(
    "counts [label, prediction] pairs, num_classes from the data when not given; weights summed",
    inGraph(() => {
      const cm = tf.confusionMatrix([1, 2, 4], [2, 2, 4]);
      expect(cm.name).toBe("confusion_matrix/ScatterNd:0");
      expect(cm.dtype).toBe(tf.int32);
      const sess = new tf.Session();
      const values = flat(sess, cm);
      expect(values.length).toBe(25);
      expect([values[1 * 5 + 2], values[2 * 5 + 2], values[4 * 5 + 4]]).toEqual([1, 1, 1]);
      expect(values.reduce((a, b) => a + b)).toBe(3);
      const weighted = tf.confusionMatrix([0, 1, 1], [0, 1, 1], 3, tf.float32, "cm", [1, 2, 3]);
      expect(weighted.name).toBe("cm/ScatterNd:0");
      expect(flat(sess, weighted)).toEqual([1, 0, 0, 0, 5, 0, 0, 0, 0]);
    }),
  );
});
