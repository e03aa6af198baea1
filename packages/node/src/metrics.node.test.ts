// tf.metrics on the wasm backend (kernels it lacks run on the fallback reference kernels): the same update and
// value results as the reference backend, for metrics_test.py's AccuracyTest.testMultipleUpdates batches, AUCTest's
// testWeighted2d and MeanIOUTest's testUpdateOpEvalIsAccumulatedConfusionMatrix.
import { describe, expect, it } from "vitest";
import * as tf from "./index";

/** Builds the metrics, runs each update then each value on a fresh session of `backend`. */
function runMetrics(backend: "wasm" | "reference"): number[][] {
  return new tf.Graph().asDefault(() => {
    const preds = tf.placeholder(tf.float32, [1, 1]);
    const labels = tf.placeholder(tf.float32, [1, 1]);
    const [accuracy, accuracyUpdate] = tf.metrics.accuracy(labels, preds);
    const [auc, aucUpdate] = tf.metrics.auc(
      tf.constant([0, 1, 1, 0], { shape: [1, 4] }),
      tf.constant([1, 0, 1, 0], { shape: [1, 4], dtype: tf.float32 }),
      { weights: tf.constant([1, 2, 3, 4], { shape: [1, 4] }) },
    );
    const [miou, miouUpdate] = tf.metrics.meanIou(
      tf.constant([0, 0, 0, 1, 1, 1, 1, 1, 1, 1]),
      tf.constant([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]),
      2,
    );
    const sess = new tf.Session({ backend });
    sess.run(tf.localVariablesInitializer());
    const p = [0, 1, 2, 1];
    const l = [0, 1, 1, 2];
    const out: number[][] = [];
    for (let i = 0; i < 4; i++) {
      const feeds = new Map([
        [preds, [[p[i]]]],
        [labels, [[l[i]]]],
      ]);
      out.push([Number((sess.run(accuracyUpdate, feeds as never) as tf.NDArray).item())]);
    }
    const values = (t: tf.Tensor) => Array.from((sess.run(t) as tf.NDArray).data as ArrayLike<number>, Number);
    out.push(values(accuracy), values(aucUpdate), values(auc), values(miouUpdate), values(miou));
    return out;
  });
}

describe("tf.metrics under tf.ready() (wasm)", () => {
  it("gives the reference backend's results", async () => {
    await tf.ready();
    expect(tf.getBackend()).toBe("wasm");
    const wasm = runMetrics("wasm");
    const reference = runMetrics("reference");
    expect(wasm.length).toBe(reference.length);
    wasm.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(reference[i][j], 5)));
    // metrics_test.py's expectations: accuracy 0.5 after the four batches, AUC 0.7, the confusion matrix.
    expect(wasm[3][0]).toBe(0.5);
    expect(wasm[5][0]).toBeCloseTo(0.7, 5);
    expect(wasm[7]).toEqual([3, 0, 2, 5]);
  });
});
