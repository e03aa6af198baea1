// FusedBatchNormV3 and FusedBatchNormGradV3 (fused_batch_norm_op.cc, CPU): NHWC float32 over [rest = N*H*W, depth].
// Checks and output specs once, in prepare; one export call per run (assembly/batch-norm.ts). Non-NHWC formats
// are declined by the spec, so the reference kernel (and its InternalError) runs them.
import type { InputSpec, KernelContext, NDArray, PreparedKernel, TensorSpec } from "@scopeflow/core/kernels";
import {
  checkNHWC,
  kernelError,
  type NativeKernel,
  native,
  nhwc,
  pointerCall,
  type Runtime,
  sizeOf,
  variantOf,
} from "../runtime";

/** Scratch of both exports: 2 * depth f64 sums and 3 * depth f32 coefficients. */
const scratchBytes = (depth: number) => 28 * depth;

/** The attr epsilon is a proto float: the kernel reads it as float32. */
const epsilonOf = (ctx: KernelContext) => Math.fround(Number(ctx.attrs.epsilon ?? 0.0001));
const isTraining = (ctx: KernelContext) => ctx.attrs.is_training !== false;

function requireRank(ctx: KernelContext, what: string, a: InputSpec, rank: 1 | 4): void {
  if (a.shape.length !== rank) {
    // fused_batch_norm_op.cc: FusedBatchNormOpBase / FusedBatchNormGradOpBase::ComputeWithReservedSpace
    throw kernelError(ctx, "InvalidArgumentError", `${what} must be ${rank}-dimensional[${a.shape.join(",")}]`);
  }
}

/** TF 1.15 reads the vectors as `depth` long unchecked; later releases word the check this way. */
function requireDepth(ctx: KernelContext, what: string, length: number, depth: number): void {
  if (length !== depth) {
    throw kernelError(
      ctx,
      "InvalidArgumentError",
      `${what} must have the same number of elements as the channels of x, got ${length} and ${depth}`,
    );
  }
}

/** A prepared call over only the first `n` inputs (the rest are empty or unused, so neither copied nor bound). */
function firstInputs(call: PreparedKernel, n: number): PreparedKernel {
  const bind = call.bind;
  return {
    outputs: call.outputs,
    run: (inputs) => call.run(inputs.slice(0, n)),
    bind: bind && ((inputs, outs) => bind(inputs.slice(0, n), outs)),
  };
}

/** FusedBatchNormV3 of an empty x: no elements to normalize; training statistics are 0 / 0 (NaN), as TF's. */
function emptyBatch(rt: Runtime, outputs: readonly TensorSpec[], training: boolean): PreparedKernel {
  const [y, stat, , , , reserve] = outputs;
  const vector = (from: NDArray) =>
    training
      ? new rt.NDArray(stat.dtype, stat.shape, new Float32Array(sizeOf(stat.shape)).fill(Number.NaN))
      : new rt.NDArray(stat.dtype, stat.shape, Float32Array.from(from.toHost().data as Float32Array));
  return {
    outputs,
    run: ([, , , mean, variance]) => [
      new rt.NDArray(y.dtype, y.shape),
      vector(mean),
      vector(variance),
      vector(mean),
      vector(variance),
      new rt.NDArray(reserve.dtype, reserve.shape),
    ],
  };
}

function fusedBatchNormV3(rt: Runtime): NativeKernel {
  const fn = rt.fn.fusedBatchNormF32;
  return native(
    ([x, scale, offset, estimatedMean, estimatedVariance], ctx) => {
      variantOf(ctx, x.dtype, ["F32"]);
      variantOf(ctx, scale.dtype, ["F32"]);
      requireRank(ctx, "input", x, 4);
      requireRank(ctx, "scale", scale, 1);
      requireRank(ctx, "offset", offset, 1);
      requireRank(ctx, "estimated_mean", estimatedMean, 1);
      requireRank(ctx, "estimated_variance", estimatedVariance, 1);
      const training = isTraining(ctx);
      if (training) {
        // fused_batch_norm_op.cc: FusedBatchNormOpBase::ComputeWithReservedSpace (TF 1.15 wants empty statistics)
        for (const [what, a] of [
          ["estimated_mean", estimatedMean],
          ["estimated_variance", estimatedVariance],
        ] as const) {
          if (a.shape[0] !== 0) {
            throw kernelError(ctx, "InvalidArgumentError", `${what} must be empty for training[${a.shape.join(",")}]`);
          }
        }
      }
      checkNHWC(ctx);
      const depth = x.shape[3];
      requireDepth(ctx, "scale", scale.shape[0], depth);
      requireDepth(ctx, "offset", offset.shape[0], depth);
      if (!training) {
        requireDepth(ctx, "When is_training=false, mean", estimatedMean.shape[0], depth);
        requireDepth(ctx, "When is_training=false, variance", estimatedVariance.shape[0], depth);
      }
      const u = scale.dtype;
      const stat = { dtype: u, shape: [depth] };
      const outputs = [{ dtype: x.dtype, shape: x.shape }, stat, stat, stat, stat, { dtype: u, shape: [] }];
      if (sizeOf(x.shape) === 0) return emptyBatch(rt, outputs, training);
      const rest = sizeOf(x.shape) / depth;
      const eps = epsilonOf(ctx);
      const used = training ? 3 : 5;
      const call = pointerCall(
        rt,
        outputs,
        null,
        (p) => {
          const [px, ps, po] = p;
          const [pm, pv] = training ? [0, 0] : [p[3], p[4]];
          const [py, pbm, pbv, psm, psv, pr, scratch] = p.slice(used);
          return () => fn(px, ps, po, pm, pv, py, pbm, pbv, psm, psv, pr, scratch, rest, depth, eps, training ? 1 : 0);
        },
        [scratchBytes(depth)],
      );
      return firstInputs(call, used);
    },
    ["F32"],
    { accepts: nhwc },
  );
}

function fusedBatchNormGradV3(rt: Runtime): NativeKernel {
  const fn = rt.fn.fusedBatchNormGradF32;
  return native(
    ([yBackprop, x, scale, savedMean, savedVariance], ctx) => {
      variantOf(ctx, yBackprop.dtype, ["F32"]);
      variantOf(ctx, scale.dtype, ["F32"]);
      requireRank(ctx, "input", yBackprop, 4);
      requireRank(ctx, "input", x, 4);
      requireRank(ctx, "scale", scale, 1);
      requireRank(ctx, "saved mean", savedMean, 1);
      requireRank(ctx, "saved variance", savedVariance, 1);
      const u = scale.dtype;
      const depth = scale.shape[0];
      const outputs = [
        { dtype: x.dtype, shape: x.shape },
        { dtype: u, shape: [depth] },
        { dtype: u, shape: [depth] },
        { dtype: u, shape: [] },
        { dtype: u, shape: [] },
      ];
      if (yBackprop.shape.join(",") !== x.shape.join(",")) {
        // fused_batch_norm_op.cc: FusedBatchNormGradOpBase (later releases' check; TF 1.15 leaves it to Eigen)
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `x and y_backprop must have same shape, but x has shape [${x.shape.join(",")}] and y_backprop has shape [${yBackprop.shape.join(",")}]`,
        );
      }
      // An empty x: pointerCall makes zeros (empty x_backprop, zero scale and offset backprops).
      if (sizeOf(x.shape) !== 0) {
        checkNHWC(ctx);
        if (x.shape[3] !== depth || savedMean.shape[0] !== depth || savedVariance.shape[0] !== depth) {
          // Later releases' wording of the check TF 1.15 leaves to Eigen.
          requireDepth(ctx, "scale", depth, x.shape[3]);
        }
      }
      const rest = sizeOf(x.shape) / Math.max(depth, 1);
      const eps = epsilonOf(ctx);
      const training = isTraining(ctx) ? 1 : 0;
      const call = pointerCall(
        rt,
        outputs,
        null,
        ([pdy, px, ps, pm, pv, pdx, pds, pdo, pr4, pr5, scratch]) =>
          () =>
            fn(pdy, px, ps, pm, pv, pdx, pds, pdo, pr4, pr5, scratch, rest, depth, eps, training),
        [scratchBytes(depth)],
      );
      return firstInputs(call, 5);
    },
    ["F32"],
    { accepts: nhwc },
  );
}

export function batchNormKernels(rt: Runtime) {
  return {
    FusedBatchNormV3: fusedBatchNormV3(rt),
    FusedBatchNormGradV3: fusedBatchNormGradV3(rt),
  };
}
