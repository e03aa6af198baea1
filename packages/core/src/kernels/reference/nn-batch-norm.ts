// fused_batch_norm_op.cc (CPU: FusedBatchNorm, FusedBatchNormGrad, FusedBatchNormFreezeGrad functors): NHWC loops
// over [rest = N*H*W, depth] in float64. Training normalizes with the biased batch variance, returns the Bessel-
// corrected one as batch_variance and saves mean and biased variance in reserve_space_1/2; reserve_space_3 is the
// CPU's scalar placeholder (CudnnBatchNormAllocatorInOutput without cuDNN).
import { InternalError, InvalidArgumentError } from "../../errors";
import { type NDArray, sizeOf } from "../../framework/ndarray";
import type { Kernel, KernelContext } from "../contract";
import { registerKernels } from "../lazy-kernel-registry";
import { fromNumbers, nodeSuffix, numbers } from "./nn-util";

const fail = (ctx: KernelContext, message: string) => new InvalidArgumentError(`${message}${nodeSuffix(ctx)}`);

function requireRank(ctx: KernelContext, what: string, a: NDArray, rank: 1 | 4): void {
  if (a.shape.length !== rank) {
    // fused_batch_norm_op.cc: FusedBatchNormOpBase / FusedBatchNormGradOpBase::ComputeWithReservedSpace
    throw fail(ctx, `${what} must be ${rank}-dimensional[${a.shape.join(",")}]`);
  }
}

/** The attr epsilon is a proto float: the kernel reads it as float32. */
const epsilonOf = (ctx: KernelContext) => Math.fround(Number(ctx.attrs.epsilon ?? 0.0001));

function requireNhwc(ctx: KernelContext, message: string): void {
  // fused_batch_norm_op.cc: FusedBatchNorm<CPUDevice> / FusedBatchNormGrad<CPUDevice> (errors::Internal)
  if ((ctx.attrs.data_format ?? "NHWC") !== "NHWC") throw new InternalError(`${message}${nodeSuffix(ctx)}`);
}

/** Per-channel sums over the rest dims of a [rest, depth] view. */
function channelSums(depth: number, rest: number, value: (i: number, c: number) => number): Float64Array {
  const sums = new Float64Array(depth);
  for (let i = 0; i < rest; i++) for (let c = 0; c < depth; c++) sums[c] += value(i, c);
  return sums;
}

const fusedBatchNormV3: Kernel = ([x, scale, offset, estimatedMean, estimatedVariance], ctx) => {
  requireRank(ctx, "input", x, 4);
  requireRank(ctx, "scale", scale, 1);
  requireRank(ctx, "offset", offset, 1);
  requireRank(ctx, "estimated_mean", estimatedMean, 1);
  requireRank(ctx, "estimated_variance", estimatedVariance, 1);
  const training = ctx.attrs.is_training !== false;
  if (training) {
    // fused_batch_norm_op.cc: FusedBatchNormOpBase::ComputeWithReservedSpace (TF 1.15 wants empty statistics)
    if (estimatedMean.shape[0] !== 0) {
      throw fail(ctx, `estimated_mean must be empty for training[${estimatedMean.shape.join(",")}]`);
    }
    if (estimatedVariance.shape[0] !== 0) {
      throw fail(ctx, `estimated_variance must be empty for training[${estimatedVariance.shape.join(",")}]`);
    }
  }
  requireNhwc(ctx, "The CPU implementation of FusedBatchNorm only supports NHWC tensor format for now.");
  const depth = x.shape[3];
  const rest = sizeOf(x.shape) / Math.max(depth, 1);
  // TF 1.15 reads these as vectors of `depth` unchecked; later releases word the check this way.
  const checkLength = (what: string, a: NDArray) => {
    if (a.shape[0] !== depth) {
      throw fail(
        ctx,
        `${what} must have the same number of elements as the channels of x, got ${a.shape[0]} and ${depth}`,
      );
    }
  };
  checkLength("scale", scale);
  checkLength("offset", offset);
  if (!training) {
    checkLength("When is_training=false, mean", estimatedMean);
    checkLength("When is_training=false, variance", estimatedVariance);
  }
  const xv = numbers(x);
  let mean: Float64Array;
  let variance: Float64Array;
  let batchVariance: Float64Array;
  if (training) {
    mean = channelSums(depth, rest, (i, c) => xv[i * depth + c]).map((s) => s / rest);
    variance = channelSums(depth, rest, (i, c) => (xv[i * depth + c] - mean[c]) ** 2).map((s) => s / rest);
    // Bessel's correction, with TF's guard for a single element per channel.
    const adjust = rest / (rest > 1 ? rest - 1 : 1);
    batchVariance = variance.map((v) => v * adjust);
  } else {
    // TF 1.15's CPU kernel leaves batch_mean/batch_variance unset in inference; the population values pass through.
    mean = Float64Array.from(numbers(estimatedMean));
    variance = Float64Array.from(numbers(estimatedVariance));
    batchVariance = variance;
  }
  const eps = epsilonOf(ctx);
  const s = numbers(scale);
  const o = numbers(offset);
  const y = new Float64Array(xv.length);
  for (let c = 0; c < depth; c++) {
    const factor = s[c] / Math.sqrt(variance[c] + eps);
    for (let i = 0; i < rest; i++) y[i * depth + c] = (xv[i * depth + c] - mean[c]) * factor + o[c];
  }
  const u = scale.dtype;
  return [
    fromNumbers(x.dtype, x.shape, y),
    fromNumbers(u, [depth], mean),
    fromNumbers(u, [depth], batchVariance),
    fromNumbers(u, [depth], mean),
    fromNumbers(u, [depth], variance),
    fromNumbers(u, [], [0]),
  ];
};

const fusedBatchNormGradV3: Kernel = ([yBackprop, x, scale, savedMean, savedVariance], ctx) => {
  requireRank(ctx, "input", yBackprop, 4);
  requireRank(ctx, "input", x, 4);
  requireRank(ctx, "scale", scale, 1);
  requireRank(ctx, "saved mean", savedMean, 1);
  requireRank(ctx, "saved variance", savedVariance, 1);
  if (yBackprop.shape.join(",") !== x.shape.join(",")) {
    // fused_batch_norm_op.cc: FusedBatchNormGradOpBase (later releases' check; TF 1.15 leaves it to Eigen)
    throw fail(
      ctx,
      `x and y_backprop must have same shape, but x has shape [${x.shape.join(",")}] and y_backprop has shape [${yBackprop.shape.join(",")}]`,
    );
  }
  const u = scale.dtype;
  const depth = scale.shape[0];
  // Placeholders for the gradients of the (empty) mean and variance inputs: scalar zeros.
  const placeholders = [fromNumbers(u, [], [0]), fromNumbers(u, [], [0])];
  if (sizeOf(x.shape) === 0) {
    return [
      fromNumbers(x.dtype, x.shape, []),
      fromNumbers(u, [depth], []),
      fromNumbers(u, [depth], []),
      ...placeholders,
    ];
  }
  const training = ctx.attrs.is_training !== false;
  if (training) {
    requireNhwc(ctx, "The CPU implementation of FusedBatchNormGrad only supports NHWC tensor format for now.");
  } else if ((ctx.attrs.data_format ?? "NHWC") !== "NHWC") {
    // fused_batch_norm_op.cc: a CHECK (nn_grad.py transposes NCHW to NHWC before building this op)
    throw new InternalError(
      `The implementation of FusedBatchNormGrad with is_training=False only support NHWC tensor format for now.${nodeSuffix(ctx)}`,
    );
  }
  if (x.shape[3] !== depth || savedMean.shape[0] !== depth || savedVariance.shape[0] !== depth) {
    // Later releases' wording of the check TF 1.15 leaves to Eigen.
    throw fail(ctx, `scale must have the same number of elements as the channels of x, got ${depth} and ${x.shape[3]}`);
  }
  const rest = sizeOf(x.shape) / depth;
  const xv = numbers(x);
  const dy = numbers(yBackprop);
  const s = numbers(scale);
  const mean = numbers(savedMean);
  const variance = numbers(savedVariance);
  const eps = epsilonOf(ctx);
  const rsqrt = Float64Array.from({ length: depth }, (_, c) => 1 / Math.sqrt(variance[c] + eps));
  const centered = (i: number, c: number) => xv[i * depth + c] - mean[c];
  const offsetBackprop = channelSums(depth, rest, (i, c) => dy[i * depth + c]);
  const scaleBackprop = channelSums(depth, rest, (i, c) => dy[i * depth + c] * centered(i, c) * rsqrt[c]);
  const dx = new Float64Array(xv.length);
  if (training) {
    // x_backprop = scale * rsqrt(var + eps) * [dy - mean(dy) - (x - mean) * mean(dy * (x - mean)) / (var + eps)]
    const dyCenteredMean = channelSums(depth, rest, (i, c) => dy[i * depth + c] * centered(i, c)).map((v) => v / rest);
    for (let i = 0; i < rest; i++) {
      for (let c = 0; c < depth; c++) {
        const dyCentered = dy[i * depth + c] - offsetBackprop[c] / rest;
        const coef2 = rsqrt[c] * rsqrt[c] * dyCenteredMean[c];
        dx[i * depth + c] = s[c] * rsqrt[c] * (dyCentered - centered(i, c) * coef2);
      }
    }
  } else {
    // FusedBatchNormFreezeGrad: x_backprop = dy * scale * rsqrt(pop_var + eps)
    for (let i = 0; i < rest; i++)
      for (let c = 0; c < depth; c++) dx[i * depth + c] = dy[i * depth + c] * s[c] * rsqrt[c];
  }
  return [
    fromNumbers(x.dtype, x.shape, dx),
    fromNumbers(u, [depth], scaleBackprop),
    fromNumbers(u, [depth], offsetBackprop),
    ...placeholders,
  ];
};

export const nnBatchNormKernels = {
  FusedBatchNormV3: fusedBatchNormV3,
  FusedBatchNormGradV3: fusedBatchNormGradV3,
} satisfies Record<string, Kernel>;

/** Makes this family run in every Session (idempotent): the module that builds its ops calls it when loaded. */
export function useBatchNormKernels(): void {
  registerKernels(nnBatchNormKernels);
}
