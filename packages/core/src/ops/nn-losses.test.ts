// tf.nn cross-entropy wrappers (nn_ops.py, nn_impl.py): names, values, messages, and gradients through them.
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import { expectClose } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";

describe("tf.nn cross-entropies", () => {
  it("softmaxCrossEntropyWithLogits: v1 scope, labels_stop_gradient, value", () => {
    new tf.Graph().asDefault((g) => {
      const logits = tf.constant(
        [
          [1, 2, 3],
          [0, 0, 0],
        ],
        { dtype: tf.float64, name: "logits" },
      );
      const labels = tf.constant(
        [
          [0, 0, 1],
          [0.5, 0.5, 0],
        ],
        { dtype: tf.float64, name: "labels" },
      );
      const loss = tf.nn.softmaxCrossEntropyWithLogits({ labels, logits });
      expect([loss.op.type, loss.name, loss.shape]).toEqual([
        "SoftmaxCrossEntropyWithLogits",
        "softmax_cross_entropy_with_logits_sg:0",
        [2],
      ]);
      expect(loss.op.inputs[1].name).toBe("softmax_cross_entropy_with_logits_sg/labels_stop_gradient:0");
      expect(g.getOperationByName("softmax_cross_entropy_with_logits_sg/labels_stop_gradient").type).toBe(
        "StopGradient",
      );
      const lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
      expectClose(new tf.Session().run(loss).data as Float64Array, [lse - 3, Math.log(3)], 1e-12);
      expect(() => tf.nn.softmaxCrossEntropyWithLogits({ logits } as never)).toThrow(
        "Both labels and logits must be provided.",
      );
    });
  });

  it("sparseSoftmaxCrossEntropyWithLogits: scope, Shape of labels, TF's checks", () => {
    new tf.Graph().asDefault((g) => {
      const logits = tf.placeholder(tf.float32, [2, 3], "logits");
      const loss = tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: [2, 0], logits });
      expect(loss.name).toBe("SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits:0");
      expect(g.getOperationByName("SparseSoftmaxCrossEntropyWithLogits/Const").outputs[0].dtype).toBe(tf.int32);
      const out = new tf.Session().run(loss, {
        "logits:0": [
          [0, 0, 0],
          [1, 1, 1],
        ],
      });
      expectClose(out.data as Float32Array, [Math.log(3), Math.log(3)], 1e-6);
      expect(() => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: [[1, 0]], logits })).toThrow(
        "Rank mismatch: Rank of labels (received 2) should equal rank of logits minus 1 (received 2).",
      );
      expect(() => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: [1, 0, 1], logits })).toThrow(
        "Shape mismatch: The shape of labels (received (3,)) should equal the shape of logits except for the last dimension (received (2, 3)).",
      );
    });
  });

  it("sigmoidCrossEntropyWithLogits: logistic_loss composite, value and gradient", () => {
    new tf.Graph().asDefault(() => {
      const x = [-2, -0.5, 0.5, 3];
      const z = [0, 1, 0.3, 1];
      const loss = tf.nn.sigmoidCrossEntropyWithLogits({
        labels: tf.constant(z, { dtype: tf.float64 }),
        logits: tf.constant(x, { dtype: tf.float64 }),
      });
      expect([loss.op.type, loss.name]).toEqual(["Add", "logistic_loss:0"]);
      const expected = x.map((v, i) => Math.max(v, 0) - v * z[i] + Math.log(1 + Math.exp(-Math.abs(v))));
      expectClose(new tf.Session().run(loss).data as Float64Array, expected, 1e-12);
      expect(() => tf.nn.sigmoidCrossEntropyWithLogits({ labels: [1, 2], logits: [1.5, 2, 3] })).toThrow(
        "logits and labels must have the same shape ((3,) vs (2,))",
      );
    });
  });

  it("gradients flow through the wrappers (logits only for softmax: labels are stopped)", () => {
    checkGradient(
      ([l]) =>
        tf.nn.softmaxCrossEntropyWithLogits({
          labels: [
            [0.1, 0.2, 0.7],
            [1, 0, 0],
          ],
          logits: l,
        }),
      [new tf.NDArray("float64", [2, 3], Float64Array.from([0.5, -1, 2, 0.1, 0.2, -0.3]))],
      { tolerance: 1e-7 },
    );
  });
});
