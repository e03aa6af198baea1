// Port of tensorflow/contrib/seq2seq/python/kernel_tests/loss_test.py (TF 1.15) LossTest, graph mode.
import { describe, expect, it } from "vitest";
import * as tf from "../../index";
import { inGraph } from "../../scopes/test-helpers";

const seq2seq = tf.contrib.seq2seq;
const batchSize = 2;
const sequenceLength = 3;
const numberOfClasses = 5;
// sparse_softmax_cross_entropy_with_logits(targets, logits) for targets [0, 1, 2], logits [[0.5]*5, [1.5]*5, [2.5]*5]
const expectedLoss = 1.60944;

/** LossTest.config_default_values (weights: one per step, `weightOf(step)`). */
function config(weightOf: (step: number) => number = () => 1) {
  const steps = [0, 1, 2];
  const logits = tf.stack(
    steps.map((i) => tf.fill([batchSize, numberOfClasses], tf.constant(i + 0.5, tf.float32))),
    1,
  );
  const targets = tf.stack(
    steps.map((i) => tf.fill([batchSize], tf.constant(i, tf.int32))),
    1,
  );
  const weights = tf.stack(
    steps.map((i) => tf.fill([batchSize], tf.constant(weightOf(i), tf.float32))),
    1,
  );
  return { logits, targets, weights };
}

const evaluate = (t: tf.Tensor) => new tf.Session().run(t).toArray() as number | number[] | number[][];
const full = (shape: number[], v: number | ((idx: number[]) => number)): unknown => {
  const f = typeof v === "number" ? () => v : v;
  const build = (dims: number[], idx: number[]): unknown =>
    dims.length === 0 ? f(idx) : Array.from({ length: dims[0] as number }, (_, i) => build(dims.slice(1), [...idx, i]));
  return build(shape, []);
};
const closeTo = (actual: unknown, expected: unknown) => {
  if (typeof expected === "number") expect(actual as number).toBeCloseTo(expected, 4);
  else {
    expect((actual as unknown[]).length).toBe((expected as unknown[]).length);
    (expected as unknown[]).forEach((e, i) => closeTo((actual as unknown[])[i], e));
  }
};

describe("loss_test.py LossTest", () => {
  it("LossTest.testSequenceLoss", () =>
    inGraph(() => {
      const { logits, targets, weights } = config();
      const perExample = seq2seq.sequenceLoss(logits, targets, weights, {
        averageAcrossTimesteps: true,
        averageAcrossBatch: true,
      });
      closeTo(evaluate(perExample), expectedLoss);
      expect(perExample.op.name).toBe("sequence_loss/div_no_nan");
      const perSequence = seq2seq.sequenceLoss(logits, targets, weights, {
        averageAcrossTimesteps: false,
        averageAcrossBatch: true,
      });
      closeTo(evaluate(perSequence), full([sequenceLength], expectedLoss));
      const perBatch = seq2seq.sequenceLoss(logits, targets, weights, {
        averageAcrossTimesteps: true,
        averageAcrossBatch: false,
      });
      closeTo(evaluate(perBatch), full([batchSize], expectedLoss));
      const total = seq2seq.sequenceLoss(logits, targets, weights, {
        averageAcrossTimesteps: false,
        averageAcrossBatch: false,
      });
      expect(total.shape).toEqual([batchSize, sequenceLength]);
      closeTo(evaluate(total), full([batchSize, sequenceLength], expectedLoss));
      expect(total.op.name).toBe("sequence_loss_3/Reshape_3");
    }));

  const reductions = [
    [true, true, false, false, []],
    [false, true, false, false, [sequenceLength]],
    [true, false, false, false, [batchSize]],
    [false, false, false, false, [batchSize, sequenceLength]],
  ] as const;

  it("LossTest.testSequenceLossClass", () =>
    inGraph(() => {
      const { logits, targets, weights } = config();
      for (const [avgTime, avgBatch, sumTime, sumBatch, shape] of reductions) {
        const seqLoss = new seq2seq.SequenceLoss({
          averageAcrossTimesteps: avgTime,
          averageAcrossBatch: avgBatch,
          sumOverTimesteps: sumTime,
          sumOverBatch: sumBatch,
        });
        closeTo(evaluate(seqLoss.apply(targets, logits, weights)), full([...shape], expectedLoss));
      }
    }));

  const sums = [
    [true, true, []],
    [false, true, [sequenceLength]],
    [true, false, [batchSize]],
    [false, false, [batchSize, sequenceLength]],
  ] as const;

  it("LossTest.testSumReduction", () =>
    inGraph(() => {
      const { logits, targets, weights } = config();
      for (const [sumTime, sumBatch, shape] of sums) {
        const seqLoss = new seq2seq.SequenceLoss({ sumOverTimesteps: sumTime, sumOverBatch: sumBatch });
        closeTo(evaluate(seqLoss.apply(targets, logits, weights)), full([...shape], expectedLoss));
      }
    }));

  it("LossTest.testWeightedSumReduction (zero weights left out of the counts)", () =>
    inGraph(() => {
      // The last element of every sequence has weight zero.
      const { logits, targets, weights } = config((i) => (i === sequenceLength - 1 ? 0 : 1));
      const expected = [
        expectedLoss,
        full([sequenceLength], (idx) => (idx[0] === sequenceLength - 1 ? 0 : expectedLoss)),
        full([batchSize], expectedLoss),
        full([batchSize, sequenceLength], (idx) => (idx[1] === sequenceLength - 1 ? 0 : expectedLoss)),
      ];
      sums.forEach(([sumTime, sumBatch], k) => {
        const seqLoss = new seq2seq.SequenceLoss({ sumOverTimesteps: sumTime, sumOverBatch: sumBatch });
        closeTo(evaluate(seqLoss.apply(targets, logits, weights)), expected[k]);
      });
    }));

  it("LossTest.testZeroWeights", () =>
    inGraph(() => {
      const { logits, targets, weights } = config(() => 0);
      for (const [avgTime, avgBatch, , , shape] of reductions) {
        const loss = seq2seq.sequenceLoss(logits, targets, weights, {
          averageAcrossTimesteps: avgTime,
          averageAcrossBatch: avgBatch,
        });
        closeTo(evaluate(loss), full([...shape], 0));
      }
    }));

  it("loss.py: sequence_loss's rank and flag checks", () =>
    inGraph(() => {
      const { logits, targets, weights } = config();
      expect(() => seq2seq.sequenceLoss(targets, targets, weights)).toThrow(
        "Logits must be a [batch_size x sequence_length x logits] tensor",
      );
      expect(() => seq2seq.sequenceLoss(logits, logits, weights)).toThrow(
        "Targets must be a [batch_size x sequence_length] tensor",
      );
      expect(() => seq2seq.sequenceLoss(logits, targets, logits)).toThrow(
        "Weights must be a [batch_size x sequence_length] tensor",
      );
      expect(() => seq2seq.sequenceLoss(logits, targets, weights, { sumOverTimesteps: true })).toThrow(
        "average_across_timesteps and sum_over_timesteps cannot be set to True at same time.",
      );
      expect(() =>
        seq2seq.sequenceLoss(logits, targets, weights, { averageAcrossTimesteps: false, sumOverBatch: true }),
      ).toThrow("average_across_batch and sum_over_batch cannot be set to True at same time.");
    }));
});
