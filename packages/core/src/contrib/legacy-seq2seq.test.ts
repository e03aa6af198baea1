// seq2seq_test.py (TF 1.15 contrib/legacy_seq2seq): testRNNDecoder (with a GRUCell: OutputProjectionWrapper is not
// ported), testSequenceLoss, testSequenceLossByExample.
import { describe, expect, it } from "vitest";
import { expectClose } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

const seq2seq = tf.contrib.legacySeq2seq;
const full = (value: number, shape: number[], dtype: tf.DType = tf.float32) => tf.constant(value, { dtype, shape });

describe("tf.contrib.legacySeq2seq (seq2seq_test.py)", () => {
  it("testRNNDecoder: 3 outputs over the encoder's state, one set of rnn_decoder variables", () =>
    inGraph(() => {
      tf.variableScope("root", { initializer: tf.constantInitializer(0.5) }, () => {
        const inp = [full(0.5, [2, 2]), full(0.5, [2, 2])];
        const [, encState] = tf.nn.staticRnn(new tf.nn.rnnCell.GRUCell(2), inp, { dtype: tf.float32 });
        const decInp = [0, 1, 2].map(() => full(0.4, [2, 2]));
        const [dec, mem] = seq2seq.rnnDecoder(decInp, encState, new tf.nn.rnnCell.GRUCell(2));
        expect(dec.length).toBe(3);
        expect(dec[0].shape).toEqual([2, 2]);
        expect((mem as tf.Tensor).shape).toEqual([2, 2]);
        const decoderVars = tf.globalVariables().filter((v) => v.op.name.startsWith("root/rnn_decoder/"));
        expect(decoderVars.map((v) => v.op.name)).toEqual([
          "root/rnn_decoder/gru_cell/gates/kernel",
          "root/rnn_decoder/gru_cell/gates/bias",
          "root/rnn_decoder/gru_cell/candidate/kernel",
          "root/rnn_decoder/gru_cell/candidate/bias",
        ]);
        const sess = new tf.Session();
        sess.run(tf.globalVariablesInitializer());
        const res = sess.run(dec);
        expect(res.map((r) => r.shape)).toEqual([
          [2, 2],
          [2, 2],
          [2, 2],
        ]);
        // The last output is the final state of a GRU.
        expect(Array.from(sess.run(mem as tf.Tensor).data as Float32Array)).toEqual(
          Array.from(res[2].data as Float32Array),
        );
      });
    }));

  it("rnn_decoder's loop_function feeds each output back, under loop_function with reuse", () =>
    inGraph((g) => {
      const cell = new tf.nn.rnnCell.BasicRNNCell(2);
      const decInp = [0, 1, 2].map(() => full(0.4, [1, 2]));
      const seen: number[] = [];
      const [dec] = seq2seq.rnnDecoder(decInp, full(0, [1, 2]), cell, {
        loopFunction: (prev, i) => {
          seen.push(i);
          expect(tf.getVariableScope().name).toBe("rnn_decoder/loop_function");
          expect(tf.getVariableScope().reuse).toBe(true);
          return tf.identity(prev, "fed_back");
        },
      });
      expect(seen).toEqual([1, 2]);
      expect(g.getOperationByName("rnn_decoder/loop_function/fed_back").inputs[0]).toBe(dec[0]);
    }));

  it("testSequenceLossByExample / testSequenceLoss: TF's values", () =>
    inGraph(() => {
      const logits = [0, 1, 2].map((i) => full(i + 0.5, [2, 5]));
      const targets = [0, 1, 2].map((i) => full(i, [2], tf.int32));
      const weights = [0, 1, 2].map(() => full(1.0, [2]));
      const sess = new tf.Session();
      const perExample = seq2seq.sequenceLossByExample(logits, targets, weights, { averageAcrossTimesteps: true });
      expect(perExample.op.name).toBe("sequence_loss_by_example/truediv");
      expectClose(Array.from(sess.run(perExample).data as Float32Array), [1.609438, 1.609438], 1e-5);
      const perSequence = seq2seq.sequenceLossByExample(logits, targets, weights, { averageAcrossTimesteps: false });
      expectClose(Array.from(sess.run(perSequence).data as Float32Array), [4.828314, 4.828314], 1e-5);
      const loss = (averageAcrossTimesteps: boolean, averageAcrossBatch: boolean) =>
        sess.run(seq2seq.sequenceLoss(logits, targets, weights, { averageAcrossTimesteps, averageAcrossBatch })).item();
      expect(loss(true, true) as number).toBeCloseTo(1.60944, 4);
      expect(loss(false, true) as number).toBeCloseTo(4.828314, 4);
      expect(loss(false, false) as number).toBeCloseTo(9.656628, 4);
      expect(() => seq2seq.sequenceLossByExample(logits, targets.slice(1), weights)).toThrow(
        "Lengths of logits, weights, and targets must be the same 3, 3, 2.",
      );
    }));
});
