// Port of tensorflow/contrib/rnn/python/kernel_tests/rnn_cell_test.py (TF 1.15) LayerNormBasicLSTMCellTest, graph
// mode: values with constant initializers, variable names, and recurrent dropout.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

const { LayerNormBasicLSTMCell } = tf.contrib.rnn;
const { LSTMStateTuple, MultiRNNCell } = tf.nn.rnnCell;
const close = (x: unknown, b: number[][], digits = 5) =>
  (x as number[][]).forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(b[i]?.[j] as number, digits)));

/** The two-layer MultiRNNCell case: x [[1, 1]], c0 .1*[0, 1], h0 .1*[2, 3], c1 .1*[4, 5], h1 .1*[6, 7]. */
function twoLayers(options: ConstructorParameters<typeof LayerNormBasicLSTMCell>[1] = {}) {
  return tf.variableScope("root", { initializer: tf.constantInitializer(0.5) }, () => {
    const x = tf.constant([[1, 1]], tf.float32);
    const c0 = tf.constant([[0, 0.1]], tf.float32);
    const h0 = tf.constant([[0.2, 0.3]], tf.float32);
    const c1 = tf.constant([[0.4, 0.5]], tf.float32);
    const h1 = tf.constant([[0.6, 0.7]], tf.float32);
    const cell = new MultiRNNCell([0, 1].map(() => new LayerNormBasicLSTMCell(2, options)));
    const [g, outM] = cell.apply(x, [new LSTMStateTuple(c0, h0), new LSTMStateTuple(c1, h1)]);
    const [s0, s1] = outM as InstanceType<typeof LSTMStateTuple>[];
    const sess = new tf.Session();
    sess.run(tf.globalVariablesInitializer());
    const [h, s0c, s0h, s1c, s1h] = sess.run([g, s0?.c, s0?.h, s1?.c, s1?.h] as tf.Tensor[]).map((r) => r.toArray());
    return { h, s0c, s0h, s1c, s1h };
  });
}

/** The single-cell case with input_size != num_units: x [[1, 1, 1]], c .1*[0, 1], h .1*[2, 3]. */
function otherScope(options: ConstructorParameters<typeof LayerNormBasicLSTMCell>[1] = {}) {
  return tf.variableScope("other", { initializer: tf.constantInitializer(0.5) }, () => {
    const x = tf.constant([[1, 1, 1]], tf.float32);
    const state = new LSTMStateTuple(tf.constant([[0, 0.1]], tf.float32), tf.constant([[0.2, 0.3]], tf.float32));
    const [g, outM] = new LayerNormBasicLSTMCell(2, options).apply(x, state);
    const sess = new tf.Session();
    sess.run(tf.globalVariablesInitializer());
    const [h, c, sh] = sess.run([g, outM.c, outM.h] as tf.Tensor[]).map((r) => r.toArray());
    return { h, c, sh };
  });
}

describe("rnn_cell_test.py LayerNormBasicLSTMCellTest", () => {
  it("LayerNormBasicLSTMCellTest.testBasicLSTMCell (and testBasicLSTMCellWithStateTuple's values)", () =>
    inGraph(() => {
      const r = twoLayers();
      const expectedH = [[-0.38079708, 0.38079708]];
      close(r.h, expectedH);
      close(r.s0c, [[-1.0, 1.0]]);
      close(r.s0h, expectedH);
      close(r.s1c, [[-1.0, 1.0]]);
      close(r.s1h, expectedH);
      const names = tf.globalVariables().map((v) => v.op.name);
      expect(names.slice(0, 3)).toEqual([
        "root/multi_rnn_cell/cell_0/layer_norm_basic_lstm_cell/kernel",
        "root/multi_rnn_cell/cell_0/layer_norm_basic_lstm_cell/input/gamma",
        "root/multi_rnn_cell/cell_0/layer_norm_basic_lstm_cell/input/beta",
      ]);
      expect(names).toContain("root/multi_rnn_cell/cell_1/layer_norm_basic_lstm_cell/state/gamma");
      expect(names.length).toBe(2 * (1 + 5 * 2));
      const o = otherScope();
      close(o.h, expectedH);
      close(o.c, [[-1.0, 1.0]]);
      close(o.sh, expectedH);
    }));

  it("LayerNormBasicLSTMCellTest.testBasicLSTMCellWithoutNorm", () =>
    inGraph(() => {
      const r = twoLayers({ layerNorm: false });
      close(r.h, [[0.70230919, 0.72581059]]);
      close(r.s0c, [[0.8020075, 0.89599884]]);
      close(r.s0h, [[0.56668288, 0.60858738]]);
      close(r.s1c, [[1.17500675, 1.26892781]]);
      close(r.s1h, [[0.70230919, 0.72581059]]);
      expect(tf.globalVariables().map((v) => v.op.name)).toContain(
        "root/multi_rnn_cell/cell_0/layer_norm_basic_lstm_cell/bias",
      );
      const o = otherScope({ layerNorm: false });
      close(o.h, [[0.64121795, 0.68166804]]);
      close(o.c, [[0.88477188, 0.98103917]]);
    }));

  it("LayerNormBasicLSTMCellTest.testBasicLSTMCellWithStateTupleLayerNorm", () =>
    inGraph(() => {
      const r = twoLayers({ layerNorm: true, normGain: 1.0, normShift: 0.0 });
      close(r.h, [[-0.38079708, 0.38079708]]);
      close(r.s0c, [[-1.0, 1.0]]);
      close(r.s1c, [[-1.0, 1.0]]);
    }));

  it("LayerNormBasicLSTMCellTest.testBasicLSTMCellWithDropout", () =>
    inGraph(() => {
      const [cHigh, cLow, hLow, hHigh] = [2.9998924946, 0.999983298578, 0.761552567265, 0.995008519604];
      const isClose = (x: number, y: number) => x - y < 1e-4;
      tf.variableScope("other", { initializer: tf.constantInitializer(1) }, () => {
        const ones = () => tf.ones([1, 5]);
        const cell = new LayerNormBasicLSTMCell(5, { layerNorm: false, dropoutKeepProb: 0.5 });
        const [g, s] = cell.apply(ones(), new LSTMStateTuple(ones(), ones()));
        const sess = new tf.Session();
        sess.run(tf.globalVariablesInitializer());
        const [h, c, sh] = sess
          .run([g, s.c, s.h] as tf.Tensor[])
          .map((r) => (r.toArray() as number[][])[0] as number[]);
        expect(h).toEqual(sh);
        (c as number[]).forEach((citem, k) => {
          expect(isClose(citem, cLow) || isClose(citem, cHigh)).toBe(true);
          if (isClose(citem, cLow)) {
            expect(isClose((sh as number[])[k] as number, hLow)).toBe(true);
          } else expect(isClose((sh as number[])[k] as number, hHigh)).toBe(true);
        });
        // TF also checks how many were dropped against its own seeded draw (allowed_low), not a property of the cell.
      });
    }));
});
