// Gradients through tf.nn.dynamicRnn (rnn_test.py RNNTest's gradient cases, TF 1.15): the gradient while loop over
// TensorArray gradients, checked against static_rnn's gradients (the unrolled graph) with the same weights, and
// training a dynamic_rnn model with an optimizer.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

const cells = tf.nn.rnnCell;
const seeded = () => tf.randomUniformInitializer(-0.5, 0.5, { seed: 7 });
// [batch 2, time 4, depth 3] of distinct values.
const xs = Array.from({ length: 2 }, (_, b) =>
  Array.from({ length: 4 }, (_, t) => Array.from({ length: 3 }, (_, d) => Math.sin(1 + b * 12 + t * 3 + d))),
);
const flat = (a: unknown) => (Array.isArray(a) ? (a as unknown[]).flat(4) : [a]) as number[];

describe("tf.gradients through dynamic_rnn equal static_rnn's (same cell, same weights)", () => {
  for (const seq of [undefined, [2, 4]]) {
    it(`BasicLSTMCell, sequence_length ${seq ? "[2, 4]" : "none"}: d(sum(outputs) + sum(h))/d(kernel, bias, x)`, () =>
      inGraph(() => {
        const cell = new cells.BasicLSTMCell(3);
        const x = tf.constant(xs, { dtype: tf.float32 });
        const [dynOut, dynState] = tf.variableScope("", { initializer: seeded() }, () =>
          tf.nn.dynamicRnn(cell, x, { dtype: tf.float32, sequenceLength: seq }),
        );
        const [stOuts, stState] = tf.variableScope("rnn", { reuse: true }, () =>
          tf.nn.staticRnn(cell, tf.unstack(x, null, 1), { dtype: tf.float32, sequenceLength: seq, scope: "static" }),
        );
        const vars = tf.trainableVariables();
        expect(vars.map((v) => v.name)).toEqual(["rnn/basic_lstm_cell/kernel:0", "rnn/basic_lstm_cell/bias:0"]);
        const dynLoss = tf.add(tf.reduceSum(dynOut as tf.Tensor), tf.reduceSum((dynState as tf.Tensor[])[1]));
        const stLoss = tf.add(tf.reduceSum(tf.stack(stOuts as tf.Tensor[])), tf.reduceSum((stState as tf.Tensor[])[1]));
        const dynGrads = tf.gradients(dynLoss, [...vars, x]) as tf.Tensor[];
        const stGrads = tf.gradients(stLoss, [...vars, x]) as tf.Tensor[];
        expect(dynGrads[0].name).toBe("gradients/rnn/while/basic_lstm_cell/MatMul/Enter_grad/b_acc_3:0");
        const sess = new tf.Session();
        sess.run(tf.globalVariablesInitializer());
        const got = sess.run(dynGrads).map((v) => flat(v.toArray()));
        const want = sess.run(stGrads).map((v) => flat(v.toArray()));
        got.forEach((g, i) => {
          expect(g.length).toBe(want[i].length);
          g.forEach((v, j) => expect(v).toBeCloseTo(want[i][j], 4));
        });
        expect(want[0].some((v) => Math.abs(v) > 1e-3)).toBe(true);
      }));
  }
});

describe("the gradient graph of dynamic_rnn (tensor_array_grad.py, control_flow_state.py names)", () => {
  it("TensorArrayGrad of the output stack, the loop's read and write grads, stacks and accumulators", () =>
    inGraph((g) => {
      const x = tf.zeros([2, 3, 4]);
      const [outputs] = tf.nn.dynamicRnn(new cells.BasicRNNCell(2), x, { dtype: tf.float32 });
      const [gk, gb, gx] = tf.gradients(tf.reduceSum(outputs as tf.Tensor), [
        ...tf.trainableVariables(),
        x,
      ]) as tf.Tensor[];
      expect([gk.name, gb.name]).toEqual([
        "gradients/rnn/while/basic_rnn_cell/MatMul/Enter_grad/b_acc_3:0",
        "gradients/rnn/while/basic_rnn_cell/BiasAdd/Enter_grad/b_acc_3:0",
      ]);
      const type = (name: string) => g.getOperationByName(name).type;
      const stackGrad = "gradients/rnn/TensorArrayStack/TensorArrayGatherV3_grad";
      expect(type(`${stackGrad}/TensorArrayGrad/TensorArrayGradV3`)).toBe("TensorArrayGradV3");
      expect(g.getOperationByName(`${stackGrad}/TensorArrayGrad/TensorArrayGradV3`).attrs.source).toBe("gradients");
      expect(type(`${stackGrad}/TensorArrayGrad/gradient_flow`)).toBe("Identity");
      expect(type(`${stackGrad}/TensorArrayScatter/TensorArrayScatterV3`)).toBe("TensorArrayScatterV3");
      const writeGrad = "gradients/rnn/while/TensorArrayWrite/TensorArrayWriteV3_grad";
      expect(type(`${writeGrad}/write_barrier`)).toBe("Identity");
      expect(type(`${writeGrad}/TensorArrayReadV3`)).toBe("TensorArrayReadV3");
      expect(type(`${writeGrad}/TensorArrayReadV3/StackPopV2`)).toBe("StackPopV2");
      expect(type("gradients/rnn/while/basic_rnn_cell/MatMul_grad/MatMul_1/StackPushV2")).toBe("StackPushV2");
      expect(
        g.getOperationByName("gradients/rnn/while/basic_rnn_cell/MatMul_grad/MatMul_1/StackPushV2").inputs[1].name,
      ).toBe("rnn/while/basic_rnn_cell/concat:0");
      expect(
        type("gradients/rnn/TensorArrayUnstack/TensorArrayScatter/TensorArrayScatterV3_grad/TensorArrayGatherV3"),
      ).toBe("TensorArrayGatherV3");
      expect(gx.shape).toEqual([2, 3, 4]);
    }));
});

describe("training a dynamic_rnn model", () => {
  for (const [name, make] of [
    ["GradientDescentOptimizer", () => new tf.train.GradientDescentOptimizer(0.5)],
    ["AdamOptimizer", () => new tf.train.AdamOptimizer(0.05)],
  ] as const) {
    it(`LSTMCell + dense readout, ${name}: the loss falls over 30 steps`, () =>
      inGraph(() => {
        // Predict the running sum of the inputs at each step.
        const x = tf.constant(xs, { dtype: tf.float32 });
        const target = tf.cumsum(tf.reduceSum(x, 2, true), 1);
        const [outputs] = tf.variableScope("", { initializer: seeded() }, () =>
          tf.nn.dynamicRnn(new cells.LSTMCell(4), x, { dtype: tf.float32, sequenceLength: [3, 4] }),
        );
        const prediction = tf.layers.dense(outputs as tf.Tensor, 1, { kernelInitializer: seeded() });
        const loss = tf.reduceMean(tf.square(tf.subtract(prediction, target)));
        const train = make().minimize(loss);
        const sess = new tf.Session();
        sess.run(tf.globalVariablesInitializer());
        const first = sess.run(loss).toArray() as number;
        for (let i = 0; i < 30; i++) sess.run(train);
        const last = sess.run(loss).toArray() as number;
        expect(last).toBeLessThan(first * 0.5);
      }));
  }
});

describe("a character-level LSTM language model (dynamic_rnn over an embedding)", () => {
  it("trains with Adam (loss falls) and its variables carry TF's checkpoint keys", () =>
    inGraph(() => {
      const text = "hello world, hello lstm";
      const vocab = [...new Set(text)].sort();
      const ids = [...text].map((c) => vocab.indexOf(c));
      const steps = 6;
      const windows = [0, 5, 10, 15].map((s) => ids.slice(s, s + steps + 1));
      const inputs = tf.constant(windows.map((w) => w.slice(0, steps)));
      const targets = tf.constant(windows.map((w) => w.slice(1)));
      const [logits] = tf.variableScope("char_lm", { initializer: seeded() }, () => {
        const embedding = tf.getVariable("embedding", [vocab.length, 8]);
        const embedded = tf.nn.embeddingLookup(embedding, inputs);
        const [outputs] = tf.nn.dynamicRnn(new cells.LSTMCell(16), embedded, { dtype: tf.float32 });
        return [tf.layers.dense(outputs as tf.Tensor, vocab.length)];
      });
      const loss = tf.reduceMean(tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: targets, logits }));
      const train = new tf.train.AdamOptimizer(0.05).minimize(loss);
      expect(tf.trainableVariables().map((v) => v.op.name)).toEqual([
        "char_lm/embedding",
        "char_lm/rnn/lstm_cell/kernel",
        "char_lm/rnn/lstm_cell/bias",
        "char_lm/dense/kernel",
        "char_lm/dense/bias",
      ]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const first = sess.run(loss).toArray() as number;
      for (let i = 0; i < 40; i++) sess.run(train);
      const last = sess.run(loss).toArray() as number;
      expect(first).toBeCloseTo(Math.log(vocab.length), 0);
      expect(last).toBeLessThan(first * 0.5);
    }));
});
