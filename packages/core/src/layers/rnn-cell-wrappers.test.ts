// Ports of tensorflow/python/kernel_tests/rnn_cell_test.py / core_rnn_cell_test.py (TF 1.15) RNNCellTest cases for
// MultiRNNCell, LSTMCell (state_is_tuple=False, projection), DropoutWrapper and ResidualWrapper, graph mode.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { graphSnapshot, inGraph } from "../scopes/test-helpers";

const cells = tf.nn.rnnCell;
const runAll = (fetches: tf.Tensor[]) => {
  const sess = new tf.Session();
  sess.run(tf.globalVariablesInitializer());
  return fetches.map((f) => sess.run(f).toArray() as number[][]);
};
const close = (x: number[][], b: number[][], digits = 5) => {
  expect(x.length).toBe(b.length);
  x.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(b[i]?.[j] as number, digits)));
};
const root = <T>(fn: () => T) => tf.variableScope("root", { initializer: tf.constantInitializer(0.5) }, fn);

describe("core_rnn_cell_test.py RNNCellTest: MultiRNNCell and LSTMCell", () => {
  it("RNNCellTest.testMultiRNNCellWithStateTuple", () =>
    inGraph((g) => {
      root(() => {
        const x = tf.constant([[1, 1]], tf.float32);
        const mBad = tf.zeros([1, 4]);
        const mGood = [tf.constant([[0.1, 0.1]], tf.float32), tf.constant([[0.1, 0.1]], tf.float32)];
        const before = graphSnapshot(g);
        expect(() =>
          new cells.MultiRNNCell(
            [0, 1].map(() => new cells.GRUCell(2)),
            true,
          ).apply(x, mBad),
        ).toThrow(/^Expected state to be a tuple of length 2, but received: /);
        expect(graphSnapshot(g)).toEqual(before);
        const [, ml] = new cells.MultiRNNCell(
          [0, 1].map(() => new cells.GRUCell(2)),
          true,
        ).apply(x, mGood);
        const res = runAll(ml as tf.Tensor[]);
        // These numbers should match those of the test testMultiRNNCell.
        close(res[0] as number[][], [[0.175991, 0.175991]]);
        close(res[1] as number[][], [[0.13248, 0.13248]]);
      });
    }));

  it("RNNCellTest.testMultiRNNCell errors: no cells, tuple states without state_is_tuple", () =>
    inGraph(() => {
      expect(() => new cells.MultiRNNCell([])).toThrow("Must specify at least one cell for MultiRNNCell.");
      expect(() => new cells.MultiRNNCell([new cells.BasicLSTMCell(2)], false)).toThrow(
        "Some cells return tuples of states, but the flag state_is_tuple is not set.  State sizes are: ",
      );
    }));

  it("RNNCellTest.testLSTMCellVariables", () =>
    inGraph(() => {
      root(() => {
        const x = tf.zeros([3, 2]);
        const m = tf.zeros([3, 14]);
        new cells.LSTMCell(8, { numProj: 6, forgetBias: 1.0, stateIsTuple: false }).apply(x, m);
      });
      const variables = tf.globalVariables();
      expect(variables[0]?.op.name).toBe("root/lstm_cell/kernel");
      expect(variables[1]?.op.name).toBe("root/lstm_cell/bias");
      expect(variables[2]?.op.name).toBe("root/lstm_cell/projection/kernel");
    }));

  it("RNNCellTest.testLSTMCell: state_is_tuple=False with a projection (shapes, different rows differ)", () =>
    inGraph(() => {
      root(() => {
        const x = tf.constant(
          [
            [1, 1],
            [2, 2],
            [3, 3],
          ],
          tf.float32,
        );
        const m = tf.fill([3, 14], 0.1);
        const cell = new cells.LSTMCell(8, { numProj: 6, forgetBias: 1.0, stateIsTuple: false });
        const [output, state] = cell.apply(x, m);
        const [o, s] = runAll([output, state]) as [number[][], number[][]];
        expect([o.length, o[0]?.length]).toEqual([3, 6]);
        expect([s.length, s[0]?.length]).toEqual([3, 14]);
        const norm = (a: number[], b: number[]) => Math.hypot(...a.map((v, i) => v - (b[i] as number)));
        for (let i = 1; i < 3; i++) {
          expect(norm(o[0] as number[], o[i] as number[])).toBeGreaterThan(1e-6);
          expect(norm(s[0] as number[], s[i] as number[])).toBeGreaterThan(1e-6);
        }
      });
    }));

  it("rnn_cell_impl.py: _check_supported_dtypes (integer inputs are rejected)", () =>
    inGraph(() => {
      const cell = new cells.BasicRNNCell(2);
      expect(() => cell.apply(tf.constant([[1, 2]], tf.int32), tf.constant([[1, 2]], tf.int32))).toThrow(
        "RNN cell only supports floating point inputs, but saw dtype: <dtype: 'int32'>",
      );
    }));
});

/** rnn_cell_test.py: _testDropoutWrapper: LSTMCell(3) over two time steps [[2,2,2]], [[1,1,1]] (static_rnn here). */
function testDropoutWrapper(options: ConstructorParameters<typeof cells.DropoutWrapper>[1]) {
  return tf.variableScope("root", { initializer: tf.constantInitializer(0.5) }, () => {
    const x = [tf.constant([[2, 2, 2]], tf.float32), tf.constant([[1, 1, 1]], tf.float32)];
    const m = new cells.LSTMStateTuple(
      tf.constant([[0.1, 0.1, 0.1]], tf.float32),
      tf.constant([[0.1, 0.1, 0.1]], tf.float32),
    );
    const cell = new cells.DropoutWrapper(new cells.LSTMCell(3), { ...(options as object), dtype: tf.float32 });
    const [outputs, finalState] = tf.nn.staticRnn(cell, x, { initialState: m, dtype: tf.float32, scope: "root" });
    const fs = finalState as tf.Tensor[];
    const res = runAll([...(outputs as tf.Tensor[]), fs[0] as tf.Tensor, fs[1] as tf.Tensor]);
    return {
      outputs: res.slice(0, 2),
      c: res[2] as number[][],
      h: res[3] as number[][],
      cell,
      outputTensors: outputs as tf.Tensor[],
      state: fs,
    };
  });
}

const trueFullOutput = [[[0.751109, 0.751109, 0.751109]], [[0.895509, 0.895509, 0.895509]]];
const trueFullFinalC = [[1.949385, 1.949385, 1.949385]];

describe("rnn_cell_test.py DropoutWrapperTest / ResidualWrapper", () => {
  it("RNNCellTest.testDropoutWrapperKeepAllConstantInput", () =>
    inGraph(() => {
      const keep = tf.ones([]);
      const res = testDropoutWrapper({ inputKeepProb: keep, outputKeepProb: keep, stateKeepProb: keep });
      res.outputs.forEach((o, i) => close(o, trueFullOutput[i] as number[][]));
      close(res.h, trueFullOutput[1] as number[][]);
      close(res.c, trueFullFinalC);
    }));

  it("RNNCellTest.testDropoutWrapperKeepAll (python floats: no dropout ops at all)", () =>
    inGraph((g) => {
      const res = testDropoutWrapper({ inputKeepProb: 1.0, outputKeepProb: 1.0, stateKeepProb: 1.0 });
      res.outputs.forEach((o, i) => close(o, trueFullOutput[i] as number[][]));
      close(res.c, trueFullFinalC);
      expect(g.getOperations().filter((op) => op.name.includes("dropout"))).toEqual([]);
      // DropoutWrapperInit converts each probability (python floats become Consts).
      expect(g.getOperationByName("root/DropoutWrapperInit/Const_2")?.type).toBe("Const");
    }));

  it("DropoutWrapper: state dropout leaves an LSTMStateTuple's c alone; output dropout; seeds from _gen_seed", () =>
    inGraph((g) => {
      const res = testDropoutWrapper({ outputKeepProb: 0.5, stateKeepProb: 0.5, seed: 7 });
      const [c, h] = res.state;
      // LSTMCell's c is Python's `+` (AddV2), not dropped out.
      expect(c?.op.type).toBe("AddV2");
      expect(h?.op.name).toMatch(/dropout/);
      expect(res.outputTensors[0]?.op.name).toMatch(/dropout/);
      const uniforms = g.getOperations().filter((op) => op.type === "RandomUniform");
      // One per dropout: state h and output, at each of the two steps.
      expect(uniforms.length).toBe(4);
      // int(md5("7state_1").hexdigest()[:8], 16) & 0x7fffffff, and "7output_0".
      const seeds = uniforms.map((op) => op.attrs.seed2);
      expect(seeds).toEqual([839511211, 992545650, 839511211, 992545650]);
    }));

  it("DropoutWrapper errors: keep probability out of range, variational_recurrent, not a cell", () =>
    inGraph(() => {
      const cell = new cells.BasicRNNCell(2);
      expect(() => new cells.DropoutWrapper(cell, { inputKeepProb: 1.5 })).toThrow(
        "Parameter input_keep_prob must be between 0 and 1: 1",
      );
      expect(() => new cells.DropoutWrapper(cell, { variationalRecurrent: true })).toThrow(
        /variational_recurrent=True is not supported/,
      );
      expect(() => new cells.DropoutWrapper({} as never)).toThrow(/^The argument 'cell' \(.*\) is not an RNNCell: /);
    }));

  it("RNNCellTest.testResidualWrapper", () =>
    inGraph(() => {
      const x = tf.constant([[1, 1, 1]], tf.float64);
      const m = tf.constant([[0.1, 0.1, 0.1]], tf.float64);
      const baseCell = new cells.GRUCell(3, {
        kernelInitializer: tf.constantInitializer(0.5),
        biasInitializer: tf.constantInitializer(0.5),
      });
      const [g, mNew] = baseCell.apply(x, m);
      const wrapper = new cells.ResidualWrapper(baseCell);
      expect(wrapper.cell).toBe(baseCell);
      const [gRes, mNewRes] = wrapper.apply(x, m);
      const [r0, r1, r2, r3] = runAll([g, gRes, mNew, mNewRes]) as number[][][];
      close(
        r1 as number[][],
        (r0 as number[][]).map((row) => row.map((v) => v + 1)),
      );
      close(r2 as number[][], r3 as number[][]);
      expect(gRes.op.name).toBe("add");
    }));
});
