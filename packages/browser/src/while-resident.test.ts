// tf.nn.dynamicRnn on the wasm backend keeps the loop's tensors in linear memory (issue 11, item 6): a forward run
// and a training step (the gradient while loop over StackV2 pushes/pops and TensorArray gradients) copy between JS
// and the device a bounded number of times, the same for a short and a long sequence; device memory in use does not
// grow over steps; losses and trained weights equal the reference backend's. The counts come from the backend's own
// Device (its uploads) and from NDArray.toHost of device arrays.
import { expectClose } from "@scopeflow/test-kit";
import { loadBytes } from "@scopeflow/test-kit/load-bytes";
import * as tf from "@scopeflow/test-kit/platform";
import { createWasmKernels, kernelsWasmUrl, type WasmKernels } from "@scopeflow/wasm-kernels";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BATCH = 3;
const DEPTH = 4;
const UNITS = 5;

/** Deterministic inputs [batch, time, depth] in (-1, 1). */
function sequence(time: number, seed: number): number[][][] {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.fround((s / 2 ** 32) * 2 - 1);
  };
  return Array.from({ length: BATCH }, () => Array.from({ length: time }, () => Array.from({ length: DEPTH }, next)));
}

/** Copies across the device boundary (uploads by the backend's Device, reads back by toHost of device arrays) and calls of the backend's own MatMul kernel. */
interface Copies {
  uploads: number;
  readBacks: number;
  nativeMatMuls: number;
}

let wasm: WasmKernels;
const copies: Copies = { uploads: 0, readBacks: 0, nativeMatMuls: 0 };
const toHost = tf.NDArray.prototype.toHost;

beforeAll(async () => {
  wasm = await createWasmKernels(await loadBytes(new URL(kernelsWasmUrl().href)), { NDArray: tf.NDArray });
  const { device } = wasm.backend;
  const upload = device.upload.bind(device);
  device.upload = (value) => {
    copies.uploads++;
    return upload(value);
  };
  tf.NDArray.prototype.toHost = function (this: tf.NDArray) {
    if (this.device !== undefined) copies.readBacks++;
    return toHost.call(this);
  };
  const matMul = wasm.backend.kernels.MatMul as NonNullable<typeof wasm.backend.kernels.MatMul>;
  const kernels = {
    ...wasm.backend.kernels,
    MatMul: {
      ...matMul,
      prepare: (...args: Parameters<typeof matMul.prepare>) => {
        copies.nativeMatMuls++;
        return matMul.prepare(...args);
      },
    },
  };
  tf.registerBackend({ ...wasm.backend, kernels, name: "wasm-counted" });
});

afterAll(() => {
  tf.NDArray.prototype.toHost = toHost;
});

/** Copies made by `body`. */
function counted(body: () => void): Copies {
  copies.uploads = 0;
  copies.readBacks = 0;
  copies.nativeMatMuls = 0;
  body();
  return { ...copies };
}

type CellName = "LSTMCell" | "GRUCell";

interface Model {
  losses: number[];
  weights: number[][];
  /** Copies of a training step and of a forward run, each after a first run of its signature. */
  step: Copies;
  forward: Copies;
  /** Device blocks held after the first training step and after the last. */
  held: [number, number];
}

/** dynamic_rnn over `time` steps, a mean-square loss of its outputs, trained with SGD for `steps` steps. */
function train(cellName: CellName, backend: string, time: number, steps: number): Model {
  const g = new tf.Graph();
  return g.asDefault(() => {
    const x = tf.placeholder("float32", [BATCH, time, DEPTH], "x");
    const cell = cellName === "LSTMCell" ? new tf.nn.rnnCell.LSTMCell(UNITS) : new tf.nn.rnnCell.GRUCell(UNITS);
    const [outputs] = tf.variableScope("", { initializer: tf.randomUniformInitializer(-0.5, 0.5, { seed: 3 }) }, () =>
      tf.nn.dynamicRnn(cell, x, { dtype: tf.float32 }),
    );
    const loss = tf.reduceMean(tf.square(tf.subtract(outputs as tf.Tensor, 0.25)));
    const trainOp = new tf.train.GradientDescentOptimizer(0.5).minimize(loss);
    const sess = new tf.Session({ backend });
    sess.run(tf.globalVariablesInitializer());
    const feeds = { "x:0": sequence(time, 7) };
    const losses: number[] = [];
    const run = () => losses.push(Number((sess.run([loss, trainOp], feeds)[0] as tf.NDArray).data[0]));
    const blocks = () => (backend === "reference" ? 0 : wasm.backend.device.heldBlocks);
    run();
    const heldAfterFirst = blocks();
    const step = counted(run);
    for (let i = 2; i < steps; i++) run();
    const heldAfterLast = blocks();
    sess.run(loss, feeds);
    const forward = counted(() => sess.run(loss, feeds));
    const weights = sess
      .run(tf.trainableVariables().map((v) => v.value()))
      .map((v) => Array.from(v.data as Float32Array));
    sess.close();
    return { losses, weights, step, forward, held: [heldAfterFirst, heldAfterLast] };
  });
}

describe("tf.nn.dynamicRnn keeps its loop's tensors on the wasm device", () => {
  for (const cellName of ["LSTMCell", "GRUCell"] as const) {
    it(`${cellName}: copies per training step and per forward run do not depend on the sequence length`, () => {
      const short = train(cellName, "wasm-counted", 3, 3);
      const long = train(cellName, "wasm-counted", 12, 3);
      // The loop bodies run on the wasm kernels: per time step, the cell's MatMuls (LSTM 1, GRU 2) forward and
      // twice as many in the gradient loop.
      const perStep = cellName === "LSTMCell" ? 1 : 2;
      expect(short.forward.nativeMatMuls).toBe(3 * perStep);
      expect(long.forward.nativeMatMuls).toBe(12 * perStep);
      expect(short.step.nativeMatMuls).toBe(3 * 3 * perStep);
      expect(long.step.nativeMatMuls).toBe(3 * 12 * perStep);
      const crossings = ({ uploads, readBacks }: Copies) => ({ uploads, readBacks });
      expect(crossings(long.step)).toEqual(crossings(short.step));
      expect(crossings(long.forward)).toEqual(crossings(short.forward));
      // The fetched loss is read back; the rest is per run (the fed batch, graph constants the loop reads).
      expect(short.step.readBacks).toBeLessThanOrEqual(4);
      expect(short.step.uploads).toBeLessThanOrEqual(24);
      expect(short.forward.readBacks).toBeLessThanOrEqual(4);
      expect(short.forward.uploads).toBeLessThanOrEqual(24);
    });

    it(`${cellName}: losses and trained weights equal the reference backend's; device memory does not grow`, () => {
      const reference = train(cellName, "reference", 6, 8);
      const onDevice = train(cellName, "wasm-counted", 6, 8);
      expectClose(onDevice.losses, reference.losses, 1e-5);
      expect(reference.losses[7]).toBeLessThan(reference.losses[0]);
      onDevice.weights.forEach((w, i) => expectClose(w, reference.weights[i], 1e-5));
      expect(onDevice.held[1]).toBe(onDevice.held[0]);
      // After the Session is closed, its variables, constants and folded loop constants are all given back.
      expect(wasm.backend.device.heldBlocks).toBe(0);
    });
  }
});
