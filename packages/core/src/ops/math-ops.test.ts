// math_ops_test.py / array_ops_test.py in spirit: values through Session.run (scalar, broadcast, empty, negative
// axes), the names TF 1.15 gives, and the shape-function and dtype messages word for word.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph, names, run } from "../scopes/test-helpers";

describe("elementwise math: values", () => {
  it("binary ops broadcast, take scalars and empty tensors", () =>
    inGraph(() => {
      const x = tf.constant(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        { dtype: "float32" },
      );
      expect(run(tf.add(x, [10, 20, 30]))).toEqual([
        [11, 22, 33],
        [14, 25, 36],
      ]);
      expect(run(tf.subtract(x, 1))).toEqual([
        [0, 1, 2],
        [3, 4, 5],
      ]);
      expect(run(tf.multiply(x, [[2], [3]]))).toEqual([
        [2, 4, 6],
        [12, 15, 18],
      ]);
      expect(run(tf.divide(6, tf.constant(4)))).toBe(1.5);
      expect(run(tf.pow(tf.constant([2, 3], { dtype: "float32" }), 2))).toEqual([4, 9]);
      expect(run(tf.maximum(x, 3))).toEqual([
        [3, 3, 3],
        [4, 5, 6],
      ]);
      expect(run(tf.minimum(x, 3))).toEqual([
        [1, 2, 3],
        [3, 3, 3],
      ]);
      expect(run(tf.squaredDifference(x, 2))).toEqual([
        [1, 0, 1],
        [4, 9, 16],
      ]);
      expect(run(tf.add(tf.zeros([0, 3]), [1, 2, 3]))).toEqual([]);
      expect(run(tf.floordiv(tf.constant([7, -7]), 2))).toEqual([3, -4]);
      expect(run(tf.floormod(tf.constant([7, -7]), 3))).toEqual([1, 2]);
    }));
  it("comparisons give bool", () =>
    inGraph(() => {
      const x = tf.constant([1, 2, 3]);
      const e = tf.equal(x, 2);
      expect(e.dtype).toBe(tf.bool);
      expect(run(e)).toEqual([false, true, false]);
      expect(run(tf.notEqual(x, 2))).toEqual([true, false, true]);
      expect(run(tf.less(x, 2))).toEqual([true, false, false]);
      expect(run(tf.lessEqual(x, 2))).toEqual([true, true, false]);
      expect(run(tf.greater(x, 2))).toEqual([false, false, true]);
      expect(run(tf.greaterEqual(x, 2))).toEqual([false, true, true]);
    }));
  it("unary ops", () =>
    inGraph(() => {
      const x = tf.constant([1, 4], { dtype: "float64" });
      expect(run(tf.square(x))).toEqual([1, 16]);
      expect(run(tf.sqrt(x))).toEqual([1, 2]);
      expect(run(tf.exp(tf.log(x)))).toEqual([1, 4]);
      expect(run(tf.reciprocal(x))).toEqual([1, 0.25]);
      expect(run(tf.abs(tf.constant([-2, 3])))).toEqual([2, 3]);
      expect(run(tf.sign(tf.constant([-2, 0, 3])))).toEqual([-1, 0, 1]);
      expect(run(tf.negative(tf.constant(5)))).toBe(-5);
    }));
  it("int division through `/` casts to float64 as _truediv_python3 does", () =>
    inGraph((g) => {
      const y = tf.constant([1, 2]).div(tf.constant([2, 4]));
      expect(y.dtype).toBe(tf.float64);
      expect(run(y)).toEqual([0.5, 0.5]);
      expect(names(g).slice(2)).toEqual(["truediv/Cast:Cast", "truediv/Cast_1:Cast", "truediv:RealDiv"]);
    }));
  it("addN, cast, range, where, matmul", () =>
    inGraph((g) => {
      const a = tf.constant([1, 2]);
      expect(run(tf.addN([a, a, a]))).toEqual([3, 6]);
      expect(tf.addN([a])).toBe(a);
      const c = tf.cast(tf.constant([1.7, -1.7]), "int32");
      expect(run(c)).toEqual([1, -1]);
      expect(c.op.attrs).toMatchObject({ SrcT: tf.float32, DstT: tf.int32, Truncate: false });
      expect(tf.cast(a, "int32")).toBe(a);
      expect(run(tf.range(5))).toEqual([0, 1, 2, 3, 4]);
      expect(run(tf.range(1, 2, 0.25))).toEqual([1, 1.25, 1.5, 1.75]);
      expect(run(tf.where(tf.constant([true, false]), [1, 2], [3, 4]))).toEqual([1, 4]);
      expect(run(tf.matmul([[1, 2]], [[3], [4]]))).toEqual([[11]]);
      expect(names(g)).toContain("range:Range");
    }));
});

describe("reductions", () => {
  it("values: all axes, negative axes, keepDims, empty", () =>
    inGraph(() => {
      const x = tf.constant(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        { dtype: "float32" },
      );
      expect(run(tf.reduceSum(x))).toBe(21);
      expect(run(tf.reduceSum(x, -1))).toEqual([6, 15]);
      expect(run(tf.reduceMean(x, 0, true))).toEqual([[2.5, 3.5, 4.5]]);
      expect(run(tf.reduceMax(x, [0, 1]))).toBe(6);
      expect(run(tf.reduceMin(x, -2))).toEqual([1, 2, 3]);
      expect(run(tf.reduceProd(x, 1))).toEqual([6, 120]);
      expect(run(tf.reduceSum(tf.zeros([0, 2]), 0))).toEqual([0, 0]);
      expect(run(tf.argmax(x, 1))).toEqual([2, 2]);
      expect(run(tf.argmax(x))).toEqual([1, 1, 1]);
      expect(tf.argmax(x).dtype).toBe(tf.int64);
      expect(run(tf.argmin(x, -1, { outputType: "int32" }))).toEqual([0, 0]);
    }));
  it("names: a Const of all axes outside the op's scope, reduction_indices inside it", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [2, 3], "x");
      const s = tf.reduceSum(x);
      const m = tf.reduceMean(x, 1, true, "m");
      const a = tf.argmax(x, 1);
      expect(names(g)).toEqual([
        "x:Placeholder",
        "Const:Const",
        "Sum:Sum",
        "m/reduction_indices:Const",
        "m:Mean",
        "ArgMax/dimension:Const",
        "ArgMax:ArgMax",
      ]);
      expect(s.shape).toEqual([]);
      expect(m.shape).toEqual([2, 1]);
      expect(m.op.attrs).toMatchObject({ keep_dims: true, T: tf.float32, Tidx: tf.int32 });
      expect(a.op.attrs).toMatchObject({ output_type: tf.int64, Tidx: tf.int32 });
      expect(tf.reduceSum(tf.placeholder(tf.float32, null)).shape).toEqual([]);
    }));
  it("errors in TF's words", () =>
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [2, 3], "x");
      expect(() => tf.reduceSum(x, 2)).toThrow(
        "Invalid reduction dimension 2 for input with 2 dimensions for 'Sum' (op: 'Sum') with input shapes: [2,3], [] and with computed input tensors: input[1] = <2>.",
      );
      expect(() => tf.argmax(x, -3)).toThrow(
        "Expected dimension in the range [-2, 2), but got -3 for 'ArgMax' (op: 'ArgMax') with input shapes: [2,3], [] and with computed input tensors: input[1] = <-3>.",
      );
    }));
});

describe("binary op errors", () => {
  it("shape and dtype messages", () =>
    inGraph((g) => {
      const a = tf.placeholder(tf.float32, [2], "a");
      const b = tf.placeholder(tf.float32, [3], "b");
      expect(() => a.add(b)).toThrow(
        "Dimensions must be equal, but are 2 and 3 for 'add' (op: 'AddV2') with input shapes: [2], [3].",
      );
      expect(() => tf.add(a, tf.constant([1, 2]))).toThrow(
        "Input 'y' of 'Add' Op has type int32 that does not match type float32 of argument 'x'.",
      );
      expect(() => a.add(tf.constant([1, 2]))).toThrow(
        "Input 'y' of 'AddV2' Op has type int32 that does not match type float32 of argument 'x'.",
      );
      expect(() => a.div(tf.constant([1, 2]))).toThrow("x and y must have the same dtype, got tf.float32 != tf.int32");
      expect(() => tf.sqrt(tf.constant([1, 2]))).toThrow(
        "Value passed to parameter 'x' has DataType int32 not in list of allowed values: float32, float64",
      );
      expect(() => tf.matmul(tf.placeholder(tf.float32, [2, 3]), tf.placeholder(tf.float32, [2, 3]))).toThrow(
        "Dimensions must be equal, but are 3 and 2 for 'MatMul' (op: 'MatMul') with input shapes: [2,3], [2,3].",
      );
      expect(() => tf.addN([a, b])).toThrow(
        "Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2] and [3]. for 'AddN' (op: 'AddN') with input shapes: [2], [3].",
      );
      expect(() => tf.addN([])).toThrow(
        "inputs must be a list of at least one Tensor/IndexedSlices with the same dtype and shape",
      );
      // Nothing but the inputs made for the calls survives a failed op (the builder is atomic).
      expect(new Set(g.getOperations().map((op) => op.type))).toEqual(new Set(["Placeholder", "Const"]));
      expect(g.getOperations().some((op) => /^(add|Add|AddN|truediv|MatMul)/.test(op.name))).toBe(false);
    }));
});

describe("math_ops.py matmul on batches", () => {
  it("tf.matmul of rank-3 operands builds a BatchMatMulV2 named MatMul with adj attrs", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const a = tf.constant(
        [
          [
            [1, 2],
            [3, 4],
          ],
          [
            [5, 6],
            [7, 8],
          ],
        ],
        { dtype: tf.float32 },
      );
      const b = tf.constant(
        [
          [
            [1, 0],
            [0, 1],
          ],
          [
            [2, 0],
            [0, 2],
          ],
        ],
        { dtype: tf.float32 },
      );
      const c = tf.matmul(a, b, { transposeB: true });
      expect(c.op.type).toBe("BatchMatMulV2");
      expect(c.op.name).toBe("MatMul");
      expect(c.op.attrs.adj_y).toBe(true);
      expect(c.shape).toEqual([2, 2, 2]);
      expect(new tf.Session().run(c).toArray()).toEqual([
        [
          [1, 2],
          [3, 4],
        ],
        [
          [10, 12],
          [14, 16],
        ],
      ]);
    });
  });
});

describe("common_shapes.cc broadcast errors name the conflicting known dims", () => {
  it("skips an unknown dim when finding the conflict: (?, 2) and (3, 4) conflict on 2 and 4", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const a = tf.placeholder(tf.float32, [null, 2], "a");
      const b = tf.placeholder(tf.float32, [3, 4], "b");
      expect(() => tf.add(a, b)).toThrow(
        "Dimensions must be equal, but are 2 and 4 for 'Add' (op: 'Add') with input shapes: [?,2], [3,4].",
      );
    });
  });
});
