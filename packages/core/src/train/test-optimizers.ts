// Test helpers for the optimizer tests ported from TF 1.15's training/*_test.py: TF's assertAllClose, reading a
// value in a Session, and testMinimizeSparseResourceVariable's embedding model.
import { expect } from "vitest";
import * as tf from "../index";

/** test_util.py: assertAllClose(a, b, rtol, atol): |a - b| <= atol + rtol * |b| element by element. */
export function allClose(got: unknown, want: readonly unknown[], tol: { rtol?: number; atol?: number } = {}): void {
  const g = (Array.isArray(got) ? got.flat(4) : [got]) as number[];
  const w = want.flat(4) as number[];
  expect(g.length).toBe(w.length);
  const rtol = tol.rtol ?? 1e-6;
  const atol = tol.atol ?? 1e-6;
  g.forEach((x, i) => {
    if (!(Math.abs(x - w[i]) <= atol + rtol * Math.abs(w[i]))) {
      throw new Error(`element ${i}: ${x} is not close to ${w[i]} (rtol ${rtol}, atol ${atol}): got [${g}]`);
    }
  });
}

/** The value of a variable or tensor in `sess`. */
export function read(sess: tf.Session, v: tf.Variable | tf.Tensor): unknown {
  return sess.run(v as unknown as tf.Tensor).toArray();
}

/**
 * testMinimizeSparseResourceVariable (a ref variable here): loss = (embedding_lookup([var0], [0]) @ x)^2 with
 * var0 = [[1, 2]] and x = [[4], [5]], one minimize step; the IndexedSlices gradient takes the SparseApply* path.
 */
export function minimizeSparseStep(dtype: tf.DType, make: () => tf.train.Optimizer): { value: unknown; g: tf.Graph } {
  const g = new tf.Graph();
  return g.asDefault(() => {
    const var0 = new tf.Variable([[1.0, 2.0]], { dtype, name: "var0" });
    const x = tf.constant([[4.0], [5.0]], { dtype });
    const pred = tf.matmul(tf.nn.embeddingLookup([var0], [0]), x);
    const loss = pred.mul(pred);
    const sgdOp = make().minimize(loss);
    const sess = new tf.Session();
    sess.run(tf.globalVariablesInitializer());
    allClose(read(sess, var0), [[1.0, 2.0]]);
    sess.run(sgdOp);
    return { value: read(sess, var0), g };
  });
}
