// nn.py (tensorflow/python/ops/nn.py): the public `tf.nn` module, plus TF1's top-level relu, sigmoid, tanh, softmax.

import { computeAccidentalHits, logUniformCandidateSampler, uniformCandidateSampler } from "./candidate-sampling-ops";
import { embeddingLookup } from "./embedding-ops";
import { elu, leakyRelu, softplus } from "./nn-activation-ops";
import { batchMatMul, batchMatMulV2 } from "./nn-batch-matmul";
import { fusedBatchNorm } from "./nn-batch-norm-ops";
import { avgPool, conv2d, maxPool } from "./nn-conv-ops";
import { avgPool1d, conv1d, conv2dTranspose, maxPool1d } from "./nn-conv-wrappers";
import { conv3d } from "./nn-conv3d-wrappers";
import { atrousConv2d, convolution } from "./nn-convolution";
import {
  depthwiseConv2d,
  depthwiseConv2dNative,
  depthwiseConv2dNativeBackpropFilter,
  depthwiseConv2dNativeBackpropInput,
  separableConv2d,
} from "./nn-depthwise-ops";
import { dropout } from "./nn-dropout";
import { batchNormalization, l2Normalize, moments } from "./nn-impl";
import { logPoissonLoss, reluLayer, weightedCrossEntropyWithLogits, xwPlusB } from "./nn-impl-losses";
import { normalizeMoments, sufficientStatistics, weightedMoments, zeroFraction } from "./nn-impl-stats";
import { inTopK } from "./nn-in-top-k";
import {
  sigmoidCrossEntropyWithLogits,
  softmaxCrossEntropyWithLogits,
  softmaxCrossEntropyWithLogitsV2,
  sparseSoftmaxCrossEntropyWithLogits,
} from "./nn-losses";
import { biasAdd, l2Loss, logSoftmax, relu, relu6, sigmoid, softmax, tanh } from "./nn-ops";
import { nceLoss, sampledSoftmaxLoss } from "./nn-sampled-losses";
import { crelu, selu } from "./nn-selu-crelu";
import { topK } from "./sort-ops";
import { depthToSpace, spaceToDepth } from "./space-depth-ops";

export const nn = {
  relu,
  relu6,
  sigmoid,
  tanh,
  softmax,
  logSoftmax,
  conv2d,
  convolution,
  atrousConv2d,
  maxPool,
  avgPool,
  biasAdd,
  l2Loss,
  softmaxCrossEntropyWithLogits,
  sparseSoftmaxCrossEntropyWithLogits,
  sigmoidCrossEntropyWithLogits,
  elu,
  softplus,
  leakyRelu,
  dropout,
  softmaxCrossEntropyWithLogitsV2,
  l2Normalize,
  moments,
  batchNormalization,
  inTopK,
  conv1d,
  conv2dTranspose,
  maxPool1d,
  avgPool1d,
  depthwiseConv2d,
  depthwiseConv2dNative,
  depthwiseConv2dNativeBackpropInput,
  depthwiseConv2dNativeBackpropFilter,
  separableConv2d,
  fusedBatchNorm,
  embeddingLookup,
  logUniformCandidateSampler,
  uniformCandidateSampler,
  computeAccidentalHits,
  nceLoss,
  sampledSoftmaxLoss,
  selu,
  crelu,
  logPoissonLoss,
  weightedCrossEntropyWithLogits,
  reluLayer,
  xwPlusB,
  zeroFraction,
  sufficientStatistics,
  normalizeMoments,
  weightedMoments,
  topK,
  conv3d,
  spaceToDepth,
  depthToSpace,
} as const;

export type { CandidateSamplerOptions, SampledValues } from "./candidate-sampling-ops";
export type { EmbeddingLookupOptions } from "./embedding-ops";
export type { LeakyReluOptions } from "./nn-activation-ops";
export type { FusedBatchNormOptions } from "./nn-batch-norm-ops";
export type { Conv1DOptions, Conv2DTransposeOptions, Pool1DOptions } from "./nn-conv-wrappers";
export type { NnConv3DOptions } from "./nn-conv3d-wrappers";
export type { DepthwiseConv2dNativeOptions, DepthwiseConv2dOptions } from "./nn-depthwise-ops";
export type { DropoutOptions } from "./nn-dropout";
export type { L2NormalizeOptions, MomentsOptions } from "./nn-impl";
export type { LogPoissonLossOptions, WeightedCrossEntropyOptions } from "./nn-impl-losses";
export type { SufficientStatisticsOptions, WeightedMomentsOptions } from "./nn-impl-stats";
export type { SampledLossOptions } from "./nn-sampled-losses";
export type { CreluOptions } from "./nn-selu-crelu";
export type { TopKOptions } from "./sort-ops";
/** gen_math_ops.py's batch matmul ops, for code that builds them directly (tf.matmul picks BatchMatMulV2 itself). */
export { batchMatMul, batchMatMulV2, relu, sigmoid, softmax, tanh };
