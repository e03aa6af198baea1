// FusedBatchNormV3 (training and inference) and FusedBatchNormGradV3 (fused_batch_norm_op.cc, CPU functors), NHWC:
// per-channel statistics over [rest = N*H*W, depth] in float64, channel counts that hit the SIMD loop and its tail,
// an empty batch, and TF's error messages.
import { caseRandom, type KernelCase, size } from "./case-tensor";

const EPSILON = Math.fround(0.001);

/** Per-channel mean and biased variance of a [rest, depth] view. */
function moments(x: number[], depth: number): { mean: number[]; variance: number[] } {
  const rest = x.length / depth;
  const mean = new Array(depth).fill(0);
  const variance = new Array(depth).fill(0);
  x.forEach((v, i) => {
    mean[i % depth] += v / rest;
  });
  x.forEach((v, i) => {
    variance[i % depth] += (v - mean[i % depth]) ** 2 / rest;
  });
  return { mean, variance };
}

export function batchNormCases(): KernelCase[] {
  const { values, f32 } = caseRandom(111);
  const cases: KernelCase[] = [];
  for (const shape of [
    [2, 3, 3, 1],
    [1, 2, 5, 3],
    [2, 4, 4, 4],
    [3, 1, 7, 5],
    [2, 5, 3, 17],
  ]) {
    const depth = shape[3];
    const rest = size(shape) / depth;
    const x = f32(shape, values(size(shape), -3, 5));
    const scale = f32([depth], values(depth, 0.5, 2));
    const offset = f32([depth]);
    const popMean = f32([depth], values(depth, -1, 1));
    const popVariance = f32([depth], values(depth, 0.5, 2));
    const dy = f32(shape);
    const title = `[${shape}]`;
    const attrs = (training: boolean) => ({ epsilon: EPSILON, data_format: "NHWC", is_training: training });
    const normalize = (mean: number[], variance: number[]) =>
      x.data.map((v, i) => {
        const c = i % depth;
        return ((v - mean[c]) * scale.data[c]) / Math.sqrt(variance[c] + EPSILON) + offset.data[c];
      });

    const { mean, variance } = moments(x.data, depth);
    const corrected = variance.map((v) => (v * rest) / (rest > 1 ? rest - 1 : 1));
    const vector = (data: number[]) => f32([depth], data);
    cases.push({
      op: "FusedBatchNormV3",
      title: `${title} training`,
      inputs: [x, scale, offset, f32([0]), f32([0])],
      attrs: attrs(true),
      expected: [
        f32(shape, normalize(mean, variance)),
        vector(mean),
        vector(corrected),
        vector(mean),
        vector(variance),
        f32([], [0]),
      ],
      tol: 1e-4,
    });
    cases.push({
      op: "FusedBatchNormV3",
      title: `${title} inference`,
      inputs: [x, scale, offset, popMean, popVariance],
      attrs: attrs(false),
      expected: [
        f32(shape, normalize(popMean.data, popVariance.data)),
        popMean,
        popVariance,
        popMean,
        popVariance,
        f32([], [0]),
      ],
      tol: 1e-5,
    });

    for (const training of [true, false]) {
      const m = training ? mean : popMean.data;
      const v = training ? variance : popVariance.data;
      const rsqrt = v.map((s) => 1 / Math.sqrt(s + EPSILON));
      const sumDy = new Array(depth).fill(0);
      const sumDyXc = new Array(depth).fill(0);
      dy.data.forEach((g, i) => {
        sumDy[i % depth] += g;
        sumDyXc[i % depth] += g * (x.data[i] - m[i % depth]);
      });
      const dx = dy.data.map((g, i) => {
        const c = i % depth;
        const k = scale.data[c] * rsqrt[c];
        if (!training) return g * k;
        return k * (g - sumDy[c] / rest - ((x.data[i] - m[c]) * rsqrt[c] * rsqrt[c] * sumDyXc[c]) / rest);
      });
      cases.push({
        op: "FusedBatchNormGradV3",
        title: `${title} ${training ? "training" : "inference"}`,
        inputs: [dy, x, scale, vector(m), vector(v), f32([], [0])],
        attrs: attrs(training),
        expected: [
          f32(shape, dx),
          vector(sumDyXc.map((s, c) => s * rsqrt[c])),
          vector(sumDy),
          f32([], [0]),
          f32([], [0]),
        ],
        tol: 1e-4,
      });
    }
  }

  const nan = Number.NaN;
  const three = f32([3], [1, 2, 3]);
  cases.push(
    {
      op: "FusedBatchNormV3",
      title: "empty batch, training: statistics are 0 / 0",
      inputs: [f32([0, 2, 2, 3]), three, three, f32([0]), f32([0])],
      attrs: { epsilon: EPSILON, is_training: true },
      expected: [
        f32([0, 2, 2, 3], []),
        f32([3], [nan, nan, nan]),
        f32([3], [nan, nan, nan]),
        f32([3], [nan, nan, nan]),
        f32([3], [nan, nan, nan]),
        f32([], [0]),
      ],
    },
    {
      op: "FusedBatchNormV3",
      title: "empty batch, inference: the population statistics pass through",
      inputs: [f32([0, 2, 2, 3]), three, three, f32([3], [4, 5, 6]), f32([3], [7, 8, 9])],
      attrs: { epsilon: EPSILON, is_training: false },
      expected: [
        f32([0, 2, 2, 3], []),
        f32([3], [4, 5, 6]),
        f32([3], [7, 8, 9]),
        f32([3], [4, 5, 6]),
        f32([3], [7, 8, 9]),
        f32([], [0]),
      ],
    },
    {
      op: "FusedBatchNormGradV3",
      title: "empty batch",
      inputs: [f32([0, 2, 2, 3]), f32([0, 2, 2, 3]), three, three, three, f32([], [0])],
      attrs: { epsilon: EPSILON, is_training: true },
      expected: [f32([0, 2, 2, 3], []), f32([3], [0, 0, 0]), f32([3], [0, 0, 0]), f32([], [0]), f32([], [0])],
    },
    {
      op: "FusedBatchNormV3",
      title: "x of rank 3",
      inputs: [f32([2, 2, 3]), three, three, f32([0]), f32([0])],
      attrs: { is_training: true },
      expected: [],
      throws: "input must be 4-dimensional[2,2,3]",
    },
    {
      op: "FusedBatchNormV3",
      title: "statistics given in training",
      inputs: [f32([1, 2, 2, 3]), three, three, three, three],
      attrs: { is_training: true },
      expected: [],
      throws: "estimated_mean must be empty for training[3]",
    },
    {
      op: "FusedBatchNormV3",
      title: "scale of the wrong depth",
      inputs: [f32([1, 2, 2, 3]), f32([2]), three, f32([0]), f32([0])],
      attrs: { is_training: true },
      expected: [],
      throws: "scale must have the same number of elements as the channels of x, got 2 and 3",
    },
    {
      op: "FusedBatchNormGradV3",
      title: "y_backprop of another shape than x",
      inputs: [f32([1, 2, 2, 3]), f32([1, 2, 1, 3]), three, three, three, f32([], [0])],
      attrs: { is_training: true },
      expected: [],
      throws: "x and y_backprop must have same shape, but x has shape [1,2,1,3] and y_backprop has shape [1,2,2,3]",
    },
    {
      op: "FusedBatchNormGradV3",
      title: "saved mean of rank 2",
      inputs: [f32([1, 2, 2, 3]), f32([1, 2, 2, 3]), three, f32([1, 3]), three, f32([], [0])],
      attrs: { is_training: true },
      expected: [],
      throws: "saved mean must be 1-dimensional[1,3]",
    },
  );
  return cases;
}
