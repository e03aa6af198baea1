// Ports of tensorflow/python/kernel_tests/rnn_test.py and core_rnn_test.py (TF 1.15) static_rnn graph cases: names,
// shapes, sequence_length zeroing outputs and copying state through; a BasicLSTMCell + static_rnn model trained.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { memoryFs } from "../io/memory-fs";
import { inGraph } from "../scopes/test-helpers";

const cells = tf.nn.rnnCell;

describe("rnn_test.py static_rnn", () => {
  it("core_rnn_test.py RNNTest.testRNN-style: names (rnn/basic_lstm_cell/..., MatMul_1 for the second step), shapes", () =>
    inGraph((g) => {
      const cell = new cells.BasicLSTMCell(3);
      const inputs = [0, 1, 2].map((i) => tf.placeholder(tf.float32, [2, 4], `x${i}`));
      const [outputs, state] = tf.nn.staticRnn(cell, inputs, { dtype: tf.float32 });
      expect(tf.globalVariables().map((v) => v.name)).toEqual([
        "rnn/basic_lstm_cell/kernel:0",
        "rnn/basic_lstm_cell/bias:0",
      ]);
      expect((outputs as tf.Tensor[]).map((o) => o.name)).toEqual([
        "rnn/basic_lstm_cell/Mul_2:0",
        "rnn/basic_lstm_cell/Mul_5:0",
        "rnn/basic_lstm_cell/Mul_8:0",
      ]);
      expect(g.getOperationByName("rnn/basic_lstm_cell/MatMul_1")?.type).toBe("MatMul");
      expect(g.getOperationByName("rnn/BasicLSTMCellZeroState/zeros")?.type).toBe("Fill");
      expect((outputs as tf.Tensor[])[0]?.shape).toEqual([2, 3]);
      expect((state as tf.Tensor[])[0]?.shape).toEqual([2, 3]);
    }));

  it("rnn_test.py: MultiRNNCell under static_rnn: rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel", () =>
    inGraph(() => {
      const cell = new cells.MultiRNNCell([new cells.BasicLSTMCell(3), new cells.BasicLSTMCell(3)]);
      const inputs = [0, 1].map(() => tf.zeros([2, 4]));
      tf.nn.staticRnn(cell, inputs, { dtype: tf.float32 });
      expect(tf.globalVariables().map((v) => v.name)).toEqual([
        "rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel:0",
        "rnn/multi_rnn_cell/cell_0/basic_lstm_cell/bias:0",
        "rnn/multi_rnn_cell/cell_1/basic_lstm_cell/kernel:0",
        "rnn/multi_rnn_cell/cell_1/basic_lstm_cell/bias:0",
      ]);
    }));

  it("rnn_test.py: static_rnn errors (TF's messages)", () =>
    inGraph(() => {
      const cell = new cells.BasicRNNCell(2);
      expect(() => tf.nn.staticRnn(cell, [])).toThrow("inputs must not be empty");
      expect(() => tf.nn.staticRnn(cell, [tf.zeros([1, 2])])).toThrow(
        "If no initial_state is provided, dtype must be specified",
      );
      expect(() => tf.nn.staticRnn({} as never, [tf.zeros([1, 2])])).toThrow(
        "is not an RNNCell: 'output_size' property is missing, 'state_size' property is missing, either 'zero_state' or 'get_initial_state' method is required, is not callable.",
      );
    }));

  it("core_rnn_test.py RNNTest.testDropout-style: sequence_length zeros outputs and copies state past each length", () =>
    inGraph(() => {
      const cell = new cells.BasicRNNCell(2, { activation: (x) => tf.identity(x) });
      const inputs = [0, 1, 2].map(() => tf.ones([2, 2]));
      const [outputs, state] = tf.variableScope("s", { initializer: tf.constantInitializer(0.5) }, () =>
        tf.nn.staticRnn(cell, inputs, { dtype: tf.float32, sequenceLength: [1, 3] }),
      );
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const outs = (outputs as tf.Tensor[]).map((o) => sess.run(o).toArray() as number[][]);
      const fin = sess.run(state as tf.Tensor).toArray() as number[][];
      // Row 0 stops after one step: zero outputs afterwards, state kept from step 0.
      expect(outs[0]?.[0]).toEqual([1, 1]);
      expect(outs[1]?.[0]).toEqual([0, 0]);
      expect(outs[2]?.[0]).toEqual([0, 0]);
      expect(fin[0]).toEqual([1, 1]);
      // Row 1 runs all three steps: h1 = 1, h2 = 0.5*(2 + 2*1) = 2, h3 = 0.5*(2 + 2*2) = 3.
      expect(outs[2]?.[1]).toEqual([3, 3]);
      expect(fin[1]).toEqual([3, 3]);
      expect((outputs as tf.Tensor[])[0]?.shape).toEqual([2, 2]);
    }));

  it("static_bidirectional_rnn: bidirectional_rnn/fw and bw variables, outputs concatenated", () =>
    inGraph(() => {
      const inputs = [0, 1].map(() => tf.zeros([2, 4]));
      const [outputs, sf, sb] = tf.nn.staticBidirectionalRnn(
        new cells.BasicLSTMCell(3),
        new cells.BasicLSTMCell(3),
        inputs,
        {
          dtype: tf.float32,
        },
      );
      expect(tf.globalVariables().map((v) => v.name)).toEqual([
        "bidirectional_rnn/fw/basic_lstm_cell/kernel:0",
        "bidirectional_rnn/fw/basic_lstm_cell/bias:0",
        "bidirectional_rnn/bw/basic_lstm_cell/kernel:0",
        "bidirectional_rnn/bw/basic_lstm_cell/bias:0",
      ]);
      expect(outputs[0]?.shape).toEqual([2, 6]);
      expect(sf).toBeInstanceOf(cells.LSTMStateTuple);
      expect(sb).toBeInstanceOf(cells.LSTMStateTuple);
      expect(tf.contrib.rnn.staticRnn).toBe(tf.nn.staticRnn);
      expect(tf.contrib.rnn.BasicLSTMCell).toBe(cells.BasicLSTMCell);
    }));

  it("a BasicLSTMCell + static_rnn model trains (loss falls) and its checkpoint keys are TF's", () =>
    inGraph(() => {
      // Seeded: with unseeded initial weights a rare draw made 20 steps at lr 0.5 end above the first loss.
      tf.setRandomSeed(7);
      const inputs = [0, 1, 2].map((t) =>
        tf.constant(
          [
            [t, 1],
            [1, t],
          ],
          tf.float32,
        ),
      );
      const target = tf.constant([[1], [0]], tf.float32);
      const cell = new cells.BasicLSTMCell(4);
      const [outputs] = tf.nn.staticRnn(cell, inputs, { dtype: tf.float32 });
      const logits = tf.layers.dense((outputs as tf.Tensor[])[2] as tf.Tensor, 1);
      const loss = tf.losses.meanSquaredError(target, logits);
      const train = new tf.train.GradientDescentOptimizer(0.5).minimize(loss);
      const fs = memoryFs();
      fs.makeDirs("/ckpt");
      const sess = new tf.Session({ fileSystem: fs });
      sess.run(tf.globalVariablesInitializer());
      const first = sess.run(loss).item() as number;
      for (let i = 0; i < 20; i++) sess.run(train);
      expect(sess.run(loss).item() as number).toBeLessThan(first);
      const prefix = new tf.train.Saver().save(sess, "/ckpt/model", { writeMetaGraph: false }) as string;
      expect(tf.train.listVariables(prefix, fs)).toEqual([
        ["dense/bias", [1]],
        ["dense/kernel", [4, 1]],
        ["rnn/basic_lstm_cell/bias", [16]],
        ["rnn/basic_lstm_cell/kernel", [6, 16]],
      ]);
    }));
});
