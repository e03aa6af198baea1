// contrib/legacy_seq2seq/python/ops/seq2seq.py (TF 1.15): rnn_decoder, sequence_loss_by_example, sequence_loss.
import { ValueError } from "../errors";
import type { Tensor } from "../framework/tensor";
import type { RNNCell, RnnState } from "../layers/rnn-cell-base";
import { reshape, shape } from "../ops/array-ops";
import { addN, cast } from "../ops/math-ops";
import { sparseSoftmaxCrossEntropyWithLogits } from "../ops/nn-losses";
import { opScope } from "../ops/op-builder";
import { add, mul, truediv } from "../ops/operators";
import { reduceSum } from "../ops/reduction-ops";
import { indexTensor } from "../ops/tensor-index";
import { getVariableScope, variableScope } from "../scopes/variable-scope";

export interface RnnDecoderOptions {
  /** `(prev, i) => next input`: feeds each output back as the next input (run under `loop_function`, reuse). */
  loopFunction?: ((prev: Tensor, i: number) => Tensor) | null;
  scope?: string | null;
}

/**
 * seq2seq.py: rnn_decoder(decoder_inputs, initial_state, cell, loop_function=None, scope=None): the cell over the
 * inputs in the variable scope `rnn_decoder`, sharing its variables from the second step on; `[outputs, state]`.
 */
export function rnnDecoder(
  decoderInputs: readonly Tensor[],
  initialState: RnnState,
  cell: RNNCell,
  options: RnnDecoderOptions = {},
): [Tensor[], RnnState] {
  const loopFunction = options.loopFunction ?? null;
  return variableScope(options.scope || "rnn_decoder", () => {
    let state = initialState;
    const outputs: Tensor[] = [];
    let prev: Tensor | null = null;
    decoderInputs.forEach((input, i) => {
      let inp = input;
      if (loopFunction !== null && prev !== null) {
        const last: Tensor = prev;
        inp = variableScope("loop_function", { reuse: true }, () => loopFunction(last, i));
      }
      if (i > 0) getVariableScope().reuseVariables();
      const [output, next] = cell.apply(inp, state) as [Tensor, RnnState];
      state = next;
      outputs.push(output);
      if (loopFunction !== null) prev = output;
    });
    return [outputs, state] as [Tensor[], RnnState];
  });
}

export interface SequenceLossOptions {
  averageAcrossTimesteps?: boolean;
  /** `({ labels, logits }) => losses` in place of sparse softmax cross entropy. */
  softmaxLossFunction?: ((args: { labels: Tensor; logits: Tensor }) => Tensor) | null;
  name?: string | null;
}

/**
 * seq2seq.py: sequence_loss_by_example(logits, targets, weights, average_across_timesteps=True,
 * softmax_loss_function=None, name=None): the weighted sum over timesteps of each example's cross entropy,
 * divided by the summed weights (+ 1e-12) when averaging.
 */
export function sequenceLossByExample(
  logits: readonly Tensor[],
  targets: readonly Tensor[],
  weights: readonly Tensor[],
  options: SequenceLossOptions = {},
): Tensor {
  if (targets.length !== logits.length || weights.length !== logits.length) {
    // seq2seq.py: sequence_loss_by_example
    throw new ValueError(
      `Lengths of logits, weights, and targets must be the same ${logits.length}, ${weights.length}, ${targets.length}.`,
    );
  }
  return opScope(options.name, "sequence_loss_by_example", [...logits, ...targets, ...weights], () => {
    const logPerpList = logits.map((logit, t) => {
      const crossent = options.softmaxLossFunction
        ? options.softmaxLossFunction({ labels: targets[t], logits: logit })
        : sparseSoftmaxCrossEntropyWithLogits({ labels: reshape(targets[t], [-1]), logits: logit });
      return mul(crossent, weights[t]);
    });
    let logPerps = addN(logPerpList);
    if (options.averageAcrossTimesteps ?? true) {
      const totalSize = add(addN([...weights]), 1e-12);
      logPerps = truediv(logPerps, totalSize);
    }
    return logPerps;
  });
}

/**
 * seq2seq.py: sequence_loss(logits, targets, weights, average_across_timesteps=True, average_across_batch=True,
 * softmax_loss_function=None, name=None): the summed sequence_loss_by_example, divided by the batch size.
 */
export function sequenceLoss(
  logits: readonly Tensor[],
  targets: readonly Tensor[],
  weights: readonly Tensor[],
  options: SequenceLossOptions & { averageAcrossBatch?: boolean } = {},
): Tensor {
  return opScope(options.name, "sequence_loss", [...logits, ...targets, ...weights], () => {
    const cost = reduceSum(
      sequenceLossByExample(logits, targets, weights, {
        averageAcrossTimesteps: options.averageAcrossTimesteps,
        softmaxLossFunction: options.softmaxLossFunction,
      }),
    );
    if (!(options.averageAcrossBatch ?? true)) return cost;
    const batchSize = indexTensor(shape(targets[0]), 0);
    return truediv(cost, cast(batchSize, cost.dtype));
  });
}
