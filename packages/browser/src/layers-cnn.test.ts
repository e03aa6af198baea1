// A small tf.layers CNN (conv2d -> batch norm -> relu -> max pool -> flatten -> dropout -> dense) trained with Adam,
// UPDATE_OPS a control dependency of the train op and `training` a placeholder (tf.cond), on the reference and the
// wasm backends; then a checkpoint whose keys are TF 1.15's.
import { expectClose } from "@scopeflow/test-kit";
import { loadBytes } from "@scopeflow/test-kit/load-bytes";
import * as tf from "@scopeflow/test-kit/platform";
import { createWasmKernels, defaultWasmUrl, type WasmKernels } from "@scopeflow/wasm-kernels";
import { beforeAll, describe, expect, it } from "vitest";
import { referenceFallbacks } from "./test-fallbacks";

/** Deterministic values in [-1, 1). */
function values(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.fround((s / 2 ** 32) * 2 - 1);
  });
}

const images = new tf.NDArray("float32", [4, 6, 6, 1], Float32Array.from(values(4 * 36, 3)));
const labels = [0, 1, 2, 1];

/** A kernel of the given shape with values in [-0.5, 0.5), as nested arrays. */
function kernel(...shape: number[]): number[] {
  const data = values(
    shape.reduce((a, b) => a * b, 1),
    shape.length * 7,
  ).map((v) => v / 2);
  const nest = (dims: number[], xs: number[]): unknown =>
    dims.length <= 1
      ? xs
      : Array.from({ length: dims[0] }, (_, i) =>
          nest(dims.slice(1), xs.slice((i * xs.length) / dims[0], ((i + 1) * xs.length) / dims[0])),
        );
  return nest(shape, data) as number[];
}
const logdir = `/tmp/scopeflow-layers-cnn-${Date.now()}-${Math.random().toString(36).slice(2)}`;

let observed: string[] = [];

function train(backend: "reference" | "wasm", save: boolean, wasm?: WasmKernels) {
  const g = new tf.Graph();
  return g.asDefault(() => {
    tf.setRandomSeed(1);
    const x = tf.placeholder("float32", [4, 6, 6, 1], "x");
    const y = tf.placeholder("int32", [4], "y");
    const training = tf.placeholder("bool", [], "training");
    // Dropout is compared apart: `dropping` switches it on for one run below.
    const dropping = tf.placeholder("bool", [], "dropping");
    // Fixed, uneven kernels, and no conv bias before batch norm: a gradient that is zero up to rounding (equal
    // kernels; a bias batch norm subtracts again) is scaled up by Adam to full steps of either sign.
    let h = tf.layers.conv2d(x, 4, 3, {
      padding: "same",
      useBias: false,
      kernelInitializer: tf.initializers.constant(kernel(3, 3, 1, 4)),
    });
    h = tf.layers.batchNormalization(h, { training });
    h = tf.nn.relu(h);
    h = tf.layers.maxPooling2d(h, 2, 2);
    h = tf.layers.flatten(h);
    h = tf.layers.dropout(h, { rate: 0.25, training: dropping, seed: 2 });
    const logits = tf.layers.dense(h, 3, { kernelInitializer: tf.initializers.constant(kernel(36, 3)) });
    const loss = tf.reduceMean(tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: y, logits }));
    const updateOps = g.getCollection(tf.GraphKeys.UPDATE_OPS) as tf.Operation[];
    expect(updateOps.map((o) => o.name)).toEqual([
      "batch_normalization/AssignMovingAvg",
      "batch_normalization/AssignMovingAvg_1",
    ]);
    const trainOp = tf.controlDependencies(updateOps, () => new tf.train.AdamOptimizer(0.01).minimize(loss));
    if (wasm !== undefined) observed = referenceFallbacks(wasm, [loss, trainOp], [x, y, training, dropping]);
    const sess = new tf.Session({ backend });
    sess.run(tf.globalVariablesInitializer());
    const feeds = (t: boolean) =>
      new Map<tf.Tensor, tf.FeedValue>([
        [x, images],
        [y, labels],
        [training, t],
        [dropping, false],
      ]);
    const withDropout = new Map<tf.Tensor, tf.FeedValue>([...feeds(true), [dropping, true]]);
    expect(logits.name).toBe("dense/BiasAdd:0");
    expect(g.getOperationByName("dropout/cond/dropout/GreaterEqual").type).toBe("GreaterEqual");
    const noDropoutLoss = (sess.run(loss, feeds(true)) as tf.NDArray).item() as number;
    expect((sess.run(loss, withDropout) as tf.NDArray).item()).not.toBeCloseTo(noDropoutLoss, 6);
    const losses: number[] = [];
    for (let i = 0; i < 5; i++) losses.push((sess.run([loss, trainOp], feeds(true))[0] as tf.NDArray).item() as number);
    const movingMean = g.getTensorByName("batch_normalization/moving_mean:0");
    const evalLoss = (sess.run(loss, feeds(false)) as tf.NDArray).item() as number;
    const mm = Array.from((sess.run(movingMean) as tf.NDArray).data as Float32Array);
    let keys: string[] = [];
    if (save) {
      new tf.summary.FileWriter(logdir).close(); // makes the directory, in either runtime
      const prefix = new tf.train.Saver().save(sess, `${logdir}/cnn.ckpt`) as string;
      keys = tf.train.listVariables(prefix).map(([name]) => name);
    }
    return { losses, evalLoss, mm, keys };
  });
}

describe("a tf.layers CNN trains the same on both backends", () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it("conv2d, batch norm (fused, a placeholder training), max pool, dropout, dense; Adam with UPDATE_OPS", async () => {
    const reference = train("reference", true);
    const wasmKernels = await createWasmKernels(await loadBytes(new URL(defaultWasmUrl().href)), {
      NDArray: tf.NDArray,
    });
    const wasm = train("wasm", false, wasmKernels);
    // No numeric op of the step falls back. What the reference kernels still run: Const and VariableV2 (the executor
    // evaluates constants once and reads variables from its store), control flow (Switch, Merge), shape metadata
    // (Shape, ShapeN). Dropout's RandomUniform runs natively, on the reference kernel's Philox stream.
    expect(observed).toEqual([
      "Const()",
      "Merge(float32,float32)",
      "Shape(float32)",
      "ShapeN(float32,float32)",
      "Switch(bool,bool)",
      "Switch(float32,bool)",
      "VariableV2()",
    ]);
    expect(reference.losses[4]).toBeLessThan(reference.losses[0]);
    expectClose(wasm.losses, reference.losses, 1e-4);
    expectClose([wasm.evalLoss], [reference.evalLoss], 1e-4);
    expectClose(wasm.mm, reference.mm, 1e-5);
    // The moving mean moved off its zero initial value (the updates ran with the train op).
    expect(reference.mm.some((v) => Math.abs(v) > 1e-4)).toBe(true);
    expect(reference.keys).toEqual([
      "batch_normalization/beta",
      "batch_normalization/beta/Adam",
      "batch_normalization/beta/Adam_1",
      "batch_normalization/gamma",
      "batch_normalization/gamma/Adam",
      "batch_normalization/gamma/Adam_1",
      "batch_normalization/moving_mean",
      "batch_normalization/moving_variance",
      "beta1_power",
      "beta2_power",
      "conv2d/kernel",
      "conv2d/kernel/Adam",
      "conv2d/kernel/Adam_1",
      "dense/bias",
      "dense/bias/Adam",
      "dense/bias/Adam_1",
      "dense/kernel",
      "dense/kernel/Adam",
      "dense/kernel/Adam_1",
    ]);
  });
});
