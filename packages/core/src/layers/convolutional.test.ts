// Ports of tensorflow/python/layers/convolutional_test.py (TF 1.15): ConvTest (2-D and 1-D cases),
// SeparableConv2DTest and Conv2DTransposeTest, graph mode; 3-D convolutions are not ported.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { graphSnapshot, inGraph, names } from "../scopes/test-helpers";

const shapeOf = (t: tf.Tensor | tf.Variable) => t.shape;
const randomImages = (shape: number[]) => tf.randomUniform(shape, { seed: 1 });

describe("convolutional_test.py ConvTest", () => {
  it("testInvalidDataFormat / testInvalidStrides / testInvalidKernelSize", () =>
    inGraph((g) => {
      const images = randomImages([5, 7, 9, 3]);
      const before = graphSnapshot(g);
      expect(() => tf.layers.conv2d(images, 32, 3, { dataFormat: "invalid" })).toThrow(
        'The `data_format` argument must be one of "channels_first", "channels_last". Received: invalid',
      );
      expect(() => tf.layers.conv2d(images, 32, 3, { strides: [1, 1, 1] })).toThrow(
        "The `strides` argument must be a tuple of 2 integers. Received: (1, 1, 1)",
      );
      expect(() => tf.layers.conv2d(images, 32, [1, 1, 1])).toThrow(
        "The `kernel_size` argument must be a tuple of 2 integers. Received: (1, 1, 1)",
      );
      expect(() => tf.layers.conv2d(images, 32, 3, { padding: "full" })).toThrow("The `padding` argument must be");
      expect(graphSnapshot(g)).toEqual(before);
    }));

  it("testCreateConv2D", () =>
    inGraph(() => {
      const [height, width] = [7, 9];
      const images = randomImages([5, height, width, 4]);
      const layer = new tf.layers.Conv2D(32, [3, 3], { activation: tf.nn.relu });
      const output = layer.apply(images);
      expect(output.op.name).toBe("conv2d/Relu");
      expect(output.shape).toEqual([5, height - 2, width - 2, 32]);
      expect(shapeOf(layer.kernel)).toEqual([3, 3, 4, 32]);
      expect(shapeOf(layer.bias as tf.Variable)).toEqual([32]);
    }));

  it("the graph: Conv2D, BiasAdd and the activation in the layer's scope, variables conv2d/kernel and bias", () =>
    inGraph((g) => {
      const images = tf.placeholder("float32", [5, 7, 9, 4], "images");
      tf.layers.conv2d(images, 2, 3, { activation: tf.nn.relu });
      const convOps = names(g).filter(
        (n) =>
          n.startsWith("conv2d/") && !n.includes("/Initializer/") && !n.includes("/kernel") && !n.includes("/bias"),
      );
      expect(convOps).toEqual([
        "conv2d/dilation_rate:Const",
        "conv2d/Conv2D:Conv2D",
        "conv2d/BiasAdd:BiasAdd",
        "conv2d/Relu:Relu",
      ]);
      expect(tf.globalVariables().map((v) => v.name)).toEqual(["conv2d/kernel:0", "conv2d/bias:0"]);
    }));

  it("testCreateConv2DIntegerKernelSize / testCreateConv2DChannelsFirst", () =>
    inGraph(() => {
      const [height, width] = [7, 9];
      let layer = new tf.layers.Conv2D(32, 3);
      let output = layer.apply(randomImages([5, height, width, 4]));
      expect(output.shape).toEqual([5, height - 2, width - 2, 32]);
      expect(shapeOf(layer.kernel)).toEqual([3, 3, 4, 32]);
      layer = new tf.layers.Conv2D(32, [3, 3], { dataFormat: "channels_first" });
      output = layer.apply(randomImages([5, 4, height, width]));
      expect(output.shape).toEqual([5, 32, height - 2, width - 2]);
      expect(shapeOf(layer.kernel)).toEqual([3, 3, 4, 32]);
      expect(output.op.type).toBe("BiasAdd");
      expect(output.op.getAttr("data_format")).toBe("NCHW");
    }));

  it("testUnknownInputChannels", () =>
    inGraph(() => {
      let images = tf.placeholder("float32", [5, 7, 9, null]);
      const msg = "The channel dimension of the inputs should be defined. Found `None`.";
      expect(() => new tf.layers.Conv2D(32, [3, 3], { activation: tf.nn.relu }).apply(images)).toThrow(msg);
      images = tf.placeholder("float32", [5, null, 7, 9]);
      expect(() => new tf.layers.Conv2D(32, [3, 3], { dataFormat: "channels_first" }).apply(images)).toThrow(msg);
    }));

  it("testConv2DPaddingSame / testCreateConvWithStrides", () =>
    inGraph(() => {
      const [height, width] = [6, 8];
      const images = randomImages([5, height, width, 32]);
      let output = tf.layers.conv2d(images, 64, [height, width], { padding: "same" });
      expect(output.shape).toEqual([5, height, width, 64]);
      const images3 = randomImages([5, height, width, 3]);
      output = new tf.layers.Conv2D(32, [3, 3], { strides: [2, 2], padding: "same" }).apply(images3);
      expect(output.shape).toEqual([5, height / 2, width / 2, 32]);
      output = new tf.layers.Conv2D(32, [3, 3], { strides: [2, 1], padding: "same" }).apply(images3);
      expect(output.shape).toEqual([5, height / 2, width, 32]);
      output = new tf.layers.Conv2D(32, [3, 3], { strides: [1, 2], padding: "same" }).apply(images3);
      expect(output.shape).toEqual([5, height, width / 2, 32]);
    }));

  it("testCreateConv1D / testCreateConv1DChannelsFirst / testUnknownInputChannelsConv1D", () =>
    inGraph((g) => {
      const width = 7;
      const data = randomImages([5, width, 4]);
      let layer = new tf.layers.Conv1D(32, 3, { activation: tf.nn.relu });
      let output = layer.apply(data);
      expect(output.op.name).toBe("conv1d/Relu");
      expect(output.shape).toEqual([5, width - 2, 32]);
      expect(shapeOf(layer.kernel)).toEqual([3, 4, 32]);
      expect(shapeOf(layer.bias as tf.Variable)).toEqual([32]);
      // nn_ops.conv1d inside the layer's scope: conv1d/conv1d/ExpandDims..., the Conv2D named conv1d/conv1d.
      expect(g.getOperationByName("conv1d/conv1d").type).toBe("Conv2D");
      expect(g.getOperationByName("conv1d/conv1d/Squeeze").type).toBe("Squeeze");
      layer = new tf.layers.Conv1D(32, 3, { dataFormat: "channels_first" });
      output = layer.apply(randomImages([5, 4, width]));
      expect(output.shape).toEqual([5, 32, width - 2]);
      expect(shapeOf(layer.kernel)).toEqual([3, 4, 32]);
      expect(() => new tf.layers.Conv1D(32, 3).apply(tf.placeholder("float32", [5, 4, null]))).toThrow(
        "The channel dimension of the inputs should be defined. Found `None`.",
      );
    }));

  it("Conv1D causal padding: Pad on the front of the time axis, then a VALID convolution", () =>
    inGraph((g) => {
      const x = tf.constant([[[1], [2], [3], [4]]], "float32");
      const y = tf.layers.conv1d(x, 1, 2, { padding: "causal", kernelInitializer: tf.onesInitializer() });
      expect(y.shape).toEqual([1, 4, 1]);
      expect(g.getOperationByName("conv1d/Pad").type).toBe("Pad");
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(sess.run(y).toArray()).toEqual([[[1], [3], [5], [7]]]);
      expect(() => tf.layers.conv2d(tf.ones([1, 3, 3, 1]), 1, 2, { padding: "causal" })).toThrow(
        "Causal padding is only supported for `Conv1D` and ``SeparableConv1D`.",
      );
    }));

  it("testConv2DKernelRegularizer / testConv2DBiasRegularizer", () =>
    inGraph(() => {
      const images = randomImages([5, 7, 9, 3]);
      const reg = (x: tf.Tensor) => tf.multiply(0.1, tf.reduceSum(x));
      let layer = new tf.layers.Conv2D(32, [3, 3], { kernelRegularizer: reg });
      layer.apply(images);
      expect(tf.getDefaultGraph().getCollection(tf.GraphKeys.REGULARIZATION_LOSSES)).toHaveLength(1);
      expect(layer.losses).toHaveLength(1);
      layer = new tf.layers.Conv2D(32, [3, 3], { biasRegularizer: reg });
      layer.apply(images);
      expect(tf.getDefaultGraph().getCollection(tf.GraphKeys.REGULARIZATION_LOSSES)).toHaveLength(2);
    }));

  it("testConv2DNoBias", () =>
    inGraph(() => {
      const layer = new tf.layers.Conv2D(32, [3, 3], { activation: tf.nn.relu, useBias: false });
      const output = layer.apply(randomImages([5, 7, 9, 4]));
      expect(output.op.name).toBe("conv2d/Relu");
      expect(shapeOf(layer.kernel)).toEqual([3, 3, 4, 32]);
      expect(layer.bias).toBeNull();
    }));

  it("testDilatedConv2D", () =>
    inGraph(() => {
      const images = randomImages([5, 7, 9, 4]);
      let layer = new tf.layers.Conv2D(32, [3, 3], { dilationRate: 3 });
      let output = layer.apply(images);
      expect(output.shape).toEqual([5, 1, 3, 32]);
      expect(shapeOf(layer.kernel)).toEqual([3, 3, 4, 32]);
      layer = new tf.layers.Conv2D(32, [3, 3], { dilationRate: [1, 3] });
      output = layer.apply(images);
      expect(output.shape).toEqual([5, 5, 3, 32]);
    }));

  it("testFunctionalConv2DReuse / ReuseFromScope / NoReuse", () =>
    inGraph(() => {
      const images = randomImages([5, 7, 9, 3]);
      tf.layers.conv2d(images, 32, [3, 3], { name: "conv1" });
      expect(tf.trainableVariables()).toHaveLength(2);
      tf.layers.conv2d(images, 32, [3, 3], { name: "conv1", reuse: true });
      expect(tf.trainableVariables()).toHaveLength(2);
      tf.variableScope("scope", () => tf.layers.conv2d(images, 32, [3, 3], { name: "conv1" }));
      expect(tf.trainableVariables()).toHaveLength(4);
      tf.variableScope("scope", { reuse: true }, () => tf.layers.conv2d(images, 32, [3, 3], { name: "conv1" }));
      expect(tf.trainableVariables()).toHaveLength(4);
      tf.layers.conv2d(images, 32, [3, 3]);
      tf.layers.conv2d(images, 32, [3, 3]);
      expect(tf.trainableVariables()).toHaveLength(8);
      expect(
        tf
          .trainableVariables()
          .map((v) => v.name)
          .slice(4),
      ).toEqual(["conv2d/kernel:0", "conv2d/bias:0", "conv2d_1/kernel:0", "conv2d_1/bias:0"]);
    }));

  it("testFunctionalConv2DInitializerFromScope: the values (ones kernel)", () =>
    inGraph(() => {
      const images = tf.ones([1, 3, 3, 2]);
      const out = tf.variableScope("scope", { initializer: tf.onesInitializer() }, () =>
        tf.layers.conv2d(images, 1, [3, 3], { name: "conv1" }),
      );
      const weights = tf.trainableVariables();
      expect(weights.map((w) => w.name)).toEqual(["scope/conv1/kernel:0", "scope/conv1/bias:0"]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(sess.run(weights[1]).toArray()).toEqual([0]);
      expect(sess.run(out).toArray()).toEqual([[[[18]]]]);
    }));
});

describe("convolutional_test.py SeparableConv2DTest", () => {
  it("testCreateSeparableConv2D / DepthMultiplier / ChannelsFirst", () =>
    inGraph((g) => {
      const [height, width] = [7, 9];
      const images = randomImages([5, height, width, 4]);
      let layer = new tf.layers.SeparableConv2D(32, [3, 3], { activation: tf.nn.relu });
      let output = layer.apply(images);
      expect(output.op.name).toBe("separable_conv2d/Relu");
      expect(output.shape).toEqual([5, height - 2, width - 2, 32]);
      expect(shapeOf(layer.depthwiseKernel)).toEqual([3, 3, 4, 1]);
      expect(shapeOf(layer.pointwiseKernel)).toEqual([1, 1, 4, 32]);
      expect(shapeOf(layer.bias as tf.Variable)).toEqual([32]);
      expect(g.getOperationByName("separable_conv2d/separable_conv2d/depthwise").type).toBe("DepthwiseConv2dNative");
      expect(g.getOperationByName("separable_conv2d/separable_conv2d").type).toBe("Conv2D");
      layer = new tf.layers.SeparableConv2D(32, [3, 3], { depthMultiplier: 2 });
      output = layer.apply(images);
      expect(output.shape).toEqual([5, height - 2, width - 2, 32]);
      expect(shapeOf(layer.depthwiseKernel)).toEqual([3, 3, 4, 2]);
      expect(shapeOf(layer.pointwiseKernel)).toEqual([1, 1, 8, 32]);
      layer = new tf.layers.SeparableConv2D(32, [3, 3], { dataFormat: "channels_first" });
      output = layer.apply(randomImages([5, 4, height, width]));
      expect(output.shape).toEqual([5, 32, height - 2, width - 2]);
    }));

  it("testSeparableConv2DPaddingSame / testCreateSeparableConvWithStrides / functional reuse", () =>
    inGraph(() => {
      const [height, width] = [6, 8];
      const images = randomImages([5, height, width, 3]);
      let output = tf.layers.separableConv2d(images, 64, [height, width], { padding: "same" });
      expect(output.shape).toEqual([5, height, width, 64]);
      output = new tf.layers.SeparableConv2D(32, [3, 3], { strides: [2, 2], padding: "same" }).apply(images);
      expect(output.shape).toEqual([5, height / 2, width / 2, 32]);
      const before = tf.trainableVariables().length;
      tf.layers.separableConv2d(images, 32, [3, 3], { name: "sepconv1" });
      expect(tf.trainableVariables()).toHaveLength(before + 3);
      tf.layers.separableConv2d(images, 32, [3, 3], { name: "sepconv1", reuse: true });
      expect(tf.trainableVariables()).toHaveLength(before + 3);
      expect(
        tf
          .trainableVariables()
          .slice(before)
          .map((v) => v.name),
      ).toEqual(["sepconv1/depthwise_kernel:0", "sepconv1/pointwise_kernel:0", "sepconv1/bias:0"]);
    }));

  it("SeparableConv1D: depthwise [k, in, m], pointwise [1, m*in, filters]", () =>
    inGraph(() => {
      const layer = new tf.layers.SeparableConv1D(32, 3, { activation: tf.nn.relu });
      const output = layer.apply(randomImages([5, 7, 4]));
      expect(output.op.name).toBe("separable_conv1d/Relu");
      expect(output.shape).toEqual([5, 5, 32]);
      expect(shapeOf(layer.depthwiseKernel)).toEqual([3, 4, 1]);
      expect(shapeOf(layer.pointwiseKernel)).toEqual([1, 4, 32]);
    }));
});

describe("convolutional_test.py Conv2DTransposeTest", () => {
  it("testCreateConv2DTranspose / IntegerKernelSize", () =>
    inGraph(() => {
      const [height, width] = [7, 9];
      const images = randomImages([5, height, width, 4]);
      const layer = new tf.layers.Conv2DTranspose(32, [3, 3], { activation: tf.nn.relu });
      const output = layer.apply(images);
      expect(output.op.name).toBe("conv2d_transpose/Relu");
      expect(output.shape).toEqual([5, height + 2, width + 2, 32]);
      expect(shapeOf(layer.kernel)).toEqual([3, 3, 32, 4]);
      expect(shapeOf(layer.bias as tf.Variable)).toEqual([32]);
      const l2 = new tf.layers.Conv2DTranspose(32, 3);
      expect(l2.apply(images).shape).toEqual([5, height + 2, width + 2, 32]);
    }));

  it("the graph: the dynamic output shape (strided_slice, mul, add, stack) and conv2d_transpose/conv2d_transpose", () =>
    inGraph((g) => {
      const images = tf.placeholder("float32", [null, 7, 9, 4], "images");
      const out = tf.layers.conv2dTranspose(images, 2, 3, { useBias: false });
      expect(out.shape).toEqual([null, 9, 11, 2]);
      expect(out.op.name).toBe("conv2d_transpose/conv2d_transpose");
      expect(out.op.type).toBe("Conv2DBackpropInput");
      const ops = names(g).filter((n) => n.startsWith("conv2d_transpose/") && !n.includes("kernel"));
      expect(ops).toContain("conv2d_transpose/Shape:Shape");
      expect(ops).toContain("conv2d_transpose/mul:Mul");
      expect(ops).toContain("conv2d_transpose/add:AddV2");
      expect(ops).toContain("conv2d_transpose/stack:Pack");
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const value = sess.run(
        out,
        new Map([[images, new tf.NDArray("float32", [2, 7, 9, 4], new Float32Array(2 * 7 * 9 * 4).fill(1))]]),
      );
      expect(value.shape).toEqual([2, 9, 11, 2]);
    }));

  it("testConv2DTransposePaddingSame / testCreateConv2DTransposeWithStrides", () =>
    inGraph(() => {
      const [height, width] = [7, 9];
      const images = randomImages([5, height, width, 32]);
      let output = tf.layers.conv2dTranspose(images, 64, [height, width], { padding: "same" });
      expect(output.shape).toEqual([5, height, width, 64]);
      const images3 = randomImages([5, height, width, 3]);
      output = new tf.layers.Conv2DTranspose(32, [3, 3], { strides: [2, 2], padding: "same" }).apply(images3);
      expect(output.shape).toEqual([5, height * 2, width * 2, 32]);
      output = new tf.layers.Conv2DTranspose(32, [3, 3], { strides: [2, 1], padding: "same" }).apply(images3);
      expect(output.shape).toEqual([5, height * 2, width, 32]);
    }));

  it("testFunctionalConv2DTransposeReuse / NoReuse", () =>
    inGraph(() => {
      const images = randomImages([5, 7, 9, 3]);
      tf.layers.conv2dTranspose(images, 32, [3, 3], { name: "deconv1" });
      expect(tf.trainableVariables()).toHaveLength(2);
      tf.layers.conv2dTranspose(images, 32, [3, 3], { name: "deconv1", reuse: true });
      expect(tf.trainableVariables()).toHaveLength(2);
      tf.layers.conv2dTranspose(images, 32, [3, 3]);
      expect(tf.trainableVariables()).toHaveLength(4);
    }));
});

it("run: a 1x1 conv2d with a ones kernel sums the channels", () =>
  inGraph(() => {
    const x = tf.constant([[[[1, 2]], [[3, 4]]]], "float32");
    const y = tf.layers.conv2d(x, 1, 1, { kernelInitializer: tf.onesInitializer() });
    const sess = new tf.Session();
    sess.run(tf.globalVariablesInitializer());
    expect(sess.run(y).toArray()).toEqual([[[[3]], [[7]]]]);
  }));
