// The benchmark cases of issue 5, item 6. Each builds its scopeflow graph once (run on both scopeflow backends,
// one Session each) and its tfjs tensors once per tfjs backend, and returns the closure that is timed.
//
// Method: kernel cases keep their inputs resident on each side (scopeflow: variables held by the Session; tfjs:
// tensors held by the backend) and time the op alone: scopeflow fetches the op (no output copy), tfjs disposes the
// result unread. Per-op overhead, the MLP step and readback do cross to JS, on both sides alike.
import * as tfl from "@tensorflow/tfjs-layers";
import type { Row } from "./format";
import type { OnnxGraph, OnnxNode } from "./onnx/model";
import {
  addLimit,
  freshReadbackLimit,
  gemmLimit,
  type LimitRun,
  type Limits,
  reduceSumLimit,
  touchedReadbackLimit,
  wasmCopyLimit,
} from "./peers/limits";
import { op } from "./peers/scopeflow";
import type { Tfjs } from "./peers/tfjs";
import { randomData } from "./random";

/** What a scopeflow case builds inside its graph: what each run fetches and feeds. */
export interface ScopeflowRun {
  fetch: any;
  feeds?: Map<unknown, unknown>;
}

export interface TfjsRun {
  run(): void;
  dispose(): void;
}

export interface CaseSpec extends Omit<Row, "cells"> {
  id: string;
  /** Part of the `--quick` smoke subset. */
  quick?: boolean;
  /** The scopeflow reference backend is left out of this case (too slow for the time budget). */
  skipReference?: string;
  /** The tfjs cpu backend is left out of this case. */
  skipTfjsCpu?: string;
  /** The case as an ONNX graph for onnxruntime-web, or why it has none. */
  onnx:
    | { graph(): OnnxGraph; feeds?: () => Record<string, { shape: number[]; data: Float32Array }> }
    | { none: string };
  /** Builds the graph (inside its `asDefault`), reaching scopeflow's API through `op`. */
  scopeflow(): ScopeflowRun;
  tfjs(tf: Tfjs): TfjsRun;
  /** The hand-written limit of this case (the "limit" peer), when there is one. */
  limit?(lib: Limits): LimitRun;
  /** Only the limit peer runs this case: a row that explains another row's limit. */
  limitOnly?: true;
}

const sizeOf = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** A float32 variable holding `randomData` (a Const initial value: needs no random kernel); the runner initializes it. */
function sfInput(name: string, shape: number[], seed: number, scale = 1): any {
  const Variable = op("Variable");
  return new Variable(op("constant")(randomData(sizeOf(shape), seed, scale), { shape }), { name });
}

function tfjsInputs(tf: Tfjs, shapes: number[][], scale = 1) {
  return shapes.map((shape, i) => tf.tensor(randomData(sizeOf(shape), i + 1, scale), shape));
}

/**
 * The ONNX form of a kernel case: its inputs as initializers named input0.. (resident, like the other peers'; ONNX
 * convolutions take NCHW, so a case may give other shapes of the same sizes), one node, one output.
 */
interface OnnxKernel {
  node(inputs: string[]): Omit<OnnxNode, "inputs" | "outputs"> & { inputs?: string[] };
  output: number[];
  shapes?: number[][];
}

/** A kernel case: op over resident inputs, output not read back. */
function kernelCase(
  spec: Omit<CaseSpec, "scopeflow" | "tfjs" | "onnx">,
  shapes: number[][],
  sf: (inputs: any[]) => any,
  tfjsOp: (tf: Tfjs, inputs: any[]) => any,
  onnx: OnnxKernel,
  scale = 1,
): CaseSpec {
  return {
    ...spec,
    onnx: {
      graph: () => {
        const names = shapes.map((_, i) => `input${i}`);
        const { inputs, ...node } = onnx.node(names);
        return {
          nodes: [{ ...node, inputs: inputs ?? names, outputs: ["output"] }],
          initializers: (onnx.shapes ?? shapes).map((shape, i) => ({
            name: names[i]!,
            shape,
            data: randomData(sizeOf(shape), i + 1, scale),
          })),
          outputs: [{ name: "output", shape: onnx.output }],
        };
      },
    },
    scopeflow: () => {
      const inputs = shapes.map((shape, i) => sfInput(`input${i}`, shape, i + 1, scale));
      return { fetch: sf(inputs).op };
    },
    tfjs: (tf) => {
      const inputs = tfjsInputs(tf, shapes, scale);
      return {
        run: () => tfjsOp(tf, inputs).dispose(),
        dispose: () => tf.dispose(inputs),
      };
    },
  };
}

const MATMUL_SIZES = [64, 128, 256, 512, 1024];

/** Issue 14's targets: default threads, and `numThreads: 1` (the 1-thread column) against tfjs-wasm and the limit. */
function matmulTargets(n: number, transposed: boolean): CaseSpec["targets"] {
  if (transposed) return n === 512 ? [{ ratio: 30 }] : undefined;
  if (n === 512) {
    return [
      { ratio: 1.9 },
      { ratio: 1.1, vs: "ort-2" },
      { ratio: 1.2, ours: "sf-wasm-1" },
      { ratio: 0.88, vs: "limit", ours: "sf-wasm-1" },
    ];
  }
  if (n === 1024) return [{ ratio: 1.1, vs: "ort-2" }];
  return undefined;
}
const TRANSPOSES = [
  { suffix: "", a: false, b: false },
  { suffix: " transpose_a", a: true, b: false },
  { suffix: " transpose_b", a: false, b: true },
];

function matmulCases(): CaseSpec[] {
  return MATMUL_SIZES.flatMap((n) =>
    TRANSPOSES.map(({ suffix, a, b }) =>
      kernelCase(
        {
          id: `matmul-${n}${a ? "-ta" : ""}${b ? "-tb" : ""}`,
          label: `matmul ${n}${suffix}`,
          unit: n <= 128 ? "µs" : "ms",
          flops: 2 * n ** 3,
          quick: n === 128,
          targets: matmulTargets(n, a || b),
          skipReference: n >= 1024 ? "too slow" : undefined,
          skipTfjsCpu: n >= 1024 && (a || b) ? "too slow" : undefined,
          limit: a || b ? undefined : (lib) => gemmLimit(lib, n, n, n),
        },
        [
          [n, n],
          [n, n],
        ],
        ([x, y]) => op("matmul")(x, y, { transposeA: a, transposeB: b }),
        (tf, [x, y]) => tf.matMul(x, y, a, b),
        {
          node: () => (a || b ? { op: "Gemm", attrs: { transA: a ? 1 : 0, transB: b ? 1 : 0 } } : { op: "MatMul" }),
          output: [n, n],
        },
      ),
    ),
  );
}

const M = 1 << 20;

function elementwiseCases(): CaseSpec[] {
  return [
    kernelCase(
      {
        id: "add-1m",
        label: "add 1M",
        unit: "µs",
        targets: [{ ratio: 1.1 }],
        quick: true,
        limit: (lib) => addLimit(lib, M),
      },
      [[M], [M]],
      ([x, y]) => op("add")(x, y),
      (tf, [x, y]) => tf.add(x, y),
      { node: () => ({ op: "Add" }), output: [M] },
    ),
    kernelCase(
      { id: "add-16m", label: "add 16M", unit: "ms", limit: (lib) => addLimit(lib, 16 * M) },
      [[16 * M], [16 * M]],
      ([x, y]) => op("add")(x, y),
      (tf, [x, y]) => tf.add(x, y),
      { node: () => ({ op: "Add" }), output: [16 * M] },
    ),
    kernelCase(
      { id: "relu-1m", label: "relu 1M", unit: "µs" },
      [[M]],
      ([x]) => op("nn.relu")(x),
      (tf, [x]) => tf.relu(x),
      { node: () => ({ op: "Relu" }), output: [M] },
    ),
    kernelCase(
      {
        id: "reduce-sum-1m",
        label: "reduce-sum 1M",
        unit: "µs",
        quick: true,
        targets: [{ ratio: 0.9, vs: "limit" }],
        limit: (lib) => reduceSumLimit(lib, M),
      },
      [[M]],
      ([x]) => op("reduceSum")(x),
      (tf, [x]) => tf.sum(x),
      { node: () => ({ op: "ReduceSum", attrs: { keepdims: 0 } }), output: [] },
    ),
    kernelCase(
      {
        id: "softmax",
        label: "softmax [1024,1000] in [-4, 4)",
        unit: "ms",
        targets: [{ ratio: 1.2 }, { ratio: 1, ours: "sf-wasm-1" }],
      },
      [[1024, 1000]],
      ([x]) => op("nn.softmax")(x),
      (tf, [x]) => tf.softmax(x),
      { node: () => ({ op: "Softmax", attrs: { axis: -1 } }), output: [1024, 1000] },
      8, // uniform in [-4, 4), as issue 14 measured: e^(x - max) spans e^-8..1
    ),
    kernelCase(
      {
        id: "conv2d",
        label: "conv2d 64x64x32→64 3x3 SAME",
        unit: "ms",
        flops: 2 * 64 * 64 * 64 * 32 * 9,
        targets: [{ ratio: 1.6 }, { ratio: 1.1, vs: "ort-2" }, { ratio: 1.15, ours: "sf-wasm-1" }],
      },
      [
        [1, 64, 64, 32],
        [3, 3, 32, 64],
      ],
      ([x, f]) => op("nn.conv2d")(x, f, [1, 1, 1, 1], "SAME"),
      (tf, [x, f]) => tf.conv2d(x, f, 1, "same"),
      {
        node: () => ({ op: "Conv", attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1], strides: [1, 1] } }),
        shapes: [
          [1, 32, 64, 64],
          [64, 32, 3, 3],
        ],
        output: [1, 64, 64, 64],
      },
    ),
  ];
}

const CHAIN = 1000;

/** Per-op overhead: one run of a chain of 1000 Adds on a 1-element tensor (tfjs: 1000 eager adds), then one read. */
const perOpCase: CaseSpec = {
  id: "per-op",
  label: `per-op overhead (${CHAIN}-Add chain, per op)`,
  unit: "µs",
  per: CHAIN,
  targets: [{ ratio: 100 }],
  quick: true,
  onnx: {
    graph: () => ({
      nodes: Array.from({ length: CHAIN }, (_, i) => ({
        op: "Add",
        inputs: [i === 0 ? "x" : `y${i - 1}`, "x"],
        outputs: [i === CHAIN - 1 ? "y" : `y${i}`],
      })),
      inputs: [{ name: "x", shape: [1] }],
      outputs: [{ name: "y", shape: [1] }],
    }),
    feeds: () => ({ x: { shape: [1], data: new Float32Array([1]) } }),
  },
  scopeflow: () => {
    const x = op("placeholder")("float32", [1], "x");
    let y = x;
    for (let i = 0; i < CHAIN; i++) y = op("add")(y, x);
    return { fetch: y, feeds: new Map([[x, new (op("NDArray"))("float32", [1], new Float32Array([1]))]]) };
  },
  tfjs: (tf) => {
    const x = tf.tensor([1]);
    return {
      run: () => {
        let y = x;
        for (let i = 0; i < CHAIN; i++) {
          const next = tf.add(y, x);
          if (y !== x) y.dispose();
          y = next;
        }
        y.dataSync();
        y.dispose();
      },
      dispose: () => x.dispose(),
    };
  },
};

const BATCH = 128;
const MLP = [784, 256, 10] as const;
/** Forward, and two backward MatMuls per layer. */
const MLP_FLOPS = 3 * 2 * BATCH * (MLP[0] * MLP[1] + MLP[1] * MLP[2]);

function mlpBatch() {
  const x = randomData(BATCH * MLP[0], 7);
  const labels = new Float32Array(BATCH * MLP[2]);
  for (let i = 0; i < BATCH; i++) labels[i * MLP[2] + (i % MLP[2])] = 1;
  return { x, labels };
}

/** One SGD step of a 784-256-10 ReLU MLP with softmax cross-entropy, feeding the batch each step. */
const mlpCase: CaseSpec = {
  id: "mlp",
  label: `MLP ${MLP.join("-")} train step, batch ${BATCH}`,
  unit: "ms",
  flops: MLP_FLOPS,
  targets: [{ ratio: 9 }, { ratio: 7, ours: "sf-wasm-1" }],
  // The FLOP floor: the step's FLOPs at the limit GEMM's rate on its largest MatMul ([128,784]x[784,256]).
  limit: (lib) => gemmLimit(lib, BATCH, MLP[0], MLP[1], MLP_FLOPS / (2 * BATCH * MLP[0] * MLP[1])),
  quick: true,
  onnx: { none: "no training" },
  scopeflow: () => {
    const x = op("placeholder")("float32", [BATCH, MLP[0]], "x");
    const labels = op("placeholder")("float32", [BATCH, MLP[2]], "labels");
    const zeros = () => op("initializers.zeros")();
    const w1 = sfInput("w1", [MLP[0], MLP[1]], 1, 0.1);
    const b1 = op("getVariable")("b1", [MLP[1]], { initializer: zeros() });
    const w2 = sfInput("w2", [MLP[1], MLP[2]], 2, 0.1);
    const b2 = op("getVariable")("b2", [MLP[2]], { initializer: zeros() });
    const hidden = op("nn.relu")(op("add")(op("matmul")(x, w1), b1));
    const logits = op("add")(op("matmul")(hidden, w2), b2);
    const loss = op("reduceMean")(op("nn.softmaxCrossEntropyWithLogits")({ labels, logits }));
    const Optimizer = op("train.GradientDescentOptimizer");
    const train = new Optimizer(0.01).minimize(loss);
    const batch = mlpBatch();
    const NDArray = op("NDArray");
    return {
      fetch: [train, loss],
      feeds: new Map<unknown, unknown>([
        [x, new NDArray("float32", [BATCH, MLP[0]], batch.x)],
        [labels, new NDArray("float32", [BATCH, MLP[2]], batch.labels)],
      ]),
    };
  },
  tfjs: (tf) => {
    const [w1, w2] = tfjsInputs(
      tf,
      [
        [MLP[0], MLP[1]],
        [MLP[1], MLP[2]],
      ],
      0.1,
    ).map((t) => tf.variable(t));
    const b1 = tf.variable(tf.zeros([MLP[1]]));
    const b2 = tf.variable(tf.zeros([MLP[2]]));
    const optimizer = tf.train.sgd(0.01);
    const batch = mlpBatch();
    return {
      run: () => {
        const xs = tf.tensor2d(batch.x, [BATCH, MLP[0]]);
        const ys = tf.tensor2d(batch.labels, [BATCH, MLP[2]]);
        const loss = optimizer.minimize(() => {
          const hidden = tf.relu(tf.add(tf.matMul(xs, w1!), b1));
          const logits = tf.add(tf.matMul(hidden, w2!), b2);
          return tf.losses.softmaxCrossEntropy(ys, logits);
        }, true);
        loss?.dataSync();
        tf.dispose([xs, ys, loss!]);
      },
      dispose: () => {
        tf.dispose([w1!, w2!, b1, b2]);
        optimizer.dispose();
      },
    };
  },
};

const CNN = { batch: 32, size: 28, filters: 16, classes: 10 } as const;

function cnnBatch() {
  const x = randomData(CNN.batch * CNN.size * CNN.size, 8);
  const labels = new Float32Array(CNN.batch * CNN.classes);
  for (let i = 0; i < CNN.batch; i++) labels[i * CNN.classes + (i % CNN.classes)] = 1;
  return { x, labels };
}

/**
 * One SGD step of a small CNN (3x3 conv 1->16 SAME + bias, ReLU, 2x2 max pool, dense to 10) with softmax
 * cross-entropy, feeding the batch each step: Conv2D, its filter gradient, MaxPool and MaxPoolGrad in the loop.
 */
const cnnCase: CaseSpec = {
  id: "cnn",
  label: `CNN ${CNN.size}x${CNN.size}x1 conv3x3-${CNN.filters} pool dense-${CNN.classes} train step, batch ${CNN.batch}`,
  unit: "ms",
  onnx: { none: "no training" },
  scopeflow: () => {
    const half = CNN.size / 2;
    const x = op("placeholder")("float32", [CNN.batch, CNN.size, CNN.size, 1], "x");
    const labels = op("placeholder")("float32", [CNN.batch, CNN.classes], "labels");
    const zeros = () => op("initializers.zeros")();
    const filter = sfInput("filter", [3, 3, 1, CNN.filters], 3, 0.5);
    const bias = op("getVariable")("bias", [CNN.filters], { initializer: zeros() });
    const w = sfInput("w", [half * half * CNN.filters, CNN.classes], 4, 0.05);
    const conv = op("nn.conv2d")(x, filter, [1, 1, 1, 1], "SAME");
    const hidden = op("nn.relu")(op("nn.biasAdd")(conv, bias));
    const pooled = op("nn.maxPool")(hidden, [1, 2, 2, 1], [1, 2, 2, 1], "VALID");
    const logits = op("matmul")(op("reshape")(pooled, [CNN.batch, -1]), w);
    const loss = op("reduceMean")(op("nn.softmaxCrossEntropyWithLogits")({ labels, logits }));
    const Optimizer = op("train.GradientDescentOptimizer");
    const train = new Optimizer(0.01).minimize(loss);
    const batch = cnnBatch();
    const NDArray = op("NDArray");
    return {
      fetch: [train, loss],
      feeds: new Map<unknown, unknown>([
        [x, new NDArray("float32", [CNN.batch, CNN.size, CNN.size, 1], batch.x)],
        [labels, new NDArray("float32", [CNN.batch, CNN.classes], batch.labels)],
      ]),
    };
  },
  tfjs: (tf) => {
    const half = CNN.size / 2;
    const [filter, w] = [
      tf.variable(tf.tensor(randomData(9 * CNN.filters, 3, 0.5), [3, 3, 1, CNN.filters])),
      tf.variable(
        tf.tensor(randomData(half * half * CNN.filters * CNN.classes, 4, 0.05), [
          half * half * CNN.filters,
          CNN.classes,
        ]),
      ),
    ];
    const bias = tf.variable(tf.zeros([CNN.filters]));
    const optimizer = tf.train.sgd(0.01);
    const batch = cnnBatch();
    return {
      run: () => {
        const xs = tf.tensor4d(batch.x, [CNN.batch, CNN.size, CNN.size, 1]);
        const ys = tf.tensor2d(batch.labels, [CNN.batch, CNN.classes]);
        const loss = optimizer.minimize(() => {
          const hidden = tf.relu(tf.add(tf.conv2d(xs, filter as any, 1, "same"), bias));
          const pooled = tf.maxPool(hidden as any, 2, 2, "valid");
          const logits = tf.matMul(tf.reshape(pooled, [CNN.batch, -1]), w!);
          return tf.losses.softmaxCrossEntropy(ys, logits);
        }, true);
        loss?.dataSync();
        tf.dispose([xs, ys, loss!]);
      },
      dispose: () => {
        tf.dispose([filter!, w!, bias]);
        optimizer.dispose();
      },
    };
  },
};

/** Reading 16M floats back to JS: fetch a variable (scopeflow) / dataSync a resident tensor (tfjs). */
const readbackCase: CaseSpec = {
  id: "readback-16m",
  label: "readback 16M floats",
  unit: "ms",
  targets: [{ ratio: 2.5 }, { ratio: 2.5, ours: "sf-wasm-1" }],
  onnx: { none: "outputs only" },
  // A fresh array per run, as a readback returns: its page faults are in the floor (see the two rows below).
  limit: (lib) => freshReadbackLimit(lib, 16 * M),
  scopeflow: () => ({ fetch: sfInput("input0", [16 * M], 1) }),
  tfjs: (tf) => {
    const [x] = tfjsInputs(tf, [[16 * M]]);
    return { run: () => x!.dataSync(), dispose: () => x!.dispose() };
  },
};

// An LSTM language model's training step at a char-level size: batch 32, 20 steps, 32 inputs, 128 units. The gate
// MatMul per step ([32,160]x[160,512], 2.6 MFLOP) is small enough that per-op and per-iteration overheads weigh
// against the kernels' speed, as they do in the recurrent models TF1 programs train.
const LSTM = { batch: 32, time: 20, depth: 32, units: 128 } as const;

function lstmBatch(): Float32Array {
  return randomData(LSTM.batch * LSTM.time * LSTM.depth, 9);
}

/**
 * One SGD step of `dynamic_rnn` over an LSTMCell (scopeflow: the TF1 graph, a while loop and its gradient loop) and
 * of tfjs-layers' LSTM layer (sigmoid gates, as TF1's LSTMCell; JS loop over time steps, gradients by tape), with the
 * mean square of the outputs minus 0.25 as loss, feeding the batch each step.
 */
const lstmCase: CaseSpec = {
  id: "lstm",
  label: `LSTM dynamic_rnn train step, batch ${LSTM.batch}, ${LSTM.time} steps, ${LSTM.depth} in, ${LSTM.units} units`,
  unit: "ms",
  flops: 3 * LSTM.time * 2 * LSTM.batch * (LSTM.depth + LSTM.units) * 4 * LSTM.units,
  onnx: { none: "no training" },
  scopeflow: () => {
    const shape = [LSTM.batch, LSTM.time, LSTM.depth];
    const x = op("placeholder")("float32", shape, "x");
    const Cell = op("nn.rnnCell.LSTMCell");
    const initializer = op("randomUniformInitializer")(-0.1, 0.1, { seed: 5 });
    const [outputs] = op("variableScope")("", { initializer }, () =>
      op("nn.dynamicRnn")(new Cell(LSTM.units), x, { dtype: "float32" }),
    );
    const loss = op("reduceMean")(op("square")(op("subtract")(outputs, 0.25)));
    const Optimizer = op("train.GradientDescentOptimizer");
    const train = new Optimizer(0.1).minimize(loss);
    const NDArray = op("NDArray");
    return {
      fetch: [train, loss],
      feeds: new Map<unknown, unknown>([[x, new NDArray("float32", shape, lstmBatch())]]),
    };
  },
  tfjs: (tf) => {
    const layer = tfl.layers.lstm({
      units: LSTM.units,
      returnSequences: true,
      recurrentActivation: "sigmoid",
      kernelInitializer: "glorotUniform",
      recurrentInitializer: "glorotUniform",
    });
    // Built (weights made) by a first call, as a model's first fit would.
    tf.dispose(layer.apply(tf.zeros([LSTM.batch, LSTM.time, LSTM.depth])) as ReturnType<typeof tf.tensor3d>);
    const optimizer = tf.train.sgd(0.1);
    const batch = lstmBatch();
    return {
      run: () => {
        const xs = tf.tensor3d(batch, [LSTM.batch, LSTM.time, LSTM.depth]);
        const loss = optimizer.minimize(() => {
          const outputs = layer.apply(xs) as ReturnType<typeof tf.tensor3d>;
          return tf.mean(tf.square(tf.sub(outputs, 0.25)));
        }, true);
        loss?.dataSync();
        tf.dispose([xs, loss!]);
      },
      dispose: () => {
        layer.dispose();
        optimizer.dispose();
      },
    };
  },
};

/** A row that only the limit peer fills: what a readback costs without page faults, or without leaving wasm. */
function limitOnlyCase(id: string, label: string, limit: CaseSpec["limit"]): CaseSpec {
  const none = () => {
    throw new Error(`${id} is measured on the limit peer only`);
  };
  return { id, label, unit: "ms", limit, limitOnly: true, onnx: { none: "limit only" }, scopeflow: none, tfjs: none };
}

const readbackFloors = [
  limitOnlyCase("readback-16m-touched", "readback floor: 64 MiB .set() into a touched Float32Array", (lib) =>
    touchedReadbackLimit(lib, 16 * M),
  ),
  limitOnlyCase("readback-16m-wasm-copy", "64 MiB copy inside wasm memory (v128 loop or memory.copy)", (lib) =>
    wasmCopyLimit(lib, 16 * M),
  ),
];

export function allCases(): CaseSpec[] {
  return [
    ...matmulCases(),
    ...elementwiseCases(),
    perOpCase,
    mlpCase,
    cnnCase,
    lstmCase,
    readbackCase,
    ...readbackFloors,
  ];
}
