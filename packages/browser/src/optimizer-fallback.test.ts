// The TF1 optimizers without wasm kernels (adadelta.py, ftrl.py, proximal_gradient_descent.py, proximal_adagrad.py,
// adagrad_da.py): on the wasm backend their Apply* (dense layer) and SparseApply* (embedding) updates fall back to
// the reference kernels, and training gives the reference backend's losses and variables.
import { expectClose } from "@scopeflow/test-kit";
import { loadBytes } from "@scopeflow/test-kit/load-bytes";
import * as tf from "@scopeflow/test-kit/platform";
import { createWasmKernels, defaultWasmUrl, type WasmKernels } from "@scopeflow/wasm-kernels";
import { beforeAll, describe, expect, it } from "vitest";
import { referenceFallbacks } from "./test-fallbacks";

const ids = [3, 0, 3, 1];
const labels = [0, 1, 0, 2];

type Make = (globalStep: tf.Variable) => {
  minimize(loss: tf.Tensor, options?: { globalStep?: tf.Variable }): tf.Operation;
};

const OPTIMIZERS: Record<string, { make: Make; ops: [string, string] }> = {
  Adadelta: { make: () => new tf.train.AdadeltaOptimizer(1.0), ops: ["ApplyAdadelta", "SparseApplyAdadelta"] },
  Ftrl: {
    make: () => new tf.train.FtrlOptimizer(0.5, { l1RegularizationStrength: 0.001 }),
    ops: ["ApplyFtrl", "SparseApplyFtrl"],
  },
  FtrlV2: {
    make: () => new tf.train.FtrlOptimizer(0.5, { l2ShrinkageRegularizationStrength: 0.01 }),
    ops: ["ApplyFtrlV2", "SparseApplyFtrlV2"],
  },
  ProximalGradientDescent: {
    make: () => new tf.train.ProximalGradientDescentOptimizer(0.5, { l2RegularizationStrength: 0.01 }),
    ops: ["ApplyProximalGradientDescent", "SparseApplyProximalGradientDescent"],
  },
  ProximalAdagrad: {
    make: () => new tf.train.ProximalAdagradOptimizer(0.5, { l1RegularizationStrength: 0.001 }),
    ops: ["ApplyProximalAdagrad", "SparseApplyProximalAdagrad"],
  },
  AdagradDA: {
    make: (step) => new tf.train.AdagradDAOptimizer(0.5, step),
    ops: ["ApplyAdagradDA", "SparseApplyAdagradDA"],
  },
};

function train(name: string, backend: "reference" | "wasm", wasm?: WasmKernels, steps = 4) {
  const g = new tf.Graph();
  return g.asDefault(() => {
    tf.setRandomSeed(5);
    const emb = tf.getVariable("embedding", { shape: [5, 4], initializer: tf.randomUniformInitializer(-1, 1) });
    const logits = tf.layers.dense(tf.nn.embeddingLookup(emb, ids), 3);
    const loss = tf.reduceMean(tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels, logits }));
    const globalStep = tf.train.getOrCreateGlobalStep() as tf.Variable;
    const trainOp = OPTIMIZERS[name].make(globalStep).minimize(loss, { globalStep });
    const fallbacks = wasm === undefined ? [] : referenceFallbacks(wasm, [loss, trainOp], []);
    const sess = new tf.Session({ backend });
    sess.run(tf.globalVariablesInitializer());
    const losses: number[] = [];
    for (let i = 0; i < steps; i++) losses.push((sess.run([loss, trainOp])[0] as tf.NDArray).item() as number);
    const table = Array.from((sess.run(emb.asTensor()) as tf.NDArray).data as Float32Array);
    return { losses, table, fallbacks };
  });
}

describe("optimizers without wasm kernels train on wasm through the reference kernels", () => {
  let wasm: WasmKernels;
  beforeAll(async () => {
    await tf.ready();
    wasm = await createWasmKernels(await loadBytes(new URL(defaultWasmUrl().href)), { NDArray: tf.NDArray });
  });

  it.each(Object.keys(OPTIMIZERS))("%s", (name) => {
    const reference = train(name, "reference");
    const onWasm = train(name, "wasm", wasm);
    expect(reference.losses[3]).toBeLessThan(reference.losses[0]);
    const [dense, sparse] = OPTIMIZERS[name].ops;
    // Besides what every embedding model leaves (constants, variables, the gather gradient's int64 shape cast, the
    // count of unique ids), only the two updates fall back; AdagradDA adds its int64 global step + 1.
    const common = ["Cast(int64)", "Const()", "Shape(int32)", "VariableV2()"];
    const own = onWasm.fallbacks.filter((f) => !common.includes(f)).map((f) => f.slice(0, f.indexOf("(")));
    expect(own).toEqual([...(name === "AdagradDA" ? ["AddV2"] : []), dense, sparse].sort());
    expectClose(onWasm.losses, reference.losses, 1e-5);
    expectClose(onWasm.table, reference.table, 1e-5);
  });
});
