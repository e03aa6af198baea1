// Ports of tensorflow/contrib/layers/python/layers/layers_test.py (TF 1.15): FCTest, ConvolutionTest (2-D),
// Convolution2dTransposeTests, DropoutTest, FlattenTest, MaxPool2DTest, AvgPool2DTest, RepeatTests, StackTests.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

const slim = tf.contrib.slim;
const layers = tf.contrib.layers;
const uniform = (shape: number[], name?: string) => tf.randomUniform(shape, { seed: 1, name });
const byName = (name: string) => slim.getVariables(null, name);
const regLosses = (g: tf.Graph) => g.getCollection<tf.Tensor>(tf.GraphKeys.REGULARIZATION_LOSSES);
const fraction = (t: tf.Tensor) => tf.reduceMean(tf.toFloat(tf.greater(t, 0)));

describe("layers_test.py FCTest", () => {
  it("FCTest.testCreateFC", () =>
    inGraph(() => {
      const output = layers.fullyConnected(uniform([5, 27]), 32);
      expect(output.op.name).toBe("fully_connected/Relu");
      expect(output.shape).toEqual([5, 32]);
      expect(byName("weights")[0].shape).toEqual([27, 32]);
      expect(byName("biases")[0].shape).toEqual([32]);
      expect(byName("weights")[0].op.name).toBe("fully_connected/weights");
    }));

  it("FCTest.testCreateFCWithScope", () =>
    inGraph(() => {
      expect(layers.fullyConnected(uniform([5, 27]), 32, { scope: "fc1" }).op.name).toBe("fc1/Relu");
    }));

  it("FCTest.testCreateFCWithCollection", () =>
    inGraph((g) => {
      const inputs = uniform([5, 27]);
      const fc = tf.nameScope("fe", () =>
        layers.fullyConnected(inputs, 7, { outputsCollections: "outputs", scope: "fc" }),
      );
      const collected = g.getCollection<tf.Tensor & { aliases?: string[] }>("outputs")[0];
      expect(collected.aliases).toEqual(["fe/fc"]);
      expect(collected).toBe(fc);
    }));

  it("FCTest.testCreateFcCreatesWeightsAndBiasesVars", () =>
    inGraph(() => {
      const inputs = uniform([5, 27]);
      expect(slim.getVariables("fc1/weights")).toEqual([]);
      expect(slim.getVariables("fc1/biases")).toEqual([]);
      layers.fullyConnected(inputs, 32, { scope: "fc1" });
      expect(slim.getVariables("fc1/weights").length).toBe(1);
      expect(slim.getVariables("fc1/biases").length).toBe(1);
    }));

  it("FCTest.testReuseVars / testNonReuseVars", () =>
    inGraph(() => {
      const inputs = uniform([5, 27]);
      layers.fullyConnected(inputs, 32, { scope: "fc1" });
      expect(slim.getVariables("fc1").length).toBe(2);
      layers.fullyConnected(inputs, 32, { scope: "fc1", reuse: true });
      expect(slim.getVariables("fc1").length).toBe(2);
      layers.fullyConnected(inputs, 32);
      expect(slim.getVariables("fully_connected").length).toBe(2);
      const second = layers.fullyConnected(inputs, 32);
      expect(slim.getVariables("fully_connected").length).toBe(4);
      expect(second.op.name).toBe("fully_connected_1/Relu");
      expect(slim.getVariables("fully_connected_1")[0].op.name).toBe("fully_connected_1/weights");
    }));

  it("FCTest.testReuseWithRegularizer", () =>
    inGraph((g) => {
      const regularizer = (x: tf.Tensor | tf.Variable) => tf.reduceSum(x).mul(1e-3);
      const inputs = uniform([5, 27]);
      layers.fullyConnected(inputs, 32, { scope: "fc1", weightsRegularizer: regularizer });
      expect(regLosses(g).length).toBe(1);
      expect(tf.losses.getRegularizationLosses().length).toBe(1);
      layers.fullyConnected(inputs, 32, { scope: "fc1", weightsRegularizer: regularizer, reuse: true });
      expect(regLosses(g).length).toBe(1);
      tf.variableScope("outer", { reuse: false }, () => {
        layers.fullyConnected(inputs, 32, { weightsRegularizer: regularizer });
        expect(regLosses(g).length).toBe(2);
      });
      tf.variableScope("outer", { reuse: true }, () => {
        layers.fullyConnected(inputs, 32, { weightsRegularizer: regularizer });
        expect(regLosses(g).length).toBe(2);
      });
    }));

  it("FCTest.testCreateFCWithoutActivation", () =>
    inGraph(() => {
      const output = layers.fullyConnected(uniform([5, 27]), 32, { activationFn: null });
      expect(output.op.name).toBe("fully_connected/BiasAdd");
    }));

  it("FCTest.testCreateFCWithWD / testCreateFCWithBD", () =>
    inGraph((g) => {
      const inputs = uniform([5, 27]);
      layers.fullyConnected(inputs, 32, { weightsRegularizer: layers.l2Regularizer(0.01) });
      const wd = regLosses(g)[0];
      expect(wd.op.name).toBe("fully_connected/kernel/Regularizer/l2_regularizer");
      layers.fullyConnected(inputs, 32, { biasesRegularizer: layers.l2Regularizer(0.01) });
      expect(regLosses(g)[1].op.name).toBe("fully_connected_1/bias/Regularizer/l2_regularizer");
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(sess.run(wd).item() as number).toBeLessThan(0.4);
    }));

  it("FCTest.testCreateNoRegularizers", () =>
    inGraph((g) => {
      layers.fullyConnected(uniform([5, 27]), 32);
      expect(regLosses(g)).toEqual([]);
    }));

  it("FCTest.testCreateFCFreezeWeights", () =>
    inGraph(() => {
      layers.fullyConnected(uniform([5, 27]), 32, { trainable: false });
      expect(slim.getTrainableVariables()).toEqual([]);
      expect(slim.getVariables("fully_connected/weights").length).toBe(1);
      expect(slim.getModelVariables().map((v) => v.op.name)).toEqual([
        "fully_connected/weights",
        "fully_connected/biases",
      ]);
    }));

  it("FCTest.testFCWithBatchNorm", () =>
    inGraph(() => {
      const images = uniform([5, 27]);
      slim.argScope(
        [layers.fullyConnected],
        { normalizerFn: layers.batchNorm, normalizerParams: { decay: 0.9 } },
        () => {
          const net = layers.fullyConnected(images, 27);
          layers.fullyConnected(net, 27);
        },
      );
      expect(slim.getVariables().length).toBe(8);
      expect(slim.getVariables("fully_connected/BatchNorm").length).toBe(3);
      expect(slim.getVariables("fully_connected_1/BatchNorm").length).toBe(3);
    }));

  it("FCTest.testReuseFCWithBatchNorm", () =>
    inGraph(() => {
      const images = uniform([5, 27]);
      slim.argScope(
        [layers.fullyConnected],
        { normalizerFn: layers.batchNorm, normalizerParams: { decay: 0.9 } },
        () => {
          const net = layers.fullyConnected(images, 27, { scope: "fc1" });
          layers.fullyConnected(net, 27, { scope: "fc1", reuse: true });
        },
      );
      expect(slim.getVariables().length).toBe(4);
      expect(slim.getVariables("fc1/BatchNorm").length).toBe(3);
    }));

  it("values: ones initializers give x @ W + b, and collections hold weights and biases", () =>
    inGraph((g) => {
      const x = tf.constant([[1, 2, 3]], tf.float32);
      const y = layers.fullyConnected(x, 2, {
        weightsInitializer: tf.onesInitializer(),
        biasesInitializer: tf.constantInitializer(0.5),
        variablesCollections: { weights: ["my_weights"], biases: ["my_biases"] },
      });
      expect(g.getCollection<tf.Variable>("my_weights").map((v) => v.op.name)).toEqual(["fully_connected/weights"]);
      expect(g.getCollection<tf.Variable>("my_biases").map((v) => v.op.name)).toEqual(["fully_connected/biases"]);
      expect(g.getCollection<tf.Variable>(tf.GraphKeys.MODEL_VARIABLES).length).toBe(2);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(sess.run(y).toArray()).toEqual([[6.5, 6.5]]);
      expect(() => layers.fullyConnected(x, 2.5)).toThrow(
        "num_outputs type should be one of [<class 'int'>], got <class 'float'>.",
      );
    }));
});

describe("layers_test.py ConvolutionTest (2-D)", () => {
  it("ConvolutionTest.testCreateConv / testCreateSquareConv", () =>
    inGraph(() => {
      const images = uniform([5, 3, 3, 4]);
      const output = layers.conv2d(images, 32, [3, 3]);
      expect(output.op.name).toBe("Conv/Relu");
      expect(output.shape).toEqual([5, 3, 3, 32]);
      expect(byName("weights")[0].shape).toEqual([3, 3, 4, 32]);
      expect(byName("weights")[0].op.name).toBe("Conv/weights");
      expect(byName("biases")[0].shape).toEqual([32]);
      expect(byName("biases")[0].op.name).toBe("Conv/biases");
      expect(output.op.inputs[0].op.name).toBe("Conv/BiasAdd");
      expect(output.op.inputs[0].op.inputs[0].op.name).toBe("Conv/Conv2D");
      expect(layers.conv2d(images, 32, 3).op.name).toBe("Conv_1/Relu");
    }));

  it("ConvolutionTest.testCreateFullyConv / testCreateConvValid / testCreateVerticalConv", () =>
    inGraph(() => {
      const images = uniform([5, 3, 3, 32]);
      const output = layers.conv2d(images, 64, [3, 3], { padding: "VALID" });
      expect(output.shape).toEqual([5, 1, 1, 64]);
      expect(byName("biases")[0].shape).toEqual([64]);
      layers.conv2d(uniform([5, 6, 7, 4]), 32, [3, 1], { scope: "vertical" });
      expect(slim.getVariables("vertical/weights")[0].shape).toEqual([3, 1, 4, 32]);
    }));

  it("ConvolutionTest.testCreateConvWithStride", () =>
    inGraph(() => {
      const output = layers.conv2d(uniform([5, 6, 8, 3]), 32, [3, 3], 2);
      expect(output.op.name).toBe("Conv/Relu");
      expect(output.shape).toEqual([5, 3, 4, 32]);
    }));

  it("ConvolutionTest.testCreateConvCreatesWeightsAndBiasesVars / testCreateConvWithScope", () =>
    inGraph(() => {
      const images = uniform([5, 3, 3, 3]);
      expect(slim.getVariables("conv1/weights")).toEqual([]);
      const output = layers.conv2d(images, 32, [3, 3], { scope: "conv1" });
      expect(output.op.name).toBe("conv1/Relu");
      expect(slim.getVariables("conv1/weights").length).toBe(1);
      expect(slim.getVariables("conv1/biases").length).toBe(1);
    }));

  it("ConvolutionTest.testCreateConvWithCollection / testCreateConvWithoutActivation", () =>
    inGraph((g) => {
      const images = uniform([5, 3, 3, 3]);
      const output = layers.conv2d(images, 32, [3, 3], { outputsCollections: "outputs", scope: "Conv" });
      const collected = g.getCollection<tf.Tensor & { aliases?: string[] }>("outputs")[0];
      expect(collected.aliases).toEqual(["Conv"]);
      expect(collected).toBe(output);
      expect(layers.conv2d(images, 32, [3, 3], { activationFn: null }).op.name).toBe("Conv_1/BiasAdd");
    }));

  it("ConvolutionTest.testCreateConvWithWD / testCreateConvNoRegularizers", () =>
    inGraph((g) => {
      const images = uniform([5, 3, 3, 3]);
      layers.conv2d(images, 32, [3, 3]);
      expect(regLosses(g)).toEqual([]);
      layers.conv2d(images, 32, [3, 3], { weightsRegularizer: layers.l2Regularizer(0.01) });
      const wd = regLosses(g)[0];
      expect(wd.op.name).toBe("Conv_1/kernel/Regularizer/l2_regularizer");
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(sess.run(wd).item() as number).toBeLessThan(0.4);
    }));

  it("ConvolutionTest.testReuseVars / testNonReuseVars / testReuseConvWithWD", () =>
    inGraph((g) => {
      const images = uniform([5, 3, 3, 3]);
      const weightDecay = layers.l2Regularizer(0.01);
      slim.argScope([layers.conv2d], { weightsRegularizer: weightDecay }, () => {
        layers.conv2d(images, 32, [3, 3], { scope: "conv1" });
        expect(slim.getVariables().length).toBe(2);
        expect(regLosses(g).length).toBe(1);
        layers.conv2d(images, 32, [3, 3], { scope: "conv1", reuse: true });
        expect(slim.getVariables().length).toBe(2);
        expect(regLosses(g).length).toBe(1);
      });
      layers.conv2d(images, 32, [3, 3]);
      layers.conv2d(images, 32, [3, 3]);
      expect(slim.getVariables().length).toBe(6);
    }));

  it("ConvolutionTest.testConvWithBatchNorm / testReuseConvWithBatchNorm", () =>
    inGraph(() => {
      const images = uniform([5, 32, 32, 3]);
      slim.argScope([layers.conv2d], { normalizerFn: layers.batchNorm, normalizerParams: { decay: 0.9 } }, () => {
        const net = layers.conv2d(images, 32, [3, 3]);
        layers.conv2d(net, 32, [3, 3]);
      });
      expect(slim.getVariables().length).toBe(8);
      expect(slim.getVariables("Conv/BatchNorm").length).toBe(3);
      expect(slim.getVariables("Conv_1/BatchNorm").length).toBe(3);
    }));

  it("ConvolutionTest.testOutputSizeWithRateTwoSamePadding / TwoValidPadding / TwoThreeValidPadding", () => {
    for (const [rate, padding, expected] of [
      [2, "SAME", [5, 10, 12, 32]],
      [2, "VALID", [5, 6, 8, 32]],
      [[2, 3], "VALID", [5, 6, 6, 32]],
    ] as const) {
      inGraph((g) => {
        const output = layers.conv2d(uniform([5, 10, 12, 3]), 32, [3, 3], { rate: rate as never, padding });
        expect(output.op.name).toBe("Conv/Relu");
        expect(output.shape).toEqual(expected);
        expect(g.getOperationByName("Conv/SpaceToBatchND").type).toBe("SpaceToBatchND");
        const sess = new tf.Session();
        sess.run(tf.globalVariablesInitializer());
        expect(sess.run(output).shape).toEqual(expected);
      });
    }
  });

  it("ConvolutionTest.testDynamicOutputSizeWithRateOneValidPadding", () =>
    inGraph(() => {
      const images = tf.placeholder(tf.float32, [null, null, null, 3], "images");
      const output = layers.conv2d(images, 32, [3, 3], { rate: 1, padding: "VALID" });
      expect(output.op.name).toBe("Conv/Relu");
      expect(output.shape).toEqual([null, null, null, 32]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const zeros = Array.from({ length: 5 }, () =>
        Array.from({ length: 9 }, () => Array.from({ length: 11 }, () => [0, 0, 0])),
      );
      expect(sess.run(output, { "images:0": zeros }).shape).toEqual([5, 7, 9, 32]);
    }));

  it("ConvolutionTest.testDynamicOutputSizeWithRateTwoValidPadding: paddings computed in-graph", () =>
    inGraph(() => {
      const images = tf.placeholder(tf.float32, [null, null, null, 3], "images");
      const output = layers.conv2d(images, 32, [3, 3], { rate: 2, padding: "VALID" });
      expect(output.op.name).toBe("Conv/Relu");
      expect(output.shape).toEqual([null, null, null, 32]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const zeros = Array.from({ length: 5 }, () =>
        Array.from({ length: 10 }, () => Array.from({ length: 12 }, () => [0, 0, 0])),
      );
      expect(sess.run(output, { "images:0": zeros }).shape).toEqual([5, 6, 8, 32]);
    }));

  it("ConvolutionTest: bad ranks and data formats are TF's ValueErrors", () =>
    inGraph(() => {
      expect(() => layers.conv2d(uniform([5, 3, 3]), 32, [3, 3])).toThrow(
        "Convolution expects input with rank 4, got 3",
      );
      expect(() => layers.conv2d(uniform([5, 3, 3, 3]), 32, [3, 3], { dataFormat: "CHWN" })).toThrow(
        "Invalid data_format: 'CHWN'",
      );
    }));

  it("values: a 1x1 conv of ones sums the channels (plus the bias)", () =>
    inGraph(() => {
      const x = tf.ones([1, 2, 2, 3]);
      const y = layers.conv2d(x, 1, 1, {
        weightsInitializer: tf.onesInitializer(),
        biasesInitializer: tf.constantInitializer(1),
      });
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(Array.from(sess.run(y).data as Float32Array)).toEqual([4, 4, 4, 4]);
    }));
});

describe("layers_test.py Convolution2dTransposeTests", () => {
  const expectShape = (output: tf.Tensor, expected: number[]) => {
    const sess = new tf.Session();
    sess.run(tf.globalVariablesInitializer());
    expect(sess.run(output).shape).toEqual(expected);
  };

  it("Convolution2dTransposeTests.testOutputSizeWithStrideOneSamePadding", () =>
    inGraph(() => {
      const output = layers.conv2dTranspose(uniform([5, 10, 12, 3]), 1, [3, 3], { stride: 1, padding: "SAME" });
      expect(output.op.name).toBe("Conv2d_transpose/Relu");
      expect(byName("weights")[0].op.name).toBe("Conv2d_transpose/weights");
      expect(byName("weights")[0].shape).toEqual([3, 3, 1, 3]);
      expectShape(output, [5, 10, 12, 1]);
    }));

  it("Convolution2dTransposeTests.testOutputSizeWithStrideTwoSamePadding", () =>
    inGraph(() => {
      const output = layers.conv2dTranspose(uniform([5, 10, 12, 3]), 1, [3, 3], { stride: 2, padding: "SAME" });
      expect(output.shape).toEqual([5, 20, 24, 1]);
      expectShape(output, [5, 20, 24, 1]);
    }));

  it("Convolution2dTransposeTests.testOutputSizeWithStrideTwoValidPadding", () =>
    inGraph(() => {
      const output = layers.conv2dTranspose(uniform([5, 9, 11, 3]), 1, [3, 3], { stride: 2, padding: "VALID" });
      expect(output.op.name).toBe("Conv2d_transpose/Relu");
      expectShape(output, [5, 19, 23, 1]);
    }));

  it("Convolution2dTransposeTests.testDynamicOutputSizeWithStrideTwoValidPadding", () =>
    inGraph(() => {
      const images = tf.placeholder(tf.float32, [null, null, null, 3]);
      const output = layers.conv2dTranspose(images, 1, [3, 3], { stride: 2, padding: "VALID" });
      expect(output.shape).toEqual([null, null, null, 1]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const value = sess.run(output, new Map([[images, feedArray()]]));
      expect(value.shape).toEqual([5, 19, 23, 1]);
    }));

  it("Convolution2dTransposeTests.testWithScope / testWithScopeWithoutActivation", () =>
    inGraph(() => {
      const images = uniform([5, 9, 11, 3]);
      expect(layers.conv2dTranspose(images, 1, [3, 3], 2, "VALID", { scope: "conv7" }).op.name).toBe("conv7/Relu");
      const output = layers.conv2dTranspose(images, 1, [3, 3], 2, "VALID", { activationFn: null, scope: "conv8" });
      expect(output.op.name).toBe("conv8/BiasAdd");
      expect(output.op.inputs[0].op.name).toBe("conv8/conv2d_transpose");
    }));
});

/** A [5, 9, 11, 3] feed of 0.5s as nested arrays. */
function feedArray(): number[][][][] {
  return Array.from({ length: 5 }, () =>
    Array.from({ length: 9 }, () => Array.from({ length: 11 }, () => [0.5, 0.5, 0.5])),
  );
}

describe("layers_test.py MaxPool2DTest / AvgPool2DTest", () => {
  for (const [fn, kind, op] of [
    [layers.maxPool2d, "MaxPool2D", "MaxPool"],
    [layers.avgPool2d, "AvgPool2D", "AvgPool"],
  ] as const) {
    it(`${kind}Test.testInvalidDataFormat`, () =>
      inGraph(() => {
        expect(() => fn(uniform([5, 3, 3, 3]), [3, 3], { dataFormat: "CHWN" })).toThrow(
          "data_format has to be either NCHW or NHWC.",
        );
      }));

    it(`${kind}Test.testCreate${kind.slice(0, -2)} / testCreateSquare / testCollectOutputs`, (ctx) =>
      inGraph((g) => {
        void ctx;
        const images = uniform([5, 3, 3, 3]);
        const output = fn(images, [3, 3]);
        expect(output.op.name).toBe(`${kind}/${op}`);
        expect(output.shape).toEqual([5, 1, 1, 3]);
        expect(fn(images, 3).shape).toEqual([5, 1, 1, 3]);
        const collected = fn(images, [3, 3], { outputsCollections: "outputs" });
        expect((g.getCollection("outputs")[0] as tf.contrib.layers.AliasedTensor).aliases).toEqual([`${kind}_2`]);
        expect(g.getCollection("outputs")[0]).toBe(collected);
      }));

    it(`${kind}Test.testCreateWithScope / SamePadding / StrideWithSamePadding / testGlobal`, () =>
      inGraph(() => {
        const images = uniform([5, 3, 3, 3]);
        expect(fn(images, [3, 3], { scope: "pool1" }).op.name).toBe(`pool1/${op}`);
        expect(fn(images, [3, 3], { padding: "SAME" }).shape).toEqual([5, 2, 2, 3]);
        expect(fn(images, [3, 3], 1, "SAME").shape).toEqual([5, 3, 3, 3]);
        expect(fn(images, [3, 3], { stride: 1 }).shape).toEqual([5, 1, 1, 3]);
      }));
  }

  it("values: 2x2 max and average pooling", () =>
    inGraph(() => {
      const x = tf.constant([1, 2, 3, 4], tf.float32, [1, 2, 2, 1]);
      const sess = new tf.Session();
      expect(sess.run(layers.maxPool2d(x, [2, 2])).toArray()).toEqual([[[[4]]]]);
      expect(sess.run(layers.avgPool2d(x, [2, 2])).toArray()).toEqual([[[[2.5]]]]);
    }));
});

describe("layers_test.py DropoutTest", () => {
  it("DropoutTest.testCreateDropout / testCollectOutputs", () =>
    inGraph((g) => {
      const images = uniform([5, 3, 3, 3]);
      const output = layers.dropout(images);
      // TF 1.15: re-entering the layer's scope opens `Dropout/Dropout/`, and unique names ignore case.
      expect(output.op.name).toBe("Dropout/dropout_1/mul_1");
      expect(output.shape).toEqual([5, 3, 3, 3]);
      const collected = layers.dropout(images, { outputsCollections: "outputs" });
      expect((g.getCollection("outputs")[0] as tf.contrib.layers.AliasedTensor).aliases).toEqual(["Dropout_1"]);
      expect(g.getCollection("outputs")[0]).toBe(collected);
    }));

  it("DropoutTest.testDropout / testCreateDropoutNoTraining", () =>
    inGraph(() => {
      const images = uniform([5, 10, 10, 3], "images");
      const initial = fraction(images);
      const dropped = fraction(layers.dropout(images));
      const kept = layers.dropout(images, { isTraining: false });
      const sess = new tf.Session();
      const [n, n0] = sess.run([dropped, initial]).map((a) => a.item() as number);
      expect(n).toBeLessThan(n0 / 2 + 0.1);
      expect(n).toBeGreaterThan(n0 / 2 - 0.1);
      const [out, inp] = sess.run([kept, images]);
      expect(Array.from(out.data as Float32Array)).toEqual(Array.from(inp.data as Float32Array));
    }));

  it("DropoutTest.testCreateDropoutWithConstantTrue / ConstantFalse / WithPlaceholder", () =>
    inGraph(() => {
      const images = uniform([5, 3, 3, 3]);
      expect(layers.dropout(images, { isTraining: tf.constant(true) }).shape).toEqual([5, 3, 3, 3]);
      expect(layers.dropout(images, { isTraining: tf.constant(false) }).op.name).toBe("Dropout_1/Identity");
      const isTraining = tf.placeholder(tf.bool, [], "is_training");
      const output = layers.dropout(images, { isTraining });
      expect(output.op.name).toBe("Dropout_2/cond/Merge");
      expect(output.shape).toEqual([5, 3, 3, 3]);
      const sess = new tf.Session();
      const [out, inp] = sess.run([output, images], new Map([[isTraining, false]]));
      expect(Array.from(out.data as Float32Array)).toEqual(Array.from(inp.data as Float32Array));
      const dropped = sess.run(fraction(output), new Map([[isTraining, true]])).item() as number;
      expect(dropped).toBeLessThan(0.8);
    }));

  it("DropoutTest.testCreateFCWithDropout", () =>
    inGraph(() => {
      const images = uniform([5, 3, 3, 3], "images");
      const output = layers.fullyConnected(layers.flatten(images), 50, { normalizerFn: layers.dropout });
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const n = sess.run(fraction(output)).item() as number;
      expect(n).toBeLessThan(0.5);
      expect(n).toBeGreaterThan(0.1);
    }));
});

describe("layers_test.py FlattenTest", () => {
  it("FlattenTest.testCollectOutputs / testFlatten4D / testFlatten3D", () =>
    inGraph((g) => {
      const output = layers.flatten(uniform([5, 3, 3, 3]), { outputsCollections: "outputs" });
      expect((g.getCollection("outputs")[0] as tf.contrib.layers.AliasedTensor).aliases).toEqual(["Flatten"]);
      expect(g.getCollection("outputs")[0]).toBe(output);
      expect(output.shape).toEqual([5, 27]);
      expect(output.op.name).toBe("Flatten/flatten/Reshape");
      expect(layers.flatten(uniform([5, 3, 3])).shape).toEqual([5, 9]);
    }));

  it("FlattenTest.testUnknownLastDim / testFlattenBatchSize", () =>
    inGraph(() => {
      const a = tf.placeholder(tf.float32, [5, null]);
      expect(layers.flatten(a).shape).toEqual([5, null]);
      const inputs = tf.placeholder(tf.int32, [null, 3, 3, 3]);
      const output = layers.flatten(inputs);
      expect(output.shape).toEqual([null, 27]);
      const ones = Array.from({ length: 5 }, () =>
        Array.from({ length: 3 }, () => [
          [1, 1, 1],
          [1, 1, 1],
          [1, 1, 1],
        ]),
      );
      const value = new tf.Session().run(output, new Map([[inputs, ones]]));
      expect(value.shape).toEqual([5, 27]);
    }));
});

describe("layers_test.py RepeatTests / StackTests", () => {
  it("RepeatTests.testRepeat / testRepeatWithScope", () =>
    inGraph(() => {
      const images = uniform([5, 3, 3, 3]);
      const output = layers.repeat(images, 3, layers.conv2d, 32, [3, 3]);
      expect(output.op.name).toBe("Repeat/convolution2d_3/Relu");
      expect(output.shape).toEqual([5, 3, 3, 32]);
      const scoped = layers.repeat(images, 3, layers.conv2d, 64, [3, 3], { scope: "conv1" });
      expect(scoped.op.name).toBe("conv1/conv1_3/Relu");
      expect(slim.getVariables("conv1").map((v) => v.op.name)).toEqual([
        "conv1/conv1_1/weights",
        "conv1/conv1_1/biases",
        "conv1/conv1_2/weights",
        "conv1/conv1_2/biases",
        "conv1/conv1_3/weights",
        "conv1/conv1_3/biases",
      ]);
    }));

  it("StackTests.testStackFullyConnected / testStackRelu / testStackConvolution2d / testStackWithScope", () =>
    inGraph(() => {
      const images = uniform([5, 27]);
      const output = layers.stack(images, layers.fullyConnected, [10, 20, 30]);
      expect(output.op.name).toBe("Stack/fully_connected_3/Relu");
      expect(output.shape).toEqual([5, 30]);
      const conv = layers.stack(
        uniform([5, 3, 3, 3]),
        layers.conv2d,
        [
          [10, [3, 3]],
          [20, [3, 3]],
          [30, [3, 3]],
        ],
        { padding: "SAME", scope: "convs" },
      );
      expect(conv.op.name).toBe("convs/convs_3/Relu");
      expect(conv.shape).toEqual([5, 3, 3, 30]);
      expect(() => layers.stack(images, layers.fullyConnected, 10 as never)).toThrow(
        "stack_args need to be a list or tuple",
      );
    }));
});
