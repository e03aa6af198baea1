// array_ops_test.py in spirit: values through Session.run (scalar, empty, negative axes), TF 1.15's names and the
// shape-function messages word for word.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph, names, run } from "../scopes/test-helpers";

describe("array ops: values and static shapes", () => {
  it("reshape (-1), transpose (default reverse, perm), expandDims, squeeze", () =>
    inGraph(() => {
      const x = tf.constant([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      const r = tf.reshape(x, [-1, 2]);
      expect(r.shape).toEqual([3, 2]);
      expect(run(r)).toEqual([
        [1, 2],
        [3, 4],
        [5, 6],
      ]);
      expect(run(tf.reshape(tf.constant(7), [1, 1]))).toEqual([[7]]);
      expect(run(tf.transpose(x))).toEqual([
        [1, 4],
        [2, 5],
        [3, 6],
      ]);
      expect(tf.transpose(tf.zeros([2, 3, 4]), [1, 0, 2]).shape).toEqual([3, 2, 4]);
      const e = tf.expandDims(x, -1);
      expect(e.shape).toEqual([2, 3, 1]);
      expect(tf.squeeze(e).shape).toEqual([2, 3]);
      expect(run(tf.squeeze(tf.constant([[5]]), [0]))).toEqual([5]);
      expect(run(tf.transpose(tf.constant(3)))).toBe(3);
    }));
  it("concat, slice, stridedSlice, gather, tile, stack, unstack, pad", () =>
    inGraph(() => {
      const x = tf.constant([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      const c = tf.concat([x, x], -1);
      expect(c.shape).toEqual([2, 6]);
      expect(run(tf.concat([x, tf.constant([[7, 8, 9]])], 0))).toEqual([
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ]);
      expect(run(tf.slice(x, [0, 1], [-1, 2]))).toEqual([
        [2, 3],
        [5, 6],
      ]);
      const col = tf.stridedSlice(x, [0, 1], [0, 2], [1, 1], { beginMask: 1, endMask: 1, shrinkAxisMask: 2 });
      expect(col.shape).toEqual([2]);
      expect(run(col)).toEqual([2, 5]);
      expect(run(tf.stridedSlice(x, [1], [2]))).toEqual([[4, 5, 6]]);
      expect(run(tf.stridedSlice(x, [0, -1], [2, -4], [1, -1]))).toEqual([
        [3, 2, 1],
        [6, 5, 4],
      ]);
      expect(run(tf.gather(x, [1, 1, 0]))).toEqual([
        [4, 5, 6],
        [4, 5, 6],
        [1, 2, 3],
      ]);
      expect(run(tf.gather(x, [2, 0], { axis: -1 }))).toEqual([
        [3, 1],
        [6, 4],
      ]);
      expect(tf.gather(x, tf.constant([[0, 1]])).shape).toEqual([1, 2, 3]);
      expect(run(tf.tile(tf.constant([1, 2]), [3]))).toEqual([1, 2, 1, 2, 1, 2]);
      expect(run(tf.stack([tf.constant([1, 2]), tf.constant([3, 4])], 1))).toEqual([
        [1, 3],
        [2, 4],
      ]);
      expect(tf.unstack(x).map(run)).toEqual([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      expect(run(tf.pad(tf.constant([1]), [[1, 2]]))).toEqual([0, 1, 0, 0]);
      expect(run(tf.concat([tf.zeros([0, 2]), tf.zeros([0, 2])], 0))).toEqual([]);
    }));
  it("fill, zeros, ones, zerosLike, onesLike, shape, size, rank", () =>
    inGraph(() => {
      expect(run(tf.fill([2, 2], 7))).toEqual([
        [7, 7],
        [7, 7],
      ]);
      expect(run(tf.zeros([2], "int32"))).toEqual([0, 0]);
      expect(run(tf.ones([1, 2]))).toEqual([[1, 1]]);
      const p = tf.placeholder(tf.float32, [null, 2], "p");
      expect(new tf.Session().run(tf.zerosLike(p), { "p:0": [[1, 2]] }).toArray()).toEqual([[0, 0]]);
      expect(new tf.Session().run(tf.onesLike(p), { "p:0": [[1, 2]] }).toArray()).toEqual([[1, 1]]);
      expect(
        new tf.Session()
          .run(tf.shape(p), {
            "p:0": [
              [1, 2],
              [3, 4],
            ],
          })
          .toArray(),
      ).toEqual([2, 2]);
      expect(
        new tf.Session()
          .run(tf.size(p), {
            "p:0": [
              [1, 2],
              [3, 4],
            ],
          })
          .toArray(),
      ).toBe(4);
      expect(run(tf.rank(p))).toBe(2);
      expect(run(tf.shape(tf.zeros([3, 0])))).toEqual([3, 0]);
    }));
});

describe("array ops: TF 1.15 names", () => {
  it("gen ops convert their inputs inside the op's scope", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [2, 3], "x");
      tf.reshape(x, [-1]);
      tf.transpose(x);
      tf.concat([x, x], 0);
      tf.gather(x, [0]);
      tf.expandDims(x, 0);
      expect(names(g)).toEqual([
        "x:Placeholder",
        "Reshape/shape:Const",
        "Reshape:Reshape",
        "transpose/perm:Const",
        "transpose:Transpose",
        "concat/axis:Const",
        "concat:ConcatV2",
        "GatherV2/indices:Const",
        "GatherV2/axis:Const",
        "GatherV2:GatherV2",
        "ExpandDims/dim:Const",
        "ExpandDims:ExpandDims",
      ]);
    }));
  it("zeros/ones are Consts when small, Fills when large; onesLike is a Fill; zerosLike of a static shape a Const", () =>
    inGraph((g) => {
      tf.zeros([2, 3]);
      tf.ones([1000]);
      const p = tf.placeholder(tf.float32, [null], "p");
      tf.onesLike(p);
      tf.zerosLike(p);
      tf.zerosLike(tf.zeros([2]));
      tf.shape(p);
      tf.shape(tf.zeros([2]));
      tf.stopGradient(p);
      expect(names(g)).toEqual([
        "zeros:Const",
        "ones/shape_as_tensor:Const",
        "ones/Const:Const",
        "ones:Fill",
        "p:Placeholder",
        "ones_like/Shape:Shape",
        "ones_like/Const:Const",
        "ones_like:Fill",
        "zeros_like:ZerosLike",
        "zeros_1:Const",
        "zeros_like_1:Const",
        "Shape:Shape",
        "zeros_2:Const",
        "Shape_1:Const",
        "StopGradient:StopGradient",
      ]);
    }));
});

describe("array ops: shape-function errors", () => {
  it("reshape", () =>
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [2, 3], "x");
      expect(() => tf.reshape(x, [4])).toThrow(
        "Cannot reshape a tensor with 6 elements to shape [4] (4 elements) for 'Reshape' (op: 'Reshape') with input shapes: [2,3], [1] and with input tensors computed as partial shapes: input[1] = [4].",
      );
    }));
  it("transpose, expandDims, squeeze, concat, matmul rank", () =>
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [2, 3], "x");
      expect(() => tf.transpose(x, [0, 1, 2])).toThrow(
        "Dimension must be 2 but is 3 for 'transpose' (op: 'Transpose') with input shapes: [2,3], [3] and with computed input tensors: input[1] = <0 1 2>.",
      );
      expect(() => tf.expandDims(x, 4)).toThrow(
        "Tried to expand dim index 4 for tensor with 2 dimensions for 'ExpandDims' (op: 'ExpandDims') with input shapes: [2,3], [] and with computed input tensors: input[1] = <4>.",
      );
      expect(() => tf.squeeze(x, [1])).toThrow(
        "Can not squeeze dim[1], expected a dimension of 1, got 3 for 'Squeeze' (op: 'Squeeze') with input shapes: [2,3].",
      );
      expect(() => tf.concat([x, tf.placeholder(tf.float32, [2, 4])], 0)).toThrow(
        "Dimension 1 in both shapes must be equal, but are 3 and 4. Shapes are [?,3] and [?,4]. for 'concat' (op: 'ConcatV2') with input shapes: [2,3], [2,4], [] and with computed input tensors: input[2] = <0>.",
      );
      expect(() => tf.stridedSlice(x, [5], [6], [1], { shrinkAxisMask: 1 })).toThrow(
        "slice index 5 of dimension 0 out of bounds. for 'StridedSlice' (op: 'StridedSlice') with input shapes: [2,3], [1], [1], [1] and with computed input tensors: input[1] = <5>, input[2] = <6>, input[3] = <1>.",
      );
    }));
  it("run-time errors come from the kernels in TF's words", () =>
    inGraph(() => {
      const p = tf.placeholder(tf.float32, null, "p");
      const r = tf.reshape(p, [4]);
      expect(() => new tf.Session().run(r, { "p:0": [1, 2, 3] })).toThrow(
        "Input to reshape is a tensor with 3 values, but the requested shape has 4",
      );
    }));
});

describe("constant_op.py: constant(value, dtype=None, shape=None, name='Const') in TF's positional order", () => {
  it("takes dtype, shape and name positionally, a dtype's name as a string, or a trailing options object", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const a = tf.constant([1, 2], tf.float32);
      expect([a.dtype.name, a.name]).toEqual(["float32", "Const:0"]);
      const b = tf.constant(0, "float64", [2, 2], "zeros");
      expect([b.dtype.name, b.shape, b.name]).toEqual(["float64", [2, 2], "zeros:0"]);
      const c = tf.constant(3, { dtype: tf.int64, name: "c" });
      expect([c.dtype.name, c.name]).toEqual(["int64", "c:0"]);
      const d = tf.constant(1.5, null, null, "d");
      expect([d.dtype.name, d.name]).toEqual(["float32", "d:0"]);
      expect(() => tf.constant(1, tf.float32, { dtype: tf.int32 })).toThrow(
        "constant() got multiple values for argument 'dtype'",
      );
    });
  });
});
