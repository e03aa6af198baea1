// Ports of tensorflow/python/kernel_tests/rnn_cell_test.py / core_rnn_cell_test.py (TF 1.15) RNNCellTest graph cases
// (variable names, shapes, values with constant_initializer(0.5)) and rnn_test.py's static_rnn names.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph, names } from "../scopes/test-helpers";

const cells = tf.nn.rnnCell;
const runAll = (fetches: tf.Tensor[]) => {
  const sess = new tf.Session();
  sess.run(tf.globalVariablesInitializer());
  return fetches.map((f) => sess.run(f).toArray());
};
const close = (a: unknown, b: number[][], tol = 1e-5) => {
  const x = a as number[][];
  expect(x.length).toBe(b.length);
  x.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(b[i]?.[j] as number, -Math.log10(tol))));
};
const root = <T>(fn: () => T) => tf.variableScope("root", { initializer: tf.constantInitializer(0.5) }, fn);

describe("core_rnn_cell_test.py RNNCellTest", () => {
  it("RNNCellTest.testBasicRNNCell: names, no non-trainables, output shape", () =>
    inGraph(() => {
      root(() => {
        const x = tf.constant([[1, 1]], tf.float32);
        const m = tf.constant([[0.1, 0.1]], tf.float32);
        const cell = new cells.BasicRNNCell(2);
        const [g] = cell.apply(x, m);
        expect(cell.trainableVariables.map((v) => v.name)).toEqual([
          "root/basic_rnn_cell/kernel:0",
          "root/basic_rnn_cell/bias:0",
        ]);
        expect(cell.nonTrainableVariables).toEqual([]);
        const [res] = runAll([g]);
        // tanh(0.5 * (1 + 1 + 0.1 + 0.1)) for both units.
        close(res, [[Math.tanh(1.1), Math.tanh(1.1)]]);
        expect(cell.kernel.shape).toEqual([4, 2]);
      });
    }));

  it("RNNCellTest.testGRUCell: [[0.175991, 0.175991]]", () =>
    inGraph(() => {
      root(() => {
        const x = tf.constant([[1, 1]], tf.float32);
        const m = tf.constant([[0.1, 0.1]], tf.float32);
        const cell = new cells.GRUCell(2);
        const [g] = cell.apply(x, m);
        close(runAll([g])[0], [[0.175991, 0.175991]]);
        expect(cell.variables.map((v) => v.name)).toEqual([
          "root/gru_cell/gates/kernel:0",
          "root/gru_cell/gates/bias:0",
          "root/gru_cell/candidate/kernel:0",
          "root/gru_cell/candidate/bias:0",
        ]);
      });
    }));

  it("RNNCellTest.testBasicLSTMCell: MultiRNNCell of two BasicLSTMCells, state_is_tuple=False", () =>
    inGraph(() => {
      root(() => {
        const x = tf.constant([[1, 1]], tf.float32);
        const m = tf.fill([1, 8], 0.1);
        const cell = new cells.MultiRNNCell(
          [0, 1].map(() => new cells.BasicLSTMCell(2, { stateIsTuple: false })),
          false,
        );
        expect(cell.dtype).toBeNull();
        const [g, outM] = cell.apply(x, m);
        expect(cell.dtype?.name).toBe("float32");
        const expected = [
          "root/multi_rnn_cell/cell_0/basic_lstm_cell/kernel:0",
          "root/multi_rnn_cell/cell_0/basic_lstm_cell/bias:0",
          "root/multi_rnn_cell/cell_1/basic_lstm_cell/kernel:0",
          "root/multi_rnn_cell/cell_1/basic_lstm_cell/bias:0",
        ];
        expect(cell.trainableVariables.map((v) => v.name)).toEqual(expected);
        expect(cell.nonTrainableVariables).toEqual([]);
        expect(tf.globalVariables().map((v) => v.name)).toEqual(expected);
        const [res0, res1] = runAll([g, outM]);
        close(res0, [[0.24, 0.24]], 1e-2);
        close(res1, [[0.689, 0.689, 0.448, 0.448, 0.398, 0.398, 0.24, 0.24]], 1e-2);
      });
    }));

  it("RNNCellTest.testBasicLSTMCellStateTupleType / testLSTMCell state tuple: LSTMStateTuple with c and h", () =>
    inGraph(() => {
      root(() => {
        const x = tf.zeros([1, 2]);
        const m0 = new cells.LSTMStateTuple(tf.zeros([1, 2]), tf.zeros([1, 2]));
        const m1 = new cells.LSTMStateTuple(tf.zeros([1, 2]), tf.zeros([1, 2]));
        const cell = new cells.MultiRNNCell([0, 1].map(() => new cells.BasicLSTMCell(2)));
        const [, outM] = cell.apply(x, [m0, m1]);
        expect(outM[0]).toBeInstanceOf(cells.LSTMStateTuple);
        expect(outM[1]).toBeInstanceOf(cells.LSTMStateTuple);
        expect(outM[0].c.op.type).toBe("Add");
        expect(outM[0].h.op.type).toBe("Mul");
      });
    }));

  it("BasicLSTMCell's ops are TF's (Const, concat, MatMul, BiasAdd, split, Add, Sigmoid, Mul, Tanh)", () =>
    inGraph((g) => {
      const x = tf.zeros([1, 2]);
      const cell = new cells.BasicLSTMCell(2);
      const state = cell.zeroState(1, tf.float32);
      const before = g.getOperations().length;
      cell.apply(x, state);
      const ops = names(g)
        .slice(before)
        .filter(
          (n) =>
            !n.includes("/Initializer") &&
            !n.includes("/Assign") &&
            !n.endsWith("/read:Identity") &&
            !n.endsWith(":VariableV2"),
        );
      expect(ops).toEqual([
        "basic_lstm_cell/Const:Const",
        "basic_lstm_cell/concat/axis:Const",
        "basic_lstm_cell/concat:ConcatV2",
        "basic_lstm_cell/MatMul:MatMul",
        "basic_lstm_cell/BiasAdd:BiasAdd",
        // array_ops.split converts num_or_size_splits first (a Const for the count too).
        "basic_lstm_cell/Const_1:Const",
        "basic_lstm_cell/split:Split",
        "basic_lstm_cell/Const_2:Const",
        "basic_lstm_cell/Add:Add",
        "basic_lstm_cell/Sigmoid:Sigmoid",
        "basic_lstm_cell/Mul:Mul",
        "basic_lstm_cell/Sigmoid_1:Sigmoid",
        "basic_lstm_cell/Tanh:Tanh",
        "basic_lstm_cell/Mul_1:Mul",
        "basic_lstm_cell/Add_1:Add",
        "basic_lstm_cell/Tanh_1:Tanh",
        "basic_lstm_cell/Sigmoid_2:Sigmoid",
        "basic_lstm_cell/Mul_2:Mul",
      ]);
      expect(names(g).slice(0, 1)).toEqual(["zeros:Const"]);
      expect((state as tf.Tensor[])[0]?.name).toBe("BasicLSTMCellZeroState/zeros:0");
      expect((state as tf.Tensor[])[1]?.name).toBe("BasicLSTMCellZeroState/zeros_1:0");
      expect(cell.stateSize).toEqual([2, 2]);
      expect(cell.outputSize).toBe(2);
    }));

  it("RNNCellTest.testLSTMCell-style: peepholes, projection and clipping (names and shapes)", () =>
    inGraph(() => {
      root(() => {
        const x = tf.constant([[1, 1]], tf.float32);
        const cell = new cells.LSTMCell(3, { usePeepholes: true, numProj: 2, cellClip: 0.2, projClip: 0.1 });
        const state = cell.zeroState(1, tf.float32) as InstanceType<typeof tf.nn.rnnCell.LSTMStateTuple>;
        const [out, newState] = cell.apply(x, state);
        expect(cell.variables.map((v) => `${v.name} ${JSON.stringify(v.shape)}`)).toEqual([
          "root/lstm_cell/kernel:0 [4,12]",
          "root/lstm_cell/bias:0 [12]",
          "root/lstm_cell/w_f_diag:0 [3]",
          "root/lstm_cell/w_i_diag:0 [3]",
          "root/lstm_cell/w_o_diag:0 [3]",
          "root/lstm_cell/projection/kernel:0 [3,2]",
        ]);
        expect(out.shape).toEqual([1, 2]);
        expect(newState.c.shape).toEqual([1, 3]);
        const [o, c] = runAll([out, newState.c]);
        for (const v of (c as number[][]).flat()) expect(Math.abs(v)).toBeLessThanOrEqual(0.2 + 1e-7);
        for (const v of (o as number[][]).flat()) expect(Math.abs(v)).toBeLessThanOrEqual(0.1 + 1e-7);
      });
    }));
});
