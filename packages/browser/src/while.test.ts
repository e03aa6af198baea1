// tf.whileLoop (TF 1.15 v1 control flow) on the wasm backend against the reference backend: planned, bound steps
// before and after a loop, the loop run as one executor step on host kernels, over repeated runs with new feeds.
import { expectClose } from "@scopeflow/test-kit";
import * as tf from "@scopeflow/test-kit/platform";
import { beforeAll, describe, expect, it } from "vitest";

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

describe("tf.whileLoop on the wasm backend matches the reference backend", () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it("a matmul loop with a captured weight, a stateful counter and a TensorArray, over repeated runs", () => {
    const results = (["reference", "wasm"] as const).map((backend) => {
      const g = new tf.Graph();
      return g.asDefault(() => {
        const x = tf.placeholder("float32", [4, 3], "x");
        const n = tf.placeholder("int32", [], "n");
        const w = new tf.Variable(rows(values(9, 11), 3), { name: "w", dtype: "float32" });
        const count = new tf.Variable(0, { name: "count", dtype: "float32", trainable: false });
        const h = tf.tanh(tf.matmul(x, w));
        const ta = new tf.TensorArray("float32", { size: n });
        const [, hOut, taOut] = tf.whileLoop(
          (i: tf.Tensor) => tf.less(i, n),
          (i: tf.Tensor, s: tf.Tensor, acc: tf.TensorArray) => {
            const next = tf.controlDependencies([tf.assignAdd(count, 1)], () => tf.tanh(tf.matmul(s, w)));
            return [tf.add(i, 1), next, acc.write(i, tf.reduceSum(next))];
          },
          [tf.constant(0), h, ta],
        ) as [tf.Tensor, tf.Tensor, tf.TensorArray];
        const loss = tf.reduceSum(tf.square(hOut));
        const sess = new tf.Session({ backend });
        sess.run(tf.globalVariablesInitializer());
        const out: number[][] = [];
        for (const [steps, seed] of [
          [3, 1],
          [1, 2],
          [4, 3],
        ]) {
          const feeds = { "x:0": rows(values(12, seed), 3), "n:0": steps };
          for (const v of sess.run([loss, taOut.stack()], feeds)) out.push(Array.from(v.data as Float32Array));
        }
        out.push(Array.from(sess.run(count.value()).data as Float32Array));
        return out;
      });
    });
    expect(results[1].length).toBe(results[0].length);
    results[0].forEach((ref, i) => expectClose(results[1][i], ref, 1e-5));
    expect(results[0][results[0].length - 1]).toEqual([8]);
  });
});
