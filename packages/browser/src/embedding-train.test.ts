// An embedding model (embedding_lookup -> dense -> sparse softmax cross-entropy) trained through the embedding's
// IndexedSlices gradient with each optimizer's sparse update (gradient_descent.py: ScatterSub; adagrad.py,
// momentum.py, rmsprop.py: Unique, UnsortedSegmentSum, SparseApply*; adam.py: ScatterAdd), on the reference and wasm
// backends: on wasm every numeric op runs natively, and the losses and the embedding are the reference's.
import { expectClose } from "@scopeflow/test-kit";
import { loadBytes } from "@scopeflow/test-kit/load-bytes";
import * as tf from "@scopeflow/test-kit/platform";
import { createWasmKernels, defaultWasmUrl, type WasmKernels } from "@scopeflow/wasm-kernels";
import { beforeAll, describe, expect, it } from "vitest";
import { referenceFallbacks } from "./test-fallbacks";

// Repeated ids: the sparse updates must sum their rows (ScatterSub accumulates; the others go through Unique).
const ids = [3, 0, 3, 7, 1, 7, 7, 2];
const labels = [0, 1, 0, 2, 1, 2, 2, 0];

const OPTIMIZERS: Record<string, { make: () => { minimize(loss: tf.Tensor): tf.Operation }; sparseOp: string }> = {
  GradientDescent: { make: () => new tf.train.GradientDescentOptimizer(0.5), sparseOp: "ScatterSub" },
  Adagrad: { make: () => new tf.train.AdagradOptimizer(0.5), sparseOp: "SparseApplyAdagrad" },
  Momentum: { make: () => new tf.train.MomentumOptimizer(0.2, 0.9), sparseOp: "SparseApplyMomentum" },
  RMSProp: { make: () => new tf.train.RMSPropOptimizer(0.05, { momentum: 0.5 }), sparseOp: "SparseApplyRMSProp" },
  Adam: { make: () => new tf.train.AdamOptimizer(0.05), sparseOp: "ScatterAdd" },
};

function train(name: string, backend: "reference" | "wasm", wasm?: WasmKernels, steps = 6) {
  const g = new tf.Graph();
  return g.asDefault(() => {
    tf.setRandomSeed(3);
    const x = tf.placeholder("int32", [ids.length], "ids");
    const y = tf.placeholder("int32", [ids.length], "labels");
    // Seeded RandomUniform initializers: the same values on both backends (the reference kernel's Philox stream).
    const emb = tf.getVariable("embedding", {
      shape: [10, 8],
      initializer: tf.randomUniformInitializer(-1, 1),
    });
    const looked = tf.nn.embeddingLookup(emb, x);
    const logits = tf.layers.dense(looked, 3);
    const loss = tf.reduceMean(tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: y, logits }));
    const trainOp = OPTIMIZERS[name].make().minimize(loss);
    const types = new Set(g.getOperations().map((op) => op.type));
    expect(types.has(OPTIMIZERS[name].sparseOp)).toBe(true);
    const fallbacks = wasm === undefined ? [] : referenceFallbacks(wasm, [loss, trainOp], [x, y]);
    const sess = new tf.Session({ backend });
    sess.run(tf.globalVariablesInitializer());
    const feeds = new Map<tf.Tensor, tf.FeedValue>([
      [x, ids],
      [y, labels],
    ]);
    const losses: number[] = [];
    for (let i = 0; i < steps; i++) losses.push((sess.run([loss, trainOp], feeds)[0] as tf.NDArray).item() as number);
    const table = Array.from((sess.run(emb.asTensor()) as tf.NDArray).data as Float32Array);
    return { losses, table, fallbacks };
  });
}

describe("an embedding model trains natively on wasm through sparse gradients", () => {
  let wasm: WasmKernels;
  beforeAll(async () => {
    await tf.ready();
    wasm = await createWasmKernels(await loadBytes(new URL(defaultWasmUrl().href)), { NDArray: tf.NDArray });
  });

  it.each(Object.keys(OPTIMIZERS))("%s", (name) => {
    const reference = train(name, "reference");
    const onWasm = train(name, "wasm", wasm);
    expect(reference.losses[5]).toBeLessThan(reference.losses[0]);
    // Only constants, variables and shape metadata leave the device: the gather gradient's params shape (int64,
    // cast to int32 as array_grad.py _GatherV2Grad does) and, after Unique, the count of unique ids (Shape).
    expect(onWasm.fallbacks).toEqual(
      name === "GradientDescent"
        ? ["Cast(int64)", "Const()", "VariableV2()"]
        : ["Cast(int64)", "Const()", "Shape(int32)", "VariableV2()"],
    );
    expectClose(onWasm.losses, reference.losses, 1e-4);
    expectClose(onWasm.table, reference.table, 1e-4);
    // Rows never looked up (4, 5, 6, 8, 9) keep their initial values; the looked-up ones moved.
    const initial = train(name, "reference", undefined, 0).table;
    for (let row = 0; row < 10; row++) {
      const before = initial.slice(row * 8, row * 8 + 8);
      const after = onWasm.table.slice(row * 8, row * 8 + 8);
      if (ids.includes(row)) expect(after).not.toEqual(before);
      else expect(after).toEqual(before);
    }
  });
});
