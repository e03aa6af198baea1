// The wasm backend loaded as each runtime's users load it (`@scopeflow/node` from disk, `@scopeflow/browser` with
// fetch), checked against the reference backend at the Session level, forward and backward, and in training.
import { expectClose } from "@scopeflow/test-kit";
import * as tf from "@scopeflow/test-kit/platform";
import { beforeAll, describe, expect, it } from "vitest";

const missing = new URL("./no-such-dir/kernels.wasm", import.meta.url);

describe("ready()", () => {
  it("names the backend and the path when the .wasm cannot be loaded, and keeps the reference backend", async () => {
    await expect(tf.ready({ wasmPath: missing })).rejects.toThrow(
      `The wasm backend failed to load from ${missing.href}: `,
    );
    expect(tf.getBackend()).toBe("reference");
  });

  it("loads the kernels and selects the wasm backend", async () => {
    await tf.ready();
    expect(tf.getBackend()).toBe("wasm");
    await tf.ready();
    expect(tf.getBackend()).toBe("wasm");
  });

  it("backendInfo() names the build and the threads: the cores where memory is shared, else 1 and why", async () => {
    await tf.ready();
    const info = tf.backendInfo();
    expect(info.backend).toBe("wasm");
    expect(["simd128", "relaxed-simd"]).toContain(info.build);
    const g = globalThis as { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number } };
    if (g.crossOriginIsolated === false) {
      // The Chromium test page is served without COOP/COEP headers: no shared memory, one thread, and the reason.
      expect(info.numThreads).toBe(1);
      expect(info.reason).toMatch(/^the page is not cross-origin isolated \(serve it with Cross-Origin-Opener-Policy/);
    } else {
      const os = (
        globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
      ).process?.getBuiltinModule?.("node:os") as { availableParallelism(): number } | undefined;
      expect(info.numThreads).toBe(os?.availableParallelism() ?? g.navigator?.hardwareConcurrency);
      expect(info.reason).toBeUndefined();
    }
  });

  it("lists the op types that run natively in wasm", () => {
    expect(tf.nativeOpTypes()).toEqual([
      "Abs",
      "Add",
      "AddN",
      "AddV2",
      "ApplyAdagrad",
      "ApplyAdam",
      "ApplyCenteredRMSProp",
      "ApplyGradientDescent",
      "ApplyMomentum",
      "ApplyRMSProp",
      "ArgMax",
      "Assign",
      "AssignAdd",
      "AssignSub",
      "AvgPool",
      "AvgPoolGrad",
      "BatchMatMul",
      "BatchMatMulV2",
      "BatchToSpaceND",
      "BiasAdd",
      "BiasAddGrad",
      "BroadcastGradientArgs",
      "Cast",
      "ConcatV2",
      "Conv2D",
      "Conv2DBackpropFilter",
      "Conv2DBackpropInput",
      "DepthwiseConv2dNative",
      "DepthwiseConv2dNativeBackpropFilter",
      "DepthwiseConv2dNativeBackpropInput",
      "DivNoNan",
      "Equal",
      "Exp",
      "ExpandDims",
      "Fill",
      "FusedBatchNormGradV3",
      "FusedBatchNormV3",
      "GatherV2",
      "Greater",
      "GreaterEqual",
      "Identity",
      "L2Loss",
      "Less",
      "LessEqual",
      "Log",
      "LogSoftmax",
      "MatMul",
      "Max",
      "MaxPool",
      "MaxPoolGrad",
      "Maximum",
      "Mean",
      "Min",
      "Minimum",
      "Mul",
      "Neg",
      "NoOp",
      "NotEqual",
      "OnesLike",
      "Pow",
      "PreventGradient",
      "Prod",
      "RandomUniform",
      "RealDiv",
      "Reciprocal",
      "Relu",
      "Relu6",
      "ReluGrad",
      "Reshape",
      "Rsqrt",
      "ScatterAdd",
      "ScatterSub",
      "ScatterUpdate",
      "Select",
      "Sigmoid",
      "SigmoidGrad",
      "Slice",
      "Snapshot",
      "Softmax",
      "SoftmaxCrossEntropyWithLogits",
      "SpaceToBatchND",
      "SparseApplyAdagrad",
      "SparseApplyCenteredRMSProp",
      "SparseApplyMomentum",
      "SparseApplyRMSProp",
      "SparseSoftmaxCrossEntropyWithLogits",
      "Split",
      "Sqrt",
      "Square",
      "SquaredDifference",
      "Squeeze",
      "StopGradient",
      "StridedSlice",
      "Sub",
      "Sum",
      "Tanh",
      "TanhGrad",
      "Tile",
      "Transpose",
      "Unique",
      "UnsortedSegmentSum",
      "ZerosLike",
    ]);
  });
});

/** Deterministic values in [-1, 1). */
function values(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.fround((s / 2 ** 32) * 2 - 1);
  });
}

function nested(shape: number[], data: number[]): unknown {
  if (shape.length <= 1) return data;
  const step = data.length / shape[0];
  return Array.from({ length: shape[0] }, (_, i) => nested(shape.slice(1), data.slice(i * step, (i + 1) * step)));
}

/** Builds a graph, runs `fetches` in a fresh Session on each backend, and returns [reference, wasm] results. */
function onBothBackends(build: () => (tf.Tensor | tf.Operation)[], steps = 1): [tf.NDArray[], tf.NDArray[]] {
  const results = (["reference", "wasm"] as const).map((backend) => {
    const g = new tf.Graph();
    return g.asDefault(() => {
      const fetches = build();
      const sess = new tf.Session({ backend });
      sess.run(tf.globalVariablesInitializer());
      let out: (tf.NDArray | null)[] = [];
      for (let i = 0; i < steps; i++) out = sess.run(fetches);
      return out.filter((value): value is tf.NDArray => value !== null);
    });
  });
  return [results[0], results[1]];
}

function expectSame([reference, wasm]: [tf.NDArray[], tf.NDArray[]], tol = 1e-5): void {
  expect(wasm.length).toBe(reference.length);
  reference.forEach((r, i) => {
    expect(wasm[i].shape).toEqual(r.shape);
    expect(wasm[i].dtype.name).toBe(r.dtype.name);
    expectClose(Array.from(wasm[i].data as Float32Array), Array.from(r.data as Float32Array), tol);
  });
}

describe("Session on the wasm backend matches the reference backend", () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it("matmul with both transposes", () => {
    const run = onBothBackends(() => {
      const a = tf.constant(nested([37, 19], values(37 * 19, 1)) as number[][]);
      const b = tf.constant(nested([23, 37], values(23 * 37, 2)) as number[][]);
      return [tf.matmul(a, b, { transposeA: true, transposeB: true }), tf.matmul(b, a)];
    });
    expect(run[1][0].shape).toEqual([19, 23]);
    expectSame(run, 1e-4);
  });

  it("conv2d SAME with strides, then relu and max pool", () => {
    expectSame(
      onBothBackends(() => {
        const x = tf.constant(nested([2, 9, 7, 3], values(2 * 9 * 7 * 3, 3)) as number[][][][]);
        const f = tf.constant(nested([3, 3, 3, 5], values(3 * 3 * 3 * 5, 4)) as number[][][][]);
        const y = tf.nn.conv2d(x, f, [1, 2, 2, 1], "SAME");
        return [y, tf.nn.maxPool(tf.nn.relu(y), [1, 2, 2, 1], [1, 1, 1, 1], "VALID")];
      }),
      1e-4,
    );
  });

  it("softmax, log-softmax and reductions over axes", () => {
    expectSame(
      onBothBackends(() => {
        const x = tf.constant(nested([4, 6, 5], values(120, 5)) as number[][][]);
        return [
          tf.nn.softmax(x),
          tf.nn.logSoftmax(x),
          tf.reduceSum(x, [0, 2]),
          tf.reduceMean(x, -1, true),
          tf.reduceMax(x, 1),
          tf.reduceSum(x),
        ];
      }),
      1e-5,
    );
  });

  it("an MLP forward and backward through tf.gradients", () => {
    const [reference, wasm] = onBothBackends(() => {
      const x = tf.constant(nested([8, 5], values(40, 6)) as number[][]);
      const labels = tf.constant(
        nested(
          [8, 3],
          Array.from({ length: 24 }, (_, i) => (i % 3 === (i % 8) % 3 ? 1 : 0)),
        ) as number[][],
      );
      const w1 = new tf.Variable(nested([5, 7], values(35, 7)) as number[][], { name: "w1" });
      const b1 = new tf.Variable(values(7, 8), { name: "b1" });
      const w2 = new tf.Variable(nested([7, 3], values(21, 9)) as number[][], { name: "w2" });
      const hidden = tf.nn.relu(tf.nn.biasAdd(tf.matmul(x, w1), b1));
      const logits = tf.matmul(hidden, w2);
      const loss = tf.reduceMean(tf.nn.softmaxCrossEntropyWithLogits({ labels, logits }));
      const grads = tf.gradients(loss, [w1, b1, w2]) as tf.Tensor[];
      return [loss, logits, ...grads];
    });
    expect(reference.map((r) => r.shape)).toEqual([[], [8, 3], [5, 7], [7], [7, 3]]);
    expectSame([reference, wasm], 1e-4);
  });

  it("repeated runs of one signature follow new feed values, a new feed shape and an assigned variable", () => {
    // After its first run a wasm plan calls its elementwise kernels over buffers assigned once; later runs must
    // still see each feed, rebind when a feed's shape or a variable's value changes, and match the reference.
    const feeds = [[0.5, -1, 2], [0.1, 0.2, 0.3], null, [0.1, 0.2, 0.3], [1, -2, 0.25, 3, -0.5]];
    const results = (["reference", "wasm"] as const).map((backend) => {
      const g = new tf.Graph();
      return g.asDefault(() => {
        const x = tf.placeholder("float32", [null], "x");
        const v = new tf.Variable(2, { name: "v", dtype: "float32" });
        let y = x;
        for (let i = 0; i < 4; i++) y = tf.add(tf.multiply(y, x), tf.sigmoid(y));
        const z = tf.add(tf.tanh(y), v);
        const sess = new tf.Session({ backend });
        sess.run(tf.globalVariablesInitializer());
        const out: number[][] = [];
        for (const feed of feeds) {
          if (feed === null) sess.run(v.assign(-3));
          else for (const value of sess.run([y, z], { "x:0": feed })) out.push(Array.from(value.data as Float32Array));
        }
        return out;
      });
    });
    const [reference, wasm] = results;
    expect(wasm.map((r) => r.length)).toEqual([3, 3, 3, 3, 3, 3, 5, 5]);
    expect(reference[5][0]).toBeCloseTo(reference[3][0] - 5, 5);
    reference.forEach((r, i) => expectClose(wasm[i], r, 1e-5));
  });

  it("repeated bound runs of matmul, biasAdd, softmax, reductions and reshapes follow feeds and assigned variables", () => {
    // MatMul/BatchMatMul, BiasAdd, Softmax/LogSoftmax, Sum/Mean/Max over constant axes, Reshape and the variables'
    // Identity reads are bound after the first run; feeds change value and shape, and a variable is reassigned.
    const xs = [values(12, 1), values(12, 2), null, values(12, 3), values(20, 4), values(20, 5)];
    const results = (["reference", "wasm"] as const).map((backend) => {
      const g = new tf.Graph();
      return g.asDefault(() => {
        const x = tf.placeholder("float32", [null, 4], "x");
        const w = new tf.Variable(nested([4, 3], values(12, 6)) as number[][], { name: "w", dtype: "float32" });
        const b = new tf.Variable([0.1, -0.2, 0.3], { name: "b", dtype: "float32" });
        const z = tf.nn.biasAdd(tf.matmul(x, w), b);
        const p = tf.nn.softmax(z);
        const lp = tf.nn.logSoftmax(tf.matmul(z, w, { transposeB: true }));
        const r = tf.reshape(lp, [-1]);
        const batched = tf.matmul(
          tf.reshape(x, [-1, 2, 2]),
          tf.constant(nested([1, 2, 2], values(4, 7)) as number[][][]),
        );
        const fetches = [
          p,
          tf.reduceSum(p, 1),
          tf.reduceMean(lp),
          tf.reduceMax(z, -1, true),
          tf.reduceSum(r, 0),
          batched,
        ];
        const sess = new tf.Session({ backend });
        sess.run(tf.globalVariablesInitializer());
        const out: number[][] = [];
        for (const feed of xs) {
          if (feed === null) sess.run(w.assign(nested([4, 3], values(12, 8)) as number[][]));
          else {
            const fed = new tf.NDArray("float32", [feed.length / 4, 4], Float32Array.from(feed));
            for (const value of sess.run(fetches, { "x:0": fed })) out.push(Array.from(value.data as Float32Array));
          }
        }
        return out;
      });
    });
    const [reference, wasm] = results;
    expect(wasm.map((r) => r.length)).toEqual(reference.map((r) => r.length));
    expect(reference[0]).not.toEqual(reference[6]);
    reference.forEach((r, i) => expectClose(wasm[i], r, 1e-4));
  });

  it("a softmax-cross-entropy training step (forward, tf.gradients, GradientDescentOptimizer) matches", () => {
    // Every op of the step runs natively: SoftmaxCrossEntropyWithLogits and its sparse form, their gradients
    // (BroadcastGradientArgs, ZerosLike, ...), the update, and AssignAdd on a step counter.
    const [reference, wasm] = onBothBackends(() => {
      const x = tf.constant(nested([6, 5], values(30, 11)) as number[][]);
      const labels = tf.constant(
        nested(
          [6, 3],
          Array.from({ length: 18 }, (_, i) => (i % 3 === Math.floor(i / 3) % 3 ? 1 : 0)),
        ) as number[][],
      );
      const ids = tf.constant([0, 1, 2, 0, 1, 2], { dtype: "int32" });
      const w = new tf.Variable(nested([5, 3], values(15, 12)) as number[][], { name: "w" });
      const b = new tf.Variable([0.1, -0.1, 0.2], { name: "b" });
      const steps = new tf.Variable(0, { name: "steps", dtype: "float32" });
      const logits = tf.add(tf.matmul(x, w), b);
      const dense = tf.reduceMean(tf.nn.softmaxCrossEntropyWithLogits({ labels, logits }));
      const sparse = tf.reduceMean(tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: ids, logits }));
      const loss = tf.add(dense, sparse);
      const grads = tf.gradients(loss, [w, b]) as tf.Tensor[];
      const train = new tf.train.GradientDescentOptimizer(0.5).minimize(loss);
      const count = steps.assignAdd(1);
      return [train, count, loss, ...grads, w.value(), b.value()];
    }, 5);
    expect(wasm[0].item()).toBe(5);
    expectSame([reference, wasm], 1e-4);
  });

  it("trains a tiny model with GradientDescentOptimizer: the loss falls and the weights match", () => {
    const [reference, wasm] = onBothBackends(() => {
      const x = tf.constant(nested([6, 2], values(12, 10)) as number[][]);
      const y = tf.matmul(x, tf.constant([[2], [-3]], { dtype: "float32" })).add(0.5);
      const w = new tf.Variable([[0], [0]], { name: "w", dtype: "float32" });
      const b = new tf.Variable(0, { name: "b", dtype: "float32" });
      const loss = tf.reduceMean(tf.square(tf.subtract(tf.add(tf.matmul(x, w), b), y)));
      const train = new tf.train.GradientDescentOptimizer(0.3).minimize(loss);
      // Fetched with the update: each backend returns the values read before the update ran.
      return [train, loss, w.value(), b.value()];
    }, 60);
    expect(wasm[0].item() as number).toBeLessThan(0.05);
    expectClose(Array.from(wasm[1].data as Float32Array), [2, -3], 0.2);
    expectSame([reference, wasm], 1e-4);
  });
});

describe("errors from wasm kernels", () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it("are tf.errors classes by brand, name the op, and say the wasm kernel raised them", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const logits = tf.constant([[1, 2, 3]], { dtype: tf.float32 });
      const loss = tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: tf.constant([7]), logits });
      let caught: unknown;
      try {
        new tf.Session({ backend: "wasm" }).run(loss);
      } catch (error) {
        caught = error;
      }
      expect(tf.errors.InvalidArgumentError.isInstance(caught)).toBe(true);
      expect(tf.errors.OpError.isInstance(caught)).toBe(true);
      expect(String(caught)).toMatch(
        /^InvalidArgumentError: Received a label value of 7 which is outside the valid range of \[0, 3\)\./,
      );
      expect(String(caught)).toContain(`(op SparseSoftmaxCrossEntropyWithLogits, wasm kernel)`);
    });
  });
});

describe("run-time Reshape sizes (reshape_op.h: ReshapeOp::ValidateSizes)", () => {
  beforeAll(async () => {
    await tf.ready();
  });

  /** The error of reshaping a [2, 3] feed to a fed `sizes` on `backend`. */
  function reshapeError(backend: string, sizes: number[]): unknown {
    const g = new tf.Graph();
    return g.asDefault(() => {
      const x = tf.placeholder(tf.float32, [2, 3], "x");
      const shape = tf.placeholder(tf.int32, [sizes.length], "shape");
      const y = tf.reshape(x, shape);
      try {
        new tf.Session({ backend }).run(y, {
          "x:0": [
            [1, 2, 3],
            [4, 5, 6],
          ],
          "shape:0": sizes,
        });
      } catch (error) {
        return error;
      }
      return "no error";
    });
  }

  for (const backend of ["reference", "wasm"]) {
    it(`two -1 sizes are TF's InvalidArgumentError on the ${backend} backend`, () => {
      const error = reshapeError(backend, [-1, -1]);
      expect(tf.errors.InvalidArgumentError.isInstance(error)).toBe(true);
      expect(String(error)).toMatch(/^InvalidArgumentError: Only one input size may be -1, not both 0 and 1\b/);
      expect(String(reshapeError(backend, [3, -4]))).toMatch(
        /^InvalidArgumentError: Size 1 must be non-negative, not -4\b/,
      );
    });

    it(`a constant [-1, -1] fails the same on every run of the ${backend} backend (first run and bound plan)`, () => {
      const g = new tf.Graph();
      g.asDefault(() => {
        const y = tf.reshape(tf.placeholder(tf.float32, [2, 3], "x"), [-1, -1]);
        expect(y.shape).toEqual([null, null]); // reshape's shape function leaves it to the kernel, as TF's does
        const sess = new tf.Session({ backend });
        for (let run = 0; run < 2; run++) {
          expect(() =>
            sess.run(y, {
              "x:0": [
                [1, 2, 3],
                [4, 5, 6],
              ],
            }),
          ).toThrow(/^Only one input size may be -1, not both 0 and 1\b/);
        }
      });
    });
  }
});

describe("a Session's own backend while the default is wasm", () => {
  beforeAll(async () => {
    await tf.ready();
  });

  /** A label out of range: the reference and the wasm kernel both reject it, and the wasm one says it raised it. */
  function errorOf(sess: tf.Session, loss: tf.Tensor): string {
    try {
      sess.run(loss);
    } catch (error) {
      return String(error);
    }
    return "no error";
  }

  it("new Session({ backend: 'reference' }) runs the reference kernels", () => {
    expect(tf.getBackend()).toBe("wasm");
    const g = new tf.Graph();
    g.asDefault(() => {
      const logits = tf.constant([[1, 2, 3]], { dtype: tf.float32 });
      const loss = tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: tf.constant([7]), logits });
      const softmax = tf.nn.softmax(logits);
      const reference = new tf.Session({ backend: "reference" });
      const byDefault = new tf.Session();
      expect(reference.backend).toBe("reference");
      expect(byDefault.backend).toBe("wasm");
      expectClose(Array.from(reference.run(softmax).data as Float32Array), [0.09003057, 0.24472847, 0.66524096], 1e-6);
      const message = "InvalidArgumentError: Received a label value of 7 which is outside the valid range of [0, 3).";
      expect(errorOf(reference, loss)).toContain(message);
      expect(errorOf(reference, loss)).not.toContain("wasm kernel");
      expect(errorOf(byDefault, loss)).toContain(message);
      expect(errorOf(byDefault, loss)).toContain("(op SparseSoftmaxCrossEntropyWithLogits, wasm kernel)");
    });
  });

  it("keeps its backend when the default changes after it was made", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const loss = tf.nn.sparseSoftmaxCrossEntropyWithLogits({
        labels: tf.constant([7]),
        logits: tf.constant([[1, 2, 3]], { dtype: tf.float32 }),
      });
      const wasm = new tf.Session();
      tf.setBackend("reference");
      try {
        expect(new tf.Session().backend).toBe("reference");
        expect(wasm.backend).toBe("wasm");
        expect(errorOf(wasm, loss)).toContain("(op SparseSoftmaxCrossEntropyWithLogits, wasm kernel)");
      } finally {
        tf.setBackend("wasm");
      }
    });
  });

  it("an unknown backend name is a NotFoundError that lists the registered ones", () => {
    expect(() => new tf.Session({ backend: "webgl" })).toThrow(
      new tf.errors.NotFoundError(
        "No backend named 'webgl' is registered (registered: reference, wasm). Name a registered backend; " +
          '"wasm" is registered by `await tf.ready()` of @scopeflow/node or @scopeflow/browser.',
      ),
    );
  });
});

describe("tf.randomUniform with an integer dtype on both backends", () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it("runs RandomUniformInt (int32 and int64) with the same values on reference and wasm (a reference fallback)", () => {
    expect(tf.nativeOpTypes("wasm")).not.toContain("RandomUniformInt");
    const results = (["reference", "wasm"] as const).map((backend) => {
      const g = new tf.Graph();
      return g.asDefault(() => {
        const small = tf.randomUniform([3], { dtype: "int32", maxval: 10 });
        const ints = tf.randomUniform([4, 5], { dtype: "int32", minval: -3, maxval: 4, seed: 1 });
        const longs = tf.randomUniform([7], { dtype: "int64", minval: 2, maxval: 2 ** 35, seed: 2 });
        // Consumed by a native wasm kernel too: the fallback's output is uploaded where the next kernel needs it.
        const summed = tf.reduceSum(tf.cast(ints, "float32"));
        const sess = new tf.Session({ backend });
        expect(sess.backend).toBe(backend);
        const [a, b, c, d] = sess.run([small, ints, longs, summed]);
        expect(a.shape).toEqual([3]);
        expect(Array.from(a.data as Int32Array).every((v) => v >= 0 && v < 10)).toBe(true);
        return { ints: Array.from(b.data as Int32Array), longs: Array.from(c.data as BigInt64Array), sum: d.item() };
      });
    });
    const [reference, wasm] = results;
    expect(reference.ints.every((v) => v >= -3 && v < 4)).toBe(true);
    expect(reference.longs.every((v) => v >= 2n && v < 2n ** 35n)).toBe(true);
    expect(reference.sum).toBe(reference.ints.reduce((x, y) => x + y, 0));
    expect(wasm).toEqual(reference);
  });
});

describe("RandomUniform on the wasm backend (random_ops_test.py)", () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it("testSeed: a seeded RandomUniform draws the reference kernel's Philox values, run after run", () => {
    expect(tf.nativeOpTypes("wasm")).toContain("RandomUniform");
    const draw = (backend: "reference" | "wasm", opSeed: number) => {
      const g = new tf.Graph();
      return g.asDefault(() => {
        tf.setRandomSeed(7);
        const u = tf.randomUniform([5, 3], { seed: opSeed });
        const scaled = tf.randomUniform([9], { minval: -2, maxval: 3, seed: opSeed + 1 });
        const sess = new tf.Session({ backend });
        // Each run continues the op's stream (guarded_philox_random.cc ReserveRandomOutputs).
        return [0, 1, 2].map(() => sess.run([u, scaled]).map((a) => Array.from(a.data as Float32Array)));
      });
    };
    const reference = draw("reference", 345);
    const wasm = draw("wasm", 345);
    expect(wasm).toEqual(reference);
    expect(reference[1][0]).not.toEqual(reference[0][0]);
    for (const run of reference) {
      expect(run[0].every((v) => v >= 0 && v < 1)).toBe(true);
      expect(run[1].every((v) => v >= -2 && v < 3)).toBe(true);
    }
    // The same seeds give the same values in a new graph and Session; another op seed, others.
    expect(draw("wasm", 345)).toEqual(wasm);
    expect(draw("wasm", 346)[0][0]).not.toEqual(wasm[0][0]);
  });
});

describe("issue 10's conv, pooling and batch-norm ops on the wasm backend", () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it("depthwise (also atrous) / separable conv, conv1d, conv2dTranspose, 1-D pooling, fused batch norm, forward and backward", () => {
    // SpaceToBatchND / BatchToSpaceND (atrous depthwise) run natively too.
    const native = tf.nativeOpTypes("wasm");
    for (const type of [
      "FusedBatchNormV3",
      "FusedBatchNormGradV3",
      "DepthwiseConv2dNative",
      "SpaceToBatchND",
      "BatchToSpaceND",
    ]) {
      expect(native).toContain(type);
    }
    const run = onBothBackends(() => {
      const x = tf.constant(nested([2, 7, 6, 3], values(2 * 7 * 6 * 3, 21)) as number[][][][]);
      const dw = tf.constant(nested([3, 3, 3, 2], values(54, 22)) as number[][][][]);
      const pw = tf.constant(nested([1, 1, 6, 4], values(24, 23)) as number[][][][]);
      const scale = tf.constant(values(4, 24));
      const offset = tf.constant(values(4, 25));
      const sep = tf.nn.separableConv2d(tf.nn.relu(x), dw, pw, [1, 2, 2, 1], "SAME");
      const [bn, mean, variance] = tf.nn.fusedBatchNorm(sep, scale, offset);
      const up = tf.nn.conv2dTranspose(
        bn,
        tf.constant(nested([3, 3, 2, 4], values(72, 26)) as number[][][][]),
        [2, 7, 6, 2],
        [1, 2, 2, 1],
      );
      const seq = tf.reshape(up, [2, 42, 2]);
      const c1 = tf.nn.conv1d(seq, tf.constant(nested([3, 2, 3], values(18, 27)) as number[][][]), 2, "SAME");
      const pooled = tf.nn.maxPool1d(c1, 2, 2, "VALID");
      const atrous = tf.nn.depthwiseConv2d(x, dw, [1, 1, 1, 1], "SAME", { rate: [2, 2] });
      const loss = tf.add(tf.reduceSum(tf.square(pooled)), tf.reduceSum(atrous));
      const grads = tf.gradients(loss, [x, dw, pw, scale, offset]) as tf.Tensor[];
      return [sep, bn, mean, variance, up, c1, pooled, atrous, loss, ...grads];
    });
    expect(run[1][6].shape).toEqual([2, 10, 3]);
    expectSame(run, 1e-4);
  });
});
