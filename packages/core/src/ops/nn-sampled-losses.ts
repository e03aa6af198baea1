// nn_impl.py: _sum_rows, _compute_sampled_logits, nce_loss (TF 1.15), over candidate_sampling_ops' samplers.
import { int32, int64 } from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import { expandDims, ones, onesLike, reshape, shape, stopGradient, zerosLike } from "./array-ops";
import { computeAccidentalHits, logUniformCandidateSampler, type SampledValues } from "./candidate-sampling-ops";
import { type EmbeddingParams, embeddingLookup } from "./embedding-ops";
import { cast, log, matmul, multiply } from "./math-ops";
import { sigmoidCrossEntropyWithLogits, softmaxCrossEntropyWithLogitsV2 } from "./nn-losses";
import { convertToTensor, opScope, type TensorLike } from "./op-builder";
import { add, sub, truediv } from "./operators";
import { concat, slice, stack } from "./slicing-ops";
import { sparseToDense } from "./sparse-ops";
import { indexTensor, sliceRange } from "./tensor-index";

/** nn_impl.py: _sum_rows(x): x @ ones([cols, 1]) reshaped to [-1] (a cheaper gradient than reduce_sum). */
function sumRows(x: Tensor): Tensor {
  const cols = indexTensor(shape(x), 1);
  const onesShape = stack([cols, 1]);
  const onesT = ones(onesShape, x.dtype);
  return reshape(matmul(x, onesT), [-1]);
}

export interface SampledLossOptions {
  numTrue?: number;
  sampledValues?: SampledValues | null;
  removeAccidentalHits?: boolean;
  partitionStrategy?: "mod" | "div";
  name?: string;
  seed?: number | null;
}

/**
 * nn_impl.py: _compute_sampled_logits (remove_accidental_hits): -FLOAT_MAX at each (row, sampled position) whose
 * class is one of the row's labels, as a dense [batch_size, num_sampled] SparseToDense.
 */
function accidentalHitsMask(
  labels: Tensor,
  sampled: Tensor,
  numTrue: number,
  numSampled: number,
  sampledLogits: Tensor,
): Tensor {
  const [accIndices, accIds, weights] = computeAccidentalHits(labels, sampled, numTrue);
  const accIndices2d = reshape(accIndices, [-1, 1]);
  const accIds2dInt32 = reshape(cast(accIds, int32), [-1, 1]);
  const sparseIndices = concat([accIndices2d, accIds2dInt32], 1, "sparse_indices");
  const sampledLogitsShape = concat([sliceRange(shape(labels), null, 1), expandDims(numSampled, 0)], 0);
  const accWeights = weights.dtype === sampledLogits.dtype ? weights : cast(weights, sampledLogits.dtype);
  return sparseToDense(sparseIndices, sampledLogitsShape, accWeights, { defaultValue: 0.0, validateIndices: false });
}

/** nn_impl.py: _compute_sampled_logits: `[out_logits, out_labels]`, each [batch_size, num_true + num_sampled]. */
export function computeSampledLogits(
  weights: EmbeddingParams,
  biases: EmbeddingParams,
  labels: TensorLike,
  inputs: TensorLike,
  numSampled: number,
  numClasses: number,
  options: SampledLossOptions & { subtractLogQ: boolean; defaultName: string },
): [Tensor, Tensor] {
  const numTrue = options.numTrue ?? 1;
  const strategy = options.partitionStrategy ?? "mod";
  return opScope(options.name, options.defaultName, [weights, biases, inputs, labels].flat() as TensorLike[], () => {
    let labelsT = convertToTensor(labels, { name: "labels" });
    if (labelsT.dtype !== int64) labelsT = cast(labelsT, int64);
    const inputsT = convertToTensor(inputs, { name: "inputs" });
    const labelsFlat = reshape(labelsT, [-1]);
    const sampledValues =
      options.sampledValues ??
      logUniformCandidateSampler(labelsT, numTrue, numSampled, true, numClasses, { seed: options.seed });
    const [sampledRaw, trueExpectedCount, sampledExpectedCount] = sampledValues.map((s) => stopGradient(s));
    const sampled = cast(sampledRaw, int64);
    const allIds = concat([labelsFlat, sampled], 0);
    let allW = embeddingLookup(weights, allIds, { partitionStrategy: strategy });
    if (allW.dtype !== inputsT.dtype) allW = cast(allW, inputsT.dtype);
    const trueW = slice(allW, [0, 0], stack([indexTensor(shape(labelsFlat), 0), -1]));
    const sampledW = slice(allW, stack([indexTensor(shape(labelsFlat), 0), 0]), [-1, -1]);
    let sampledLogits = matmul(inputsT, sampledW, { transposeB: true });
    let allB = embeddingLookup(biases, allIds, { partitionStrategy: strategy });
    if (allB.dtype !== inputsT.dtype) allB = cast(allB, inputsT.dtype);
    let trueB = slice(allB, [0], shape(labelsFlat));
    const sampledB = slice(allB, shape(labelsFlat), [-1]);
    const dim = sliceRange(shape(trueW), 1, 2);
    const newTrueWShape = concat([[-1, numTrue], dim], 0);
    const rowWiseDots = multiply(expandDims(inputsT, 1), reshape(trueW, newTrueWShape));
    const dotsAsMatrix = reshape(rowWiseDots, concat([[-1], dim], 0));
    let trueLogits = reshape(sumRows(dotsAsMatrix), [-1, numTrue]);
    trueB = reshape(trueB, [-1, numTrue]);
    trueLogits = add(trueLogits, trueB);
    sampledLogits = add(sampledLogits, sampledB);
    if (options.removeAccidentalHits) {
      sampledLogits = add(sampledLogits, accidentalHitsMask(labelsT, sampled, numTrue, numSampled, sampledLogits));
    }
    if (options.subtractLogQ) {
      trueLogits = sub(trueLogits, log(trueExpectedCount));
      sampledLogits = sub(sampledLogits, log(sampledExpectedCount));
    }
    const outLogits = concat([trueLogits, sampledLogits], 1);
    const outLabels = concat([truediv(onesLike(trueLogits), numTrue), zerosLike(sampledLogits)], 1);
    return [outLogits, outLabels];
  });
}

/**
 * nn_impl.py: nce_loss(weights, biases, labels, inputs, num_sampled, num_classes, num_true=1, sampled_values=None,
 * remove_accidental_hits=False, partition_strategy="mod", name="nce_loss"): the per-example NCE losses, [batch_size]:
 * sigmoid cross entropy (`nce_loss/sampled_losses`) of the sampled logits, rows summed. Negative classes come from
 * log_uniform_candidate_sampler unless `sampledValues` is given; its values are not TF's (see the sampler).
 */
export function nceLoss(
  weights: EmbeddingParams,
  biases: EmbeddingParams,
  labels: TensorLike,
  inputs: TensorLike,
  numSampled: number,
  numClasses: number,
  options: SampledLossOptions = {},
): Tensor {
  const [logits, outLabels] = computeSampledLogits(weights, biases, labels, inputs, numSampled, numClasses, {
    ...options,
    name: options.name ?? "nce_loss",
    defaultName: "compute_sampled_logits",
    subtractLogQ: true,
  });
  const sampledLosses = sigmoidCrossEntropyWithLogits({ labels: outLabels, logits, name: "sampled_losses" });
  return sumRows(sampledLosses);
}

/**
 * nn_impl.py: sampled_softmax_loss(weights, biases, labels, inputs, num_sampled, num_classes, num_true=1,
 * sampled_values=None, remove_accidental_hits=True, partition_strategy="mod", name="sampled_softmax_loss",
 * seed=None): the per-example sampled softmax losses, [batch_size]: softmax cross entropy (v2) of the sampled logits
 * against labels behind `labels_stop_gradient`. Accidental hits are removed unless `removeAccidentalHits` is false.
 */
export function sampledSoftmaxLoss(
  weights: EmbeddingParams,
  biases: EmbeddingParams,
  labels: TensorLike,
  inputs: TensorLike,
  numSampled: number,
  numClasses: number,
  options: SampledLossOptions = {},
): Tensor {
  const [logits, outLabels] = computeSampledLogits(weights, biases, labels, inputs, numSampled, numClasses, {
    ...options,
    removeAccidentalHits: options.removeAccidentalHits ?? true,
    name: options.name ?? "sampled_softmax_loss",
    defaultName: "compute_sampled_logits",
    subtractLogQ: true,
  });
  const stopped = stopGradient(outLabels, "labels_stop_gradient");
  return softmaxCrossEntropyWithLogitsV2({ labels: stopped, logits });
}
