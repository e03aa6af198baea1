// Ports of tensorflow/contrib/rnn/python/kernel_tests/core_rnn_cell_test.py (TF 1.15) RNNCellTest cases for
// OutputProjectionWrapper, InputProjectionWrapper, EmbeddingWrapper and DeviceWrapper, graph mode.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

const contribRnn = tf.contrib.rnn;
const close = (x: unknown, b: number[][], digits = 5) => {
  const rows = x as number[][];
  expect(rows.length).toBe(b.length);
  rows.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(b[i]?.[j] as number, digits)));
};
const root = <T>(fn: () => T) => tf.variableScope("root", { initializer: tf.constantInitializer(0.5) }, fn);

describe("core_rnn_cell_test.py: contrib.rnn projection and embedding wrappers", () => {
  it("RNNCellTest.testOutputProjectionWrapper", () =>
    inGraph(() => {
      root(() => {
        const x = tf.zeros([1, 3]);
        const m = tf.zeros([1, 3]);
        const cell = new contribRnn.OutputProjectionWrapper(new contribRnn.GRUCell(3), 2);
        const [g, newM] = cell.apply(x, m);
        expect(tf.globalVariables().map((v) => v.op.name)).toEqual([
          "root/output_projection_wrapper/gru_cell/gates/kernel",
          "root/output_projection_wrapper/gru_cell/gates/bias",
          "root/output_projection_wrapper/gru_cell/candidate/kernel",
          "root/output_projection_wrapper/gru_cell/candidate/bias",
          "root/output_projection_wrapper/kernel",
          "root/output_projection_wrapper/bias",
        ]);
        expect(cell.trainableWeights.length).toBe(6);
        const [gv, mv] = runFeeds(
          [g, newM],
          [
            [x, [[1, 1, 1]]],
            [m, [[0.1, 0.1, 0.1]]],
          ],
        );
        expect(mv.shape).toEqual([1, 3]);
        close(gv.toArray(), [[0.231907, 0.231907]]);
        // RNNCell.__call__ re-enters its captured scope `root` (a VariableScope: a new name scope `root/root/`).
        expect(g.op.name).toBe("root/root/output_projection_wrapper/BiasAdd");
      });
    }));

  it("RNNCellTest.testInputProjectionWrapper", () =>
    inGraph(() => {
      root(() => {
        const x = tf.zeros([1, 2]);
        const m = tf.zeros([1, 3]);
        const cell = new contribRnn.InputProjectionWrapper(new contribRnn.GRUCell(3), 3);
        const [g, newM] = cell.apply(x, m);
        const [gv, mv] = runFeeds(
          [g, newM],
          [
            [x, [[1, 1]]],
            [m, [[0.1, 0.1, 0.1]]],
          ],
        );
        expect(mv.shape).toEqual([1, 3]);
        close(gv.toArray(), [[0.154605, 0.154605, 0.154605]]);
        expect(tf.globalVariables().map((v) => v.op.name)).toContain("root/input_projection_wrapper/kernel");
      });
    }));

  it("RNNCellTest.testEmbeddingWrapper", () =>
    inGraph((g) => {
      root(() => {
        const x = tf.zeros([1, 1], tf.int32);
        const m = tf.zeros([1, 2]);
        const embeddingCell = new contribRnn.EmbeddingWrapper(new contribRnn.GRUCell(2), 3, 2);
        expect(embeddingCell.outputSize).toBe(2);
        const [out, newM] = embeddingCell.apply(x, m);
        const [gv, mv] = runFeeds(
          [out, newM],
          [
            [x, [[1]]],
            [m, [[0.1, 0.1]]],
          ],
        );
        expect(mv.shape).toEqual([1, 2]);
        close(gv.toArray(), [[0.17139, 0.17139]]);
        const embedding = g.getOperationByName("root/embedding_wrapper/embedding");
        expect(embedding?.device).toBe("/device:CPU:0");
      });
    }));

  it("RNNCellTest.testEmbeddingWrapperWithDynamicRnn", () =>
    inGraph(() => {
      tf.variableScope("root", () => {
        const inputs = tf.convertToTensor([[[0], [0]]], { dtype: tf.int64 });
        const inputLengths = tf.convertToTensor([2], { dtype: tf.int64 });
        const embeddingCell = new contribRnn.EmbeddingWrapper(
          new contribRnn.BasicLSTMCell(1, { stateIsTuple: true }),
          1,
          2,
        );
        const [outputs] = tf.nn.dynamicRnn(embeddingCell, inputs, {
          sequenceLength: inputLengths,
          dtype: tf.float32,
        });
        // This would fail if the output's dtype were inferred from the input's.
        const [o] = runFeeds([outputs as tf.Tensor], []);
        expect(o?.dtype).toBe(tf.float32);
        expect(o?.shape).toEqual([1, 2, 1]);
      });
    }));

  it("RNNCellTest.testDeviceWrapper", () =>
    inGraph(() => {
      root(() => {
        const x = tf.zeros([1, 3]);
        const m = tf.zeros([1, 3]);
        const cell = new tf.nn.rnnCell.DeviceWrapper(new tf.nn.rnnCell.GRUCell(3), "/cpu:14159");
        const [outputs] = cell.apply(x, m);
        expect((outputs as tf.Tensor).op.device.toLowerCase()).toContain("cpu:14159");
      });
    }));

  it("core_rnn_cell.py errors: output_size, embedding sizes, not a cell, _Linear's 2D check", () =>
    inGraph(() => {
      const gru = new contribRnn.GRUCell(2);
      expect(() => new contribRnn.OutputProjectionWrapper(gru, 0)).toThrow("Parameter output_size must be > 0: 0.");
      expect(() => new contribRnn.EmbeddingWrapper(gru, 0, 2)).toThrow(
        "Both embedding_classes and embedding_size must be > 0: 0, 2.",
      );
      expect(() => new contribRnn.InputProjectionWrapper({} as never, 2)).toThrow(
        /^The argument 'cell' \(.*\) is not an RNNCell: /,
      );
      const cell = new contribRnn.InputProjectionWrapper(gru, 2);
      expect(() => cell.apply(tf.zeros([1, 2, 3]), tf.zeros([1, 2]))).toThrow(
        "linear is expecting 2D arguments: [(1, 2, 3)]",
      );
    }));
});

function runFeeds(fetches: tf.Tensor[], feeds: [tf.Tensor, number[][]][]) {
  const sess = new tf.Session();
  sess.run(tf.globalVariablesInitializer());
  return sess.run(fetches, new Map(feeds)) as tf.NDArray[];
}
