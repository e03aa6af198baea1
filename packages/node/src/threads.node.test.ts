// Node: tf.ready({ numThreads }) and tf.backendInfo(); an MLP trained on 2 threads has the losses of the same run on
// 1 thread, bit for bit (the kernels split output rows, never a sum); idle workers do not keep the process alive.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { uniform } from "@scopeflow/test-kit";
import { describe, expect, it } from "vitest";
import * as tf from "./index";

/** Losses of `steps` SGD steps of a 256-128-10 ReLU MLP on a fixed batch of 128 (its GEMMs are big enough to split). */
function trainMlp(steps: number): number[] {
  const g = new tf.Graph();
  return g.asDefault(() => {
    const batch = 128;
    const x = tf.constant(new tf.NDArray("float32", [batch, 256], Float32Array.from(uniform(batch * 256, 1))));
    const labels = tf.constant(
      Int32Array.from({ length: batch }, (_, i) => (i * 7) % 10),
      { dtype: "int32" },
    );
    const w1 = new tf.Variable(new tf.NDArray("float32", [256, 128], Float32Array.from(uniform(256 * 128, 2, 0.1))));
    const b1 = new tf.Variable(new tf.NDArray("float32", [128], new Float32Array(128)));
    const w2 = new tf.Variable(new tf.NDArray("float32", [128, 10], Float32Array.from(uniform(128 * 10, 3, 0.1))));
    const hidden = tf.nn.relu(tf.add(tf.matmul(x, w1), b1));
    const logits = tf.matmul(hidden, w2);
    const loss = tf.reduceMean(tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels, logits }));
    const train = new tf.train.GradientDescentOptimizer(0.1).minimize(loss);
    const sess = new tf.Session();
    sess.run(tf.globalVariablesInitializer());
    const losses: number[] = [];
    for (let i = 0; i < steps; i++) losses.push((sess.run([loss, train])[0] as tf.NDArray).item() as number);
    return losses;
  });
}

describe("@scopeflow/node threads", () => {
  it("ready({ numThreads }) splits the kernels; an MLP trains to the same losses on 2 threads as on 1", async () => {
    await expect(tf.ready({ numThreads: 0 })).rejects.toThrow("tf.ready: numThreads must be a positive integer, got 0");
    await tf.ready({ numThreads: 2 });
    const info = tf.backendInfo();
    expect(info).toEqual({ backend: "wasm", build: info.build, numThreads: 2 });
    expect(["simd128", "relaxed-simd"]).toContain(info.build);
    const threaded = trainMlp(8);
    expect(threaded[7]).toBeLessThan(threaded[0]);
    await tf.ready({ numThreads: 1 });
    expect(tf.backendInfo().numThreads).toBe(1);
    expect(trainMlp(8)).toEqual(threaded);
    await tf.ready({ numThreads: 2 });
    expect(tf.backendInfo().numThreads).toBe(2);
  });

  it("a process whose kernels ran on worker threads exits by itself", async () => {
    const entry = new URL("../dist/index.js", import.meta.url).href;
    const script = `
      const tf = await import(${JSON.stringify(entry)});
      await tf.ready({ numThreads: 2 });
      const g = new tf.Graph();
      const y = g.asDefault(() => new tf.Session().run(tf.matmul(tf.ones([256, 256]), tf.ones([256, 256]))));
      console.log(JSON.stringify({ ...tf.backendInfo(), y: y.data[0] }));`;
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
      timeout: 60_000,
      cwd: fileURLToPath(new URL(".", import.meta.url)),
    });
    const out = JSON.parse(stdout);
    expect(out.numThreads).toBe(2);
    expect(out.y).toBe(256);
  }, 60_000);
});
