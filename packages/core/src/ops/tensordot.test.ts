// Ports of tensorflow/python/kernel_tests/tensordot_op_test.py (TF 1.15) TensordotTest, graph mode, with
// np.tensordot written out below; the random-shape cases (_get_tensordot_tests) run on fixed seeded shapes.
// Also: the gradient through tf.tensordot against central differences in float64, and TF's gradient op names.
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import { seeded, uniform } from "../../../../tools/test-kit/src/random";
import * as tf from "../index";
import { inGraph, run } from "../scopes/test-helpers";

interface Arr {
  shape: number[];
  data: number[];
}

const strides = (shape: number[]) => shape.map((_, i) => shape.slice(i + 1).reduce((p, d) => p * d, 1));

/** np.tensordot(a, b, (aAxes, bAxes)) on flat row-major arrays. */
function npTensordot(a: Arr, b: Arr, aAxes: number[], bAxes: number[]): Arr {
  const aFree = a.shape.map((_, i) => i).filter((i) => !aAxes.includes(i));
  const bFree = b.shape.map((_, i) => i).filter((i) => !bAxes.includes(i));
  const shape = [...aFree.map((i) => a.shape[i]), ...bFree.map((i) => b.shape[i])];
  const sa = strides(a.shape);
  const sb = strides(b.shape);
  const contracted = aAxes.map((i) => a.shape[i]);
  const size = shape.reduce((p, d) => p * d, 1);
  const ksize = contracted.reduce((p, d) => p * d, 1);
  const data = new Array<number>(size).fill(0);
  const so = strides(shape);
  for (let o = 0; o < size; o++) {
    const idx = so.map((s, i) => Math.floor(o / s) % shape[i]);
    let ai = 0;
    let bi = 0;
    aFree.forEach((ax, i) => (ai += idx[i] * sa[ax]));
    bFree.forEach((ax, i) => (bi += idx[aFree.length + i] * sb[ax]));
    for (let k = 0; k < ksize; k++) {
      let rest = k;
      let ak = ai;
      let bk = bi;
      for (let j = contracted.length - 1; j >= 0; j--) {
        const c = rest % contracted[j];
        rest = Math.floor(rest / contracted[j]);
        ak += c * sa[aAxes[j]];
        bk += c * sb[bAxes[j]];
      }
      data[o] += a.data[ak] * b.data[bk];
    }
  }
  return { shape, data };
}

const flat = (x: unknown): number[] => (Array.isArray(x) ? x.flatMap(flat) : [x as number]);

describe("tensordot_op_test.py TensordotTest", () => {
  it("tensordot_op_test.py TensordotTest.test_invalid_shape (static)", () =>
    inGraph(() => {
      const a = [
        [1, 2],
        [3, 4],
      ];
      const b = [
        [1, 2],
        [3, 4],
        [5, 6],
      ];
      expect(() => tf.tensordot(a, b, [[1], [0]])).toThrow(tf.errors.ValueError);
      expect(() => tf.tensordot(a, b, [[1], [0]])).toThrow("Dimensions must be equal, but are 2 and 3");
    }));

  it("tensordot_op_test.py TensordotTest.test_invalid_axes (static)", () =>
    inGraph(() => {
      const a = [
        [1, 2],
        [3, 4],
      ];
      expect(() => tf.tensordot(a, a, -1)).toThrow("'axes' must be at least 0.");
      expect(() => tf.tensordot(a, a, 3)).toThrow("'axes' must not be larger than the number of dimensions of tensor");
      expect(() => tf.tensordot(a, a, [1] as never)).toThrow("'axes' must be an integer or have length 2.");
      expect(() => tf.tensordot(a, a, [[1]] as never)).toThrow("'axes' must be an integer or have length 2.");
      expect(() => tf.tensordot(a, a, [[1], [0, 1]])).toThrow(
        "Different number of contraction axes 'a' and 'b', 1 != 2.",
      );
      expect(() => tf.tensordot(a, a, [[0], [7]])).toThrow("list index out of range");
    }));

  it("tensordot_op_test.py TensordotTest.test_valid_axis", () =>
    inGraph(() => {
      const a = tf.ones([3, 3]);
      const bValues = [[[2, 3, 1]]];
      const b = tf.constant(bValues, { dtype: "float32" });
      const aArr = { shape: [3, 3], data: new Array(9).fill(1) };
      const bArr = { shape: [1, 1, 3], data: [2, 3, 1] };
      const cases: [tf.TensordotAxes, number[], number[]][] = [
        [[1, 2], [1], [2]],
        [[[1], [2]], [1], [2]],
        [[[], []], [], []],
        [0, [], []],
      ];
      for (const [axes, aAxes, bAxes] of cases) {
        const expected = npTensordot(aArr, bArr, aAxes, bAxes);
        const out = tf.tensordot(a, b, axes);
        expect(out.shape).toEqual(expected.shape);
        expect(flat(run(out))).toEqual(expected.data);
      }
    }));

  it("tensordot_op_test.py TensordotTest.test_partial_shape_inference", () =>
    inGraph(() => {
      for (const axes of [[[1], [0]], 1] as tf.TensordotAxes[]) {
        let a = tf.placeholder(tf.float32);
        let b = tf.placeholder(tf.float32);
        expect(tf.tensordot(a, b, axes).shape).toBeNull();
        a.setShape([null, 2]);
        b.setShape([2, 3]);
        expect(tf.tensordot(a, b, axes).shape).toEqual([null, 3]);
        a = tf.placeholder(tf.float32);
        b = tf.placeholder(tf.float32);
        a.setShape([2, 2]);
        b.setShape([2, null]);
        expect(tf.tensordot(a, b, axes).shape).toEqual([2, null]);
      }
    }));

  it("tensordot_op_test.py _get_tensordot_tests: test_tensordot, static and dynamic shapes and axes", () =>
    inGraph(() => {
      const next = seeded(11);
      const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
      const subset = (m: number, n: number) => {
        const perm = Array.from({ length: n }, (_, i) => i).sort(() => next() - 0.5);
        return perm.slice(0, m);
      };
      let seed = 1;
      for (const [rankA, rankB, numDims] of [
        [1, 1, 1],
        [2, 2, 1],
        [3, 2, 1],
        [3, 3, 2],
        [2, 4, 0],
        [4, 3, 3],
      ]) {
        const aShape = Array.from({ length: rankA }, () => int(1, 4));
        const bShape = Array.from({ length: rankB }, () => int(1, 4));
        const aDims = subset(numDims, rankA);
        const bDims = subset(numDims, rankB);
        aDims.forEach((d, i) => {
          const shared = int(1, 4);
          aShape[d] = shared;
          bShape[bDims[i]] = shared;
        });
        const a = {
          shape: aShape,
          data: uniform(
            aShape.reduce((p, d) => p * d, 1),
            seed++,
          ),
        };
        const b = {
          shape: bShape,
          data: uniform(
            bShape.reduce((p, d) => p * d, 1),
            seed++,
          ),
        };
        const expected = npTensordot(a, b, aDims, bDims);
        const aT = tf.constant(new tf.NDArray("float64", aShape, Float64Array.from(a.data)));
        const bT = tf.constant(new tf.NDArray("float64", bShape, Float64Array.from(b.data)));
        const sess = new tf.Session();
        // Static shapes and axes.
        const staticOut = tf.tensordot(aT, bT, [aDims, bDims]);
        expect(staticOut.shape).toEqual(expected.shape);
        const got = sess.run(staticOut);
        expect(got.shape).toEqual(expected.shape);
        Array.from(got.data as Float64Array).forEach((v, i) => expect(v).toBeCloseTo(expected.data[i], 12));
        // Dynamic: placeholders of unknown rank, axes fed as an int32 [2, numDims] tensor.
        const aPh = tf.placeholder(tf.float64);
        const bPh = tf.placeholder(tf.float64);
        const axesPh = tf.placeholder(tf.int32);
        const dyn = tf.tensordot(aPh, bPh, axesPh);
        const feeds = new Map<tf.Tensor, tf.NDArray>([
          [aPh, sess.run(aT)],
          [bPh, sess.run(bT)],
          [axesPh, new tf.NDArray("int32", [2, numDims], Int32Array.from([...aDims, ...bDims]))],
        ]);
        const dynValue = sess.run(dyn, feeds);
        expect(dynValue.shape).toEqual(expected.shape);
        Array.from(dynValue.data as Float64Array).forEach((v, i) => expect(v).toBeCloseTo(expected.data[i], 12));
      }
    }));
});

describe("tf.tensordot: names and gradients", () => {
  it("unknown rank with list axes: Rank, Select (where), ListDiff over a Range", () =>
    inGraph((g) => {
      const a = tf.placeholder(tf.float32, undefined, "a");
      const b = tf.placeholder(tf.float32, [3, 2], "b");
      tf.tensordot(a, b, [[-1], [0]]);
      expect(
        g
          .getOperations()
          .slice(2, 13)
          .map((o) => `${o.name}:${o.type}`),
      ).toEqual([
        "Tensordot/Shape:Shape",
        "Tensordot/Rank:Rank",
        "Tensordot/axes:Const",
        "Tensordot/GreaterEqual/y:Const",
        "Tensordot/GreaterEqual:GreaterEqual",
        "Tensordot/add:AddV2",
        "Tensordot/Select:Select",
        "Tensordot/range/start:Const",
        "Tensordot/range/delta:Const",
        "Tensordot/range:Range",
        "Tensordot/ListDiff:ListDiff",
      ]);
    }));

  it("the gradient (float64, central differences): through the static and the partly known path", () => {
    const x = uniform(2 * 3 * 4, 5).map((v) => v * 2);
    const w = uniform(4 * 2, 6);
    const x3 = [0, 1].map((i) => [0, 1, 2].map((j) => x.slice((i * 3 + j) * 4, (i * 3 + j + 1) * 4)));
    const w2 = [0, 1, 2, 3].map((i) => w.slice(i * 2, i * 2 + 2));
    checkGradient(([a, b]) => tf.tensordot(a, b, [[2], [0]]), [x3, w2]);
    checkGradient(
      ([a, b]) => {
        a.setShape([null, null, 4]);
        return tf.tensordot(tf.identity(a), b, 1);
      },
      [x3, w2],
    );
  });

  it("gradient op names: the MatMul's and the Transposes' under gradients/Tensordot", () =>
    inGraph(() => {
      const a = tf.placeholder(tf.float32, [2, 3, 4], "a");
      const b = tf.placeholder(tf.float32, [4, 5], "b");
      const [ga, gb] = tf.gradients(tf.tensordot(a, b, [[2], [0]]), [a, b]);
      expect(ga?.name).toBe("gradients/Tensordot/transpose_grad/transpose:0");
      expect(gb?.name).toBe("gradients/Tensordot/transpose_1_grad/transpose:0");
    }));
});
