// nn ops at graph-build time (op types, TF1's names, static shapes, TF 1.15's messages) and through Session.run.
// Cases follow nn_test.py / conv_ops_test.py / pooling_ops_test.py in spirit; messages are common_shape_fns.cc's.
import { describe, expect, it } from "vitest";
import { expectClose } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";
import { batchMatMul, batchMatMulV2 } from "./nn-batch-matmul";
import { avgPoolGrad, conv2dBackpropFilter, conv2dBackpropInput, maxPoolGrad } from "./nn-conv-ops";
import { softmaxCrossEntropyWithLogitsOp, sparseSoftmaxCrossEntropyWithLogitsOp } from "./nn-loss-ops";
import { biasAddGrad, reluGrad, sigmoidGrad, tanhGrad } from "./nn-ops";

describe("activations (nn_ops.py, math_ops.py)", () => {
  it("builds Relu, Sigmoid, Tanh, Softmax, LogSoftmax with TF1's default names and runs them", () => {
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [null, 3], "x");
      const r = tf.nn.relu(x);
      const s = tf.sigmoid(x);
      const t = tf.tanh(x);
      const sm = tf.nn.softmax(x);
      const ls = tf.nn.logSoftmax(x);
      expect([r, s, t, sm, ls].map((y) => [y.op.type, y.name])).toEqual([
        ["Relu", "Relu:0"],
        ["Sigmoid", "Sigmoid:0"],
        ["Tanh", "Tanh:0"],
        ["Softmax", "Softmax:0"],
        ["LogSoftmax", "LogSoftmax:0"],
      ]);
      expect(tf.relu(x, "r").name).toBe("r:0");
      expect(tf.nn.relu(x).name).toBe("Relu_1:0");
      expect(sm.shape).toEqual([null, 3]);
      expect(r.op.attrs.T).toBe(tf.float32);
      const out = new tf.Session().run([r, sm, ls], { "x:0": [[-1, 0, 2]] });
      expect(out[0].toArray()).toEqual([[0, 0, 2]]);
      const e = [Math.exp(-1), 1, Math.exp(2)];
      const z = e[0] + e[1] + e[2];
      expectClose(
        out[1].data as Float32Array,
        e.map((v) => v / z),
        1e-6,
      );
      expectClose(
        out[2].data as Float32Array,
        e.map((v) => Math.log(v / z)),
        1e-6,
      );
    });
  });

  it("converts a plain value: Relu/features inside the op's scope; softmax's logits before any scope (Const)", () => {
    inGraph(() => {
      expect(tf.nn.relu([1, -1]).op.inputs[0].name).toBe("Relu/features:0");
      expect(tf.sigmoid([1.5]).op.inputs[0].name).toBe("Sigmoid/x:0");
      expect(tf.nn.softmax([1.5, 2]).op.inputs[0].name).toBe("Const:0");
    });
  });

  it("rejects what the OpDefs and shape functions reject", () => {
    inGraph(() => {
      expect(() => tf.nn.softmax(tf.constant(1.5))).toThrow(
        "Shape must be at least rank 1 but is rank 0 for 'Softmax' (op: 'Softmax') with input shapes: [].",
      );
      expect(() => tf.nn.softmax(tf.constant([1, 2]))).toThrow(
        "Value passed to parameter 'logits' has DataType int32 not in list of allowed values: float16, bfloat16, float32, float64",
      );
      expect(() => tf.sigmoid(tf.constant([1, 2]))).toThrow(
        "Value passed to parameter 'x' has DataType int32 not in list of allowed values: bfloat16, float16, float32, float64, complex64, complex128",
      );
      expect(() => tf.nn.softmax(tf.constant([[1.5]]), { axis: 0 })).toThrow(
        "tf.nn.softmax: axis 0 is not the last axis; only the last axis (-1) is supported. Transpose the logits first.",
      );
      expect(
        tf
          .getDefaultGraph()
          .getOperations()
          .map((op) => op.name),
      ).toEqual(["Const", "Const_1", "Const_2", "Const_3"]);
    });
  });

  it("builds the gradient ops ReluGrad, SigmoidGrad, TanhGrad with merged shapes", () => {
    inGraph(() => {
      const y = tf.placeholder(tf.float64, [null, 2], "y");
      const dy = tf.placeholder(tf.float64, [3, null], "dy");
      const g = [reluGrad(dy, y), sigmoidGrad(y, dy), tanhGrad(y, dy)];
      expect(g.map((t) => [t.op.type, t.name, t.shape])).toEqual([
        ["ReluGrad", "ReluGrad:0", [3, 2]],
        ["SigmoidGrad", "SigmoidGrad:0", [3, 2]],
        ["TanhGrad", "TanhGrad:0", [3, 2]],
      ]);
      expect(() => tanhGrad(y, tf.placeholder(tf.float64, [3, 4]))).toThrow(
        "Dimensions must be equal, but are 2 and 4 for 'TanhGrad_1' (op: 'TanhGrad') with input shapes: [?,2], [3,4].",
      );
      const out = new tf.Session().run(g, {
        "y:0": [
          [0.5, -1],
          [0, 0],
          [0, 0],
        ],
        "dy:0": [
          [2, 3],
          [0, 0],
          [0, 0],
        ],
      });
      expect((out[0].toArray() as number[][])[0]).toEqual([2, 0]);
      expect((out[1].toArray() as number[][])[0]).toEqual([0.5, -6]);
      expect((out[2].toArray() as number[][])[0]).toEqual([1.5, 0]);
    });
  });
});

describe("BiasAdd, BiasAddGrad, L2Loss", () => {
  it("bias_add opens BiasAdd and converts input and bias inside it", () => {
    inGraph(() => {
      const y = tf.nn.biasAdd(
        [
          [1, 2],
          [3, 4],
        ],
        [10, 20],
      );
      expect(y.name).toBe("BiasAdd:0");
      expect(y.op.inputs.map((t) => t.name)).toEqual(["BiasAdd/input:0", "BiasAdd/bias:0"]);
      expect(y.op.attrs.data_format).toBe("NHWC");
      expect(new tf.Session().run(y).toArray()).toEqual([
        [11, 22],
        [13, 24],
      ]);
      const nc = tf.nn.biasAdd(tf.placeholder(tf.float32, [null, 3, 4, 4]), tf.placeholder(tf.float32, [null]), {
        dataFormat: "NCHW",
      });
      expect(nc.shape).toEqual([null, 3, 4, 4]);
      expect(biasAddGrad(nc).shape).toEqual([4]);
      expect(biasAddGrad(nc, { dataFormat: "NCHW" }).shape).toEqual([3]);
      const loss = tf.nn.l2Loss([1.5, 2, 3], "l2");
      expect([loss.op.type, loss.name, loss.shape]).toEqual(["L2Loss", "l2:0", []]);
      expect(new tf.Session().run(loss).item()).toBeCloseTo(7.625, 6);
    });
  });

  it("bias_add's checks: data_format form, ranks, bias length", () => {
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [2, 3], "x");
      expect(() => tf.nn.biasAdd(x, [1, 2, 3], { dataFormat: "HWC" })).toThrow(
        "data_format must be of the form `N...C` or `NC...`",
      );
      expect(() => tf.nn.biasAdd(x, [1, 2])).toThrow(
        "Dimensions must be equal, but are 3 and 2 for 'BiasAdd' (op: 'BiasAdd') with input shapes: [2,3], [2].",
      );
      expect(() => tf.nn.biasAdd(tf.placeholder(tf.float32, [3]), [1, 2, 3])).toThrow(
        "Shape must be at least rank 2 but is rank 1 for 'BiasAdd' (op: 'BiasAdd') with input shapes: [3], [3].",
      );
      expect(() => tf.nn.biasAdd(x, [[1, 2, 3]])).toThrow(
        "Shape must be rank 1 but is rank 2 for 'BiasAdd' (op: 'BiasAdd') with input shapes: [2,3], [1,3].",
      );
    });
  });
});

describe("Conv2D (nn_ops.py: conv2d, common_shape_fns.cc: Conv2DShapeImpl)", () => {
  it("builds Conv2D with TF's attrs and static shape, SAME and VALID, strides and dilations", () => {
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [null, 5, 6, 3], "x");
      const f = tf.placeholder(tf.float32, [3, 3, 3, 8], "f");
      const same = tf.nn.conv2d(x, f, [1, 2, 2, 1], "SAME");
      expect([same.op.type, same.name, same.shape]).toEqual(["Conv2D", "Conv2D:0", [null, 3, 3, 8]]);
      expect(same.op.attrs).toMatchObject({
        strides: [1, 2, 2, 1],
        padding: "SAME",
        data_format: "NHWC",
        dilations: [1, 1, 1, 1],
        use_cudnn_on_gpu: true,
        explicit_paddings: [],
      });
      expect(tf.nn.conv2d(x, f, 1, "VALID", "c").shape).toEqual([null, 3, 4, 8]);
      expect(tf.nn.conv2d(x, f, [2, 3], "VALID").shape).toEqual([null, 2, 2, 8]);
      expect(tf.nn.conv2d(x, f, 1, "VALID", { dilations: 2 }).shape).toEqual([null, 1, 2, 8]);
      const nchw = tf.nn.conv2d(tf.placeholder(tf.float32, [1, 3, 5, 6]), f, [1, 1, 2, 2], "SAME", {
        dataFormat: "NCHW",
      });
      expect(nchw.shape).toEqual([1, 8, 3, 3]);
    });
  });

  it("runs: a 2x2 filter over a 3x3 image (SAME pads after)", () => {
    inGraph(() => {
      const x = tf.constant([1, 2, 3, 4, 5, 6, 7, 8, 9], { shape: [1, 3, 3, 1], dtype: tf.float32 });
      const f = tf.constant([1, 1, 1, 1], { shape: [2, 2, 1, 1], dtype: tf.float32 });
      const y = tf.nn.conv2d(x, f, [1, 1, 1, 1], "SAME");
      expect(new tf.Session().run(y).toArray()).toEqual([
        [
          [[12], [16], [9]],
          [[24], [28], [15]],
          [[15], [17], [9]],
        ],
      ]);
    });
  });

  it("gives TF 1.15's shape-function and attr messages", () => {
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [1, 5, 5, 3], "x");
      expect(() => tf.nn.conv2d(x, tf.placeholder(tf.float32, [2, 2, 4, 1]), 1, "SAME")).toThrow(
        "Depth of input (3) is not a multiple of input depth of filter (4) for 'Conv2D' (op: 'Conv2D') with input shapes: [1,5,5,3], [2,2,4,1].",
      );
      expect(() =>
        tf.nn.conv2d(tf.placeholder(tf.float32, [5, 5, 3]), tf.placeholder(tf.float32, [2, 2, 3, 1]), 1, "SAME"),
      ).toThrow(
        "Shape must be rank 4 but is rank 3 for 'Conv2D' (op: 'Conv2D') with input shapes: [5,5,3], [2,2,3,1].",
      );
      expect(() => tf.nn.conv2d(x, tf.placeholder(tf.float32, [6, 2, 3, 1]), 1, "VALID")).toThrow(
        "Negative dimension size caused by subtracting 6 from 5 for 'Conv2D' (op: 'Conv2D') with input shapes: [1,5,5,3], [6,2,3,1].",
      );
      expect(() => tf.nn.conv2d(x, tf.placeholder(tf.float32, [2, 2, 3, 1]), 1, "FULL")).toThrow(
        `Attr 'padding' of 'Conv2D' Op passed string 'FULL' not in: "SAME", "VALID", "EXPLICIT".`,
      );
      expect(() => tf.nn.conv2d(x, tf.placeholder(tf.float32, [2, 2, 3, 1]), [1, 2, 3], "SAME")).toThrow(
        "strides should be of length 1, 2 or 4 but was 3",
      );
      expect(() => tf.nn.conv2d(x, tf.placeholder(tf.float64, [2, 2, 3, 1]), 1, "SAME")).toThrow(
        "Input 'filter' of 'Conv2D' Op has type float64 that does not match type float32 of argument 'input'.",
      );
    });
  });

  it("Conv2DBackpropInput / Conv2DBackpropFilter take their output shape from a Const or a Shape of a tensor", () => {
    inGraph(() => {
      const f = tf.placeholder(tf.float32, [3, 3, 2, 4], "f");
      const dy = tf.placeholder(tf.float32, [null, 5, 5, 4], "dy");
      const dx = conv2dBackpropInput([7, 5, 5, 2], f, dy, { strides: [1, 1, 1, 1], padding: "SAME" });
      expect([dx.op.type, dx.name, dx.shape]).toEqual(["Conv2DBackpropInput", "Conv2DBackpropInput:0", [7, 5, 5, 2]]);
      expect(dx.op.inputs[0].name).toBe("Conv2DBackpropInput/input_sizes:0");
      const x = tf.placeholder(tf.float32, [null, 5, 5, 2], "x");
      const df = conv2dBackpropFilter(x, [3, 3, 2, 4], dy, { strides: [1, 1, 1, 1], padding: "SAME" });
      expect([df.op.type, df.shape]).toEqual(["Conv2DBackpropFilter", [3, 3, 2, 4]]);
    });
  });
});

describe("MaxPool / AvgPool (nn_ops.py: max_pool, avg_pool; common_shape_fns.cc: MaxPoolShape, AvgPoolShape)", () => {
  it("builds the pools in their scopes, with ksize/strides attrs, and runs them", () => {
    inGraph(() => {
      const x = tf.constant([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], {
        shape: [1, 4, 4, 1],
        dtype: tf.float32,
      });
      const mp = tf.nn.maxPool(x, [1, 2, 2, 1], [1, 2, 2, 1], "VALID");
      const ap = tf.nn.avgPool(x, 2, 2, "VALID");
      expect([mp.op.type, mp.name, mp.shape]).toEqual(["MaxPool", "MaxPool:0", [1, 2, 2, 1]]);
      expect([ap.op.type, ap.name]).toEqual(["AvgPool", "AvgPool:0"]);
      expect(ap.op.attrs).toMatchObject({
        ksize: [1, 2, 2, 1],
        strides: [1, 2, 2, 1],
        padding: "VALID",
        data_format: "NHWC",
      });
      expect(tf.nn.maxPool([[[[1]]]], 1, 1, "SAME").op.inputs[0].name).toBe("MaxPool_1/input:0");
      const out = new tf.Session().run([mp, ap]);
      expect(out[0].toArray()).toEqual([
        [
          [[6], [8]],
          [[14], [16]],
        ],
      ]);
      expect(out[1].toArray()).toEqual([
        [
          [[3.5], [5.5]],
          [[11.5], [13.5]],
        ],
      ]);
      expect(tf.nn.maxPool(tf.placeholder(tf.float32, [null, 5, 7, 3]), 3, 2, "SAME").shape).toEqual([null, 3, 4, 3]);
      expect(tf.nn.avgPool(tf.placeholder(tf.float32, [null, 5, 7, 3]), 3, 2, "VALID").shape).toEqual([null, 2, 3, 3]);
    });
  });

  it("gives TF's messages", () => {
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [1, 2, 2, 1], "x");
      expect(() => tf.nn.maxPool(x, 3, 1, "VALID")).toThrow(
        "Negative dimension size caused by subtracting 3 from 2 for 'MaxPool' (op: 'MaxPool') with input shapes: [1,2,2,1].",
      );
      expect(() => tf.nn.avgPool(tf.placeholder(tf.float32, [2, 2, 1]), 1, 1, "VALID")).toThrow(
        "Shape must be rank 4 but is rank 3 for 'AvgPool' (op: 'AvgPool') with input shapes: [2,2,1].",
      );
      expect(() => tf.nn.maxPool(x, 1, 1, "EXPLICIT")).toThrow(
        `Attr 'padding' of 'MaxPool' Op passed string 'EXPLICIT' not in: "SAME", "VALID".`,
      );
      expect(() => tf.nn.avgPool(tf.constant([[[[1]]]]), 1, 1, "VALID")).toThrow(
        "Value passed to parameter 'input' has DataType int32 not in list of allowed values: float16, bfloat16, float32, float64",
      );
      expect(
        tf
          .getDefaultGraph()
          .getOperations()
          .map((op) => op.name),
      ).toEqual(["x", "Placeholder", "Const"]);
    });
  });

  it("builds MaxPoolGrad and AvgPoolGrad", () => {
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [1, 4, 4, 1], "x");
      const y = tf.nn.maxPool(x, 2, 2, "VALID");
      const attrs = { ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: "VALID" };
      const mg = maxPoolGrad(x, y, y, attrs);
      const ag = avgPoolGrad([1, 4, 4, 1], y, attrs);
      expect([mg.op.type, mg.name, mg.shape]).toEqual(["MaxPoolGrad", "MaxPoolGrad:0", [1, 4, 4, 1]]);
      expect([ag.op.type, ag.name, ag.shape]).toEqual(["AvgPoolGrad", "AvgPoolGrad:0", [1, 4, 4, 1]]);
    });
  });
});

describe("BatchMatMul / BatchMatMulV2 (gen_math_ops.py; common_shape_fns.cc)", () => {
  it("infers batch shapes with adjoints; V2 broadcasts", () => {
    inGraph(() => {
      const a = tf.placeholder(tf.float32, [5, 2, 3], "a");
      const b = tf.placeholder(tf.float32, [5, 4, 3], "b");
      const y = batchMatMul(a, b, { adjY: true });
      expect([y.op.type, y.name, y.shape, y.op.attrs.adj_y]).toEqual(["BatchMatMul", "BatchMatMul:0", [5, 2, 4], true]);
      expect(batchMatMulV2(a, tf.placeholder(tf.float32, [3, 7])).shape).toEqual([5, 2, 7]);
      expect(() => batchMatMul(a, tf.placeholder(tf.float32, [3, 7]))).toThrow(
        "Shapes must be equal rank, but are 1 and 0 for 'BatchMatMul_1' (op: 'BatchMatMul') with input shapes: [5,2,3], [3,7].",
      );
      expect(() => batchMatMulV2(a, b)).toThrow(
        "Dimensions must be equal, but are 3 and 4 for 'BatchMatMulV2_1' (op: 'BatchMatMulV2') with input shapes: [5,2,3], [5,4,3].",
      );
      expect(() => batchMatMulV2(tf.placeholder(tf.float32, [3]), a)).toThrow(
        "Shape must be at least rank 2 but is rank 1 for 'BatchMatMulV2_1' (op: 'BatchMatMulV2') with input shapes: [3], [5,2,3].",
      );
    });
  });
});

describe("cross-entropy ops (nn_ops.cc shape functions)", () => {
  it("SoftmaxCrossEntropyWithLogits has loss [batch] and backprop [batch, classes]; broadcasting labels", () => {
    inGraph(() => {
      const logits = tf.placeholder(tf.float32, [null, 3], "logits");
      const { loss, backprop } = softmaxCrossEntropyWithLogitsOp(logits, tf.placeholder(tf.float32, [1, 3]));
      expect([loss.name, loss.shape, backprop.name, backprop.shape]).toEqual([
        "SoftmaxCrossEntropyWithLogits:0",
        [null],
        "SoftmaxCrossEntropyWithLogits:1",
        [null, 3],
      ]);
      expect(() =>
        softmaxCrossEntropyWithLogitsOp(tf.placeholder(tf.float32, [2, 3]), tf.placeholder(tf.float32, [2, 4])),
      ).toThrow(
        "Dimensions must be equal, but are 3 and 4 for 'SoftmaxCrossEntropyWithLogits_1' (op: 'SoftmaxCrossEntropyWithLogits') with input shapes: [2,3], [2,4].",
      );
      expect(() =>
        softmaxCrossEntropyWithLogitsOp(tf.placeholder(tf.float32, [3]), tf.placeholder(tf.float32, [3])),
      ).toThrow(
        "Shape must be broadcasted with rank 2, but is rank 1 for 'SoftmaxCrossEntropyWithLogits_1' (op: 'SoftmaxCrossEntropyWithLogits') with input shapes: [3], [3].",
      );
    });
  });

  it("SparseSoftmaxCrossEntropyWithLogits checks ranks and the batch dim; labels int32 or int64", () => {
    inGraph(() => {
      const logits = tf.placeholder(tf.float32, [4, 3], "logits");
      const { loss, backprop } = sparseSoftmaxCrossEntropyWithLogitsOp(logits, tf.placeholder(tf.int32, [null]));
      expect([loss.shape, backprop.shape, loss.op.attrs.Tlabels]).toEqual([[4], [4, 3], tf.int32]);
      expect(() => sparseSoftmaxCrossEntropyWithLogitsOp(logits, tf.placeholder(tf.int64, [5]))).toThrow(
        "Dimensions must be equal, but are 4 and 5 for 'SparseSoftmaxCrossEntropyWithLogits_1' (op: 'SparseSoftmaxCrossEntropyWithLogits') with input shapes: [4,3], [5].",
      );
      expect(() => sparseSoftmaxCrossEntropyWithLogitsOp(logits, tf.placeholder(tf.float32, [4]))).toThrow(
        "Value passed to parameter 'labels' has DataType float32 not in list of allowed values: int32, int64",
      );
      const out = new tf.Session().run(
        sparseSoftmaxCrossEntropyWithLogitsOp(
          tf.constant([[0, 0]], { dtype: tf.float64 }),
          tf.constant([1], { dtype: tf.int64 }),
        ).loss,
      );
      expect(out.item()).toBeCloseTo(Math.log(2), 12);
    });
  });
});

describe("nn_ops.py relu6 (nn_test.py Relu6Test)", () => {
  it("clips to [0, 6], is named Relu6, and its gradient is a Relu6Grad passing only inside (0, 6)", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.constant([-1, 0.5, 3, 6, 7.5], { dtype: tf.float64 });
      const y = tf.nn.relu6(x);
      expect(y.op.type).toBe("Relu6");
      expect(y.op.name).toBe("Relu6");
      const [dx] = tf.gradients(y, [x]);
      expect(dx!.op.type).toBe("Relu6Grad");
      expect(dx!.op.name).toBe("gradients/Relu6_grad/Relu6Grad");
      const sess = new tf.Session();
      expect(sess.run(y).toArray()).toEqual([0, 0.5, 3, 6, 6]);
      expect(sess.run(dx!).toArray()).toEqual([0, 1, 1, 0, 0]);
    });
  });
});
