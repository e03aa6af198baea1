// A training step on the wasm backend's planned path (issue 14): after the first run records it, every step of an
// MLP's SGD, Momentum, Adam, Adagrad or (centered) RMSProp step is a bound call (optimizer updates in place over the variables' blocks, the shape
// arithmetic of the gradients folded at plan time), with no kernel run outside the plan, no upload and no host copy
// besides the fetch; and the losses are the reference backend's.
import { expectClose } from "@scopeflow/test-kit";
import { loadBytes } from "@scopeflow/test-kit/load-bytes";
import * as tf from "@scopeflow/test-kit/platform";
import { createWasmKernels, defaultWasmUrl, type WasmKernels } from "@scopeflow/wasm-kernels";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

type OpKernel = NonNullable<WasmKernels["backend"]["kernels"][keyof WasmKernels["backend"]["kernels"]]>;

/** What a traced backend saw: native kernels run outside a plan (eager), bound calls run, uploads to the device. */
interface Trace {
  eager: string[];
  bound: number;
  uploads: number;
}

/** The wasm backend under another name, its kernels and device wrapped to count what runs. */
function tracedBackend(wasm: WasmKernels, name: string, trace: Trace): void {
  const { backend } = wasm;
  const traced = (type: string, kernel: OpKernel): OpKernel => ({
    ...kernel,
    prepare: (inputs, ctx) => {
      const prepared = kernel.prepare(inputs, ctx);
      const bind = prepared.bind;
      return {
        ...prepared,
        run: (values) => {
          trace.eager.push(type);
          return prepared.run(values);
        },
        bind:
          bind &&
          ((values, outputs) => {
            const fixed = bind(values, outputs);
            return (
              fixed && {
                run: () => {
                  trace.bound++;
                  fixed.run();
                },
                release: fixed.release,
              }
            );
          }),
      };
    },
  });
  const kernels = Object.fromEntries(
    Object.entries(backend.kernels).map(([type, kernel]) => [type, traced(type, kernel as OpKernel)]),
  );
  const device = backend.device;
  const upload = device.upload;
  // Counted on the device itself: its identity is what kernels' outputs and the planner compare.
  device.upload = (value) => {
    trace.uploads++;
    return upload.call(device, value);
  };
  tf.registerBackend({ name, kernels, supports: backend.supports, device });
}

/** Deterministic values in [-1, 1). */
function values(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
}

const BATCH = 8;
const images = new tf.NDArray("float32", [BATCH, 12], values(BATCH * 12, 1));
const labels = new tf.NDArray(
  "int32",
  [BATCH],
  Int32Array.from({ length: BATCH }, (_, i) => i % 4),
);

type OptimizerName = "sgd" | "momentum" | "adam" | "adagrad" | "rmsprop";

function optimizer(name: OptimizerName) {
  if (name === "sgd") return new tf.train.GradientDescentOptimizer(0.1);
  if (name === "momentum") return new tf.train.MomentumOptimizer(0.05, 0.9, { useNesterov: true });
  if (name === "adagrad") return new tf.train.AdagradOptimizer(0.1);
  if (name === "rmsprop") return new tf.train.RMSPropOptimizer(0.01, { momentum: 0.5, centered: true });
  return new tf.train.AdamOptimizer(0.01);
}

/**
 * A 12-16-4 ReLU MLP (batch dimension unknown to the graph, so its gradients take shapes at run time) with sparse
 * softmax cross-entropy, trained for `steps` steps; each step's loss, and what the trace saw in the last step.
 */
function train(backend: string, name: OptimizerName, steps: number, trace?: Trace) {
  const g = new tf.Graph();
  return g.asDefault(() => {
    const x = tf.placeholder("float32", [null, 12], "x");
    const y = tf.placeholder("int32", [null], "y");
    const w1 = new tf.Variable(tf.constant(values(12 * 16, 2), { shape: [12, 16] }), { name: "w1" });
    const b1 = tf.getVariable("b1", [16], { initializer: tf.initializers.zeros() });
    const w2 = new tf.Variable(tf.constant(values(16 * 4, 3), { shape: [16, 4] }), { name: "w2" });
    const b2 = tf.getVariable("b2", [4], { initializer: tf.initializers.zeros() });
    const hidden = tf.nn.relu(tf.add(tf.matmul(x, w1), b1));
    const logits = tf.add(tf.matmul(hidden, w2), b2);
    const loss = tf.reduceMean(tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: y, logits }));
    const trainOp = optimizer(name).minimize(loss);
    const sess = new tf.Session({ backend });
    sess.run(tf.globalVariablesInitializer());
    const feeds = new Map<tf.Tensor, tf.FeedValue>([
      [x, images],
      [y, labels],
    ]);
    const losses: number[] = [];
    let lastStep: (Trace & { hostCopies: number }) | undefined;
    for (let i = 0; i < steps; i++) {
      const last = i === steps - 1 && trace !== undefined;
      if (last) Object.assign(trace, { eager: [], bound: 0, uploads: 0 });
      const toHost = last ? vi.spyOn(tf.NDArray.prototype, "toHost") : undefined;
      losses.push((sess.run([loss, trainOp], feeds)[0] as unknown as tf.NDArray).item() as number);
      if (last) lastStep = { ...trace, eager: [...trace.eager], hostCopies: toHost?.mock.calls.length ?? 0 };
      toHost?.mockRestore();
    }
    sess.close();
    return { losses, lastStep };
  });
}

describe("a training step on the wasm backend's planned path", () => {
  let wasm: WasmKernels;
  const trace: Trace = { eager: [], bound: 0, uploads: 0 };
  beforeAll(async () => {
    await tf.ready();
    wasm = await createWasmKernels(await loadBytes(new URL(defaultWasmUrl().href)), { NDArray: tf.NDArray });
    tracedBackend(wasm, "wasm-traced", trace);
  });
  afterEach(() => vi.restoreAllMocks());

  for (const name of ["sgd", "momentum", "adam", "adagrad", "rmsprop"] as const) {
    it(`${name}: every kernel of a step after the first is a bound call; the losses are the reference backend's`, () => {
      const reference = train("reference", name, 6);
      const planned = train("wasm-traced", name, 6, trace);
      expect(reference.losses[5]).toBeLessThan(reference.losses[0]);
      expectClose(planned.losses, reference.losses, 2e-5);
      const step = planned.lastStep as Trace & { hostCopies: number };
      // No native kernel runs outside the plan, no value is uploaded (no reference kernel ran: Shape, Pack and the
      // gradients' shape arithmetic are folded), and the one host copy is the fetched loss.
      expect(step.eager).toEqual([]);
      expect(step.uploads).toBe(0);
      expect(step.hostCopies).toBe(1);
      expect(step.bound).toBeGreaterThan(20);
    });
  }

  it("a label out of range in a planned step throws TF's error from the bound call, and the plan still runs", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.placeholder("float32", [null, 12], "x");
      const y = tf.placeholder("int32", [null], "y");
      const w = new tf.Variable(tf.constant(values(12 * 4, 5), { shape: [12, 4] }), { name: "w" });
      const loss = tf.reduceMean(tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: y, logits: tf.matmul(x, w) }));
      const trainOp = new tf.train.GradientDescentOptimizer(0.1).minimize(loss);
      const sess = new tf.Session({ backend: "wasm-traced" });
      sess.run(tf.globalVariablesInitializer());
      const run = (ys: tf.NDArray) =>
        (
          sess.run(
            [loss, trainOp],
            new Map<tf.Tensor, tf.FeedValue>([
              [x, images],
              [y, ys],
            ]),
          )[0] as unknown as tf.NDArray
        ).item();
      run(labels);
      run(labels);
      const bad = new tf.NDArray(
        "int32",
        [BATCH],
        Int32Array.from({ length: BATCH }, (_, i) => (i === 2 ? 7 : 0)),
      );
      trace.eager = [];
      // sparse_xent_op.cc: CheckInvalidLabelIndex
      expect(() => run(bad)).toThrow(
        "Received a label value of 7 which is outside the valid range of [0, 4).  Label values: 0 0 7 0 0 0 0 0",
      );
      expect(trace.eager).toEqual([]);
      expect(Number.isFinite(run(labels) as number)).toBe(true);
      sess.close();
    });
  });

  it("a step whose batch changes shape records and plans again, and the losses still match", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.placeholder("float32", [null, 3], "x");
      const w = new tf.Variable(tf.constant(values(3, 4), { shape: [3, 1] }), { name: "w" });
      const loss = tf.reduceSum(tf.square(tf.matmul(x, w)));
      const trainOp = new tf.train.GradientDescentOptimizer(0.01).minimize(loss);
      const run = (backend: string) => {
        const sess = new tf.Session({ backend });
        sess.run(tf.globalVariablesInitializer());
        const out: number[] = [];
        for (const rows of [2, 2, 5, 5, 2]) {
          const feed = new tf.NDArray("float32", [rows, 3], values(rows * 3, rows));
          out.push((sess.run([loss, trainOp], new Map([[x, feed]]))[0] as tf.NDArray).item() as number);
        }
        sess.close();
        return out;
      };
      expectClose(run("wasm-traced"), run("reference"), 1e-5);
    });
  });
});
