// metrics_test.py (TF 1.15, tensorflow/python/kernel_tests): MeanTest, MeanTensorTest, AccuracyTest,
// MeanAbsoluteErrorTest, MeanRelativeErrorTest, MeanSquaredErrorTest, RootMeanSquaredErrorTest,
// MeanCosineDistanceTest, PcntBelowThreshTest. TF fills FIFOQueues and dequeues one batch per update; here each
// batch is fed to a placeholder of the queue's shape (batchFeeder). Cases with random data
// (testValueTensorIsIdempotent) and the dynamic-shape halves that need tf.cond are left out.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import {
  assertMetricVariables,
  batchFeeder,
  flat,
  inGraph,
  initializedSession,
  scalar,
  testValues,
} from "./test-helpers";

const ones = (shape: number[]) => tf.ones(shape, tf.float64);

describe("metrics_test.py MeanTest", () => {
  it(
    "testVars",
    inGraph(() => {
      tf.metrics.mean(tf.ones([4, 3]));
      assertMetricVariables(["mean/count:0", "mean/total:0"]);
    }),
  );
  it(
    "testMetricsCollection",
    inGraph((g) => {
      const [mean] = tf.metrics.mean(tf.ones([4, 3]), { metricsCollections: ["__metrics__"] });
      expect(g.getCollection("__metrics__")).toEqual([mean]);
    }),
  );
  it(
    "testUpdatesCollection",
    inGraph((g) => {
      const [, updateOp] = tf.metrics.mean(tf.ones([4, 3]), { updatesCollections: ["__updates__"] });
      expect(g.getCollection("__updates__")).toEqual([updateOp]);
    }),
  );
  const batches = [[[0, 1]], [[-4.2, 9.1]], [[6.5, 0]], [[-3.2, 4.0]]];
  it(
    "testBasic",
    inGraph(() => {
      const { placeholder, feed } = batchFeeder(tf.float32, [1, 2]);
      const [mean, updateOp] = tf.metrics.mean(placeholder);
      const sess = initializedSession();
      for (const b of batches) sess.run(updateOp, feed(b) as never);
      expect(scalar(sess, mean)).toBeCloseTo(1.65, 5);
    }),
  );
  it(
    "testUpdateOpsReturnsCurrentValue",
    inGraph(() => {
      const { placeholder, feed } = batchFeeder(tf.float32, [1, 2]);
      const [mean, updateOp] = tf.metrics.mean(placeholder);
      const sess = initializedSession();
      const expected = [0.5, 1.475, 12.4 / 6.0, 1.65];
      batches.forEach((b, i) => expect(scalar(sess, updateOp, feed(b))).toBeCloseTo(expected[i], 5));
      expect(scalar(sess, mean)).toBeCloseTo(1.65, 5);
    }),
  );
  it(
    "testUnweighted",
    inGraph(() => {
      const values = testValues([3, 2, 4, 1]);
      const weightShapes = [
        [1, 1, 1],
        [1, 1, 1, 1],
        [1, 1, 1, 1, 1],
        [1, 1, 4],
        [1, 1, 4, 1],
        [1, 2, 1],
        [1, 2, 1, 1],
        [1, 2, 4],
        [1, 2, 4, 1],
        [3, 1, 1],
        [3, 1, 1, 1],
        [3, 1, 4],
        [3, 1, 4, 1],
        [3, 2, 1],
        [3, 2, 1, 1],
        [3, 2, 4],
        [3, 2, 4, 1],
        [3, 2, 4, 1, 1],
      ];
      const results = [
        tf.metrics.mean(values),
        tf.metrics.mean(values, { weights: 1.0 }),
        ...weightShapes.map((s) => tf.metrics.mean(values, { weights: ones(s) })),
      ];
      const expected = 12.5; // np.mean(1..24)
      const sess = initializedSession();
      for (const [mean, updateOp] of results) {
        expect(Math.abs(scalar(sess, updateOp) - expected)).toBeLessThanOrEqual(1e-6);
        expect(Math.abs(scalar(sess, mean) - expected)).toBeLessThanOrEqual(1e-6);
      }
    }),
  );
  // _test_3d_weighted
  const weighted3d = (weights: number[], shape: number[]) =>
    inGraph(() => {
      const valuesArr = Array.from({ length: 24 }, (_, i) => i + 1);
      const values = testValues([3, 2, 4]);
      const w = tf.constant(weights, { shape, dtype: tf.float64 });
      // np.sum(weights * values) / np.sum(weights * ones_like(values)), broadcast by hand
      let num = 0;
      let den = 0;
      valuesArr.forEach((v, idx) => {
        const [i, j, k] = [Math.floor(idx / 8), Math.floor(idx / 4) % 2, idx % 4];
        const wi =
          (shape[0] === 1 ? 0 : i) * shape[1] * shape[2] +
          (shape[1] === 1 ? 0 : j) * shape[2] +
          (shape[2] === 1 ? 0 : k);
        num += weights[wi] * v;
        den += weights[wi];
      });
      const expected = num / den;
      const [mean, updateOp] = tf.metrics.mean(values, { weights: w });
      const sess = initializedSession();
      expect(scalar(sess, updateOp)).toBeCloseTo(expected, 5);
      expect(scalar(sess, mean)).toBeCloseTo(expected, 5);
    });
  it("test1x1x1Weighted", weighted3d([5], [1, 1, 1]));
  it("test1x1xNWeighted", weighted3d([5, 7, 11, 3], [1, 1, 4]));
  it("test1xNx1Weighted", weighted3d([5, 11], [1, 2, 1]));
  it("test1xNxNWeighted", weighted3d([5, 7, 11, 3, 2, 13, 7, 5], [1, 2, 4]));
  it("testNx1x1Weighted", weighted3d([5, 7, 11], [3, 1, 1]));
  it("testNx1xNWeighted", weighted3d([5, 7, 11, 3, 2, 12, 7, 5, 2, 17, 11, 3], [3, 1, 4]));
  it(
    "testNxNxNWeighted",
    weighted3d([5, 7, 11, 3, 2, 12, 7, 5, 2, 17, 11, 3, 2, 17, 11, 3, 5, 7, 11, 3, 2, 12, 7, 5], [3, 2, 4]),
  );
  it(
    "testInvalidWeights (the static shapes; the dynamic half needs tf.cond)",
    inGraph((g) => {
      const values = testValues([3, 2, 4, 1]);
      const invalid = [
        [1],
        [1, 1],
        [3, 2],
        [2, 4, 1],
        [4, 2, 4, 1],
        [3, 3, 4, 1],
        [3, 2, 5, 1],
        [3, 2, 4, 2],
        [1, 1, 1, 1, 1],
      ];
      for (const s of invalid) {
        // TF passes each tuple as the weights' values (int32 vectors), never of the values' rank.
        const weights = tf.constant(s);
        const before = g.getOperations().length;
        expect(() => tf.metrics.mean(values, weights)).toThrow(/weights can not be broadcast to values/);
        expect(g.getOperations().length).toBe(before);
      }
    }),
  );
  it(
    "the graph (scopeflow): DivNoNan value and update_op, zeros initializers, the count added after the values",
    inGraph((g) => {
      const values = tf.placeholder(tf.float32, [4, 3], "values");
      const [mean, updateOp] = tf.metrics.mean(values);
      expect([mean.op.name, mean.op.type, updateOp.op.name, updateOp.op.type]).toEqual([
        "mean/value",
        "DivNoNan",
        "mean/update_op",
        "DivNoNan",
      ]);
      expect(g.getOperationByName("mean/total/Initializer/zeros").type).toBe("Const");
      expect(g.getOperationByName("mean/AssignAdd").inputs[0].name).toBe("mean/total:0");
      expect(g.getOperationByName("mean/AssignAdd_1").controlInputs.map((o) => o.name)).toEqual(["values"]);
      expect(tf.trainableVariables()).toEqual([]);
      expect(tf.globalVariables()).toEqual([]);
    }),
  );
});

describe("metrics_test.py MeanTensorTest", () => {
  it(
    "testVars",
    inGraph(() => {
      tf.metrics.meanTensor(tf.ones([4, 3]));
      assertMetricVariables(["mean/total_tensor:0", "mean/count_tensor:0"]);
    }),
  );
  it(
    "testMetricsCollection",
    inGraph((g) => {
      const [mean] = tf.metrics.meanTensor(tf.ones([4, 3]), { metricsCollections: ["__metrics__"] });
      expect(g.getCollection("__metrics__")).toEqual([mean]);
    }),
  );
  it(
    "testUpdatesCollection",
    inGraph((g) => {
      const [, updateOp] = tf.metrics.meanTensor(tf.ones([4, 3]), { updatesCollections: ["__updates__"] });
      expect(g.getCollection("__updates__")).toEqual([updateOp]);
    }),
  );
  const batches = [[[0, 1]], [[-4.2, 9.1]], [[6.5, 0]], [[-3.2, 4.0]]];
  const closeAll = (actual: number[], expected: number[]) =>
    expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, 5));
  it(
    "testBasic",
    inGraph(() => {
      const { placeholder, feed } = batchFeeder(tf.float32, [1, 2]);
      const [mean, updateOp] = tf.metrics.meanTensor(placeholder);
      const sess = initializedSession();
      for (const b of batches) sess.run(updateOp, feed(b) as never);
      closeAll(flat(sess, mean), [-0.9 / 4, 3.525]);
    }),
  );
  it(
    "testMultiDimensional",
    inGraph(() => {
      const { placeholder, feed } = batchFeeder(tf.float32, [2, 2, 2]);
      const [mean, updateOp] = tf.metrics.meanTensor(placeholder);
      const sess = initializedSession();
      sess.run(
        updateOp,
        feed([
          [
            [1, 2],
            [1, 2],
          ],
          [
            [1, 2],
            [1, 2],
          ],
        ]) as never,
      );
      sess.run(
        updateOp,
        feed([
          [
            [1, 2],
            [1, 2],
          ],
          [
            [3, 4],
            [9, 10],
          ],
        ]) as never,
      );
      closeAll(flat(sess, mean), [1, 2, 1, 2, 2, 3, 5, 6]);
    }),
  );
  it(
    "testUpdateOpsReturnsCurrentValue",
    inGraph(() => {
      const { placeholder, feed } = batchFeeder(tf.float32, [1, 2]);
      const [mean, updateOp] = tf.metrics.meanTensor(placeholder);
      const sess = initializedSession();
      const expected = [
        [0, 1],
        [-2.1, 5.05],
        [2.3 / 3, 10.1 / 3],
        [-0.9 / 4, 3.525],
      ];
      batches.forEach((b, i) => closeAll(flat(sess, updateOp, feed(b)), expected[i]));
      closeAll(flat(sess, mean), [-0.9 / 4, 3.525]);
    }),
  );
  const weightedCase = (weightShape: number[], weights: number[][][], expected: number[]) =>
    inGraph(() => {
      const values = batchFeeder(tf.float32, [1, 2]);
      const w = batchFeeder(tf.float32, weightShape);
      const [mean, updateOp] = tf.metrics.meanTensor(values.placeholder, w.placeholder);
      const sess = initializedSession();
      batches.forEach((b, i) => sess.run(updateOp, new Map([...values.feed(b), ...w.feed(weights[i])]) as never));
      closeAll(flat(sess, mean), expected);
    });
  it("testBinaryWeighted1d", weightedCase([1, 1], [[[1]], [[0]], [[1]], [[0]]], [3.25, 0.5]));
  // TF asserts [[0.8, 3.52]] with assertAllClose's third positional argument, rtol=5; the weighted mean of the
  // second column is 0.078 / 0.025 = 3.12, asserted here to 5 places.
  it("testWeighted1d", weightedCase([1, 1], [[[0.0025]], [[0.005]], [[0.01]], [[0.0075]]], [0.8, 3.12]));
  it("testWeighted2d_1", weightedCase([1, 2], [[[1, 1]], [[1, 0]], [[0, 1]], [[0, 0]]], [-2.1, 0.5]));
  it("testWeighted2d_2", weightedCase([1, 2], [[[0, 1]], [[0, 0]], [[0, 1]], [[0, 0]]], [0, 0.5]));
});

describe("metrics_test.py AccuracyTest", () => {
  it(
    "testVars",
    inGraph(() => {
      tf.metrics.accuracy(tf.ones([10, 1]), tf.ones([10, 1]), { name: "my_accuracy" });
      assertMetricVariables(["my_accuracy/count:0", "my_accuracy/total:0"]);
    }),
  );
  it(
    "testVars: the default scope is accuracy (scopeflow)",
    inGraph(() => {
      const [acc, update] = tf.metrics.accuracy(tf.ones([10, 1]), tf.ones([10, 1]));
      assertMetricVariables(["accuracy/count:0", "accuracy/total:0"]);
      expect([acc.name, update.name]).toEqual(["accuracy/value:0", "accuracy/update_op:0"]);
    }),
  );
  it(
    "testMetricsCollection",
    inGraph((g) => {
      const [mean] = tf.metrics.accuracy(tf.ones([10, 1]), tf.ones([10, 1]), { metricsCollections: ["__metrics__"] });
      expect(g.getCollection("__metrics__")).toEqual([mean]);
    }),
  );
  it(
    "testUpdatesCollection",
    inGraph((g) => {
      const [, updateOp] = tf.metrics.accuracy(tf.ones([10, 1]), tf.ones([10, 1]), {
        updatesCollections: ["__updates__"],
      });
      expect(g.getCollection("__updates__")).toEqual([updateOp]);
    }),
  );
  it(
    "testPredictionsAndLabelsOfDifferentSizeRaisesValueError",
    inGraph((g) => {
      const predictions = tf.ones([10, 3]);
      const labels = tf.ones([10, 4]);
      const before = g.getOperations().length;
      expect(() => tf.metrics.accuracy(labels, predictions)).toThrow(
        new tf.errors.ValueError("Shapes (10, 3) and (10, 4) are incompatible"),
      );
      expect(g.getOperations().length).toBe(before);
    }),
  );
  it(
    "testPredictionsAndWeightsOfDifferentSizeRaisesValueError",
    inGraph(() => {
      const predictions = tf.ones([10, 3]);
      const labels = tf.ones([10, 3]);
      const weights = tf.ones([9, 3]);
      expect(() => tf.metrics.accuracy(labels, predictions, weights)).toThrow(tf.errors.ValueError);
    }),
  );
  it(
    "testMultipleUpdates",
    inGraph(() => {
      const preds = batchFeeder(tf.float32, [1, 1]);
      const labels = batchFeeder(tf.float32, [1, 1]);
      const [accuracy, updateOp] = tf.metrics.accuracy(labels.placeholder, preds.placeholder);
      const sess = initializedSession();
      const p = [0, 1, 2, 1];
      const l = [0, 1, 1, 2];
      const feeds = (i: number) => new Map([...preds.feed([[p[i]]]), ...labels.feed([[l[i]]])]);
      for (let i = 0; i < 3; i++) sess.run(updateOp, feeds(i) as never);
      expect(scalar(sess, updateOp, feeds(3))).toBe(0.5);
      expect(scalar(sess, accuracy)).toBe(0.5);
    }),
  );
  it(
    "testEffectivelyEquivalentSizes",
    inGraph(() => {
      const [accuracy, updateOp] = tf.metrics.accuracy(tf.ones([40]), tf.ones([40, 1]));
      const sess = initializedSession();
      expect(scalar(sess, updateOp)).toBe(1);
      expect(scalar(sess, accuracy)).toBe(1);
    }),
  );
  it(
    "testEffectivelyEquivalentSizesWithScalarWeight",
    inGraph(() => {
      const [accuracy, updateOp] = tf.metrics.accuracy(tf.ones([40]), tf.ones([40, 1]), { weights: 2.0 });
      const sess = initializedSession();
      expect(scalar(sess, updateOp)).toBe(1);
      expect(scalar(sess, accuracy)).toBe(1);
    }),
  );
  it(
    "testEffectivelyEquivalentSizesWithStaticShapedWeight",
    inGraph(() => {
      const predictions = tf.convertToTensor([1, 1, 1]); // shape 3,
      const labels = tf.expandDims(tf.convertToTensor([1, 0, 0]), 1); // shape 3, 1
      const weights = tf.expandDims(tf.convertToTensor([100, 1, 1]), 1); // shape 3, 1
      const [accuracy, updateOp] = tf.metrics.accuracy(labels, predictions, weights);
      const sess = initializedSession();
      // Without flattening the weights the accuracy would be 0.33333334 (an intended broadcast of the weights).
      expect(scalar(sess, updateOp)).toBeGreaterThan(0.95);
      expect(scalar(sess, accuracy)).toBeGreaterThan(0.95);
    }),
  );
  it(
    "testMultipleUpdatesWithWeightedValues",
    inGraph(() => {
      const preds = batchFeeder(tf.float32, [1, 1]);
      const labels = batchFeeder(tf.float32, [1, 1]);
      const weights = batchFeeder(tf.int64, [1, 1]);
      const [accuracy, updateOp] = tf.metrics.accuracy(labels.placeholder, preds.placeholder, weights.placeholder);
      const sess = initializedSession();
      const p = [0, 1, 2, 1];
      const l = [0, 1, 1, 2];
      const w = [1, 1, 0, 0];
      const feeds = (i: number) =>
        new Map([...preds.feed([[p[i]]]), ...labels.feed([[l[i]]]), ...weights.feed([[BigInt(w[i])]])]);
      for (let i = 0; i < 3; i++) sess.run(updateOp, feeds(i) as never);
      expect(scalar(sess, updateOp, feeds(3))).toBe(1);
      expect(scalar(sess, accuracy)).toBe(1);
    }),
  );
});

/** testVars, testMetricsCollection and testUpdatesCollection of a (labels, predictions) metric over ones. */
function standardCases(
  metric: (labels: tf.Tensor, predictions: tf.Tensor, o: tf.metrics.MetricOptions) => tf.metrics.MetricResult,
  variables: string[],
  shape: number[] = [10, 1],
) {
  it(
    "testVars",
    inGraph(() => {
      metric(tf.ones(shape), tf.ones(shape), {});
      assertMetricVariables(variables);
    }),
  );
  it(
    "testMetricsCollection",
    inGraph((g) => {
      const [mean] = metric(tf.ones(shape), tf.ones(shape), { metricsCollections: ["__metrics__"] });
      expect(g.getCollection("__metrics__")).toEqual([mean]);
    }),
  );
  it(
    "testUpdatesCollection",
    inGraph((g) => {
      const [, updateOp] = metric(tf.ones(shape), tf.ones(shape), { updatesCollections: ["__updates__"] });
      expect(g.getCollection("__updates__")).toEqual([updateOp]);
    }),
  );
}

const f32 = (values: number[], shape: number[]) => tf.constant(values, { shape, dtype: tf.float32 });

/** Runs the update op once; the update's and then the value's result. */
function afterOneUpdate([value, updateOp]: tf.metrics.MetricResult): [number, number] {
  const sess = initializedSession();
  const u = scalar(sess, updateOp);
  return [u, scalar(sess, value)];
}

describe("metrics_test.py MeanRelativeErrorTest", () => {
  it(
    "testSingleUpdateNormalizedByLabels",
    inGraph(() => {
      const p = [2, 4, 6, 8];
      const l = [1, 3, 2, 3];
      const expected = p.map((x, i) => Math.abs(x - l[i]) / l[i]).reduce((a, b) => a + b) / 4;
      const labels = f32(l, [1, 4]);
      const [u, v] = afterOneUpdate(tf.metrics.meanRelativeError(labels, f32(p, [1, 4]), labels));
      expect(u).toBeCloseTo(expected, 6);
      expect(v).toBeCloseTo(expected, 6);
    }),
  );
  it(
    "testSingleUpdateNormalizedByZeros",
    inGraph(() => {
      const labels = f32([1, 3, 2, 3], [1, 4]);
      const result = tf.metrics.meanRelativeError(labels, f32([2, 4, 6, 8], [1, 4]), tf.zerosLike(labels));
      expect(afterOneUpdate(result)).toEqual([0, 0]);
    }),
  );
});

describe("metrics_test.py MeanSquaredErrorTest", () => {
  standardCases(
    (l, p, o) => tf.metrics.meanSquaredError(l, p, o),
    ["mean_squared_error/count:0", "mean_squared_error/total:0"],
  );
  it(
    "testSingleUpdateZeroError",
    inGraph(() => {
      expect(afterOneUpdate(tf.metrics.meanSquaredError(tf.zeros([1, 3]), tf.zeros([1, 3])))).toEqual([0, 0]);
    }),
  );
  it(
    "testSingleUpdateWithError",
    inGraph(() => {
      const [u, v] = afterOneUpdate(tf.metrics.meanSquaredError(f32([1, 3, 2], [1, 3]), f32([2, 4, 6], [1, 3])));
      expect(u).toBeCloseTo(6, 5);
      expect(v).toBeCloseTo(6, 5);
    }),
  );
  it(
    "testSingleUpdateWithErrorAndWeights",
    inGraph(() => {
      const weights = tf.constant([0, 1, 0, 1], { shape: [1, 4] });
      const result = tf.metrics.meanSquaredError(f32([1, 3, 2, 3], [1, 4]), f32([2, 4, 6, 8], [1, 4]), weights);
      expect(afterOneUpdate(result)).toEqual([13, 13]);
    }),
  );
  const predictionBatches = [[[10, 8, 6]], [[-4, 3, -1]]];
  const labelBatches = [[[1, 3, 2]], [[2, 4, 6]]];
  it(
    "testMultipleBatchesOfSizeOne",
    inGraph(() => {
      const preds = batchFeeder(tf.float32, [1, 3]);
      const labels = batchFeeder(tf.float32, [1, 3]);
      const [error, updateOp] = tf.metrics.meanSquaredError(labels.placeholder, preds.placeholder);
      const sess = initializedSession();
      const feeds = (i: number) => new Map([...preds.feed(predictionBatches[i]), ...labels.feed(labelBatches[i])]);
      sess.run(updateOp, feeds(0) as never);
      expect(scalar(sess, updateOp, feeds(1))).toBeCloseTo(208.0 / 6, 5);
      expect(scalar(sess, error)).toBeCloseTo(208.0 / 6, 5);
    }),
  );
  it(
    "testMetricsComputedConcurrently",
    inGraph(() => {
      const [p0, p1, l0, l1] = [0, 1, 2, 3].map(() => batchFeeder(tf.float32, [1, 3]));
      const [mse0, update0] = tf.metrics.meanSquaredError(l0.placeholder, p0.placeholder, { name: "msd0" });
      const [mse1, update1] = tf.metrics.meanSquaredError(l1.placeholder, p1.placeholder, { name: "msd1" });
      const p1Batches = [[[0, 1, 1]], [[1, 1, 0]]];
      const l1Batches = [[[-5, -3, -1]], [[5, 4, 3]]];
      const sess = initializedSession();
      for (let i = 0; i < 2; i++) {
        const feeds = new Map([
          ...p0.feed(predictionBatches[i]),
          ...p1.feed(p1Batches[i]),
          ...l0.feed(labelBatches[i]),
          ...l1.feed(l1Batches[i]),
        ]);
        sess.run([update0, update1], feeds as never);
      }
      const [v0, v1] = sess.run([mse0, mse1]) as tf.NDArray[];
      expect(Number(v0.item())).toBeCloseTo(208.0 / 6, 5);
      expect(Number(v1.item())).toBeCloseTo(79.0 / 6, 5);
    }),
  );
  it(
    "testMultipleMetricsOnMultipleBatchesOfSizeOne",
    inGraph(() => {
      const preds = batchFeeder(tf.float32, [1, 3]);
      const labels = batchFeeder(tf.float32, [1, 3]);
      const [mae, maUpdate] = tf.metrics.meanAbsoluteError(labels.placeholder, preds.placeholder);
      const [mse, msUpdate] = tf.metrics.meanSquaredError(labels.placeholder, preds.placeholder);
      const sess = initializedSession();
      for (let i = 0; i < 2; i++) {
        const feeds = new Map([...preds.feed(predictionBatches[i]), ...labels.feed(labelBatches[i])]);
        sess.run([maUpdate, msUpdate], feeds as never);
      }
      expect(scalar(sess, mae)).toBeCloseTo(32.0 / 6, 5);
      expect(scalar(sess, mse)).toBeCloseTo(208.0 / 6, 5);
    }),
  );
});

describe("metrics_test.py RootMeanSquaredErrorTest", () => {
  standardCases(
    (l, p, o) => tf.metrics.rootMeanSquaredError(l, p, o),
    ["root_mean_squared_error/count:0", "root_mean_squared_error/total:0"],
  );
  it(
    "testSingleUpdateZeroError",
    inGraph(() => {
      const zeros = () => tf.constant(0.0, { shape: [1, 3], dtype: tf.float32 });
      expect(afterOneUpdate(tf.metrics.rootMeanSquaredError(zeros(), zeros()))).toEqual([0, 0]);
    }),
  );
  it(
    "testSingleUpdateWithError",
    inGraph(() => {
      const result = tf.metrics.rootMeanSquaredError(f32([1, 3, 2], [1, 3]), f32([2, 4, 6], [1, 3]));
      const [u, v] = afterOneUpdate(result);
      expect(u).toBeCloseTo(Math.sqrt(6), 5);
      expect(v).toBeCloseTo(Math.sqrt(6), 5);
    }),
  );
  it(
    "testSingleUpdateWithErrorAndWeights",
    inGraph(() => {
      const weights = tf.constant([0, 1, 0, 1], { shape: [1, 4] });
      const result = tf.metrics.rootMeanSquaredError(f32([1, 3, 2, 3], [1, 4]), f32([2, 4, 6, 8], [1, 4]), weights);
      const [u, v] = afterOneUpdate(result);
      expect(u).toBeCloseTo(Math.sqrt(13), 7);
      expect(v).toBeCloseTo(Math.sqrt(13), 5);
    }),
  );
  it(
    "the graph (scopeflow): Sqrt of mean_squared_error's value and update_op, in the caller's scope",
    inGraph(() => {
      const [rmse, update] = tf.metrics.rootMeanSquaredError(tf.ones([10, 1]), tf.ones([10, 1]));
      expect([rmse.name, rmse.op.inputs[0].name, update.name, update.op.inputs[0].name]).toEqual([
        "Sqrt:0",
        "root_mean_squared_error/value:0",
        "Sqrt_1:0",
        "root_mean_squared_error/update_op:0",
      ]);
    }),
  );
});

describe("metrics_test.py MeanCosineDistanceTest", () => {
  standardCases(
    (l, p, o) => tf.metrics.meanCosineDistance(l, p, 1, o),
    ["mean_cosine_distance/count:0", "mean_cosine_distance/total:0"],
    [10, 3],
  );
  const labels = [1, 0, 0, 0, 0, 1, 0, 1, 0];
  it(
    "testSingleUpdateZeroError",
    inGraph(() => {
      const result = tf.metrics.meanCosineDistance(f32(labels, [1, 3, 3]), f32(labels, [1, 3, 3]), 2);
      const [u, v] = afterOneUpdate(result);
      expect(u).toBeCloseTo(0, 6);
      expect(v).toBeCloseTo(0, 6);
    }),
  );
  it(
    "testSingleUpdateWithError1",
    inGraph(() => {
      const predictions = [1, 0, 0, 0, 0, -1, 1, 0, 0];
      const result = tf.metrics.meanCosineDistance(f32(labels, [3, 1, 3]), f32(predictions, [3, 1, 3]), 2);
      const [u, v] = afterOneUpdate(result);
      expect(u).toBeCloseTo(1, 5);
      expect(v).toBeCloseTo(1, 5);
    }),
  );
  const predictions = [1, 0, 0, 0, 0, -1, 1, 0, 0];
  it(
    "testSingleUpdateWithError2 (TF writes 1/sqrt(2) as 0.707106781186548)",
    inGraph(() => {
      const p = [
        0.819031913261206,
        0.567041924552012,
        0.08746531232459,
        -0.665139432070255,
        -0.739487441769973,
        -0.103671883216994,
        Math.SQRT1_2,
        -Math.SQRT1_2,
        0,
      ];
      const l = [
        0.819031913261206,
        0.567041924552012,
        0.08746531232459,
        0.665139432070255,
        0.739487441769973,
        0.103671883216994,
        Math.SQRT1_2,
        Math.SQRT1_2,
        0,
      ];
      const [u, v] = afterOneUpdate(tf.metrics.meanCosineDistance(f32(l, [3, 1, 3]), f32(p, [3, 1, 3]), 2));
      expect(u).toBeCloseTo(1.0, 5);
      expect(v).toBeCloseTo(1.0, 5);
    }),
  );
  it(
    "testSingleUpdateWithErrorAndWeights1",
    inGraph(() => {
      const weights = f32([1, 0, 0], [3, 1, 1]);
      const result = tf.metrics.meanCosineDistance(f32(labels, [3, 1, 3]), f32(predictions, [3, 1, 3]), 2, {
        weights,
      });
      expect(afterOneUpdate(result)).toEqual([0, 0]);
    }),
  );
  it(
    "testSingleUpdateWithErrorAndWeights2",
    inGraph(() => {
      const weights = f32([0, 1, 1], [3, 1, 1]);
      const result = tf.metrics.meanCosineDistance(f32(labels, [3, 1, 3]), f32(predictions, [3, 1, 3]), 2, {
        weights,
      });
      expect(afterOneUpdate(result)).toEqual([1.5, 1.5]);
    }),
  );
});

describe("metrics_test.py PcntBelowThreshTest", () => {
  it(
    "testVars",
    inGraph(() => {
      tf.metrics.percentageBelow(tf.ones([10]), 2);
      assertMetricVariables(["percentage_below_threshold/count:0", "percentage_below_threshold/total:0"]);
    }),
  );
  it(
    "testMetricsCollection",
    inGraph((g) => {
      const [mean] = tf.metrics.percentageBelow(tf.ones([10]), 2, { metricsCollections: ["__metrics__"] });
      expect(g.getCollection("__metrics__")).toEqual([mean]);
    }),
  );
  it(
    "testUpdatesCollection",
    inGraph((g) => {
      const [, updateOp] = tf.metrics.percentageBelow(tf.ones([10]), 2, { updatesCollections: ["__updates__"] });
      expect(g.getCollection("__updates__")).toEqual([updateOp]);
    }),
  );
  it(
    "testOneUpdate",
    inGraph(() => {
      const values = f32([2, 4, 6, 8], [1, 4]);
      const [pcnt0, update0] = tf.metrics.percentageBelow(values, 100, { name: "high" });
      const [pcnt1, update1] = tf.metrics.percentageBelow(values, 7, { name: "medium" });
      const [pcnt2, update2] = tf.metrics.percentageBelow(values, 1, { name: "low" });
      const sess = initializedSession();
      sess.run([update0, update1, update2]);
      const values3 = (sess.run([pcnt0, pcnt1, pcnt2]) as tf.NDArray[]).map((x) => Number(x.item()));
      [1.0, 0.75, 0.0].forEach((e, i) => expect(values3[i]).toBeCloseTo(e, 5));
    }),
  );
  it(
    "testSomePresentOneUpdate",
    inGraph(() => {
      const values = f32([2, 4, 6, 8], [1, 4]);
      const weights = f32([1, 0, 0, 1], [1, 4]);
      const [pcnt0, update0] = tf.metrics.percentageBelow(values, 100, { weights, name: "high" });
      const [pcnt1, update1] = tf.metrics.percentageBelow(values, 7, { weights, name: "medium" });
      const [pcnt2, update2] = tf.metrics.percentageBelow(values, 1, { weights, name: "low" });
      const sess = initializedSession();
      const updates = (sess.run([update0, update1, update2]) as tf.NDArray[]).map((x) => Number(x.item()));
      expect(updates).toEqual([1.0, 0.5, 0.0]);
      const values3 = (sess.run([pcnt0, pcnt1, pcnt2]) as tf.NDArray[]).map((x) => Number(x.item()));
      [1.0, 0.5, 0.0].forEach((e, i) => expect(values3[i]).toBeCloseTo(e, 5));
    }),
  );
});

describe("metrics_test.py MeanAbsoluteErrorTest", () => {
  standardCases(
    (l, p, o) => tf.metrics.meanAbsoluteError(l, p, o),
    ["mean_absolute_error/count:0", "mean_absolute_error/total:0"],
  );
  it(
    "testSingleUpdateWithErrorAndWeights",
    inGraph(() => {
      const weights = tf.constant([0, 1, 0, 1], { shape: [1, 4] });
      const result = tf.metrics.meanAbsoluteError(f32([1, 3, 2, 3], [1, 4]), f32([2, 4, 6, 8], [1, 4]), weights);
      expect(afterOneUpdate(result)).toEqual([3, 3]);
    }),
  );
});

describe("metrics_test.py MeanRelativeErrorTest (variables and collections)", () => {
  standardCases(
    (l, p, o) => tf.metrics.meanRelativeError(l, p, tf.ones([10, 1]), o),
    ["mean_relative_error/count:0", "mean_relative_error/total:0"],
  );
});
