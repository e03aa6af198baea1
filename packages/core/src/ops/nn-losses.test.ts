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
      // nn_ops.py (TF 1.15): v2_helper re-enters the `_sg` scope; the loss is the Reshape back to the output shape.
      expect([loss.op.type, loss.name, loss.shape]).toEqual([
        "Reshape",
        "softmax_cross_entropy_with_logits_sg/Reshape_2:0",
        [2],
      ]);
      const xent = g.getOperationByName("softmax_cross_entropy_with_logits_sg");
      expect(xent.type).toBe("SoftmaxCrossEntropyWithLogits");
      expect(xent.inputs.map((t) => t.name)).toEqual([
        "softmax_cross_entropy_with_logits_sg/Reshape:0",
        "softmax_cross_entropy_with_logits_sg/Reshape_1:0",
      ]);
      expect(g.getOperationByName("softmax_cross_entropy_with_logits_sg/Reshape_1").inputs[0].name).toBe(
        "softmax_cross_entropy_with_logits_sg/labels_stop_gradient:0",
      );
      expect(g.getOperationByName("softmax_cross_entropy_with_logits_sg/labels_stop_gradient").type).toBe(
        "StopGradient",
      );
      // The node list of a TF 1.15 GraphDef for the same call (rank and shapes static, so Rank/Shape are Consts).
      const sg = "softmax_cross_entropy_with_logits_sg";
      const flatten = (i: string, j: string) => [
        `Rank${i}:Const`,
        `Shape${i}:Const`,
        `Sub${j}/y:Const`,
        `Sub${j}:Sub`,
        `Slice${j}/begin:Pack`,
        `Slice${j}/size:Const`,
        `Slice${j}:Slice`,
        `concat${j}/values_0:Const`,
        `concat${j}/axis:Const`,
        `concat${j}:ConcatV2`,
        `Reshape${j}:Reshape`,
      ];
      expect(
        g
          .getOperations()
          .filter((o) => o.name.startsWith(sg))
          .map((o) => `${o.name.slice(sg.length + 1)}:${o.type}`),
      ).toEqual([
        "labels_stop_gradient:StopGradient",
        "Rank:Const",
        "Shape:Const",
        ...flatten("_1", ""),
        ...flatten("_2", "_1"),
        ":SoftmaxCrossEntropyWithLogits",
        "Sub_2/y:Const",
        "Sub_2:Sub",
        "Slice_2/begin:Const",
        "Slice_2/size:Pack",
        "Slice_2:Slice",
        "Reshape_2:Reshape",
      ]);
      const lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
      expectClose(new tf.Session().run(loss).data as Float64Array, [lse - 3, Math.log(3)], 1e-12);
      expect(() => tf.nn.softmaxCrossEntropyWithLogits({ logits } as never)).toThrow(
        "Both labels and logits must be provided.",
      );
    });
  });

  it("softmaxCrossEntropyWithLogits: rank-3 logits flattened to rank 2 and the loss reshaped back", () => {
    new tf.Graph().asDefault((g) => {
      const x = [1, 2, 3, 0, 0, 0, -1, 0.5, 2, 4, 4, 1];
      const y = [0, 0, 1, 0.5, 0.5, 0, 1, 0, 0, 0.2, 0.3, 0.5];
      const logits = tf.constant(x, { dtype: tf.float64, shape: [2, 2, 3] });
      const labels = tf.constant(y, { dtype: tf.float64, shape: [2, 2, 3] });
      const loss = tf.nn.softmaxCrossEntropyWithLogits({ labels, logits });
      expect([loss.name, loss.shape]).toEqual(["softmax_cross_entropy_with_logits_sg/Reshape_2:0", [2, 2]]);
      const xent = g.getOperationByName("softmax_cross_entropy_with_logits_sg");
      expect(xent.inputs.map((t) => t.shape)).toEqual([
        [4, 3],
        [4, 3],
      ]);
      const expected = [0, 1, 2, 3].map((r) => {
        const row = x.slice(3 * r, 3 * r + 3);
        const lse = Math.log(row.reduce((a, v) => a + Math.exp(v), 0));
        return row.reduce((a, v, k) => a + y[3 * r + k] * (lse - v), 0);
      });
      expectClose(new tf.Session().run(loss).data as Float64Array, expected, 1e-12);
      // Unknown outer dims: the loss keeps what is static.
      const p = tf.placeholder(tf.float32, [null, 5, 3]);
      expect(tf.nn.softmaxCrossEntropyWithLogits({ labels: p, logits: p }).shape).toEqual([null, 5]);
      expect(() => tf.nn.softmaxCrossEntropyWithLogits({ labels, logits, axis: 0 })).toThrow(
        "only the last axis as the class axis is supported",
      );
    });
    checkGradient(
      ([l]) =>
        tf.nn.softmaxCrossEntropyWithLogits({
          labels: tf.constant([0, 0, 1, 0.5, 0.5, 0, 1, 0, 0, 0.2, 0.3, 0.5], { dtype: tf.float64, shape: [2, 2, 3] }),
          logits: l,
        }),
      [new tf.NDArray("float64", [2, 2, 3], Float64Array.from([1, 2, 3, 0, 0, 0, -1, 0.5, 2, 4, 4, 1]))],
      { tolerance: 1e-7 },
    );
  });

  it("sparseSoftmaxCrossEntropyWithLogits: rank-3 logits reshaped to [-1, num_classes] as TF 1.15 does", () => {
    new tf.Graph().asDefault((g) => {
      const x = [1, 2, 3, 0, 0, 0, -1, 0.5, 2, 4, 4, 1];
      const logits = tf.constant(x, { dtype: tf.float64, shape: [2, 2, 3], name: "logits" });
      const loss = tf.nn.sparseSoftmaxCrossEntropyWithLogits({
        labels: [
          [2, 0],
          [1, 1],
        ],
        logits,
      });
      expect([loss.op.type, loss.name, loss.shape]).toEqual([
        "Reshape",
        "SparseSoftmaxCrossEntropyWithLogits/Reshape_2:0",
        [2, 2],
      ]);
      const scope = "SparseSoftmaxCrossEntropyWithLogits/";
      expect(
        g
          .getOperations()
          .filter((o) => o.name.startsWith(scope))
          .map((o) => `${o.name.slice(scope.length)}:${o.type}`),
      ).toEqual([
        "Const:Const",
        "Shape:Const",
        "Shape_1:Const",
        "Rank:Const",
        "sub/y:Const",
        "sub:Sub",
        "add/y:Const",
        "add:AddV2",
        "strided_slice/stack:Pack",
        "strided_slice/stack_1:Pack",
        "strided_slice/stack_2:Const",
        "strided_slice:StridedSlice",
        "Reshape/shape/0:Const",
        "Reshape/shape:Pack",
        "Reshape:Reshape",
        "Reshape_1/shape:Const",
        "Reshape_1:Reshape",
        "SparseSoftmaxCrossEntropyWithLogits:SparseSoftmaxCrossEntropyWithLogits",
        "Reshape_2:Reshape",
      ]);
      const expected = [2, 0, 1, 1].map((c, r) => {
        const row = x.slice(3 * r, 3 * r + 3);
        return Math.log(row.reduce((a, v) => a + Math.exp(v), 0)) - row[c];
      });
      expectClose(new tf.Session().run(loss).data as Float64Array, expected, 1e-12);
      expect(() => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: [1, 0], logits })).toThrow(
        "Rank mismatch: Rank of labels (received 1) should equal rank of logits minus 1 (received 3).",
      );
    });
    checkGradient(
      ([l]) =>
        tf.nn.sparseSoftmaxCrossEntropyWithLogits({
          labels: [
            [2, 0],
            [1, 1],
          ],
          logits: l,
        }),
      [new tf.NDArray("float64", [2, 2, 3], Float64Array.from([1, 2, 3, 0, 0, 0, -1, 0.5, 2, 4, 4, 1]))],
      { tolerance: 1e-7 },
    );
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
