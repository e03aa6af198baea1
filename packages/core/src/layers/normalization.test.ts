// Ports of tensorflow/python/layers/normalization_test.py (TF 1.15) BNTest, graph mode, plus the graph TF 1.15's keras
// BatchNormalization (V1) builds: FusedBatchNormV3 (4-D, axis 1 or 3) or moments + batchnorm, smart_cond's `cond`s
// for a placeholder `training`, and the AssignMovingAvg updates. Renorm and virtual batches are not ported.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph, names } from "../scopes/test-helpers";

/** Deterministic values in [0, 1) (numpy's random.random stands in here). */
function randomArray(shape: number[], offset = 0, seed = 7): tf.NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  let s = seed;
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    data[i] = s / 2147483648 + offset;
  }
  return new tf.NDArray("float32", shape, data);
}

const flat = (a: tf.NDArray) => Array.from(a.data as Float32Array);
const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const stdOf = (xs: number[]) => Math.sqrt(meanOf(xs.map((x) => (x - meanOf(xs)) ** 2)));

/** Per-channel mean and (biased) variance of `a` over every axis but `axis`. */
function channelMoments(a: tf.NDArray, axis: number): [number[], number[]] {
  const shape = a.shape;
  const c = shape[axis];
  const inner = shape.slice(axis + 1).reduce((x, y) => x * y, 1);
  const groups: number[][] = Array.from({ length: c }, () => []);
  flat(a).forEach((v, i) => groups[Math.floor(i / inner) % c].push(v));
  return [groups.map(meanOf), groups.map((g) => stdOf(g) ** 2)];
}

const close = (actual: number[], expected: number[], atol: number) =>
  actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(atol));

/**
 * BNTest's shared body: 100 training steps (the output normalized), the moving statistics near the data's, then the
 * inference output normalized too (gamma 1, beta 0 here, so `normed = output - epsilon`).
 */
function trainAndCheck(
  sess: tf.Session,
  outputs: tf.Tensor,
  updates: readonly (tf.Tensor | tf.Operation)[],
  movingMean: tf.Variable,
  movingVariance: tf.Variable,
  inputs: tf.NDArray,
  axis: number,
  feeds: (training: boolean) => tf.Feeds | undefined,
  inferOutputs: tf.Tensor = outputs,
) {
  const epsilon = 1e-3;
  for (let i = 0; i < 100; i++) {
    const [out] = sess.run([outputs, ...updates] as tf.Tensor[], feeds(true)) as tf.NDArray[];
    const normed = flat(out).map((v) => v - epsilon);
    expect(Math.abs(meanOf(normed))).toBeLessThan(0.05);
    expect(Math.abs(stdOf(normed) - 1)).toBeLessThan(0.05);
  }
  const [mean, variance] = channelMoments(inputs, axis);
  close(flat(sess.run(movingMean)), mean, 1e-2);
  close(flat(sess.run(movingVariance)), variance, 1e-2);
  const normed = flat(sess.run(inferOutputs, feeds(false))).map((v) => v - epsilon);
  expect(Math.abs(meanOf(normed))).toBeLessThan(0.05);
  expect(Math.abs(stdOf(normed) - 1)).toBeLessThan(0.05);
}

describe("normalization_test.py BNTest", () => {
  it("testCreateBN", () =>
    inGraph((g) => {
      const bn = new tf.layers.BatchNormalization({ axis: 1 });
      const inputs = tf.randomUniform([5, 4, 3], { seed: 1 });
      const training = tf.placeholder("bool");
      const outputs = bn.apply(inputs, { training });
      expect(outputs.shape).toEqual([5, 4, 3]);
      expect(bn.updates).toHaveLength(2);
      expect(bn.variables).toHaveLength(4);
      expect(bn.trainableVariables).toHaveLength(2);
      expect(bn.nonTrainableVariables).toHaveLength(2);
      expect(g.getCollection(tf.GraphKeys.UPDATE_OPS)).toEqual(bn.updates);
      expect(g.getCollection(tf.GraphKeys.TRAINABLE_VARIABLES)).toEqual(bn.trainableVariables);
      expect(tf.globalVariables().map((v) => v.name)).toEqual([
        "batch_normalization/gamma:0",
        "batch_normalization/beta:0",
        "batch_normalization/moving_mean:0",
        "batch_normalization/moving_variance:0",
      ]);
      // keras adds the moving statistics to no other collection (MOVING_AVERAGE_VARIABLES stays empty).
      expect(g.getCollection(tf.GraphKeys.MOVING_AVERAGE_VARIABLES)).toEqual([]);
    }));

  it("testCreateFusedBNFloat16: float32 variables for a float16 input", () =>
    inGraph((g) => {
      const bn = new tf.layers.BatchNormalization({ axis: 1, fused: true });
      const inputs = tf.randomUniform([5, 4, 3, 3], { seed: 1, dtype: "float16" });
      const training = tf.placeholder("bool");
      const outputs = bn.apply(inputs, { training });
      expect(outputs.shape).toEqual([5, 4, 3, 3]);
      expect(bn.updates).toHaveLength(2);
      expect(bn.variables).toHaveLength(4);
      for (const v of bn.variables) expect(v.dtype.name).toBe("float32");
      expect(g.getCollection(tf.GraphKeys.UPDATE_OPS)).toEqual(bn.updates);
      expect(g.getOperationByName("batch_normalization/cond/FusedBatchNormV3").type).toBe("FusedBatchNormV3");
    }));

  for (const [title, shape, axis, npAxis] of [
    ["test3DInputAxis1", [5, 4, 3], 1, 1],
    ["test3DInputAxis2", [5, 4, 3], 2, 2],
    ["test4DInputAxis2", [5, 4, 3, 6], 2, 2],
    ["test4DInputAxis3 (fused)", [5, 4, 3, 6], 3, 3],
    ["testNegativeAxis (fused)", [5, 4, 3, 6], -1, 3],
  ] as [string, number[], number, number][]) {
    it(`${title}: a placeholder training, 100 steps, the moving statistics`, () =>
      inGraph(() => {
        const bn = new tf.layers.BatchNormalization({ axis, epsilon: 1e-3, momentum: 0.9 });
        const value = randomArray(shape, 100);
        const inputs = new tf.Variable(value, { dtype: "float32" });
        const training = tf.placeholder("bool");
        const outputs = bn.apply(inputs, { training });
        const sess = new tf.Session();
        sess.run(tf.globalVariablesInitializer());
        trainAndCheck(
          sess,
          outputs,
          bn.updates,
          bn.movingMean,
          bn.movingVariance,
          value,
          npAxis,
          (t) => new Map([[training, t]]),
        );
      }));
  }

  it("test4DInputAxis1: fused NCHW, which TF runs only on a GPU (its CPU kernel's error here)", () =>
    inGraph((g) => {
      const bn = new tf.layers.BatchNormalization({ axis: 1, epsilon: 1e-3, momentum: 0.9 });
      const inputs = new tf.Variable(randomArray([5, 4, 3, 6], 100), { dtype: "float32" });
      const training = tf.placeholder("bool");
      const outputs = bn.apply(inputs, { training });
      expect(outputs.shape).toEqual([5, 4, 3, 6]);
      expect(g.getOperationByName("batch_normalization/cond/FusedBatchNormV3").getAttr("data_format")).toBe("NCHW");
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(() => sess.run(outputs, new Map([[training, true]]))).toThrow(
        "The CPU implementation of FusedBatchNorm only supports NHWC tensor format for now.",
      );
    }));

  it("testBooleanLearningPhase", () =>
    inGraph(() => {
      const bn = new tf.layers.BatchNormalization({ axis: -1, epsilon: 1e-3, momentum: 0.9 });
      const value = randomArray([5, 4, 3, 6], 100);
      const inputs = new tf.Variable(value, { dtype: "float32" });
      const outputsTraining = bn.apply(inputs, { training: true });
      const outputsInfer = bn.apply(inputs, { training: false });
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      trainAndCheck(
        sess,
        outputsTraining,
        bn.updates,
        bn.movingMean,
        bn.movingVariance,
        value,
        3,
        () => undefined,
        outputsInfer,
      );
    }));

  it("testFunctionalNoReuse / testFunctionalReuse", () =>
    inGraph((g) => {
      const value = randomArray([5, 4, 3, 6]);
      const inputs = new tf.Variable(value, { dtype: "float32" });
      const training = tf.placeholder("bool");
      const opts = { axis: -1, momentum: 0.9, epsilon: 1e-3, training, name: "bn" };
      tf.layers.batchNormalization(inputs, opts);
      const value2 = randomArray([5, 4, 3, 6], 0, 11);
      const inputs2 = new tf.Variable(value2, { dtype: "float32" });
      const outputs2 = tf.layers.batchNormalization(inputs2, { ...opts, reuse: true });
      const updates = g.getCollection(tf.GraphKeys.UPDATE_OPS).slice(-2) as tf.Operation[];
      expect(g.getCollection(tf.GraphKeys.UPDATE_OPS)).toHaveLength(4);
      const all = new Map(tf.globalVariables().map((v) => [v.name, v]));
      expect([...all.keys()]).toEqual([
        "Variable:0",
        "bn/gamma:0",
        "bn/beta:0",
        "bn/moving_mean:0",
        "bn/moving_variance:0",
        "Variable_1:0",
      ]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      trainAndCheck(
        sess,
        outputs2,
        updates,
        all.get("bn/moving_mean:0") as tf.Variable,
        all.get("bn/moving_variance:0") as tf.Variable,
        value2,
        3,
        (t) => new Map([[training, t]]),
      );
    }));

  it("testFunctionalReuseFromScope", () =>
    inGraph(() => {
      const inputs = new tf.Variable(randomArray([5, 4, 3, 6]), { dtype: "float32" });
      const training = tf.placeholder("bool");
      tf.variableScope("scope", () => tf.layers.batchNormalization(inputs, { momentum: 0.9, training }));
      expect(tf.globalVariables()).toHaveLength(5);
      tf.variableScope("scope", { reuse: true }, () =>
        tf.layers.batchNormalization(inputs, { momentum: 0.9, training }),
      );
      expect(tf.globalVariables()).toHaveLength(5);
    }));

  it("testNoCenter / testNoScale / testRegularizers", () =>
    inGraph(() => {
      const training = tf.placeholder("bool");
      const inputs = tf.randomUniform([5, 4, 3], { seed: 1 });
      let bn = new tf.layers.BatchNormalization({ axis: 1, center: false });
      expect(bn.apply(inputs, { training }).shape).toEqual([5, 4, 3]);
      expect([bn.updates.length, bn.variables.length, bn.trainableVariables.length]).toEqual([2, 3, 1]);
      expect(bn.nonTrainableVariables).toHaveLength(2);
      bn = new tf.layers.BatchNormalization({ axis: 1, scale: false });
      expect(bn.apply(inputs, { training }).shape).toEqual([5, 4, 3]);
      expect([bn.updates.length, bn.variables.length, bn.trainableVariables.length]).toEqual([2, 3, 1]);
      const reg = (x: tf.Tensor) => tf.multiply(0.1, tf.reduceSum(x));
      bn = new tf.layers.BatchNormalization({ axis: 1, betaRegularizer: reg });
      bn.apply(inputs, { training });
      expect(bn.losses).toHaveLength(1);
      bn = new tf.layers.BatchNormalization({ axis: 1, gammaRegularizer: reg });
      bn.apply(inputs, { training });
      expect(bn.losses).toHaveLength(1);
    }));

  it("errors: invalid and duplicate axes, undefined rank or axis dim, renorm", () =>
    inGraph(() => {
      const x = tf.placeholder("float32", [5, 4, 3]);
      expect(() => new tf.layers.BatchNormalization({ axis: 3 }).apply(x)).toThrow("Invalid axis: 3");
      expect(() => new tf.layers.BatchNormalization({ axis: [1, -2] }).apply(x)).toThrow("Duplicate axis: [1, 1]");
      expect(() => new tf.layers.BatchNormalization().apply(tf.placeholder("float32", [5, null]))).toThrow(
        "('Input has undefined `axis` dimension. Input shape: ', TensorShape((5, ?)))",
      );
      expect(() => new tf.layers.BatchNormalization({ renorm: true })).toThrow("does not implement `renorm`");
    }));
});

describe("the graph TF 1.15 builds", () => {
  it("fused, training a bool: FusedBatchNormV3, then AssignMovingAvg (sub, mul, AssignSub) per moving statistic", () =>
    inGraph((g) => {
      const x = tf.placeholder("float32", [2, 3, 3, 2], "x");
      const y = tf.layers.batchNormalization(x, { training: true });
      expect(y.name).toBe("batch_normalization/FusedBatchNormV3:0");
      const ops = names(g).filter(
        (n) => n.startsWith("batch_normalization/") && !/\/(gamma|beta|moving_mean|moving_variance)/.test(n),
      );
      expect(ops).toEqual([
        "batch_normalization/Const:Const",
        "batch_normalization/Const_1:Const",
        "batch_normalization/FusedBatchNormV3:FusedBatchNormV3",
        "batch_normalization/Const_2:Const",
        "batch_normalization/AssignMovingAvg/sub/x:Const",
        "batch_normalization/AssignMovingAvg/sub:Sub",
        "batch_normalization/AssignMovingAvg/sub_1:Sub",
        "batch_normalization/AssignMovingAvg/mul:Mul",
        "batch_normalization/AssignMovingAvg:AssignSub",
        "batch_normalization/AssignMovingAvg_1/sub/x:Const",
        "batch_normalization/AssignMovingAvg_1/sub:Sub",
        "batch_normalization/AssignMovingAvg_1/sub_1:Sub",
        "batch_normalization/AssignMovingAvg_1/mul:Mul",
        "batch_normalization/AssignMovingAvg_1:AssignSub",
      ]);
      expect(g.getCollection(tf.GraphKeys.UPDATE_OPS).map((o) => (o as tf.Operation).name)).toEqual([
        "batch_normalization/AssignMovingAvg",
        "batch_normalization/AssignMovingAvg_1",
      ]);
    }));

  it("fused, training false: no updates; training a placeholder: cond (FusedBatchNormV3 / _1) and cond_1 (momentum)", () =>
    inGraph((g) => {
      const x = tf.placeholder("float32", [2, 3, 3, 2], "x");
      const y = tf.layers.batchNormalization(x);
      expect(y.op.type).toBe("FusedBatchNormV3");
      expect(y.op.getAttr("is_training")).toBe(false);
      expect(g.getCollection(tf.GraphKeys.UPDATE_OPS)).toEqual([]);
      const training = tf.placeholder("bool", [], "training");
      const z = tf.layers.batchNormalization(x, { training });
      expect(z.name).toBe("batch_normalization_1/cond/Merge:0");
      expect(g.getOperationByName("batch_normalization_1/cond/FusedBatchNormV3").getAttr("is_training")).toBe(true);
      expect(g.getOperationByName("batch_normalization_1/cond/FusedBatchNormV3_1").getAttr("is_training")).toBe(false);
      expect(g.getOperationByName("batch_normalization_1/cond_1/Merge").type).toBe("Merge");
      expect(g.getOperationByName("batch_normalization_1/AssignMovingAvg").type).toBe("AssignSub");
    }));

  it("non-fused (3-D), training a bool: moments, AssignMovingAvg (decay, sub, mul) and batchnorm", () =>
    inGraph((g) => {
      const x = tf.placeholder("float32", [5, 4, 3], "x");
      tf.layers.batchNormalization(x, { axis: 1, training: true });
      const ops = names(g).filter(
        (n) => n.startsWith("batch_normalization/") && !/\/(gamma|beta|moving_mean|moving_variance)/.test(n),
      );
      expect(ops.slice(0, 4)).toEqual([
        "batch_normalization/Reshape/shape:Const",
        "batch_normalization/Reshape:Reshape",
        "batch_normalization/Reshape_1/shape:Const",
        "batch_normalization/Reshape_1:Reshape",
      ]);
      expect(ops).toContain("batch_normalization/moments/mean:Mean");
      expect(ops).toContain("batch_normalization/AssignMovingAvg/decay:Const");
      expect(ops).toContain("batch_normalization/AssignMovingAvg/sub:Sub");
      expect(ops).toContain("batch_normalization/AssignMovingAvg/mul:Mul");
      expect(ops).toContain("batch_normalization/AssignMovingAvg:AssignSub");
      expect(ops).toContain("batch_normalization/AssignMovingAvg_1:AssignSub");
      expect(ops).toContain("batch_normalization/batchnorm/add_1:AddV2");
    }));

  it("moving averages after two training steps, fused and non-fused (momentum 0.9)", () => {
    for (const fused of [true, false]) {
      inGraph(() => {
        const value = randomArray([2, 2, 2, 3]);
        const x = tf.placeholder("float32", [2, 2, 2, 3], "x");
        const training = tf.placeholder("bool", [], "training");
        const bn = new tf.layers.BatchNormalization({ momentum: 0.9, fused });
        bn.apply(x, { training });
        const sess = new tf.Session();
        sess.run(tf.globalVariablesInitializer());
        const [mean, variance] = channelMoments(value, 3);
        const n = 8;
        // FusedBatchNormV3's batch variance is Bessel-corrected (keras keeps it: _bessels_correction_test_only).
        const batchVar = fused ? variance.map((v) => (v * n) / (n - 1)) : variance;
        let mm = [0, 0, 0];
        let mv = [1, 1, 1];
        for (let step = 0; step < 2; step++) {
          sess.run(
            bn.updates as unknown as tf.Tensor[],
            new Map<tf.Tensor, tf.FeedValue>([
              [x, value],
              [training, true],
            ]),
          );
          mm = mm.map((m, i) => m - (m - mean[i]) * 0.1);
          mv = mv.map((v, i) => v - (v - batchVar[i]) * 0.1);
        }
        close(flat(sess.run(bn.movingMean)), mm, 1e-5);
        close(flat(sess.run(bn.movingVariance)), mv, 1e-5);
        // training false: the updates do nothing (non-fused: the cond's false branch; fused: momentum 1).
        sess.run(
          bn.updates as unknown as tf.Tensor[],
          new Map<tf.Tensor, tf.FeedValue>([
            [x, value],
            [training, false],
          ]),
        );
        close(flat(sess.run(bn.movingMean)), mm, 1e-5);
      });
    }
  });
});
