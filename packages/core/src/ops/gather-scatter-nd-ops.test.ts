// array_ops.gather_nd and scatter_nd: gather_nd_op_test.py (GatherNdTest) and scatter_nd_ops_test.py
// (ScatterNdTest) cases: values, static shapes, TF's kernel and shape-function messages, gradients (array_grad.py).
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { graphSnapshot, inGraph, names, run } from "../scopes/test-helpers";

const T6x2 = [
  [-8, 8],
  [-1, 1],
  [-2, 2],
  [-3, 3],
  [-7, 7],
  [-5, 5],
];
const opError = (message: string, node: string) =>
  new tf.errors.InvalidArgumentError(`${message}\n\t [[{{node ${node}}}]]`);
const grad = (y: tf.Tensor, x: tf.Tensor, dy: tf.Tensor) => tf.gradients([y], [x], { gradYs: [dy] })[0] as tf.Tensor;
const dense = (g: tf.Tensor | tf.IndexedSlices) => run(tf.convertToTensor(g as tf.Tensor));

describe("array_ops.gather_nd (gather_nd_op_test.py GatherNdTest)", () => {
  it("testSimpleDtype: [8,1,2,3,7,5] at [[4],[4],[0]] for float32, float64, int32, int64 and string", () =>
    inGraph(() => {
      for (const dtype of [tf.float32, tf.float64, tf.int32, tf.int64]) {
        const t = tf.gatherNd(tf.constant([8, 1, 2, 3, 7, 5], { dtype }), [[4], [4], [0]]);
        expect(t.dtype).toBe(dtype);
        expect(t.shape).toEqual([3]);
        expect((run(t) as number[]).map(Number)).toEqual([7, 7, 8]);
      }
      const bytes = run(tf.gatherNd(tf.constant(["a", "b", "c"]), [[2], [0]])) as Uint8Array[];
      expect(bytes.map((b) => new TextDecoder().decode(b))).toEqual(["c", "a"]);
    }));

  it("testIndexScalar / testParamsRankLargerThanIndex(IndexScalar)Slices: shapes [], [2], [3, 2]", () =>
    inGraph(() => {
      const params = tf.constant(T6x2, { dtype: tf.float32 });
      const scalar = tf.gatherNd(params, [4, 1]);
      expect(scalar.shape).toEqual([]);
      expect(run(scalar)).toEqual(7);
      const row = tf.gatherNd(params, [4]);
      expect(row.shape).toEqual([2]);
      expect(run(row)).toEqual([-7, 7]);
      const rows = tf.gatherNd(params, [[4], [4], [0]]);
      expect(rows.shape).toEqual([3, 2]);
      expect(run(rows)).toEqual([
        [-7, 7],
        [-7, 7],
        [-8, 8],
      ]);
    }));

  it("testEmptyIndicesLastRankMeansCopyEntireTensor and testHigherRankParamsAndIndicesLargerThanIndexSlices", () =>
    inGraph(() => {
      const params = tf.constant(T6x2, { dtype: tf.float32 });
      const copies = tf.gatherNd(params, tf.constant([[], []], { dtype: tf.int32, shape: [2, 0] }));
      expect(copies.shape).toEqual([2, 6, 2]);
      expect(run(copies)).toEqual([T6x2, T6x2]);
      const nested = tf.gatherNd(params, [
        [[3], [2], [1]],
        [[4], [4], [0]],
      ]);
      expect(nested.shape).toEqual([2, 3, 2]);
      expect(run(nested)).toEqual([
        [T6x2[3], T6x2[2], T6x2[1]],
        [T6x2[4], T6x2[4], T6x2[0]],
      ]);
    }));

  it("testEmptyIndicesAndParamsOKButJustEmptyParamsFails", () =>
    inGraph(() => {
      const ones = tf.ones([3, 3]);
      const a = tf.gatherNd(ones, tf.zeros([0, 2], tf.int32));
      expect(a.shape).toEqual([0]);
      expect(run(a)).toEqual([]);
      const b = tf.gatherNd(ones, tf.zeros([0, 1], tf.int32));
      expect(b.shape).toEqual([0, 3]);
      const broken = tf.gatherNd(tf.zeros([0, 3]), tf.zeros([1, 2], tf.int32));
      expect(() => run(broken)).toThrow(
        opError("Requested more than 0 entries, but params is empty.  Params shape: [0,3]", "GatherNd_2"),
      );
    }));

  it("testBadIndicesCPU / testBadIndicesWithSlicesCPU: the kernel names the bad index and the param shape", () =>
    inGraph(() => {
      const bad = tf.gatherNd([0, 1, 2], [[[0], [7]]]);
      expect(() => run(bad)).toThrow(opError("indices[0,1] = [7] does not index into param shape [3]", "GatherNd"));
      const badSlice = tf.gatherNd([[0, 1, 2]], [[[0], [0], [1]]]);
      expect(() => run(badSlice)).toThrow(
        opError("indices[0,2] = [1] does not index into param shape [1,3]", "GatherNd_1"),
      );
    }));

  it("testUnknownIndices; the shape function's messages, leaving the graph as it was", () =>
    inGraph((g) => {
      expect(tf.gatherNd([[0, 1, 2]], tf.placeholder(tf.int32)).shape).toBeNull();
      const before = graphSnapshot(g);
      expect(() => tf.gatherNd([1, 2], [[0, 0]], "g")).toThrow(
        new tf.errors.ValueError(
          "indices.shape[-1] must be <= params.rank, but saw indices shape: [1,2] and params shape: [2] for 'g' (op: 'GatherNd') with input shapes: [2], [1,2].",
        ),
      );
      expect(() => tf.gatherNd([1, 2], 0, "g")).toThrow(
        "Shape must be at least rank 1 but is rank 0 for 'g' (op: 'GatherNd') with input shapes: [2], [].",
      );
      expect(graphSnapshot(g)).toEqual(before);
    }));

  it("names: the op is GatherNd under its name scope", () =>
    inGraph((g) => {
      tf.gatherNd([1, 2], [[0]]);
      expect(names(g)).toEqual(["GatherNd/params:Const", "GatherNd/indices:Const", "GatherNd:GatherNd"]);
    }));

  it("testGradientsRank2Elements / Rank3Elements / Int64Indices: a ScatterNd into params' shape", () =>
    inGraph(() => {
      const inputs = tf.constant(
        [
          [1, 2],
          [3, 4],
        ],
        { dtype: tf.float64 },
      );
      const g2 = grad(
        tf.gatherNd(inputs, [
          [0, 0],
          [1, 1],
        ]),
        inputs,
        tf.constant([1, 2], { dtype: tf.float64 }),
      );
      expect(g2.op.type).toBe("ScatterNd");
      expect(run(g2)).toEqual([
        [1, 0],
        [0, 2],
      ]);
      const cube = tf.constant(
        [
          [
            [1, 3],
            [5, 7],
          ],
          [
            [2, 4],
            [6, 8],
          ],
        ],
        { dtype: tf.float64 },
      );
      const dy = tf.constant(
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
        { dtype: tf.float64 },
      );
      const idx = [
        [
          [0, 1],
          [1, 0],
        ],
        [
          [0, 0],
          [1, 1],
        ],
      ];
      const expected = [
        [
          [5, 6],
          [1, 2],
        ],
        [
          [3, 4],
          [7, 8],
        ],
      ];
      expect(run(grad(tf.gatherNd(cube, idx), cube, dy))).toEqual(expected);
      expect(run(grad(tf.gatherNd(cube, tf.constant(idx, { dtype: tf.int64 })), cube, dy))).toEqual(expected);
    }));

  it("testGradientsRank2Slices / Rank2SlicesWithEmptySpace: IndexedSlices for indices of shape [n, 1]", () =>
    inGraph(() => {
      const inputs = tf.constant(
        [
          [1, 2],
          [3, 4],
        ],
        { dtype: tf.float64 },
      );
      const dy = tf.constant(
        [
          [1, 2],
          [3, 4],
        ],
        { dtype: tf.float64 },
      );
      const g = tf.gradients([tf.gatherNd(inputs, [[1], [0]])], [inputs], { gradYs: [dy] })[0];
      expect(g).toBeInstanceOf(tf.IndexedSlices);
      expect(dense(g!)).toEqual([
        [3, 4],
        [1, 2],
      ]);
      const wide = tf.constant(
        Array.from({ length: 6 }, () => [1, 2, 3]),
        { dtype: tf.float64 },
      );
      const dw = tf.constant([Array(3).fill(1), Array(3).fill(2), Array(3).fill(3)], { dtype: tf.float64 });
      const gw = tf.gradients([tf.gatherNd(wide, [[2], [0], [5]])], [wide], { gradYs: [dw] })[0];
      expect(gw).toBeInstanceOf(tf.IndexedSlices);
      expect(dense(gw!)).toEqual([
        [2, 2, 2],
        [0, 0, 0],
        [1, 1, 1],
        [0, 0, 0],
        [0, 0, 0],
        [3, 3, 3],
      ]);
    }));
});

describe("array_ops.scatter_nd (scatter_nd_ops_test.py ScatterNdTest)", () => {
  it("testRank3ValidShape / the api_def example: updates added into zeros, duplicates summed", () =>
    inGraph(() => {
      const t = tf.scatterNd([[4], [3], [1], [7]], tf.constant([9, 10, 11, 12], { dtype: tf.float32 }), [8]);
      expect(t.shape).toEqual([8]);
      expect(run(t)).toEqual([0, 11, 0, 10, 9, 0, 0, 12]);
      const dup = tf.scatterNd([[1], [1]], tf.constant([2, 3], { dtype: tf.int32 }), [3]);
      expect(run(dup)).toEqual([0, 5, 0]);
      const slices = tf.scatterNd(
        [[0], [2]],
        tf.constant(
          [
            [
              [5, 5],
              [6, 6],
            ],
            [
              [7, 7],
              [8, 8],
            ],
          ],
          { dtype: tf.float32 },
        ),
        [4, 2, 2],
      );
      expect(slices.shape).toEqual([4, 2, 2]);
      expect(run(slices)).toEqual([
        [
          [5, 5],
          [6, 6],
        ],
        [
          [0, 0],
          [0, 0],
        ],
        [
          [7, 7],
          [8, 8],
        ],
        [
          [0, 0],
          [0, 0],
        ],
      ]);
    }));

  it("testExtraIndicesDimensions / testUndefinedIndicesShape: outer dims of indices and updates", () =>
    inGraph(() => {
      const t = tf.scatterNd(tf.zeros([1, 1, 2], tf.int32), tf.zeros([1, 1]), [2, 2]);
      expect(t.shape).toEqual([2, 2]);
      expect(run(t)).toEqual([
        [0, 0],
        [0, 0],
      ]);
      const u = tf.scatterNd(tf.placeholder(tf.int32), tf.placeholder(tf.float32, [2, 2, 2]), [2, 2, 2]);
      expect(u.shape).toEqual([2, 2, 2]);
    }));

  it("testRank3InvalidShape1 / 2 and testEmptyOutputShape1: the shape function's messages", () =>
    inGraph((g) => {
      const [i222, u322, i221, u22, u222] = [
        tf.zeros([2, 2, 2], tf.int32),
        tf.zeros([3, 2, 2]),
        tf.zeros([2, 2, 1], tf.int32),
        tf.zeros([2, 2]),
        tf.zeros([2, 2, 2]),
      ];
      const before = graphSnapshot(g);
      expect(() => tf.scatterNd(i222, u322, [2, 2, 2], "s")).toThrow(
        "The outer 2 dimensions of indices.shape=[2,2,2] must match the outer 2 dimensions of updates.shape=[3,2,2]",
      );
      expect(() => tf.scatterNd(i221, u22, [2, 2, 2], "s")).toThrow(
        "The inner 2 dimensions of output.shape=[2,2,2] must match the inner 0 dimensions of updates.shape=[2,2]",
      );
      expect(() => tf.scatterNd(i222, u222, [0, 0, 2], "s")).toThrow(
        new tf.errors.ValueError(
          "Indices and updates specified for empty output shape for 's' (op: 'ScatterNd') with input shapes: [2,2,2], [2,2,2], [3] and with computed input tensors: input[2] = <0 0 2>.",
        ),
      );
      expect(graphSnapshot(g)).toEqual(before);
    }));

  it("testEmptyOutputShape2/3 and bad indices: the kernel's messages", () =>
    inGraph(() => {
      const empty = tf.scatterNd(tf.placeholder(tf.int32, [null, 3]), tf.placeholder(tf.int32, [null]), [0, 0, 0]);
      const sess = new tf.Session();
      const feed = (i: number[][], u: number[]) =>
        new Map([
          [empty.op.inputs[0], new tf.NDArray("int32", [i.length, 3], Int32Array.from(i.flat()))],
          [empty.op.inputs[1], new tf.NDArray("int32", [u.length], Int32Array.from(u))],
        ]);
      expect(() => sess.run(empty, feed([[0, 0, 0]], [1]))).toThrow(
        opError("Indices and updates specified for empty output.  indices shape: [1,3]", "ScatterNd"),
      );
      expect(sess.run(empty, feed([], [])).shape).toEqual([0, 0, 0]);
      const bad = tf.scatterNd([[0], [5]], tf.constant([1, 2], { dtype: tf.float32 }), [3]);
      expect(() => run(bad)).toThrow(opError("indices[1] = [5] does not index into shape [3]", "ScatterNd_1"));
    }));

  it("testGradient (array_grad.py _ScatterNdGrad): the gradient gathered at the indices", () =>
    inGraph(() => {
      const updates = tf.constant([1, 2, 3], { dtype: tf.float64 });
      const y = tf.scatterNd([[3], [0], [3]], updates, [5]);
      const dy = tf.constant([10, 20, 30, 40, 50], { dtype: tf.float64 });
      const g = grad(y, updates, dy);
      expect(g.op.type).toBe("GatherNd");
      expect(run(g)).toEqual([40, 10, 40]);
    }));
});
