// Port of tensorflow/contrib/rnn/python/kernel_tests/rnn_test.py (TF 1.15) StackBidirectionalRNNTest, graph mode:
// stack_bidirectional_rnn and stack_bidirectional_dynamic_rnn (shapes, fw/bw symmetry of the first layer, the
// asymmetry the concatenation brings, state continuation) and their variable scopes.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

const contribRnn = tf.contrib.rnn;
const layers = [2, 3];
const [inputSize, batchSize, maxLength] = [5, 2, 8];
const seed = 23489;

/** np.random.randn(batch_size, input_size) stand-in: a seeded Box-Muller normal matrix. */
function randn(rows: number, cols: number): number[][] {
  let s = seed;
  const uniform = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s + 1) / 2147483649;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  return Array.from({ length: rows }, () => Array.from({ length: cols }, normal));
}

function makeCells(): InstanceType<typeof tf.nn.rnnCell.LSTMCell>[] {
  const initializer = tf.randomUniformInitializer(-0.01, 0.01, { seed });
  return layers.map((numUnits) => new tf.nn.rnnCell.LSTMCell(numUnits, { initializer, stateIsTuple: false }));
}

interface Built {
  inputValue: number[][];
  input: tf.Tensor;
  outputs: tf.Tensor;
  stateFw: tf.Tensor[];
  stateBw: tf.Tensor[];
  sequenceLength: tf.Tensor;
}

/** _createStackBidirectionalRNN / _createStackBidirectionalDynamicRNN */
function create(
  dynamic: boolean,
  useShape: boolean,
  initialStatesFw: tf.Tensor[] | null = null,
  initialStatesBw: tf.Tensor[] | null = null,
  scope: string | tf.VariableScope | null = null,
): Built {
  const sequenceLength = tf.placeholder(tf.int64);
  const cellsFw = makeCells();
  const cellsBw = makeCells();
  const input = tf.placeholder(tf.float32, [useShape ? batchSize : null, inputSize]);
  const inputs = new Array<tf.Tensor>(maxLength).fill(input);
  const options = { initialStatesFw, initialStatesBw, dtype: tf.float32, sequenceLength, scope };
  let outputs: tf.Tensor;
  let stateFw: tf.Tensor[];
  let stateBw: tf.Tensor[];
  if (dynamic) {
    const inputsC = tf.transpose(tf.stack(inputs), [1, 0, 2]);
    [outputs, stateFw, stateBw] = contribRnn.stackBidirectionalDynamicRnn(cellsFw, cellsBw, inputsC, options) as [
      tf.Tensor,
      tf.Tensor[],
      tf.Tensor[],
    ];
    expect(outputs.shape).toEqual([useShape ? batchSize : null, maxLength, 2 * (layers.at(-1) as number)]);
  } else {
    const [outs, fw, bw] = contribRnn.stackBidirectionalRnn(cellsFw, cellsBw, inputs, options);
    expect(outs.length).toBe(inputs.length);
    for (const out of outs) expect(out.shape).toEqual([useShape ? batchSize : null, 2 * (layers.at(-1) as number)]);
    outputs = tf.stack(outs);
    [stateFw, stateBw] = [fw as tf.Tensor[], bw as tf.Tensor[]];
  }
  return { inputValue: randn(batchSize, inputSize), input, outputs, stateFw, stateBw, sequenceLength };
}

function runBuilt(b: Built, lengths: number[], extra: [tf.Tensor, unknown][] = []) {
  const sess = new tf.Session();
  sess.run(tf.globalVariablesInitializer());
  const feeds = new Map<tf.Tensor, unknown>([[b.input, b.inputValue], [b.sequenceLength, lengths], ...extra]);
  const [out, ...states] = sess.run([b.outputs, ...b.stateFw, ...b.stateBw], feeds as never) as tf.NDArray[];
  const n = layers.length;
  return {
    out: (out as tf.NDArray).toArray() as number[][][],
    fw: states.slice(0, n).map((s) => s.toArray() as number[][]),
    bw: states.slice(n).map((s) => s.toArray() as number[][]),
  };
}

/** out[time][batch][depth]: fw depths 0..2 against bw depths 3..5 at mirrored times differ. */
function expectBrokenSymmetry(out: number[][][]) {
  const pairs: [number, number, number][] = [
    [0, 1, 0],
    [1, 0, 0],
    [0, 2, 1],
    [1, 1, 1],
    [2, 0, 1],
  ];
  for (const [tFw, tBw, b] of pairs)
    for (let d = 0; d < 3; d++) expect(out[tFw]?.[b]?.[d]).not.toEqual(out[tBw]?.[b]?.[d + 3]);
}

function testStack(dynamic: boolean, useShape: boolean) {
  inGraph(() => {
    const b = create(dynamic, useShape);
    const { out, fw, bw } = runBuilt(b, [2, 3]);
    // Same initial parameters: the first layer's fw and bw states agree.
    (fw[0] as number[][]).forEach((row, i) =>
      row.forEach((v, j) => expect(v).toBeCloseTo(bw[0]?.[i]?.[j] as number, 6)),
    );
    // Dynamic outputs are batch major: swap to time major as the TF test does.
    const timeMajor = dynamic ? (out[0] as number[][]).map((_, t) => out.map((batch) => batch[t] as number[])) : out;
    expectBrokenSymmetry(timeMajor);
  });
}

/** _testStackBidirectionalRNNStates: 3 steps then 2 more from that state equal 5 steps, in the first layer. */
function testStates(dynamic: boolean) {
  inGraph(() => {
    const initialStatesFw = layers.map((l) => tf.placeholder(tf.float32, [batchSize, l * 2]));
    const initialStatesBw = layers.map((l) => tf.placeholder(tf.float32, [batchSize, l * 2]));
    const b = create(dynamic, true, initialStatesFw, initialStatesBw);
    const zerosFor = (l: number) => Array.from({ length: batchSize }, () => new Array(l * 2).fill(0));
    const zeroFeeds = (): [tf.Tensor, unknown][] =>
      layers.flatMap((l, i) => [
        [initialStatesFw[i] as tf.Tensor, zerosFor(l)],
        [initialStatesBw[i] as tf.Tensor, zerosFor(l)],
      ]);
    const st3 = runBuilt(b, [3, 2], zeroFeeds());
    const st5 = runBuilt(b, [5, 3], zeroFeeds());
    const st5p = runBuilt(
      b,
      [2, 1],
      layers.flatMap((_, i) => [
        [initialStatesFw[i] as tf.Tensor, st3.fw[i]],
        [initialStatesBw[i] as tf.Tensor, st3.bw[i]],
      ]),
    );
    expect(st5p.fw[0]).toEqual(st5.fw[0]);
    expect(st5p.bw[0]).toEqual(st5.bw[0]);
  });
}

/** _testScope: every variable starts with the prefix (an outer VariableScope, a string, or the default). */
function testScope(dynamic: boolean, prefix: string | null, useOuterScope: boolean) {
  inGraph(() => {
    if (useOuterScope) tf.variableScope(prefix as string, (scope) => create(dynamic, true, null, null, scope));
    else create(dynamic, true, null, null, prefix);
    const all = tf.globalVariables();
    const p = prefix ?? "stack_bidirectional_rnn";
    expect(all.length).toBe(2 * 2 * layers.length);
    expect(all.filter((v) => v.name.startsWith(`${p}/`)).length).toBe(all.length);
    expect(all[0]?.op.name).toBe(`${p}/cell_0/${dynamic ? "bidirectional_rnn/" : ""}fw/lstm_cell/kernel`);
  });
}

describe("rnn_test.py StackBidirectionalRNNTest", () => {
  it("StackBidirectionalRNNTest.testStackBidirectionalRNN", () => {
    testStack(false, false);
    testStack(false, true);
    testStates(false);
  });
  it("StackBidirectionalRNNTest.testBidirectionalRNN (stack_bidirectional_dynamic_rnn)", () => {
    testStack(true, false);
    testStack(true, true);
    testStates(true);
  });
  it("StackBidirectionalRNNTest.testStackBidirectionalRNNScope", () => {
    testScope(false, "prefix", true);
    testScope(false, "prefix", false);
    testScope(false, null, false);
  });
  it("StackBidirectionalRNNTest.testBidirectionalDynamicRNNScope", () => {
    testScope(true, "prefix", true);
    testScope(true, "prefix", false);
    testScope(true, null, false);
  });
  it("contrib/rnn/python/ops/rnn.py: stack_bidirectional_rnn's argument checks", () =>
    inGraph(() => {
      const x = [tf.zeros([1, 2])];
      const [a, b] = [makeCells(), makeCells()];
      expect(() => contribRnn.stackBidirectionalRnn([], b, x)).toThrow(
        "Must specify at least one fw cell for BidirectionalRNN.",
      );
      expect(() => contribRnn.stackBidirectionalDynamicRnn(a, [], tf.zeros([1, 1, 2]))).toThrow(
        "Must specify at least one bw cell for BidirectionalRNN.",
      );
      expect(() => contribRnn.stackBidirectionalRnn(a, b.slice(1), x)).toThrow(
        "Forward and Backward cells must have the same depth.",
      );
      expect(() => contribRnn.stackBidirectionalRnn(a, b, x, { initialStatesFw: [tf.zeros([1, 4])] })).toThrow(
        "initial_states_fw must be a list of state tensors (one per layer).",
      );
    }));
});
