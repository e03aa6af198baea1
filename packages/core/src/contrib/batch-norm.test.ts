// Ports of tensorflow/contrib/layers/python/layers/layers_test.py (TF 1.15) BatchNormTest: names, collections,
// updates, an is_training Tensor and the moving averages' values.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

const slim = tf.contrib.slim;
const layers = tf.contrib.layers;
const uniform = (shape: number[]) => tf.randomUniform(shape, { seed: 1 });
const byName = (name: string) => slim.getVariables(null, name);

/** A deterministic stand-in for np.random.rand: values in [0, 1). */
function imageValues(n: number): number[] {
  let s = 7;
  return Array.from({ length: n }, () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  });
}

/** Per-channel mean and (population) variance of NHWC values. */
function moments(values: number[], channels: number): [number[], number[]] {
  const count = values.length / channels;
  const mean = Array.from(
    { length: channels },
    (_, c) => values.filter((_, i) => i % channels === c).reduce((a, b) => a + b, 0) / count,
  );
  const variance = mean.map(
    (m, c) => values.filter((_, i) => i % channels === c).reduce((a, b) => a + (b - m) ** 2, 0) / count,
  );
  return [mean, variance];
}

const close = (actual: ArrayLike<number>, expected: number[], tol = 1e-4) => {
  expect(actual.length).toBe(expected.length);
  Array.from(actual).forEach((a, i) => expect(Math.abs(a - expected[i])).toBeLessThan(tol));
};

describe("layers_test.py BatchNormTest", () => {
  it("BatchNormTest.testUnknownShape / testInvalidDataFormat / testUnknownChannelsDimNHWC", () =>
    inGraph(() => {
      const inputs = tf.placeholder(tf.float32);
      expect(() => layers.batchNorm(inputs)).toThrow("undefined rank");
      expect(() => layers.batchNorm(inputs, { dataFormat: "CHWN" })).toThrow(
        "data_format has to be either NCHW or NHWC.",
      );
      const partial = tf.placeholder(tf.float32, [5, 3, 3, null]);
      expect(() => layers.batchNorm(partial, { dataFormat: "NHWC" })).toThrow("undefined");
      expect(() => layers.batchNorm(partial, { updatesCollections: null })).toThrow("undefined");
    }));

  it("BatchNormTest.testCreateOpFused / testCreateOpDefault (fused=None)", () =>
    inGraph((g) => {
      const output = layers.batchNorm(uniform([5, 3, 3, 3]));
      expect(output.op.name.startsWith("BatchNorm/FusedBatchNorm")).toBe(true);
      expect(output.op.type).toBe("FusedBatchNormV3");
      expect(output.shape).toEqual([5, 3, 3, 3]);
      expect(g.getCollection(tf.GraphKeys.REGULARIZATION_LOSSES)).toEqual([]);
    }));

  it("BatchNormTest.testCreateOpBetaRegularizer / testCreateOpGammaRegularizer", () =>
    inGraph((g) => {
      const reg = (x: tf.Tensor | tf.Variable) => tf.reduceSum(x).mul(0.1);
      layers.batchNorm(uniform([5, 3, 3, 3]), { paramRegularizers: { beta: reg } });
      const losses = g.getCollection<tf.Tensor>(tf.GraphKeys.REGULARIZATION_LOSSES);
      expect(losses.length).toBe(1);
      expect(losses[0].op.name).toBe("BatchNorm/beta/Regularizer/mul");
      layers.batchNorm(uniform([5, 3, 3, 3]), { paramRegularizers: { gamma: reg }, scale: true });
      expect(g.getCollection<tf.Tensor>(tf.GraphKeys.REGULARIZATION_LOSSES)[1].op.name).toBe(
        "BatchNorm_1/gamma/Regularizer/mul",
      );
    }));

  it("BatchNormTest.testCreateVariables / testMovingAverageVariables / testCreateMovingVars", () =>
    inGraph((g) => {
      layers.batchNorm(uniform([5, 3, 3, 3]), { scale: true });
      expect(byName("beta")[0].op.name).toBe("BatchNorm/beta");
      expect(byName("gamma")[0].op.name).toBe("BatchNorm/gamma");
      expect(byName("moving_mean")[0].op.name).toBe("BatchNorm/moving_mean");
      expect(byName("moving_variance")[0].op.name).toBe("BatchNorm/moving_variance");
      expect(slim.getModelVariables().length).toBe(4);
      expect(slim.getVariables("BatchNorm/moving_mean").length).toBe(1);
      expect(g.getCollection<tf.Variable>(tf.GraphKeys.TRAINABLE_VARIABLES).map((v) => v.op.name)).toEqual([
        "BatchNorm/gamma",
        "BatchNorm/beta",
      ]);
    }));

  it("BatchNormTest.testUpdatesCollection", () =>
    inGraph((g) => {
      layers.batchNorm(uniform([5, 3, 3, 3]), { updatesCollections: "my_update_ops" });
      const updates = g.getCollection<tf.Tensor>("my_update_ops");
      expect(updates[0].op.name).toBe("BatchNorm/AssignMovingAvg");
      expect(updates[1].op.name).toBe("BatchNorm/AssignMovingAvg_1");
      expect(updates[0].op.type).toBe("AssignSub");
      expect(g.getCollection(tf.GraphKeys.UPDATE_OPS)).toEqual([]);
    }));

  it("UPDATE_OPS by default: the layer's AssignMovingAvg ops", () =>
    inGraph((g) => {
      layers.batchNorm(uniform([5, 3, 3, 3]));
      const updates = g.getCollection<tf.Operation>(tf.GraphKeys.UPDATE_OPS);
      expect(updates.map((u) => u.name)).toEqual(["BatchNorm/AssignMovingAvg", "BatchNorm/AssignMovingAvg_1"]);
      expect(updates[0].inputs[0].op.name).toBe("BatchNorm/moving_mean");
    }));

  it("BatchNormTest.testVariablesCollections", () =>
    inGraph((g) => {
      const variablesCollections = {
        beta: ["beta"],
        gamma: ["gamma"],
        moving_mean: ["moving_mean"],
        moving_variance: ["moving_variance"],
      };
      layers.batchNorm(uniform([5, 5, 5, 3]), { scale: true, variablesCollections });
      for (const [name, [key]] of Object.entries(variablesCollections)) {
        const collection = g.getCollection<tf.Variable>(key);
        expect(collection.length).toBe(1);
        expect(collection[0].op.name).toBe(`BatchNorm/${name}`);
      }
    }));

  it("BatchNormTest.testReuseVariables", () =>
    inGraph(() => {
      const images = uniform([5, 3, 3, 3]);
      layers.batchNorm(images, { scale: true, scope: "bn" });
      layers.batchNorm(images, { scale: true, scope: "bn", reuse: true });
      expect(byName("beta").length).toBe(1);
      expect(byName("gamma").length).toBe(1);
      expect(byName("moving_mean").length + byName("moving_variance").length).toBe(2);
    }));

  it("BatchNormTest.testReuseUpdateOps ('update_ops' is UPDATE_OPS: the layer path)", () =>
    inGraph((g) => {
      const images = uniform([5, 3, 3, 3]);
      slim.argScope([layers.batchNorm], { updatesCollections: "update_ops" }, () => {
        layers.batchNorm(images, { scope: "bn2" });
        expect(g.getCollection("update_ops").length).toBe(2);
        layers.batchNorm(images, { scope: "bn2", reuse: true });
        expect(g.getCollection("update_ops").length).toBe(4);
      });
    }));

  for (const [title, options] of [
    ["testNoneUpdatesCollectionsFusedNHWC", { updatesCollections: null }],
    ["testDelayedUpdateOnBatchMean (UPDATE_OPS, fused)", {}],
    ["testCustomUpdatesCollection", { updatesCollections: "my_updates" }],
  ] as const) {
    it(`BatchNormTest.${title}: moving averages reach the batch moments`, () =>
      inGraph((g) => {
        const [batch, height, width, channels] = [10, 2, 2, 3];
        const values = imageValues(batch * height * width * channels);
        const [expectedMean, expectedPopVar] = moments(values, channels);
        // Fused batch norm's variance has Bessel's correction.
        const n = batch * height * width;
        const expectedVar = expectedPopVar.map((v) => (v * n) / (n - 1));
        const images = tf.constant(values, tf.float32, [batch, height, width, channels]);
        const output = layers.batchNorm(images, { decay: 0.1, ...options });
        const sess = new tf.Session();
        sess.run(tf.globalVariablesInitializer());
        const movingMean = slim.getVariables("BatchNorm/moving_mean")[0];
        const movingVariance = slim.getVariables("BatchNorm/moving_variance")[0];
        close(sess.run(movingMean).data as Float32Array, [0, 0, 0]);
        close(sess.run(movingVariance).data as Float32Array, [1, 1, 1]);
        const key = "updatesCollections" in options ? options.updatesCollections : tf.GraphKeys.UPDATE_OPS;
        const updates = key === null ? [] : g.getCollection<tf.Tensor | tf.Operation>(key);
        if (key === null) expect(g.getCollection(tf.GraphKeys.UPDATE_OPS)).toEqual([]);
        for (let i = 0; i < 10; i++) sess.run([output, ...updates]);
        close(sess.run(movingMean).data as Float32Array, expectedMean);
        close(sess.run(movingVariance).data as Float32Array, expectedVar);
      }));
  }

  it("BatchNormTest.testIsTrainingVariable / placeholder: tf.cond picks training or inference", () =>
    inGraph((g) => {
      const [batch, height, width, channels] = [10, 2, 2, 3];
      const values = imageValues(batch * height * width * channels);
      const [expectedMean] = moments(values, channels);
      const images = tf.constant(values, tf.float32, [batch, height, width, channels]);
      const isTraining = tf.placeholder(tf.bool, [], "is_training");
      const output = layers.batchNorm(images, { decay: 0.1, isTraining, updatesCollections: null });
      expect(output.op.type).toBe("Merge");
      expect(output.op.name).toBe("BatchNorm/cond_1/Merge");
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const movingMean = slim.getVariables("BatchNorm/moving_mean")[0];
      for (let i = 0; i < 10; i++) sess.run(output, new Map([[isTraining, false]]));
      close(sess.run(movingMean).data as Float32Array, [0, 0, 0]);
      for (let i = 0; i < 10; i++) sess.run(output, new Map([[isTraining, true]]));
      close(sess.run(movingMean).data as Float32Array, expectedMean);
      // Inference normalizes with the moving statistics.
      const inference = sess.run(output, new Map([[isTraining, false]])).data as Float32Array;
      const training = sess.run(output, new Map([[isTraining, true]])).data as Float32Array;
      close(inference, Array.from(training), 5e-2);
      expect(g.getCollection(tf.GraphKeys.UPDATE_OPS)).toEqual([]);
    }));

  it("keras path with an is_training Tensor: cond for the output and the momentum, updates in UPDATE_OPS", () =>
    inGraph((g) => {
      const isTraining = tf.placeholder(tf.bool, [], "is_training");
      const output = layers.batchNorm(uniform([5, 3, 3, 3]), { isTraining });
      expect(output.op.name).toBe("BatchNorm/cond/Merge");
      const updates = g.getCollection<tf.Operation>(tf.GraphKeys.UPDATE_OPS);
      expect(updates.map((u) => u.name)).toEqual(["BatchNorm/AssignMovingAvg", "BatchNorm/AssignMovingAvg_1"]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const movingMean = slim.getVariables("BatchNorm/moving_mean")[0];
      sess.run([output, ...updates], new Map([[isTraining, false]]));
      close(sess.run(movingMean).data as Float32Array, [0, 0, 0]);
    }));

  it("is_training=False: inference only, no updates", () =>
    inGraph((g) => {
      const output = layers.batchNorm(uniform([5, 3, 3, 3]), { isTraining: false, updatesCollections: null });
      expect(output.op.type).toBe("FusedBatchNormV3");
      expect(output.op.attrs.is_training).toBe(false);
      expect(g.getCollection(tf.GraphKeys.UPDATE_OPS)).toEqual([]);
    }));

  it("2-D inputs use contrib's _fused_batch_norm (reshape to 4-D and back)", () =>
    inGraph(() => {
      const output = layers.batchNorm(uniform([5, 4]), { activationFn: tf.nn.relu });
      expect(output.op.name).toBe("BatchNorm/Relu");
      expect(output.op.inputs[0].op.name).toBe("BatchNorm/Reshape_1");
      expect(output.shape).toEqual([5, 4]);
    }));

  it("not ported: zero debiasing and the non-fused paths say so", () =>
    inGraph(() => {
      expect(() => layers.batchNorm(uniform([5, 3, 3, 3]), { zeroDebiasMovingMean: true })).toThrow(
        "batch_norm(): zero_debias_moving_mean=True is not supported by scopeflow yet.",
      );
      expect(() => layers.batchNorm(uniform([5, 3, 3, 3]), { fused: false })).toThrow(
        "is not supported by scopeflow yet",
      );
    }));
});
