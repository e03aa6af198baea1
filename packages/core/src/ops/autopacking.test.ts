// stack_op_test.py AutomaticStackingTest (TF 1.15): a nested list holding tensors converts to a Pack
// (array_ops.py _autopacking_conversion_function), with TF's names.
import { describe, expect, it } from "vitest";
import * as tf from "../index";

function evaluate(t: tf.Tensor, feeds?: Map<tf.Tensor, unknown>): unknown {
  return new tf.Session().run(t, feeds as never).toArray();
}

const zeros3 = [0, 0, 0];

describe("automatic stacking (stack_op_test.py AutomaticStackingTest)", () => {
  it("testSimple", () => {
    new tf.Graph().asDefault(() => {
      expect(evaluate(tf.convertToTensor([1, tf.constant(0), 2]))).toEqual([1, 0, 2]);
      const expected = [zeros3, [0, 1, 0], zeros3];
      expect(evaluate(tf.convertToTensor([zeros3, [0, tf.constant(1), 0], zeros3]))).toEqual(expected);
      expect(evaluate(tf.convertToTensor([zeros3, tf.constant([0, 1, 0]), zeros3]))).toEqual(expected);
      expect(evaluate(tf.convertToTensor([tf.constant(zeros3), tf.constant([0, 1, 0]), tf.constant(zeros3)]))).toEqual(
        expected,
      );
    });
  });

  it("testWithNDArray", () => {
    new tf.Graph().asDefault(() => {
      const nd = new tf.NDArray("float32", [2, 2], Float32Array.from([2, 2, 3, 3]));
      const result = tf.convertToTensor([[[0.5, 0.5], tf.constant([1.5, 1.5])], nd]);
      expect(evaluate(result)).toEqual([
        [
          [0.5, 0.5],
          [1.5, 1.5],
        ],
        [
          [2, 2],
          [3, 3],
        ],
      ]);
    });
  });

  it("testVariable: the Pack reads the variable's current value", () => {
    new tf.Graph().asDefault(() => {
      const v = new tf.Variable(17);
      const result = tf.convertToTensor([zeros3, [0, v, 0], zeros3]);
      const sess = new tf.Session();
      sess.run(v.initializer);
      expect(sess.run(result).toArray()).toEqual([zeros3, [0, 17, 0], zeros3]);
      sess.run(v.assign(38).op);
      expect(sess.run(result).toArray()).toEqual([zeros3, [0, 38, 0], zeros3]);
    });
  });

  it("testDtype: the first tensor's dtype, or the requested one (tensors cast to it)", () => {
    new tf.Graph().asDefault(() => {
      const f64 = (v: number[]) => tf.constant(v, { dtype: tf.float64 });
      const half = [0.5, 0.5, 0.5];
      expect(tf.convertToTensor([half, half, half]).dtype).toBe(tf.float32);
      expect(tf.convertToTensor([half, f64(half), half]).dtype).toBe(tf.float64);
      expect(tf.convertToTensor([half, half, half], { dtype: tf.float64 }).dtype).toBe(tf.float64);
      const t3 = tf.convertToTensor([half, f64(half), half], { dtype: tf.float32 });
      expect(t3.dtype).toBe(tf.float32);
      expect(tf.convertToTensor([f64(half)], { dtype: tf.float32 }).dtype).toBe(tf.float32);
      expect(() => tf.convertToTensor([tf.constant(half), f64(half), half])).toThrow(TypeError);
      expect(() => tf.convertToTensor([tf.constant(half), f64(half), half])).toThrow(
        "Cannot convert a list containing a tensor of dtype <dtype: 'float64'> to <dtype: 'float32'>",
      );
    });
  });

  it("testDtypeConversionWhenTensorDtypeMismatch", () => {
    new tf.Graph().asDefault(() => {
      const t0 = tf.convertToTensor([0.5, 0.5, 0.5]);
      const t1 = tf.convertToTensor([0, 0, 0]);
      expect(t1.dtype).toBe(tf.int32);
      const t2 = tf.convertToTensor([t0, t0, t1], { dtype: tf.float64 });
      expect(t2.dtype).toBe(tf.float64);
      expect(t2.op.inputs.map((t) => t.name)).toEqual(["Cast:0", "Cast_1:0", "Cast_2:0"]);
    });
  });

  it("testPlaceholder: fed scalars of known and unknown shape", () => {
    new tf.Graph().asDefault(() => {
      for (const shape of [[], null] as const) {
        const ph = tf.placeholder(tf.int32, shape as number[] | null);
        const result = tf.convertToTensor([zeros3, [0, ph, 0], zeros3]);
        expect(evaluate(result, new Map([[ph, 1]]))).toEqual([zeros3, [0, 1, 0], zeros3]);
        expect(evaluate(result, new Map([[ph, 2]]))).toEqual([zeros3, [0, 2, 0], zeros3]);
      }
    });
  });

  it("testShapeErrors: a static mismatch is a ValueError, a dynamic one InvalidArgumentError", () => {
    new tf.Graph().asDefault(() => {
      const ph0 = tf.placeholder(tf.int32, [1]);
      expect(() => tf.convertToTensor([zeros3, [0, ph0, 0], zeros3])).toThrow(
        "Shapes must be equal rank, but are 0 and 1 for 'packed/1' (op: 'Pack') with input shapes: [], [1], [].",
      );
      const ph1 = tf.placeholder(tf.int32);
      const result = tf.convertToTensor([zeros3, [0, ph1, 0], zeros3]);
      expect(() => evaluate(result, new Map([[ph1, [1]]]))).toThrow(tf.errors.InvalidArgumentError);
    });
  });
});

describe("autopacked names (array_ops.py _autopacking_helper)", () => {
  it("tf.reshape(x, [tf.shape(x)[0], 2, 2]): a Pack named Reshape/shape over the tensor and Consts named by index", () => {
    new tf.Graph().asDefault(() => {
      const x = tf.placeholder(tf.float32, [null, 4], "x");
      const batch = tf.stridedSlice(tf.shape(x), [0], [1], [1], { shrinkAxisMask: 1 });
      const r = tf.reshape(x, [batch, 2, 2]);
      const shape = r.op.inputs[1];
      expect(shape.name).toBe("Reshape/shape:0");
      expect(shape.op.type).toBe("Pack");
      expect(shape.op.inputs.map((t) => t.name)).toEqual(["StridedSlice:0", "Reshape/shape/1:0", "Reshape/shape/2:0"]);
      expect(r.shape).toEqual([null, 2, 2]);
      const out = new tf.Session().run(r, new Map([[x, [[1, 2, 3, 4]]]]));
      expect(out.shape).toEqual([1, 2, 2]);
    });
  });

  it("nested lists pack under their index scopes; a list with no tensor stays one Const", () => {
    new tf.Graph().asDefault(() => {
      const p = tf.convertToTensor([
        [1, tf.constant(2)],
        [3, 4],
      ]);
      expect(p.name).toBe("packed:0");
      // The second row entered the scope packed/1 without packing, so its Const is uniquified.
      expect(p.op.inputs.map((t) => t.name)).toEqual(["packed/0:0", "packed/1_1:0"]);
      expect(p.op.inputs[0].op.inputs.map((t) => t.name)).toEqual(["packed/0/0:0", "Const:0"]);
      expect(evaluate(p)).toEqual([
        [1, 2],
        [3, 4],
      ]);
    });
  });
});
