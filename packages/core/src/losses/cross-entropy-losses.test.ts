// losses_test.py (TF 1.15): SigmoidCrossEntropyLossTest, SoftmaxCrossEntropyLossTest and
// SparseSoftmaxCrossEntropyLossTest, graph mode. The sparse cases whose labels, logits or weights have an unknown
// rank take TF's tf.cond path (not built yet): they assert scopeflow's message instead of a value.
import { describe, expect, it } from "vitest";
import { expectClose } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";

type Feeds = Map<tf.Tensor, unknown>;
const run = (t: tf.Tensor, feeds?: Feeds) => new tf.Session().run(t, feeds as never) as tf.NDArray;
const value = (t: tf.Tensor, feeds?: Feeds) => Number(run(t, feeds).item());
const inGraph = (body: (g: tf.Graph) => void) => () => new tf.Graph().asDefault(body);

const LOGITS_10 = [
  [10.0, 0.0, 0.0],
  [0.0, 10.0, 0.0],
  [0.0, 0.0, 10.0],
];
const LOGITS_100 = [
  [100.0, -100.0, -100.0],
  [-100.0, 100.0, -100.0],
  [-100.0, -100.0, 100.0],
];
const ONE_HOT_RIGHT = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];
const ONE_HOT_WRONG = [
  [0, 0, 1],
  [1, 0, 0],
  [0, 1, 0],
];
const f32 = (v: number | number[] | number[][]) => tf.constant(v, { dtype: tf.float32 });

describe("losses_test.py SoftmaxCrossEntropyLossTest", () => {
  it(
    "testNoneWeightRaisesValueError",
    inGraph(() => {
      expect(() => tf.losses.softmaxCrossEntropy(tf.constant(ONE_HOT_RIGHT), f32(LOGITS_10), null)).toThrow(
        "None values not supported.",
      );
    }),
  );
  it(
    "testAllCorrect: names",
    inGraph((g) => {
      const loss = tf.losses.softmaxCrossEntropy(tf.constant(ONE_HOT_RIGHT), f32(LOGITS_10));
      expect(loss.op.name).toBe("softmax_cross_entropy_loss/value");
      // int32 labels cast to the logits' dtype, stopped, then softmax_cross_entropy_with_logits_v2 as `xentropy`.
      const types = ["Cast", "labels_stop_gradient", "xentropy", "xentropy/Reshape_2", "Mul", "Sum", "Sum_1"].map(
        (n) => g.getOperationByName(`softmax_cross_entropy_loss/${n}`).type,
      );
      expect(types).toEqual(["Cast", "StopGradient", "SoftmaxCrossEntropyWithLogits", "Reshape", "Mul", "Sum", "Sum"]);
      expect(value(loss)).toBeCloseTo(0, 3);
    }),
  );
  it(
    "testAllWrong",
    inGraph(() => {
      const loss = tf.losses.softmaxCrossEntropy(tf.constant(ONE_HOT_WRONG), f32(LOGITS_10));
      expect(loss.op.name).toBe("softmax_cross_entropy_loss/value");
      expect(value(loss)).toBeCloseTo(10.0, 3);
    }),
  );
  it(
    "testNonZeroLossWithPythonScalarWeight / testNonZeroLossWithScalarTensorWeight",
    inGraph(() => {
      const labels = tf.constant(ONE_HOT_WRONG);
      const logits = f32(LOGITS_10);
      expect(value(tf.losses.softmaxCrossEntropy(labels, logits, 2.3))).toBeCloseTo(2.3 * 10.0, 3);
      expect(value(tf.losses.softmaxCrossEntropy(labels, logits, tf.constant(2.3)))).toBeCloseTo(2.3 * 10.0, 3);
    }),
  );
  it(
    "testNonZeroLossWithOneDimBatchSpecificWeights",
    inGraph(() => {
      const weights = tf.constant([1.2, 3.4, 5.6]);
      const loss = tf.losses.softmaxCrossEntropy(tf.constant(ONE_HOT_WRONG), f32(LOGITS_10), weights);
      expect(value(loss)).toBeCloseTo(((1.2 + 3.4 + 5.6) * 10.0) / 3.0, 3);
    }),
  );
  it(
    "testAllWrongAllWeightsMissing / testSomeWeightsMissing",
    inGraph(() => {
      const labels = tf.constant(ONE_HOT_WRONG);
      const logits = f32(LOGITS_10);
      expect(value(tf.losses.softmaxCrossEntropy(labels, logits, tf.constant([0, 0, 0])))).toBeCloseTo(0, 3);
      expect(value(tf.losses.softmaxCrossEntropy(labels, logits, tf.constant([1.2, 0, 0])))).toBeCloseTo(12.0, 3);
    }),
  );
  it(
    "testSoftmaxWithMeasurementSpecificWeightsRaisesException",
    inGraph(() => {
      const weights = tf.constant([
        [3, 4, 5],
        [2, 6, 0],
        [8, 0, 1],
      ]);
      expect(() => tf.losses.softmaxCrossEntropy(tf.constant(ONE_HOT_RIGHT), f32(LOGITS_100), weights)).toThrow(
        "weights can not be broadcast to values. values.rank=1. weights.rank=2. values.shape=(3,). weights.shape=(3, 3).",
      );
    }),
  );
  it(
    "testSoftmaxLabelSmoothing: names",
    inGraph((g) => {
      // The log partition of [100, -100, -100] is 0, so the loss is 400 * L / n.
      const loss = tf.losses.softmaxCrossEntropy(tf.constant([[1, 0, 0]]), f32([[100.0, -100.0, -100.0]]), {
        labelSmoothing: 0.1,
      });
      expect(loss.op.name).toBe("softmax_cross_entropy_loss/value");
      // shape(onehot_labels)[-1] cast to float, label_smoothing / num_classes (Tensor.__rtruediv__), mul, add.
      const names = ["Cast", "Shape", "strided_slice", "Cast_1", "truediv/x", "truediv", "mul", "add"];
      expect(names.map((n) => g.getOperationByName(`softmax_cross_entropy_loss/${n}`).type)).toEqual([
        "Cast",
        "Const",
        "StridedSlice",
        "Cast",
        "Const",
        "RealDiv",
        "Mul",
        "AddV2",
      ]);
      expect(value(loss)).toBeCloseTo((400.0 * 0.1) / 3.0, 3);
    }),
  );
});

describe("losses_test.py SparseSoftmaxCrossEntropyLossTest", () => {
  const COLUMN_RIGHT = [[0], [1], [2]];
  const COLUMN_WRONG = [[2], [0], [1]];
  it(
    "testNoneWeightRaisesValueError",
    inGraph(() => {
      expect(() => tf.losses.sparseSoftmaxCrossEntropy(tf.constant(COLUMN_RIGHT), f32(LOGITS_10), null)).toThrow(
        "None values not supported.",
      );
    }),
  );
  it(
    "testAllCorrectInt32Labels: names",
    inGraph((g) => {
      const loss = tf.losses.sparseSoftmaxCrossEntropy(tf.constant(COLUMN_RIGHT, { dtype: tf.int32 }), f32(LOGITS_10));
      expect(loss.op.name).toBe("sparse_softmax_cross_entropy_loss/value");
      // The [3, 1] labels are squeezed to [3]; the op is `xentropy/xentropy` (TF passes the name on inside the scope).
      const s = "sparse_softmax_cross_entropy_loss";
      expect(g.getOperationByName(`${s}/remove_squeezable_dimensions/Squeeze`).outputs[0].shape).toEqual([3]);
      expect(g.getOperationByName(`${s}/xentropy/xentropy`).type).toBe("SparseSoftmaxCrossEntropyWithLogits");
      expect(g.getOperationByName(`${s}/Const`).attrs.dtype).toBe(tf.float32);
      expect(value(loss)).toBeCloseTo(0, 3);
    }),
  );
  it(
    "testAllCorrectInt64Labels / testAllCorrectNonColumnLabels",
    inGraph(() => {
      const logits = f32(LOGITS_10);
      expect(
        value(tf.losses.sparseSoftmaxCrossEntropy(tf.constant(COLUMN_RIGHT, { dtype: tf.int64 }), logits)),
      ).toBeCloseTo(0, 3);
      expect(value(tf.losses.sparseSoftmaxCrossEntropy(tf.constant([0, 1, 2]), logits))).toBeCloseTo(0, 3);
    }),
  );
  it(
    "testAllWrongInt32Labels / testAllWrongInt64Labels / testAllWrongNonColumnLabels",
    inGraph(() => {
      const logits = f32(LOGITS_10);
      for (const labels of [
        tf.constant(COLUMN_WRONG, { dtype: tf.int32 }),
        tf.constant(COLUMN_WRONG, { dtype: tf.int64 }),
        tf.constant([2, 0, 1]),
      ]) {
        const loss = tf.losses.sparseSoftmaxCrossEntropy(labels, logits);
        expect(value(loss)).toBeCloseTo(10.0, 3);
      }
    }),
  );
  it(
    "testNonZeroLossWithPythonScalarWeight / ScalarTensorWeight / 1DTensorWeight",
    inGraph(() => {
      const labels = tf.constant(COLUMN_WRONG);
      const logits = f32(LOGITS_10);
      for (const weights of [2.3, tf.constant(2.3), tf.constant([2.3])]) {
        expect(value(tf.losses.sparseSoftmaxCrossEntropy(labels, logits, weights))).toBeCloseTo(2.3 * 10.0, 3);
      }
    }),
  );
  it(
    "testNonZeroLossWithOneDimBatchSpecificWeights / testNonZeroLossWithColumnWeights",
    inGraph((g) => {
      const labels = tf.constant(COLUMN_WRONG);
      const logits = f32(LOGITS_10);
      const expected = ((1.2 + 3.4 + 5.6) * 10.0) / 3.0;
      const loss = tf.losses.sparseSoftmaxCrossEntropy(labels, logits, tf.constant([1.2, 3.4, 5.6], { shape: [3, 1] }));
      // The [3, 1] weights are squeezed like the labels (`Squeeze`, outside remove_squeezable_dimensions).
      expect(g.getOperationByName("sparse_softmax_cross_entropy_loss/Squeeze").outputs[0].shape).toEqual([3]);
      expect(value(loss)).toBeCloseTo(expected, 3);
      const column = tf.constant([[1.2], [3.4], [5.6]]);
      expect(value(tf.losses.sparseSoftmaxCrossEntropy(labels, logits, column))).toBeCloseTo(expected, 3);
    }),
  );
  it(
    "testAllWrongAllWeightsMissing / testSomeWeightsMissing",
    inGraph(() => {
      const labels = tf.constant(COLUMN_WRONG);
      const logits = f32(LOGITS_10);
      const zeros = tf.constant([0, 0, 0], { shape: [3, 1] });
      expect(value(tf.losses.sparseSoftmaxCrossEntropy(labels, logits, zeros))).toBeCloseTo(0, 3);
      const some = tf.constant([1.2, 0, 0], { shape: [3, 1] });
      expect(value(tf.losses.sparseSoftmaxCrossEntropy(labels, logits, some))).toBeCloseTo(12.0, 3);
    }),
  );
  it(
    "testMeasurementSpecificWeightsRaisesException",
    inGraph(() => {
      const weights = tf.constant([
        [3, 4, 5],
        [2, 6, 0],
        [8, 0, 1],
      ]);
      // Weights of one rank more than the squeezed labels are squeezed too: that Squeeze is TF's ValueError here.
      expect(() => tf.losses.sparseSoftmaxCrossEntropy(tf.constant(COLUMN_RIGHT), f32(LOGITS_100), weights)).toThrow(
        "Can not squeeze dim[1], expected a dimension of 1, got 3 for 'sparse_softmax_cross_entropy_loss/Squeeze' (op: 'Squeeze') with input shapes: [3,3].",
      );
    }),
  );
  it(
    "testInconsistentWeightSizeRaisesException",
    inGraph(() => {
      const weights = tf.constant([1.2, 3.4, 5.6, 7.8]);
      expect(() => tf.losses.sparseSoftmaxCrossEntropy(tf.constant(COLUMN_RIGHT), f32(LOGITS_100), weights)).toThrow(
        "weights can not be broadcast to values. Mismatch at dim 0. values.shape=[3] weights.shape=[4].",
      );
    }),
  );
  it(
    "testInconsistentLabelSizeRaisesException",
    inGraph(() => {
      const labels = tf.constant([[0], [1], [2], [3]]);
      expect(() => tf.losses.sparseSoftmaxCrossEntropy(labels, f32(LOGITS_100), tf.constant([1.2, 3.4, 5.6]))).toThrow(
        "Shape mismatch: The shape of labels (received (4,)) should equal the shape of logits except for the last dimension (received (3, 3)).",
      );
    }),
  );
  it(
    "testInconsistentWeightShapeRaisesException",
    inGraph(() => {
      const logits = f32([
        [100.0, -100.0, -100.0, -100.0],
        [-100.0, 100.0, -100.0, -100.0],
        [-100.0, -100.0, 100.0, -100.0],
        [-100.0, -100.0, -100.0, 100.0],
      ]);
      const weights = tf.constant([
        [1.2, 3.4],
        [5.6, 7.8],
      ]);
      expect(() => tf.losses.sparseSoftmaxCrossEntropy(tf.constant([[0], [1], [2], [3]]), logits, weights)).toThrow(
        "Can not squeeze dim[1], expected a dimension of 1, got 2 for 'sparse_softmax_cross_entropy_loss/Squeeze' (op: 'Squeeze') with input shapes: [2,2].",
      );
    }),
  );
  it(
    "testInconsistentLabelShapeRaisesException",
    inGraph(() => {
      const logits = f32([
        [100.0, -100.0, -100.0, -100.0],
        [-100.0, 100.0, -100.0, -100.0],
        [-100.0, -100.0, 100.0, -100.0],
        [-100.0, -100.0, -100.0, 100.0],
      ]);
      const labels = tf.constant([
        [0, 1],
        [2, 3],
      ]);
      expect(() => tf.losses.sparseSoftmaxCrossEntropy(labels, logits, tf.constant(1.2))).toThrow(
        "Rank mismatch: Rank of labels (received 2) should equal rank of logits minus 1 (received 2).",
      );
    }),
  );
  it(
    "testNonZeroLossWithPlaceholderForWeights / ...ForLogitsLabelsAndWeights / testUnknownShapePlaceholder...: " +
      "unknown ranks need tf.cond",
    inGraph((g) => {
      const [labels0, logits0] = [tf.constant(COLUMN_WRONG), f32(LOGITS_10)];
      const weights = tf.placeholder(tf.float32);
      const logits = tf.placeholder(tf.float32);
      const labels = tf.placeholder(tf.int32);
      const before = g.getOperations().length;
      expect(() => tf.losses.sparseSoftmaxCrossEntropy(labels0, logits0, weights)).toThrow(
        "tf.losses.sparseSoftmaxCrossEntropy: weights of unknown rank need TF's tf.cond (losses_impl._remove_squeezable_dimensions), which scopeflow does not build yet; give them a static rank (a placeholder with a shape, or setShape).",
      );
      expect(() => tf.losses.sparseSoftmaxCrossEntropy(labels, logits, 1.0)).toThrow(
        "tf.losses.sparseSoftmaxCrossEntropy: labels and logits of unknown rank need TF's tf.cond (confusion_matrix.remove_squeezable_dimensions)",
      );
      // A failed loss leaves the graph as it was.
      expect(g.getOperations().length).toBe(before);
      expect(g.getCollection(tf.GraphKeys.LOSSES)).toEqual([]);
    }),
  );
  it(
    "static-rank placeholders (testNonZeroLossWithPlaceholderForLogitsLabelsAndWeights with ranked weights)",
    inGraph(() => {
      const logits = tf.placeholder(tf.float32, [null, 3]);
      const labels = tf.placeholder(tf.int32, [null, 1]);
      const weights = tf.placeholder(tf.float32, [null, 1]);
      const loss = tf.losses.sparseSoftmaxCrossEntropy(labels, logits, weights);
      const feeds = new Map<tf.Tensor, unknown>([
        [logits, LOGITS_10],
        [labels, COLUMN_WRONG],
        [weights, [[1.2], [3.4], [5.6]]],
      ]);
      expect(value(loss, feeds)).toBeCloseTo(((1.2 + 3.4 + 5.6) * 10.0) / 3.0, 3);
    }),
  );
});

describe("losses_test.py SigmoidCrossEntropyLossTest", () => {
  it(
    "testAllCorrectSigmoid: names",
    inGraph((g) => {
      const logits = f32(LOGITS_100);
      const loss = tf.losses.sigmoidCrossEntropy(tf.constant(ONE_HOT_RIGHT), logits);
      expect([loss.dtype, loss.op.name]).toEqual([logits.dtype, "sigmoid_cross_entropy_loss/value"]);
      // sigmoid_cross_entropy_with_logits named `xentropy`: its Add is the scope's op.
      expect(g.getOperationByName("sigmoid_cross_entropy_loss/xentropy").type).toBe("Add");
      expect(g.getOperationByName("sigmoid_cross_entropy_loss/xentropy/Log1p").type).toBe("Log1p");
      expect(value(loss)).toBeCloseTo(0, 3);
    }),
  );
  it(
    "testLossWithSingleDimPlaceholderForLogitsAndWeights1 / 2",
    inGraph(() => {
      for (const width of [1, 2]) {
        const logits = tf.placeholder(tf.float32, [null, width]);
        const labels = tf.placeholder(tf.float32, [null, width]);
        const weights = tf.onesLike(logits, { dtype: tf.float32 });
        const loss = tf.losses.sigmoidCrossEntropy(labels, logits, weights);
        expect(loss.dtype).toBe(logits.dtype);
        const ones = Array.from({ length: 32 }, () => new Array(width).fill(1));
        const feeds = new Map<tf.Tensor, unknown>([
          [logits, ones],
          [labels, ones],
        ]);
        expect(value(loss, feeds)).toBeCloseTo(0.313, 3);
      }
    }),
  );
  it(
    "testAllWrongSigmoid",
    inGraph(() => {
      const loss = tf.losses.sigmoidCrossEntropy(tf.constant(ONE_HOT_WRONG), f32(LOGITS_100));
      expect(loss.op.name).toBe("sigmoid_cross_entropy_loss/value");
      expect(value(loss)).toBeCloseTo(600.0 / 9.0, 3);
    }),
  );
  it(
    "testAllWrongSigmoidWithMeasurementSpecificWeights",
    inGraph(() => {
      const weights = tf.constant([
        [3, 4, 5],
        [2, 6, 0],
        [8, 0, 1],
      ]);
      const loss = tf.losses.sigmoidCrossEntropy(tf.constant(ONE_HOT_WRONG), f32(LOGITS_100), weights);
      expect(loss.op.name).toBe("sigmoid_cross_entropy_loss/value");
      expect(value(loss)).toBeCloseTo(1700.0 / 7.0, 3);
    }),
  );
  it(
    "testMultiCorrectSigmoid",
    inGraph(() => {
      const logits = f32([
        [100.0, -100.0, 100.0],
        [100.0, 100.0, -100.0],
        [-100.0, 100.0, 100.0],
      ]);
      const labels = tf.constant([
        [1, 0, 1],
        [1, 1, 0],
        [0, 1, 1],
      ]);
      const loss = tf.losses.sigmoidCrossEntropy(labels, logits);
      expect(loss.op.name).toBe("sigmoid_cross_entropy_loss/value");
      expect(value(loss)).toBeCloseTo(0, 3);
    }),
  );
  it(
    "testSigmoidFloat64",
    inGraph((g) => {
      const logits = tf.constant(
        [
          [100.0, -100.0, 100.0],
          [100.0, -100.0, 100.0],
          [100.0, 100.0, -100.0],
        ],
        { dtype: tf.float64 },
      );
      const labels = tf.constant(
        [
          [1, 0, 1],
          [1, 1, 0],
          [0, 1, 1],
        ],
        { dtype: tf.int64 },
      );
      const loss = tf.losses.sigmoidCrossEntropy(labels, logits);
      // int64 labels cast to float64 (`Cast`); the float64 losses reduced in float32 (`Cast_1`; the weights'
      // 1.0 is `Cast_2/x`) and the loss cast back to float64 (`Cast_3`, after `value`).
      expect([loss.dtype, loss.op.name]).toEqual([tf.float64, "sigmoid_cross_entropy_loss/Cast_3"]);
      expect(g.getOperationByName("sigmoid_cross_entropy_loss/Cast_3").inputs[0].name).toBe(
        "sigmoid_cross_entropy_loss/value:0",
      );
      expect(value(loss)).toBeCloseTo(44.444, 3);
    }),
  );
  it(
    "testSigmoidNoReduction",
    inGraph(() => {
      const logits = f32([
        [100.0, -100.0, 100.0],
        [100.0, -100.0, 100.0],
        [100.0, 100.0, -100.0],
      ]);
      const labels = tf.constant([
        [1, 0, 1],
        [1, 1, 0],
        [0, 1, 1],
      ]);
      const loss = tf.losses.sigmoidCrossEntropy(labels, logits, { reduction: tf.losses.Reduction.NONE });
      expect([loss.dtype, loss.shape]).toEqual([logits.dtype, [3, 3]]);
      expectClose(run(loss).data as Float32Array, [0, 0, 0, 0, 100, 100, 100, 0, 100], 1e-3);
    }),
  );
  it(
    "testSigmoidLabelSmoothingCorrect: names",
    inGraph((g) => {
      const loss = tf.losses.sigmoidCrossEntropy(tf.constant([[1, 0, 1]]), f32([[100.0, -100.0, -100.0]]), {
        labelSmoothing: 0.1,
      });
      expect(loss.op.name).toBe("sigmoid_cross_entropy_loss/value");
      // labels * (1 - L) + 0.5 * L: `mul` and `add` with their Python floats as y.
      expect(
        Number((g.getOperationByName("sigmoid_cross_entropy_loss/mul/y").attrs.value as tf.NDArray).item()),
      ).toBeCloseTo(0.9, 6);
      expect(
        Number((g.getOperationByName("sigmoid_cross_entropy_loss/add/y").attrs.value as tf.NDArray).item()),
      ).toBeCloseTo(0.05, 6);
      expect(value(loss)).toBeCloseTo((100.0 + 50.0 * 0.1) / 3.0, 3);
    }),
  );
  it(
    "testSigmoidLabelSmoothingEqualsSoftmaxTwoLabel",
    inGraph(() => {
      const sigmoidLoss = tf.losses.sigmoidCrossEntropy(tf.constant([[1, 0, 1]]), f32([[100.0, -100.0, -100.0]]), {
        labelSmoothing: 0.1,
      });
      const softmaxLogits = f32([
        [0.0, 100.0],
        [100.0, 0.0],
        [100.0, 0.0],
      ]);
      const softmaxLabels = tf.constant([
        [0, 1],
        [1, 0],
        [0, 1],
      ]);
      const softmaxLoss = tf.losses.softmaxCrossEntropy(softmaxLabels, softmaxLogits, { labelSmoothing: 0.1 });
      expect(value(sigmoidLoss)).toBeCloseTo(value(softmaxLoss), 3);
    }),
  );
});
