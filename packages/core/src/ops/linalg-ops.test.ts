// Qr (linalg_ops.cc, qr_op_impl.h) and DiagPart (array_ops.cc, diag_op.cc): the two ops init_ops.Orthogonal builds.
// Qr's values follow Eigen's HouseholderQR (LAPACK's sign convention: R's diagonal is -sign(a_kk) times a norm),
// checked on the textbook matrix whose QR numpy and TensorFlow both give with R = [[-14, -21, 14], [0, -175, 70],
// [0, 0, -35]].
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";
import { diagPart, qr } from "./linalg-ops";

const close = (a: unknown, b: unknown, tol = 1e-12) =>
  (a as number[]).flat(3).forEach((v, i) => expect(Math.abs(v - (b as number[]).flat(3)[i])).toBeLessThan(tol));

describe("Qr", () => {
  const a = [
    [12, -51, 4],
    [6, 167, -68],
    [-4, 24, -41],
  ];

  it("the textbook 3x3 matrix: Q and R as LAPACK/Eigen give them", () =>
    inGraph(() => {
      const [q, r] = qr(tf.constant(a, { dtype: "float64" }));
      expect(q.op.name).toBe("Qr");
      expect([q.shape, r.shape]).toEqual([
        [3, 3],
        [3, 3],
      ]);
      const [qv, rv] = new tf.Session().run([q, r]);
      close(rv.toArray(), [
        [-14, -21, 14],
        [0, -175, 70],
        [0, 0, -35],
      ]);
      close(qv.toArray(), [
        [-6 / 7, 69 / 175, 58 / 175],
        [-3 / 7, -158 / 175, -6 / 175],
        [2 / 7, -6 / 35, 33 / 35],
      ]);
    }));

  it("tall, wide and batched inputs; full_matrices; Q R reproduces the input", () =>
    inGraph(() => {
      const sess = new tf.Session();
      const x = tf.constant(
        [
          [
            [1, 2],
            [3, 4],
            [5, 6],
          ],
          [
            [0, 1],
            [1, 0],
            [2, 2],
          ],
        ],
        { dtype: "float64" },
      );
      const [q, r] = qr(x);
      expect([q.shape, r.shape]).toEqual([
        [2, 3, 2],
        [2, 2, 2],
      ]);
      close(sess.run(tf.matmul(q, r)).toArray(), sess.run(x).toArray());
      const [qf, rf] = qr(x, { fullMatrices: true });
      expect([qf.shape, rf.shape]).toEqual([
        [2, 3, 3],
        [2, 3, 2],
      ]);
      close(sess.run(tf.matmul(qf, rf)).toArray(), sess.run(x).toArray());
      const wide = tf.constant(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        { dtype: "float32" },
      );
      const [qw, rw] = qr(wide);
      expect([qw.shape, rw.shape]).toEqual([
        [2, 2],
        [2, 3],
      ]);
      close(sess.run(tf.matmul(qw, rw)).toArray(), sess.run(wide).toArray(), 1e-5);
      expect(qr(tf.placeholder("float32", [null, 4]))[1].shape).toEqual([null, 4]);
    }));

  it("TF's shape and type errors", () =>
    inGraph(() => {
      expect(() => qr(tf.constant([1, 2], { dtype: "float32" }))).toThrow(
        "Shape must be at least rank 2 but is rank 1 for 'Qr' (op: 'Qr') with input shapes: [2].",
      );
      expect(() => qr(tf.constant([[1]]))).toThrow(
        "Value passed to parameter 'input' has DataType int32 not in list of allowed values",
      );
    }));
});

describe("DiagPart", () => {
  it("rank 2 and rank 4 inputs; TF's shape error", () =>
    inGraph(() => {
      const sess = new tf.Session();
      expect(
        sess
          .run(
            diagPart(
              tf.constant([
                [1, 2],
                [3, 4],
              ]),
            ),
          )
          .toArray(),
      ).toEqual([1, 4]);
      const x4 = tf.reshape(tf.range(0, 16), [2, 2, 2, 2]);
      const d = diagPart(x4);
      expect(d.shape).toEqual([2, 2]);
      // out[i, j] = x[i, j, i, j]
      expect(sess.run(d).toArray()).toEqual([
        [0, 5],
        [10, 15],
      ]);
      expect(() => diagPart(tf.constant([1, 2, 3]))).toThrow(
        "Input must have even and non-zero rank, input rank is 1 for 'DiagPart_2' (op: 'DiagPart') with input shapes: [3].",
      );
      expect(() => diagPart(tf.placeholder("float32", [2, 3]))).toThrow("Dimensions must be equal, but are 2 and 3");
    }));
});
