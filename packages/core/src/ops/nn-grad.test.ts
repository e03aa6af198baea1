// nn_grad.py / math_grad.py gradients: each checked against central finite differences in float64
// (gradient_checker.py's idea, via test-kit's checkGradient), and the gradient ops' TF 1.15 names.
import { seeded, uniform } from "@scopeflow/test-kit";
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import * as tf from "../index";
import { batchMatMul, batchMatMulV2 } from "./nn-batch-matmul";
import { conv2dBackpropInput } from "./nn-conv-ops";
import { softmaxCrossEntropyWithLogitsOp, sparseSoftmaxCrossEntropyWithLogitsOp } from "./nn-loss-ops";

function values(shape: number[], seed: number, scale = 1): tf.NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  return new tf.NDArray("float64", shape, Float64Array.from(uniform(n, seed, scale)));
}

/** Distinct values (so max pooling has one argmax per window), shuffled. */
function distinct(shape: number[], seed: number): tf.NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const r = seeded(seed);
  const order = Array.from({ length: n }, (_, i) => i).sort(() => r() - 0.5);
  return new tf.NDArray(
    "float64",
    shape,
    Float64Array.from(order, (v) => v / n - 0.5),
  );
}

const tol = { tolerance: 1e-7 };

describe("gradient checks against central differences (float64)", () => {
  it("Relu, Sigmoid, Tanh", () => {
    // Relu away from 0, where it is not differentiable.
    const x = new tf.NDArray("float64", [2, 3], Float64Array.from([-1.5, -0.5, 0.25, 0.75, 1.5, -2]));
    checkGradient(([a]) => tf.nn.relu(a), [x], tol);
    checkGradient(([a]) => tf.sigmoid(a), [values([2, 3], 1, 3)], tol);
    checkGradient(([a]) => tf.tanh(a), [values([2, 3], 2, 2)], tol);
  });

  it("Softmax and LogSoftmax over the last axis", () => {
    checkGradient(([a]) => tf.nn.softmax(a), [values([3, 4], 3, 2)], tol);
    checkGradient(([a]) => tf.nn.logSoftmax(a), [values([2, 2, 3], 4, 2)], tol);
  });

  it("BiasAdd (NHWC and NCHW) and L2Loss", () => {
    checkGradient(([a, b]) => tf.nn.biasAdd(a, b), [values([2, 3, 4], 5), values([4], 6)], tol);
    checkGradient(
      ([a, b]) => tf.nn.biasAdd(a, b, { dataFormat: "NCHW" }),
      [values([2, 3, 2, 2], 7), values([3], 8)],
      tol,
    );
    checkGradient(([a]) => tf.nn.l2Loss(a), [values([3, 2], 9)], tol);
  });

  it("SoftmaxCrossEntropyWithLogits (logits and labels) and the sparse form (logits)", () => {
    const labels = new tf.NDArray("float64", [2, 3], Float64Array.from([0.2, 0.3, 0.5, 1, 0, 0]));
    checkGradient(([l, y]) => softmaxCrossEntropyWithLogitsOp(l, y).loss, [values([2, 3], 10, 2), labels], tol);
    checkGradient(
      ([l]) => sparseSoftmaxCrossEntropyWithLogitsOp(l, tf.constant([2, 0, 1], { dtype: tf.int32 })).loss,
      [values([3, 3], 11, 2)],
      tol,
    );
  });

  it("Conv2D: input and filter, SAME with strides, VALID with dilations", () => {
    checkGradient(
      ([x, f]) => tf.nn.conv2d(x, f, [1, 2, 2, 1], "SAME"),
      [values([2, 5, 4, 2], 12), values([3, 2, 2, 3], 13)],
      tol,
    );
    checkGradient(
      ([x, f]) => tf.nn.conv2d(x, f, 1, "VALID", { dilations: [1, 2, 1, 1] }),
      [values([1, 6, 5, 1], 14), values([2, 2, 1, 2], 15)],
      tol,
    );
  });

  it("Conv2DBackpropInput: filter and out_backprop (its gradient builds Conv2DBackpropFilter and Conv2D)", () => {
    checkGradient(
      ([f, dy]) => conv2dBackpropInput([1, 4, 4, 2], f, dy, { strides: [1, 2, 2, 1], padding: "SAME" }),
      [values([3, 3, 2, 3], 16), values([1, 2, 2, 3], 17)],
      tol,
    );
  });

  it("MaxPool and AvgPool (SAME and VALID)", () => {
    checkGradient(([x]) => tf.nn.maxPool(x, 2, 2, "VALID"), [distinct([1, 4, 4, 2], 18)], tol);
    checkGradient(([x]) => tf.nn.maxPool(x, 3, 2, "SAME"), [distinct([2, 5, 5, 1], 19)], tol);
    checkGradient(([x]) => tf.nn.avgPool(x, 3, 2, "SAME"), [values([1, 5, 4, 2], 20)], tol);
  });

  it("BatchMatMul with every adjoint pair; BatchMatMulV2 with broadcast batch dims", () => {
    for (const [adjX, adjY] of [
      [false, false],
      [false, true],
      [true, false],
      [true, true],
    ]) {
      const xs = adjX ? [2, 3, 2] : [2, 2, 3];
      const ys = adjY ? [2, 4, 3] : [2, 3, 4];
      checkGradient(([a, b]) => batchMatMul(a, b, { adjX, adjY }), [values(xs, 21), values(ys, 22)], tol);
    }
    checkGradient(([a, b]) => batchMatMulV2(a, b), [values([2, 1, 2, 3], 23), values([3, 3, 2], 24)], tol);
  });
});

function gradOpNames(graph: tf.Graph, before: number): string[] {
  return graph
    .getOperations()
    .slice(before)
    .map((op) => `${op.name}:${op.type}`);
}

describe("gradient op names (nn_grad.py structure)", () => {
  it("Relu, Conv2D, MaxPool, BiasAdd", () => {
    new tf.Graph().asDefault((g) => {
      const x = tf.placeholder(tf.float32, [1, 4, 4, 1], "x");
      const f = tf.placeholder(tf.float32, [2, 2, 1, 2], "f");
      const b = tf.placeholder(tf.float32, [2], "b");
      const y = tf.nn.maxPool(tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(x, f, 1, "SAME"), b)), 2, 2, "VALID");
      const before = g.getOperations().length;
      tf.gradients(y, [x, f, b], { gradYs: [tf.ones([1, 2, 2, 2])] });
      const names = gradOpNames(g, before);
      expect(names).toEqual(
        expect.arrayContaining([
          "gradients/MaxPool_grad/MaxPoolGrad:MaxPoolGrad",
          "gradients/Relu_grad/ReluGrad:ReluGrad",
          "gradients/BiasAdd_grad/BiasAddGrad:BiasAddGrad",
          "gradients/Conv2D_grad/ShapeN:ShapeN",
          "gradients/Conv2D_grad/Conv2DBackpropInput:Conv2DBackpropInput",
          "gradients/Conv2D_grad/Conv2DBackpropFilter:Conv2DBackpropFilter",
        ]),
      );
    });
  });

  it("Softmax, SoftmaxCrossEntropyWithLogits, AvgPool, L2Loss", () => {
    new tf.Graph().asDefault((g) => {
      const x = tf.placeholder(tf.float32, [2, 3], "x");
      const s = tf.nn.softmax(x);
      let before = g.getOperations().length;
      tf.gradients(s, [x]);
      expect(gradOpNames(g, before).filter((n) => n.startsWith("gradients/Softmax_grad/"))).toEqual([
        "gradients/Softmax_grad/mul:Mul",
        "gradients/Softmax_grad/Sum/reduction_indices:Const",
        "gradients/Softmax_grad/Sum:Sum",
        "gradients/Softmax_grad/sub:Sub",
        "gradients/Softmax_grad/mul_1:Mul",
      ]);
      const { loss } = softmaxCrossEntropyWithLogitsOp(x, tf.placeholder(tf.float32, [2, 3], "labels"), "xent");
      before = g.getOperations().length;
      tf.gradients(loss, [x]);
      expect(gradOpNames(g, before).filter((n) => n.startsWith("gradients_1/xent_grad/"))).toEqual([
        "gradients_1/xent_grad/ExpandDims/dim:Const",
        "gradients_1/xent_grad/ExpandDims:ExpandDims",
        "gradients_1/xent_grad/mul:Mul",
        "gradients_1/xent_grad/LogSoftmax:LogSoftmax",
        "gradients_1/xent_grad/Neg:Neg",
        "gradients_1/xent_grad/ExpandDims_1/dim:Const",
        "gradients_1/xent_grad/ExpandDims_1:ExpandDims",
        "gradients_1/xent_grad/mul_1:Mul",
      ]);
      const p = tf.nn.avgPool(tf.placeholder(tf.float32, [1, 2, 2, 1], "img"), 2, 2, "VALID");
      before = g.getOperations().length;
      tf.gradients(p, [p.op.inputs[0]]);
      expect(gradOpNames(g, before).filter((n) => n.startsWith("gradients_2/AvgPool_grad/"))).toEqual([
        "gradients_2/AvgPool_grad/Shape:Const",
        "gradients_2/AvgPool_grad/AvgPoolGrad:AvgPoolGrad",
      ]);
      const l2 = tf.nn.l2Loss(x);
      before = g.getOperations().length;
      tf.gradients(l2, [x]);
      expect(gradOpNames(g, before).filter((n) => n.startsWith("gradients_3/L2Loss_grad/"))).toEqual([
        "gradients_3/L2Loss_grad/mul:Mul",
      ]);
    });
  });
});
