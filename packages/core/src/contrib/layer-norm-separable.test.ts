// Ports of tensorflow/contrib/layers/python/layers/layers_test.py (TF 1.15): LayerNormTest and SeparableConv2dTest.
import { describe, expect, it } from "vitest";
import { seeded } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

const slim = tf.contrib.slim;
const layers = tf.contrib.layers;
const uniform = (shape: number[], dtype: tf.DType = tf.float32) =>
  tf.randomUniform(shape, { seed: 1, dtype, ...(dtype === tf.int32 ? { maxval: 12345 } : {}) });
const byName = (name: string) => slim.getVariables(null, name);
const regLosses = (g: tf.Graph) => g.getCollection<tf.Tensor>(tf.GraphKeys.REGULARIZATION_LOSSES);

describe("layers_test.py LayerNormTest", () => {
  it("testUnknownShape / testParamsDimsNotFullyDefined", () =>
    inGraph(() => {
      const inputs = tf.placeholder(tf.float32, null, "inputs");
      expect(() => layers.layerNorm(inputs)).toThrow("Inputs inputs:0 has undefined rank.");
      const partial = tf.placeholder(tf.float32, [5, 3, 3, null], "partial");
      expect(() => layers.layerNorm(partial)).toThrow(
        "Inputs partial:0: shape(inputs)[-1:] is not fully defined: (5, 3, 3, ?)",
      );
    }));

  it("testCreateOp / testCreateVariables: LayerNorm/batchnorm, LayerNorm/beta and gamma as model variables", () =>
    inGraph(() => {
      const output = layers.layerNorm(uniform([5, 3, 3, 3]));
      expect(output.op.name.startsWith("LayerNorm/batchnorm")).toBe(true);
      expect(output.op.name).toBe("LayerNorm/batchnorm/add_1");
      expect(output.shape).toEqual([5, 3, 3, 3]);
      const [beta] = byName("beta");
      const [gamma] = byName("gamma");
      expect(beta.op.name).toBe("LayerNorm/beta");
      expect(gamma.op.name).toBe("LayerNorm/gamma");
      expect([beta.shape, gamma.shape]).toEqual([[3], [3]]);
      expect(slim.getModelVariables().map((v) => v.op.name)).toEqual(["LayerNorm/beta", "LayerNorm/gamma"]);
      expect(tf.getDefaultGraph().getOperationByName("LayerNorm/moments/mean").type).toBe("Mean");
    }));

  it("testReuseVariables / testReuseVars: one beta and gamma, equal outputs", () =>
    inGraph(() => {
      const images = tf.constant(Array.from({ length: 10 * 9 * 3 }, seeded(3)), {
        dtype: tf.float32,
        shape: [10, 3, 3, 3],
      });
      const train = layers.layerNorm(images, { scope: "LN" });
      const evaluated = layers.layerNorm(images, { scope: "LN", reuse: true });
      expect(byName("beta").length).toBe(1);
      expect(byName("gamma").length).toBe(1);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(Array.from(sess.run(evaluated).data as Float32Array)).toEqual(
        Array.from(sess.run(train).data as Float32Array),
      );
    }));

  /** layers_test.py: doOutputTest: output moments ~ (0, 1/(1 + eps/sigma^2)) and numpy's layer norm. */
  function doOutputTest(inputShape: number[], tol = 1e-5, beginNormAxis = 1, dtype: tf.DType = tf.float64) {
    const eps = 1e-12;
    const rank = inputShape.length;
    const axis = beginNormAxis < 0 ? rank + beginNormAxis : beginNormAxis;
    const groups = inputShape.slice(0, axis).reduce((a, b) => a * b, 1);
    const groupSize = inputShape.slice(axis).reduce((a, b) => a * b, 1);
    const rnd = seeded(groups + groupSize);
    const randn = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    for (const mu of [0.0, 1e2]) {
      for (const sigma of [1.0, 0.1]) {
        inGraph(() => {
          const values = Array.from({ length: groups * groupSize }, () => randn() * sigma + mu);
          const inputs = tf.constant(values, { dtype, shape: inputShape });
          const output = layers.layerNorm(inputs, { beginNormAxis, scope: "LN" });
          const [beta, gamma] = tf.variableScope("LN", { reuse: true }, () => [
            tf.getVariable("beta", { dtype }),
            tf.getVariable("gamma", { dtype }),
          ]);
          const sess = new tf.Session();
          sess.run(tf.globalVariablesInitializer());
          const [out, b, g] = sess.run([output, beta, gamma]);
          const got = Array.from(out.data as Float64Array | Float32Array);
          const bv = Array.from(b.data as Float64Array | Float32Array);
          const gv = Array.from(g.data as Float64Array | Float32Array);
          expect(got.some(Number.isNaN)).toBe(false);
          const params = bv.length;
          for (let k = 0; k < groups; k++) {
            const xs = values.slice(k * groupSize, (k + 1) * groupSize);
            const ys = got.slice(k * groupSize, (k + 1) * groupSize);
            const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
            const variance = (a: number[]) => mean(a.map((v) => (v - mean(a)) ** 2));
            expect(Math.abs(mean(ys))).toBeLessThan(tol * 2);
            expect(Math.abs(variance(ys) - 1 / (1 + eps / sigma ** 2))).toBeLessThan(tol * 2);
            const [m, v] = [mean(xs), variance(xs)];
            xs.forEach((x, i) => {
              const p = i % params;
              const expected = (gv[p] * (x - m)) / Math.sqrt(eps + v) + bv[p];
              expect(Math.abs(ys[i] - expected)).toBeLessThan(5 * tol + 5 * tol * Math.abs(expected));
            });
          }
        });
      }
    }
  }

  it("testOutput2DInput / testOutput4DInput / testOutputSmallInput", () => {
    doOutputTest([10, 300]);
    doOutputTest([4, 10, 10, 3]);
    doOutputTest([2, 10, 10, 30]);
  });

  it("testOutput4DInputNormOnInnermostAxis / testOutputSmallInputNormOnInnermostAxis / Float32", () => {
    doOutputTest([4, 10, 10, 3], 1e-4, 3);
    doOutputTest([4, 10, 10, 3], 1e-4, -1);
    doOutputTest([2, 10, 10, 30], 1e-5, 3);
    doOutputTest([1, 100, 100, 1], 1e-4, 1, tf.float32);
  });

  it("testOutput2DInputDegenerateNormAxis: begin_norm_axis must be < rank", () =>
    inGraph(() => {
      expect(() => layers.layerNorm(tf.zeros([10, 300]), { beginNormAxis: 2 })).toThrow(
        "begin_params_axis (-1) and begin_norm_axis (2) must be < rank(inputs) (2)",
      );
    }));

  it("center/scale false and beginParamsAxis: no beta or gamma; params over the trailing axes", () =>
    inGraph(() => {
      layers.layerNorm(tf.zeros([2, 3, 4]), { center: false, scope: "a" });
      expect(slim.getModelVariables("a").map((v) => v.op.name)).toEqual(["a/gamma"]);
      layers.layerNorm(tf.zeros([2, 3, 4]), { scale: false, beginParamsAxis: 1, scope: "b" });
      const [beta] = slim.getModelVariables("b");
      expect([beta.op.name, beta.shape]).toEqual(["b/beta", [3, 4]]);
    }));
});

describe("layers_test.py SeparableConv2dTest", () => {
  it("testCreateConvInt32: xavier's non-floating point TypeError", () =>
    inGraph(() => {
      expect(() => layers.separableConv2d(uniform([5, 3, 3, 3], tf.int32), 32, [3, 3], 2)).toThrow(
        "non-floating point type",
      );
    }));

  it("testCreateConvFloat32 / testCreateDepthwiseConv: SeparableConv2d/Relu, shapes", () =>
    inGraph((g) => {
      const output = layers.separableConv2d(uniform([5, 3, 3, 3]), 32, [3, 3], 2);
      expect(output.op.name).toBe("SeparableConv2d/Relu");
      expect(output.shape).toEqual([5, 3, 3, 32]);
      expect(g.getOperationByName("SeparableConv2d/separable_conv2d/depthwise").type).toBe("DepthwiseConv2dNative");
      expect(slim.getModelVariables().map((v) => [v.op.name, v.shape])).toEqual([
        ["SeparableConv2d/depthwise_weights", [3, 3, 3, 2]],
        ["SeparableConv2d/pointwise_weights", [1, 1, 6, 32]],
        ["SeparableConv2d/biases", [32]],
      ]);
      const depthwise = layers.separableConv2d(uniform([5, 3, 3, 3]), null, [3, 3], 2);
      expect(depthwise.op.name).toBe("SeparableConv2d_1/Relu");
      expect(depthwise.shape).toEqual([5, 3, 3, 6]);
      expect(g.getOperationByName("SeparableConv2d_1/depthwise").type).toBe("DepthwiseConv2dNative");
    }));

  it("testCreateConvCreatesWeightsAndBiasesVars / Atrous / Depthwise", () => {
    for (const [numOutputs, rate, pointwise] of [
      [32, 1, true],
      [32, 2, true],
      [null, 1, false],
    ] as const) {
      inGraph(() => {
        const images = uniform([5, 3, 3, 3]);
        expect(slim.getVariables("conv1/depthwise_weights")).toEqual([]);
        layers.separableConv2d(images, numOutputs, [3, 3], 4, { rate, scope: "conv1" });
        expect(slim.getVariables("conv1/depthwise_weights").length).toBe(1);
        expect(slim.getVariables("conv1/pointwise_weights").length).toBe(pointwise ? 1 : 0);
        expect(slim.getVariables("conv1/biases").length).toBe(1);
      });
    }
  });

  it("testCreateConvWithScope / testCreateConvWithoutActivation", () =>
    inGraph(() => {
      const images = uniform([5, 3, 3, 3]);
      expect(layers.separableConv2d(images, 32, [3, 3], 6, { scope: "conv1" }).op.name).toBe("conv1/Relu");
      expect(layers.separableConv2d(images, 32, [3, 3], 8, { activationFn: null }).op.name).toBe(
        "SeparableConv2d/BiasAdd",
      );
    }));

  it("testCreateConvValid / Atrous / Depthwise / AtrousDepthwise: VALID shapes", () =>
    inGraph(() => {
      const small = uniform([5, 3, 3, 3]);
      const big = uniform([5, 5, 5, 3]);
      expect(layers.separableConv2d(small, 32, [3, 3], 2, { padding: "VALID" }).shape).toEqual([5, 1, 1, 32]);
      expect(layers.separableConv2d(big, 32, [3, 3], 2, { padding: "VALID", rate: 2 }).shape).toEqual([5, 1, 1, 32]);
      expect(layers.separableConv2d(small, null, [3, 3], 2, { padding: "VALID" }).shape).toEqual([5, 1, 1, 6]);
      expect(layers.separableConv2d(big, null, [3, 3], 2, { padding: "VALID", rate: 2 }).shape).toEqual([5, 1, 1, 6]);
    }));

  it("testCreateConvWithWeightDecay: keras' kernel names on the losses, 100x the decay", () =>
    inGraph((g) => {
      tf.setRandomSeed(0);
      const images = uniform([5, 3, 3, 3]);
      const make = (scale: number) =>
        layers.separableConv2d(images, 32, [3, 3], 2, {
          weightsRegularizer: layers.l2Regularizer(scale),
          weightsInitializer: tf.onesInitializer(),
        });
      make(0.01);
      expect(regLosses(g).map((t) => t.op.name)).toEqual([
        "SeparableConv2d/depthwise_kernel/Regularizer/l2_regularizer",
        "SeparableConv2d/pointwise_kernel/Regularizer/l2_regularizer",
      ]);
      make(1.0);
      expect(regLosses(g).length).toBe(4);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const values = regLosses(g).map((t) => sess.run(t).item() as number);
      expect(values[2]).toBeCloseTo(100 * values[0], 3);
      expect(values[3]).toBeCloseTo(100 * values[1], 3);
    }));

  it("testReuseConvWithWeightDecay", () =>
    inGraph((g) => {
      const images = uniform([5, 3, 3, 3]);
      const regularizer = layers.l2Regularizer(0.01);
      layers.separableConv2d(images, 32, [3, 3], 2, { weightsRegularizer: regularizer, scope: "conv1" });
      expect(regLosses(g).length).toBe(2);
      layers.separableConv2d(images, 32, [3, 3], 2, { weightsRegularizer: regularizer, scope: "conv1", reuse: true });
      expect(regLosses(g).length).toBe(2);
    }));

  it("testConvWithBatchNorm / testConvWithInputsViaPlaceHolder", () =>
    inGraph((g) => {
      const collection = "moving_vars";
      const normalizerParams = {
        variablesCollections: {
          beta: [collection],
          gamma: [collection],
          moving_mean: [collection],
          moving_variance: [collection],
        },
      };
      const images = uniform([5, 3, 3, 3]);
      let net = layers.separableConv2d(images, 8, [3, 3], 2, {
        normalizerFn: layers.batchNorm,
        normalizerParams,
        scope: "conv1",
      });
      net = layers.separableConv2d(net, 32, [3, 3], 2, {
        normalizerFn: layers.batchNorm,
        normalizerParams,
        scope: "conv2",
      });
      expect(g.getCollection(collection).length).toBe(6);
      expect(slim.getVariables("conv1/BatchNorm").length).toBe(3);
      expect(slim.getVariables("conv2/BatchNorm").length).toBe(3);
      const placeholder = tf.placeholder(tf.float32, [null, null, null, 3], "images");
      const viaFeed = layers.separableConv2d(placeholder, 8, [3, 3], 2, {
        normalizerFn: layers.batchNorm,
        normalizerParams: {},
        scope: "conv3",
      });
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const rnd = seeded(5);
      const feed = Array.from({ length: 5 }, () =>
        Array.from({ length: 3 }, () => Array.from({ length: 3 }, () => [rnd(), rnd(), rnd()])),
      );
      expect(sess.run(viaFeed, { "images:0": feed }).shape).toEqual([5, 3, 3, 8]);
    }));

  it("testTrainableFlagIsPassedOn", () => {
    for (const trainable of [true, false]) {
      for (const numFilters of [null, 8]) {
        inGraph(() => {
          layers.separableConv2d(uniform([5, 10, 12, 3]), numFilters, [3, 3], 1, { trainable });
          const trainableVars = tf.trainableVariables();
          const modelVars = slim.getModelVariables();
          expect(modelVars.length).toBe(numFilters === null ? 2 : 3);
          for (const v of modelVars) expect(trainableVars.includes(v)).toBe(trainable);
        });
      }
    }
  });

  it("testSepConvNCHW: channels-first shapes with and without num_outputs", () => {
    for (const [numFilters, outFilters] of [
      [null, 6],
      [5, 5],
    ] as const) {
      inGraph(() => {
        const output = layers.separableConv2d(uniform([4, 3, 10, 12]), numFilters, [3, 3], {
          depthMultiplier: 2,
          stride: 2,
          padding: "VALID",
          dataFormat: "NCHW",
        });
        expect(output.shape).toEqual([4, outFilters, 4, 5]);
      });
    }
  });

  it("values: the depthwise-only path equals tf.nn.depthwiseConv2d plus biases and relu", () =>
    inGraph(() => {
      const images = uniform([2, 4, 4, 3]);
      const output = layers.separableConv2d(images, null, [3, 3], 2, {
        weightsInitializer: tf.constantInitializer(0.5),
        biasesInitializer: tf.constantInitializer(-1),
      });
      const filter = tf.fill([3, 3, 3, 2], tf.constant(0.5, { dtype: tf.float32 }));
      const expected = tf.nn.relu(
        tf.add(tf.nn.depthwiseConv2d(images, filter, [1, 1, 1, 1], "SAME"), tf.constant(-1, { dtype: tf.float32 })),
      );
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const [a, b] = sess.run([output, expected]);
      expect(Array.from(a.data as Float32Array)).toEqual(Array.from(b.data as Float32Array));
    }));
});
