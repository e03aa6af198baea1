// tf.cond (TF 1.15 v1 control flow) on the wasm backend against the reference backend: the planned, bound steps
// before a cond, the steps a cond may leave dead (run through the executor, never bound), and the steps after it,
// over repeated runs of one signature whose predicate flips.
import { expectClose } from "@scopeflow/test-kit";
import * as tf from "@scopeflow/test-kit/platform";
import { beforeAll, describe, expect, it } from "vitest";

/** Deterministic values in [-1, 1). */
function values(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.fround((s / 2 ** 32) * 2 - 1);
  });
}

function rows(data: number[], width: number): number[][] {
  return Array.from({ length: data.length / width }, (_, i) => data.slice(i * width, (i + 1) * width));
}

describe("tf.cond on the wasm backend matches the reference backend", () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it("runs only the taken branch as the predicate flips; values, gradients and a training step match", () => {
    const runs: [boolean, number][] = [
      [true, 1],
      [false, 2],
      [true, 3],
      [true, 4],
      [false, 5],
    ];
    const results = (["reference", "wasm"] as const).map((backend) => {
      const g = new tf.Graph();
      return g.asDefault(() => {
        const p = tf.placeholder("bool", [], "p");
        const x = tf.placeholder("float32", [4, 3], "x");
        const w = new tf.Variable(rows(values(6, 11), 2), { name: "w", dtype: "float32" });
        const hitsTrue = new tf.Variable(0, { name: "hits_true", dtype: "float32", trainable: false });
        const hitsFalse = new tf.Variable(0, { name: "hits_false", dtype: "float32", trainable: false });
        const h = tf.matmul(x, w);
        const y = tf.cond(
          p,
          () => tf.add(tf.nn.relu(h), tf.assignAdd(hitsTrue, 1)),
          () => tf.subtract(tf.tanh(h), tf.assignAdd(hitsFalse, 1)),
        );
        const loss = tf.reduceSum(tf.square(y));
        const [gradW] = tf.gradients(loss, [w]) as tf.Tensor[];
        const train = new tf.train.GradientDescentOptimizer(0.01).minimize(loss);
        const sess = new tf.Session({ backend });
        sess.run(tf.globalVariablesInitializer());
        const out: number[][] = [];
        for (const [flag, seed] of runs) {
          const feeds = { "p:0": flag, "x:0": rows(values(12, seed), 3) };
          for (const v of sess.run([loss, gradW], feeds)) out.push(Array.from(v.data as Float32Array));
          sess.run(train, feeds);
        }
        for (const v of sess.run([hitsTrue.value(), hitsFalse.value(), w.value()]))
          out.push(Array.from(v.data as Float32Array));
        return out;
      });
    });
    const [reference, wasm] = results;
    // Each run's two fetches, then once more for the training step: 3 true-branch and 2 false-branch runs, twice.
    expect(reference.slice(-3, -1)).toEqual([[6], [4]]);
    expect(wasm.length).toBe(reference.length);
    reference.forEach((r, i) => expectClose(wasm[i], r, 1e-4));
  });
});
