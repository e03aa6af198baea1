// contrib/seq2seq/python/ops/loss.py (TF 1.15): sequence_loss and the SequenceLoss class.
import { ValueError } from "../../errors";
import { int64 } from "../../framework/dtypes";
import type { Tensor } from "../../framework/tensor";
import { reshape, shape, zeros } from "../../ops/array-ops";
import { divNoNan } from "../../ops/math-div-cast";
import { cast, notEqual } from "../../ops/math-ops";
import { sparseSoftmaxCrossEntropyWithLogits } from "../../ops/nn-losses";
import { convertToTensor, opScope, type TensorLike } from "../../ops/op-builder";
import { mul } from "../../ops/operators";
import { reduceSum } from "../../ops/reduction-ops";
import { indexTensor, sliceRange } from "../../ops/tensor-index";

export interface SequenceLossOptions {
  averageAcrossTimesteps?: boolean;
  averageAcrossBatch?: boolean;
  sumOverTimesteps?: boolean;
  sumOverBatch?: boolean;
  /** `({ labels, logits }) => losses` in place of sparse softmax cross entropy. */
  softmaxLossFunction?: ((args: { labels: Tensor; logits: Tensor }) => Tensor) | null;
  name?: string | null;
}

/** math_ops.py: count_nonzero: `Cast(NotEqual(x, 0), int64)` summed, in `count_nonzero/`. */
function countNonzero(x: Tensor, axis?: number[]): Tensor {
  return opScope(null, "count_nonzero", [x], () => {
    const zero = zeros([], x.dtype);
    return reduceSum(cast(notEqual(x, zero), int64), axis);
  });
}

const rank = (t: Tensor): number | null => (t.shape === null ? null : t.shape.length);

/**
 * loss.py: sequence_loss(logits, targets, weights, average_across_timesteps=True, average_across_batch=True,
 * sum_over_timesteps=False, sum_over_batch=False, softmax_loss_function=None, name=None): the weighted cross
 * entropy of `[batch, time, classes]` logits against `[batch, time]` targets, reduced (weighted average or sum over
 * the nonzero weights) over the time and/or batch axes as asked.
 */
export function sequenceLoss(
  logits: TensorLike,
  targets: TensorLike,
  weights: TensorLike,
  options: SequenceLossOptions = {},
): Tensor {
  const avgTime = options.averageAcrossTimesteps ?? true;
  const avgBatch = options.averageAcrossBatch ?? true;
  const sumTime = options.sumOverTimesteps ?? false;
  const sumBatch = options.sumOverBatch ?? false;
  const l = convertToTensor(logits);
  const t = convertToTensor(targets);
  const w = convertToTensor(weights);
  // loss.py: sequence_loss
  if (rank(l) !== 3) throw new ValueError("Logits must be a [batch_size x sequence_length x logits] tensor");
  if (rank(t) !== 2) throw new ValueError("Targets must be a [batch_size x sequence_length] tensor");
  if (rank(w) !== 2) throw new ValueError("Weights must be a [batch_size x sequence_length] tensor");
  if (avgTime && sumTime)
    throw new ValueError("average_across_timesteps and sum_over_timesteps cannot be set to True at same time.");
  if (avgBatch && sumBatch)
    throw new ValueError("average_across_batch and sum_over_batch cannot be set to True at same time.");
  return opScope(options.name, "sequence_loss", [l, t, w], () => {
    const numClasses = indexTensor(shape(l), 2);
    const logitsFlat = reshape(l, [-1, numClasses]);
    const targetsFlat = reshape(t, [-1]);
    let crossent = options.softmaxLossFunction
      ? options.softmaxLossFunction({ labels: targetsFlat, logits: logitsFlat })
      : sparseSoftmaxCrossEntropyWithLogits({ labels: targetsFlat, logits: logitsFlat });
    crossent = mul(crossent, reshape(w, [-1]));
    if (avgTime && avgBatch) {
      crossent = reduceSum(crossent);
      return divNoNan(crossent, reduceSum(w));
    }
    if (sumTime && sumBatch) {
      crossent = reduceSum(crossent);
      return divNoNan(crossent, cast(countNonzero(w), crossent.dtype));
    }
    crossent = reshape(crossent, sliceRange(shape(l), 0, 2));
    if (avgTime || avgBatch) {
      const axis = avgBatch ? [0] : [1];
      crossent = reduceSum(crossent, axis);
      return divNoNan(crossent, reduceSum(w, axis));
    }
    if (sumTime || sumBatch) {
      const axis = sumBatch ? [0] : [1];
      crossent = reduceSum(crossent, axis);
      return divNoNan(crossent, cast(countNonzero(w, axis), crossent.dtype));
    }
    return crossent;
  });
}

/**
 * loss.py: SequenceLoss (a keras Loss): sequence_loss with the reductions fixed at construction, by default the sums
 * over time and batch. `loss.apply(yTrue, yPred, sampleWeight)` is TF's `loss(y_true, y_pred, sample_weight)`.
 */
export class SequenceLoss {
  readonly averageAcrossTimesteps: boolean;
  readonly averageAcrossBatch: boolean;
  readonly sumOverTimesteps: boolean;
  readonly sumOverBatch: boolean;
  readonly softmaxLossFunction: SequenceLossOptions["softmaxLossFunction"];
  readonly name: string | null;

  constructor(options: SequenceLossOptions = {}) {
    this.averageAcrossTimesteps = options.averageAcrossTimesteps ?? false;
    this.averageAcrossBatch = options.averageAcrossBatch ?? false;
    this.sumOverTimesteps = options.sumOverTimesteps ?? true;
    this.sumOverBatch = options.sumOverBatch ?? true;
    this.softmaxLossFunction = options.softmaxLossFunction ?? null;
    this.name = options.name ?? null;
  }

  apply(yTrue: TensorLike, yPred: TensorLike, sampleWeight: TensorLike): Tensor {
    return sequenceLoss(yPred, yTrue, sampleWeight, {
      averageAcrossTimesteps: this.averageAcrossTimesteps,
      averageAcrossBatch: this.averageAcrossBatch,
      sumOverTimesteps: this.sumOverTimesteps,
      sumOverBatch: this.sumOverBatch,
      softmaxLossFunction: this.softmaxLossFunction,
      name: this.name,
    });
  }
}
