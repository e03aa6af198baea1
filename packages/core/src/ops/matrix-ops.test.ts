// diag_op_test.py (MatrixDiagTest, MatrixSetDiagTest, MatrixDiagPartTest, DiagTest), matrix_band_part_op_test.py,
// linalg_ops_test.py (EyeTest), trace_op_test.py and array_ops_test.py (BatchMatrixTransposeTest): values, TF 1.15's
// names (the V1 ops under `diag`, `diag_part`, `set_diag`), messages and float64 gradients.
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import * as tf from "../index";
import { inGraph, names, run } from "../scopes/test-helpers";

const m3 = [
  [1, 2, 3],
  [4, 5, 6],
  [7, 8, 9],
];

describe("diag_op_test.py: MatrixDiagTest / MatrixDiagPartTest / MatrixSetDiagTest / DiagTest", () => {
  it("testVector / testBatchVector: matrix_diag", () =>
    inGraph(() => {
      const v = tf.matrixDiag(tf.constant([1, 2, 3], { dtype: "float32" }));
      expect([v.op.type, v.op.name, v.shape]).toEqual(["MatrixDiag", "diag", [3, 3]]);
      expect(run(v)).toEqual([
        [1, 0, 0],
        [0, 2, 0],
        [0, 0, 3],
      ]);
      const b = tf.linalg.diag([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      expect(b.shape).toEqual([2, 3, 3]);
      expect((run(b) as number[][][])[1]).toEqual([
        [4, 0, 0],
        [0, 5, 0],
        [0, 0, 6],
      ]);
    }));

  it("testInvalidShape: a scalar is a shape error", () =>
    inGraph(() => {
      expect(() => tf.matrixDiag(0)).toThrow(
        "Shape must be at least rank 1 but is rank 0 for 'diag' (op: 'MatrixDiag')",
      );
      expect(() => tf.matrixDiagPart(tf.constant([0]))).toThrow(
        "Shape must be at least rank 2 but is rank 1 for 'diag_part' (op: 'MatrixDiagPart')",
      );
      expect(() => tf.matrixSetDiag(tf.constant([1, 2]), tf.constant([0]))).toThrow(
        "Shape must be at least rank 2 but is rank 1 for 'set_diag' (op: 'MatrixSetDiag')",
      );
    }));

  it("matrix_diag_part of square, rectangular and batched matrices", () =>
    inGraph(() => {
      const p = tf.matrixDiagPart(tf.constant(m3));
      expect([p.op.type, p.op.name, p.shape]).toEqual(["MatrixDiagPart", "diag_part", [3]]);
      expect(run(p)).toEqual([1, 5, 9]);
      expect(
        run(
          tf.linalg.diagPart([
            [1, 2, 3],
            [4, 5, 6],
          ]),
        ),
      ).toEqual([1, 5]);
      expect(run(tf.matrixDiagPart(tf.constant([m3, m3.map((r) => r.map((v) => -v))])))).toEqual([
        [1, 5, 9],
        [-1, -5, -9],
      ]);
    }));

  it("matrix_set_diag: values, and the kernel's message for a diagonal of the wrong shape", () =>
    inGraph(() => {
      const s = tf.matrixSetDiag(
        tf.constant([
          [0, 1, 0],
          [1, 0, 1],
        ]),
        tf.constant([3, 4]),
      );
      expect([s.op.type, s.op.name]).toEqual(["MatrixSetDiag", "set_diag"]);
      expect(run(s)).toEqual([
        [3, 1, 0],
        [1, 4, 1],
      ]);
      const bad = tf.matrixSetDiag(tf.constant(m3), tf.constant([1, 2]));
      expect(() => run(bad)).toThrow(
        "must have diagonal.shape == input.shape[:-2] + min(input.shape[-2:]), but received input shape: [3,3] and diagonal shape: [2]",
      );
    }));

  it("DiagTest: tf.diag of ranks 1 and 2, and tf.diag_part back", () =>
    inGraph(() => {
      const d = tf.diag(tf.constant([1, 2]));
      expect([d.op.type, d.op.name, d.shape]).toEqual(["Diag", "Diag", [2, 2]]);
      expect(run(d)).toEqual([
        [1, 0],
        [0, 2],
      ]);
      const d2 = tf.diag([
        [1, 2],
        [3, 4],
      ]);
      expect(d2.shape).toEqual([2, 2, 2, 2]);
      const v = run(d2) as number[][][][];
      expect([v[0][0][0][0], v[0][1][0][1], v[1][0][1][0], v[1][1][1][1], v[0][0][1][1]]).toEqual([1, 2, 3, 4, 0]);
      expect(run(tf.diagPart(d2))).toEqual([
        [1, 2],
        [3, 4],
      ]);
    }));

  const batch = [
    [
      [0.5, -1, 2],
      [1.5, 0.25, -0.75],
    ],
    [
      [-2, 1, 0.5],
      [3, -0.5, 1.25],
    ],
  ];
  it.each([
    ["MatrixDiag", ([a]: tf.Tensor[]) => tf.matrixDiag(a), [batch]],
    ["MatrixDiagPart (rectangular)", ([a]: tf.Tensor[]) => tf.matrixDiagPart(a), [batch]],
    ["MatrixDiagPart (square)", ([a]: tf.Tensor[]) => tf.matrixDiagPart(a), [[m3.map((r) => r.map((v) => v / 3))]]],
    [
      "MatrixSetDiag",
      ([a, b]: tf.Tensor[]) => tf.matrixSetDiag(a, b),
      [
        batch,
        [
          [1, 2],
          [3, 4],
        ],
      ],
    ],
    ["MatrixBandPart", ([a]: tf.Tensor[]) => tf.matrixBandPart(a, 0, 1), [batch]],
    ["Diag", ([a]: tf.Tensor[]) => tf.diag(a), [[0.5, -1.5, 2]]],
    ["Trace", ([a]: tf.Tensor[]) => tf.trace(a), [batch]],
  ] as const)("testGrad: %s (float64)", (_name, build, inputs) => {
    expect(checkGradient(build as (t: tf.Tensor[]) => tf.Tensor, inputs as never).maxError).toBeLessThan(1e-6);
  });
});

describe("matrix_band_part_op_test.py", () => {
  it("every (lower, upper) band of a 3x4 batch against the definition", () =>
    inGraph(() => {
      const a = [
        [1, 2, 3, 4],
        [5, 6, 7, 8],
        [9, 10, 11, 12],
      ];
      for (const lower of [-1, 0, 1, 2]) {
        for (const upper of [-1, 0, 1, 3]) {
          const band = tf.matrixBandPart(tf.constant([a, a]), lower, upper);
          const expected = a.map((r, i) =>
            r.map((v, j) => ((lower < 0 || i - j <= lower) && (upper < 0 || j - i <= upper) ? v : 0)),
          );
          expect(run(band)).toEqual([expected, expected]);
        }
      }
    }));

  it("plain band widths are int64 (Tindex's default); the kernel's range messages", () =>
    inGraph(() => {
      const b = tf.linalg.bandPart(tf.constant(m3), 1, -1);
      expect([b.op.type, b.op.name, b.op.attrs.Tindex]).toEqual(["MatrixBandPart", "MatrixBandPart", tf.int64]);
      expect(() => run(tf.matrixBandPart(tf.constant(m3), 4, 0))).toThrow(
        "num_lower must be negative or less or equal to number of rows (3) got: 4",
      );
      expect(() => run(tf.matrixBandPart(tf.constant(m3), 0, 5))).toThrow(
        "num_upper must be negative or less or equal to number of columns (3) got: 5",
      );
    }));
});

describe("linalg_ops_test.py: EyeTest", () => {
  it("square: ones made a MatrixDiag in scope eye; rectangular: set into zeros; a batch shape", () =>
    inGraph((g) => {
      const e = tf.eye(3);
      expect(run(e)).toEqual([
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ]);
      expect(e.dtype.name).toBe("float32");
      expect(names(g)).toEqual(["eye/ones:Const", "eye/diag:MatrixDiag"]);
      const r = tf.linalg.eye(2, 3, [2], "int32");
      expect(r.shape).toEqual([2, 2, 3]);
      expect(run(r)).toEqual([
        [
          [1, 0, 0],
          [0, 1, 0],
        ],
        [
          [1, 0, 0],
          [0, 1, 0],
        ],
      ]);
      expect(names(g).slice(2)).toEqual(["eye_1/ones:Const", "eye_1/zeros:Const", "eye_1/set_diag:MatrixSetDiag"]);
      expect(() => tf.eye(2.5)).toThrow(new TypeError("num_rows and num_columns must be positive integer values."));
    }));
});

describe("trace_op_test.py and array_ops_test.py: BatchMatrixTransposeTest", () => {
  it("trace: the Sum of the diagonal named Trace", () =>
    inGraph((g) => {
      const t = tf.trace(tf.constant([m3, m3]));
      expect([t.op.type, t.op.name, t.shape]).toEqual(["Sum", "Trace", [2]]);
      expect(run(t)).toEqual([15, 15]);
      expect(names(g)).toEqual([
        "Const:Const",
        "Trace/diag_part:MatrixDiagPart",
        "Trace/reduction_indices:Const",
        "Trace:Sum",
      ]);
    }));

  it("matrix_transpose: the two innermost dims, in scope matrix_transpose; rank < 2 is TF's ValueError", () =>
    inGraph(() => {
      const x = tf.constant([[[1, 2, 3]], [[4, 5, 6]]]);
      const t = tf.matrixTranspose(x);
      expect([t.op.name, t.shape]).toEqual(["matrix_transpose/transpose", [2, 3, 1]]);
      expect(run(t)).toEqual([
        [[1], [2], [3]],
        [[4], [5], [6]],
      ]);
      expect(run(tf.linalg.transpose(tf.constant(m3)))).toEqual([
        [1, 4, 7],
        [2, 5, 8],
        [3, 6, 9],
      ]);
      expect(() => tf.matrixTranspose(tf.constant([1, 2, 3]))).toThrow(
        new tf.errors.ValueError("Argument 'a' should be a (batch) matrix, with rank >= 2.  Found: (3,)"),
      );
    }));
});
