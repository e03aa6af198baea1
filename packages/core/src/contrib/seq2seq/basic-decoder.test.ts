// Ports of tensorflow/contrib/seq2seq/python/kernel_tests/basic_decoder_test.py and decoder_test.py (TF 1.15):
// BasicDecoder's step with TrainingHelper / GreedyEmbeddingHelper, and dynamic_decode's shapes, lengths, names, and
// its agreement with dynamic_rnn. Graph mode; numpy's random inputs come from a seeded generator.
import { describe, expect, it } from "vitest";
import * as tf from "../../index";
import { inGraph } from "../../scopes/test-helpers";
import type { BasicDecoderOutput } from "./basic-decoder";

const seq2seq = tf.contrib.seq2seq;
const rnnCell = tf.nn.rnnCell;

/** np.random.randn stand-in: a seeded Box-Muller normal array of `shape`. */
function randn(shape: number[], seed = 1): unknown {
  let s = seed;
  const uniform = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s + 1) / 2147483649;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const build = (dims: number[]): unknown =>
    dims.length === 0 ? normal() : Array.from({ length: dims[0] as number }, () => build(dims.slice(1)));
  return build(shape);
}
const argmaxRows = (rows: number[][]) => rows.map((r) => r.indexOf(Math.max(...r)));
const run = (fetches: tf.Tensor[]) => {
  const sess = new tf.Session();
  sess.run(tf.globalVariablesInitializer());
  return sess.run(fetches) as tf.NDArray[];
};

describe("basic_decoder_test.py BasicDecoderTest", () => {
  for (const useOutputLayer of [false, true]) {
    it(`BasicDecoderTest.testStepWithTrainingHelper${useOutputLayer ? "WithOutputLayer" : "NoOutputLayer"}`, () =>
      inGraph((g) => {
        const sequenceLength = [3, 4, 3, 1, 0];
        const [batchSize, maxTime, inputDepth, cellDepth, outputLayerDepth] = [5, 8, 7, 10, 3];
        const inputs = tf.constant(randn([batchSize, maxTime, inputDepth]) as number[][][], tf.float32);
        const cell = new rnnCell.LSTMCell(cellDepth);
        const helper = new seq2seq.TrainingHelper(inputs, sequenceLength, false);
        const outputLayer = useOutputLayer ? new tf.layers.Dense(outputLayerDepth, { useBias: false }) : null;
        const expectedOutputDepth = useOutputLayer ? outputLayerDepth : cellDepth;
        const myDecoder = new seq2seq.BasicDecoder(cell, helper, cell.zeroState(batchSize, tf.float32), outputLayer);
        const outputSize = myDecoder.outputSize;
        // With an output layer the size is its compute_output_shape without the batch: a shape (TF's TensorShape).
        expect(outputSize.rnnOutput).toEqual(useOutputLayer ? [expectedOutputDepth] : expectedOutputDepth);
        expect(outputSize.sampleId).toEqual([]);
        expect([...myDecoder.outputDtype]).toEqual([tf.float32, tf.int32]);

        const [firstFinished, firstInputs, firstState] = myDecoder.initialize();
        const [stepOutputs, stepState, stepNextInputs, stepFinished] = myDecoder.step(
          tf.constant(0),
          firstInputs,
          firstState,
        );
        const batchSizeT = myDecoder.batchSize;
        expect(firstState).toBeInstanceOf(rnnCell.LSTMStateTuple);
        expect(stepState).toBeInstanceOf(rnnCell.LSTMStateTuple);
        expect(stepOutputs).toBeInstanceOf(seq2seq.BasicDecoderOutput);
        expect(stepOutputs[0]?.shape).toEqual([batchSize, expectedOutputDepth]);
        expect(stepOutputs[1]?.shape).toEqual([batchSize]);
        for (const s of [...(firstState as tf.Tensor[]), ...(stepState as tf.Tensor[])])
          expect(s.shape).toEqual([batchSize, cellDepth]);
        // The output layer was accessed.
        if (outputLayer) expect(outputLayer.variables.length).toBe(1);
        expect(g.getOperationByName("BasicDecoderStep/lstm_cell/MatMul")?.type).toBe("MatMul");
        expect(
          g.getOperationByName("TrainingHelper/TensorArrayUnstack/TensorArrayScatter/TensorArrayScatterV3")?.type,
        ).toBe("TensorArrayScatterV3");

        const [bs, ff, , so, sid, , sf] = run([
          batchSizeT,
          firstFinished,
          firstInputs as tf.Tensor,
          stepOutputs.rnnOutput,
          stepOutputs.sampleId,
          stepNextInputs as tf.Tensor,
          stepFinished,
        ]);
        expect(bs?.toArray()).toBe(batchSize);
        expect(ff?.toArray()).toEqual([false, false, false, false, true]);
        expect(sf?.toArray()).toEqual([false, false, false, true, true]);
        expect(sid?.dtype).toBe(tf.int32);
        expect(sid?.toArray()).toEqual(argmaxRows(so?.toArray() as number[][]));
      }));
  }

  it("BasicDecoderTest.testStepWithGreedyEmbeddingHelper", () =>
    inGraph(() => {
      const [batchSize, vocabularySize, inputDepth] = [5, 7, 10];
      const cellDepth = vocabularySize; // the cell's logits must match the vocabulary size
      const startTokens = [3, 0, 6, 1, 4];
      const endToken = 1;
      const embeddings = randn([vocabularySize, inputDepth], 7) as number[][];
      const cell = new rnnCell.LSTMCell(vocabularySize);
      const helper = new seq2seq.GreedyEmbeddingHelper(tf.constant(embeddings, tf.float32), startTokens, endToken);
      const myDecoder = new seq2seq.BasicDecoder(cell, helper, cell.zeroState(batchSize, tf.float32));
      expect([...myDecoder.outputSize]).toEqual([cellDepth, []]);
      expect([...myDecoder.outputDtype]).toEqual([tf.float32, tf.int32]);
      const [firstFinished, firstInputs, firstState] = myDecoder.initialize();
      const [stepOutputs, stepState, stepNextInputs, stepFinished] = myDecoder.step(
        tf.constant(0),
        firstInputs,
        firstState,
      );
      expect(stepState).toBeInstanceOf(rnnCell.LSTMStateTuple);
      expect(stepOutputs.rnnOutput.shape).toEqual([batchSize, cellDepth]);
      expect(stepOutputs.sampleId.shape).toEqual([batchSize]);
      expect((firstFinished as tf.Tensor).op.name).toBe("Tile");
      const [ff, so, sid, sni, sf] = run([
        firstFinished,
        stepOutputs.rnnOutput,
        stepOutputs.sampleId,
        stepNextInputs as tf.Tensor,
        stepFinished,
      ]);
      const expectedSampleIds = argmaxRows(so?.toArray() as number[][]);
      expect(ff?.toArray()).toEqual([false, false, false, false, false]);
      expect(sf?.toArray()).toEqual(expectedSampleIds.map((id) => id === endToken));
      expect(sid?.dtype).toBe(tf.int32);
      expect(sid?.toArray()).toEqual(expectedSampleIds);
      ((sni as tf.NDArray).toArray() as number[][]).forEach((row, i) =>
        row.forEach((v, j) => expect(v).toBeCloseTo(embeddings[expectedSampleIds[i] as number]?.[j] as number, 6)),
      );
    }));

  it("helper.py / basic_decoder.py errors", () =>
    inGraph(() => {
      const cell = new rnnCell.LSTMCell(3);
      expect(() => new seq2seq.TrainingHelper(tf.zeros([2, 3, 4]), [[1, 2]])).toThrow(
        "Expected sequence_length to be a vector, but received shape: (1, 2)",
      );
      expect(() => new seq2seq.GreedyEmbeddingHelper(tf.zeros([4, 2]), 1, 1)).toThrow("start_tokens must be a vector");
      expect(() => new seq2seq.GreedyEmbeddingHelper(tf.zeros([4, 2]), [1], [1])).toThrow("end_token must be a scalar");
      expect(() => new seq2seq.BasicDecoder(cell, {} as never, [])).toThrow("helper must be a Helper, received: ");
      expect(() => seq2seq.dynamicDecode({} as never)).toThrow("Expected decoder to be type Decoder, but saw: ");
    }));
});

describe("decoder_test.py DynamicDecodeRNNTest", () => {
  const sequenceLength = [3, 4, 3, 1, 0];
  const [batchSize, maxTime, inputDepth, cellDepth] = [5, 8, 7, 10];
  const maxOut = Math.max(...sequenceLength);

  function testDynamicDecodeRNN(timeMajor: boolean, maximumIterations: number | null = null) {
    return inGraph((g) => {
      const shape = timeMajor ? [maxTime, batchSize, inputDepth] : [batchSize, maxTime, inputDepth];
      const inputs = tf.constant(randn(shape, 3) as number[][][], tf.float32);
      const cell = new rnnCell.LSTMCell(cellDepth);
      const helper = new seq2seq.TrainingHelper(inputs, sequenceLength, timeMajor);
      const myDecoder = new seq2seq.BasicDecoder(cell, helper, cell.zeroState(batchSize, tf.float32));
      const [finalOutputs, finalState, finalSequenceLength] = seq2seq.dynamicDecode(myDecoder, {
        outputTimeMajor: timeMajor,
        maximumIterations,
      });
      const t = (s: (number | null)[]) => (timeMajor ? [s[1], s[0], ...s.slice(2)] : s);
      expect(finalOutputs).toBeInstanceOf(seq2seq.BasicDecoderOutput);
      expect(finalState).toBeInstanceOf(rnnCell.LSTMStateTuple);
      const outputs = finalOutputs as BasicDecoderOutput;
      expect(finalSequenceLength.shape).toEqual([batchSize]);
      expect(outputs.rnnOutput.shape).toEqual(t([batchSize, null, cellDepth]));
      expect(outputs.sampleId.shape).toEqual(t([batchSize, null]));
      // decoder.py's names: the cell's variables in `decoder/`, its ops in the loop's BasicDecoderStep.
      expect(tf.globalVariables().map((v) => v.op.name)).toEqual([
        "decoder/lstm_cell/kernel",
        "decoder/lstm_cell/bias",
      ]);
      expect(g.getOperationByName("decoder/while/BasicDecoderStep/lstm_cell/MatMul")?.type).toBe("MatMul");
      expect(g.getOperationByName("decoder/while/BasicDecoderStep/TrainingHelperNextInputs/GreaterEqual")?.type).toBe(
        "GreaterEqual",
      );

      const [ro, sid, len] = run([outputs.rnnOutput, outputs.sampleId, finalSequenceLength]);
      let timeSteps = maxOut;
      let expectedLength = sequenceLength;
      if (maximumIterations !== null) {
        timeSteps = Math.min(maxOut, maximumIterations);
        expectedLength = sequenceLength.map((x) => Math.min(x, maximumIterations));
      }
      expect(ro?.shape).toEqual(t([batchSize, timeSteps, cellDepth]));
      expect(sid?.shape).toEqual(t([batchSize, timeSteps]));
      expect([...((len as tf.NDArray).toArray() as number[])].sort()).toEqual([...expectedLength].sort());
    });
  }

  it("DynamicDecodeRNNTest.testDynamicDecodeRNNBatchMajor", () => testDynamicDecodeRNN(false));
  it("DynamicDecodeRNNTest.testDynamicDecodeRNNTimeMajor", () => testDynamicDecodeRNN(true));
  it("DynamicDecodeRNNTest.testDynamicDecodeRNNZeroMaxIters", () => testDynamicDecodeRNN(true, 0));
  it("DynamicDecodeRNNTest.testDynamicDecodeRNNOneMaxIter", () => testDynamicDecodeRNN(true, 1));

  for (const useSequenceLength of [true, false]) {
    it(`DynamicDecodeRNNTest.testDynamicDecodeRNNWithTrainingHelperMatchesDynamicRNN${useSequenceLength ? "WithSeqLen" : "NoSeqLen"}`, () =>
      inGraph(() => {
        const inputs = tf.constant(randn([batchSize, maxTime, inputDepth], 5) as number[][][], tf.float32);
        const cell = new rnnCell.LSTMCell(cellDepth);
        const zeroState = cell.zeroState(batchSize, tf.float32);
        const helper = new seq2seq.TrainingHelper(inputs, sequenceLength);
        const myDecoder = new seq2seq.BasicDecoder(cell, helper, zeroState);
        // Match the variable scope of dynamic_rnn below so both use the same variables.
        const [[decOut, decState], scope] = tf.variableScope("root", (s) => {
          const [o, st] = seq2seq.dynamicDecode(myDecoder, { imputeFinished: useSequenceLength, scope: s });
          return [[o, st], s] as const;
        });
        const [rnnOut, rnnState] = tf.variableScope(scope, { reuse: true }, (s) =>
          tf.nn.dynamicRnn(cell, inputs, {
            sequenceLength: useSequenceLength ? sequenceLength : null,
            initialState: zeroState,
            scope: s,
          }),
        );
        const fetched = run([
          (decOut as BasicDecoderOutput).rnnOutput,
          rnnOut as tf.Tensor,
          ...(decState as tf.Tensor[]),
          ...(rnnState as tf.Tensor[]),
        ]);
        const dec = fetched[0]?.toArray() as number[][][];
        const full = fetched[1]?.toArray() as number[][][];
        // The decoder only runs out to max_out; its outputs equal dynamic_rnn's up to there.
        dec.forEach((b, i) =>
          b.forEach((step, t) => step.forEach((v, k) => expect(v).toBeCloseTo(full[i]?.[t]?.[k] as number, 5))),
        );
        expect(dec[0]?.length).toBe(maxOut);
        if (useSequenceLength) {
          for (const k of [0, 1]) {
            const a = fetched[2 + k]?.toArray() as number[][];
            const b = fetched[4 + k]?.toArray() as number[][];
            a.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(b[i]?.[j] as number, 5)));
          }
        }
      }));
  }
});
