// segment_reduction_ops_test.py (TF 1.15): SegmentReductionOpTest (testValues, testSegmentIdsShape, testSegmentIdsSize,
// testSegmentIdsGreaterThanZero, testSegmentIdsHole, testSegmentIdsInvalid1-5, testGradient) and UnsortedSegmentTest
// (testValues, testBadIndices, testDropNegatives, testGradients): values against a plain reference reduction, the
// kernels' messages, names, and float64 finite-difference gradients.
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import * as tf from "../index";
import { inGraph, run } from "../scopes/test-helpers";

type Reduce = (rows: number[][]) => number[];
const columnwise =
  (f: (vs: number[]) => number): Reduce =>
  (rows) =>
    rows[0].map((_, j) => f(rows.map((r) => r[j])));
const SUM = columnwise((vs) => vs.reduce((a, b) => a + b, 0));
const MEAN = columnwise((vs) => vs.reduce((a, b) => a + b, 0) / vs.length);
const SQRT_N = columnwise((vs) => vs.reduce((a, b) => a + b, 0) / Math.sqrt(vs.length));
const PROD = columnwise((vs) => vs.reduce((a, b) => a * b, 1));
const MIN = columnwise((vs) => Math.min(...vs));
const MAX = columnwise((vs) => Math.max(...vs));

/** segment_reduction_ops_test.py: _segmentReduce: rows grouped by id, `empty` for the ids that do not occur. */
function segmentReduce(ids: number[], rows: number[][], f: Reduce, numSegments: number, empty: number): number[][] {
  return Array.from({ length: numSegments }, (_, s) => {
    const members = rows.filter((_, i) => ids[i] === s);
    return members.length ? f(members) : rows[0].map(() => empty);
  });
}
/** _input: np.arange(1, n + 1) shaped [rows, cols]. */
const input = (rows: number, cols: number) =>
  Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => i * cols + j + 1));

describe("segment_reduction_ops_test.py: SegmentReductionOpTest", () => {
  const n = 10;
  const indices = Array.from({ length: n }, (_, i) => Math.floor(i / 3));
  const x = input(n, 2);
  const ops: [string, (d: tf.Tensor, ids: number[]) => tf.Tensor, Reduce][] = [
    ["SegmentSum", (d, i) => tf.segmentSum(d, i), SUM],
    ["SegmentMean", (d, i) => tf.segmentMean(d, i), MEAN],
    ["SegmentProd", (d, i) => tf.segmentProd(d, i), PROD],
    ["SegmentMin", (d, i) => tf.segmentMin(d, i), MIN],
    ["SegmentMax", (d, i) => tf.segmentMax(d, i), MAX],
  ];
  for (const dtype of ["float32", "float64", "int32"] as const) {
    it.each(ops)(`testValues: %s (${dtype})`, (type, op, reduce) =>
      inGraph(() => {
        const s = op(tf.constant(x, { dtype }), indices);
        expect([s.op.type, s.op.name, s.shape]).toEqual([type, type, [null, 2]]);
        const expected = segmentReduce(indices, x, reduce, 4, 0);
        const got = run(s) as number[][];
        if (dtype === "int32") expect(got).toEqual(expected.map((r) => r.map(Math.trunc)));
        else got.flat().forEach((v, i) => expect(v).toBeCloseTo(expected.flat()[i], 4));
      }),
    );
  }

  it("testSegmentIdsShape: ids of rank 2 are a shape error", () =>
    inGraph(() => {
      const d = tf.constant(input(4, 4), { dtype: "float32" });
      const ids = tf.constant([
        [0, 1],
        [2, 2],
      ]);
      expect(() => tf.segmentSum(d, ids)).toThrow(
        "Shape must be rank 1 but is rank 2 for 'SegmentSum' (op: 'SegmentSum') with input shapes: [4,4], [2,2].",
      );
    }));

  const d44 = () => tf.constant(input(4, 4), { dtype: "float32" });
  it("testSegmentIdsSize", () =>
    inGraph(() => {
      expect(() => run(tf.segmentSum(d44(), [0, 1]))).toThrow(
        "segment_ids should be the same size as dimension 0 of input.",
      );
    }));

  it("testSegmentIdsValid / testSegmentIdsGreaterThanZero / testSegmentIdsHole: missing ids are 0 (1 for prod)", () =>
    inGraph(() => {
      const rows = input(4, 4);
      for (const ids of [
        [0, 0, 0, 1],
        [1, 1, 2, 2],
        [0, 0, 3, 3],
      ]) {
        const segments = ids[3] + 1;
        expect(run(tf.segmentSum(d44(), ids))).toEqual(segmentReduce(ids, rows, SUM, segments, 0));
        expect(run(tf.segmentProd(d44(), ids))).toEqual(segmentReduce(ids, rows, PROD, segments, 1));
        expect(run(tf.segmentMax(d44(), ids))).toEqual(segmentReduce(ids, rows, MAX, segments, 0));
      }
    }));

  it("testSegmentIdsInvalid1-5: TF's messages", () =>
    inGraph(() => {
      const cases: [number[], string][] = [
        [[-1, -1, 0, 0], "Segment id -1 out of range [0, 1), possibly because 'segment_ids' input is not sorted."],
        [[0, 1, 0, 1], "segment ids are not increasing"],
        [[0, 1, 2, 0], "Segment id 1 out of range [0, 1), possibly because 'segment_ids' input is not sorted."],
        [[0, 0, 0, -1], "segment ids must be >= 0"],
        [[0, 0, 0, -2], "segment ids must be >= 0"],
      ];
      for (const [ids, message] of cases) {
        const s = tf.segmentSum(d44(), ids);
        expect(() => run(s)).toThrow(new tf.errors.InvalidArgumentError(`${message}\n\t [[{{node ${s.op.name}}}]]`));
      }
    }));

  it.each([
    ["segment_sum", tf.segmentSum],
    ["segment_mean", tf.segmentMean],
    ["segment_min", tf.segmentMin],
    ["segment_max", tf.segmentMax],
  ] as const)("testGradient: %s (float64)", (_name, op) => {
    const values = Array.from({ length: 10 }, (_, i) => [0, 1, 2, 3].map((j) => Math.sin(i * 4 + j + 1) * 3));
    const ids = Array.from({ length: 10 }, (_, i) => Math.floor(i / 3));
    expect(checkGradient(([a]) => op(a, ids), [values]).maxError).toBeLessThan(1e-6);
  });

  it("SegmentProd has no gradient in TF 1.15", () =>
    inGraph(() => {
      const d = tf.constant([1.5, 2.5], { dtype: "float32" });
      expect(() => tf.gradients(tf.segmentProd(d, [0, 0]), [d])).toThrow(
        "No gradient defined for operation 'SegmentProd' (op type: SegmentProd)",
      );
    }));
});

describe("segment_reduction_ops_test.py: UnsortedSegmentTest", () => {
  const indicesFlat = [0, 4, 0, 8, 3, 8, 4, 7, 7, 3];
  const numSegments = 12;
  const f32 = { lowest: -3.4028234663852886e38, highest: 3.4028234663852886e38 };
  const ops: [string, typeof tf.unsortedSegmentMax, Reduce, number][] = [
    ["UnsortedSegmentSum", (d, i, n) => tf.unsortedSegmentSum(d as tf.Tensor, i as tf.Tensor, n), SUM, 0],
    ["UnsortedSegmentProd", tf.unsortedSegmentProd, PROD, 1],
    ["UnsortedSegmentMax", tf.unsortedSegmentMax, MAX, f32.lowest],
    ["UnsortedSegmentMin", tf.unsortedSegmentMin, MIN, f32.highest],
    ["UnsortedSegmentMean/truediv", tf.unsortedSegmentMean, MEAN, 0],
    ["UnsortedSegmentSqrtN/truediv", tf.unsortedSegmentSqrtN, SQRT_N, 0],
  ];
  it.each(ops)("testValues: %s over flat and [5, 2] ids (float32)", (name, op, reduce, empty) =>
    inGraph(() => {
      const x = input(10, 2);
      const expected = segmentReduce(indicesFlat, x, reduce, numSegments, empty);
      const flat = op(tf.constant(x, { dtype: "float32" }), tf.constant(indicesFlat), numSegments);
      expect([flat.op.name, flat.shape]).toEqual([name, [numSegments, 2]]);
      (run(flat) as number[][]).flat().forEach((v, i) => expect(v).toBeCloseTo(expected.flat()[i], 3));
      const ids2 = [0, 2, 4, 6, 8].map((i) => [indicesFlat[i], indicesFlat[i + 1]]);
      const x3 = [0, 2, 4, 6, 8].map((i) => [x[i], x[i + 1]]);
      const nested = op(tf.constant(x3, { dtype: "float32" }), tf.constant(ids2), numSegments);
      expect(nested.shape).toEqual([numSegments, 2]);
      (run(nested) as number[][]).flat().forEach((v, i) => expect(v).toBeCloseTo(expected.flat()[i], 3));
    }),
  );

  it("testBadIndices", () =>
    inGraph(() => {
      for (const bad of [[[2]], [[7]]]) {
        for (const op of [tf.unsortedSegmentMax, tf.unsortedSegmentProd]) {
          const t = op(tf.constant([[17]]), tf.constant(bad), 2);
          expect(() => run(t)).toThrow(`segment_ids[0,0] = ${bad[0][0]} is out of range [0, 2)`);
        }
      }
    }));

  it("testDropNegatives: negative ids drop their rows", () =>
    inGraph(() => {
      const x = input(10, 2);
      const dropped = indicesFlat.map((i) => (i === 8 ? -1 : i));
      const expected = segmentReduce(indicesFlat, x, SUM, numSegments, 0).map((r, s) => (s >= 8 ? [0, 0] : r));
      expect(run(tf.unsortedSegmentSum(tf.constant(x), tf.constant(dropped), numSegments))).toEqual(expected);
      const max = run(tf.unsortedSegmentMax(tf.constant(x, { dtype: "float64" }), dropped, numSegments)) as number[][];
      expect(max[8]).toEqual([-Number.MAX_VALUE, -Number.MAX_VALUE]);
    }));

  it("data.shape must start with segment_ids.shape (shape function and kernel)", () =>
    inGraph(() => {
      expect(() => tf.unsortedSegmentMax(tf.constant(input(3, 2)), tf.constant([0, 1]), 2)).toThrow(
        "Dimension 0 in both shapes must be equal, but are 3 and 2. Shapes are [3] and [2]. for 'UnsortedSegmentMax' (op: 'UnsortedSegmentMax') with input shapes: [3,2], [2], [].",
      );
    }));

  const values = Array.from({ length: 10 }, (_, i) => [0, 1].map((j) => Math.cos(i * 2 + j + 1) * 2 + 0.1));
  // Max and min leave numeric_limits' lowest/highest in an empty segment, which sum(y * w) cannot take: their
  // ids cover every segment.
  const dense = [0, 2, 0, 4, 1, 4, 2, 3, 3, 1];
  it.each([
    ["unsorted_segment_sum", (d: tf.Tensor) => tf.unsortedSegmentSum(d, tf.constant(indicesFlat), numSegments)],
    ["unsorted_segment_max", (d: tf.Tensor) => tf.unsortedSegmentMax(d, dense, 5)],
    ["unsorted_segment_min", (d: tf.Tensor) => tf.unsortedSegmentMin(d, dense, 5)],
    ["unsorted_segment_prod", (d: tf.Tensor) => tf.unsortedSegmentProd(d, indicesFlat, numSegments)],
    ["unsorted_segment_mean", (d: tf.Tensor) => tf.unsortedSegmentMean(d, indicesFlat, numSegments)],
    ["unsorted_segment_sqrt_n", (d: tf.Tensor) => tf.unsortedSegmentSqrtN(d, indicesFlat, numSegments)],
    [
      "unsorted_segment_sum with a negative id",
      (d: tf.Tensor) => tf.unsortedSegmentSum(d, tf.constant(indicesFlat.map((i) => (i === 8 ? -1 : i))), numSegments),
    ],
  ] as const)("testGradients: %s (float64)", (_name, op) => {
    expect(checkGradient(([a]) => op(a), [values]).maxError).toBeLessThan(1e-6);
  });

  it("testProdGrad: segments with one zero and with two zeros (_UnsortedSegmentProdGrad)", () => {
    const withZeros = [[0], [2], [3], [0], [0], [1.5]];
    const ids = [0, 0, 0, 1, 1, 2];
    const report = checkGradient(([a]) => tf.unsortedSegmentProd(a, ids, 3), [withZeros]);
    expect(report.maxError).toBeLessThan(1e-6);
    // Two zeros in segment 1: no gradient through either.
    expect([report.symbolic[0][3], report.symbolic[0][4]]).toEqual([0, 0]);
  });
});
