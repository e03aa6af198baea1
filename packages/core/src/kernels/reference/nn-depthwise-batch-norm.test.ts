// The depthwise and fused-batch-norm reference kernels on their own: what TF 1.15's CPU kernels reject and how
// (depthwise_conv_op.cc, depthwise_conv_grad_op.cc, fused_batch_norm_op.cc), and the outputs the op tests do not see.
import { describe, expect, it } from "vitest";
import { InternalError, InvalidArgumentError, UnimplementedError } from "../../errors";
import { NDArray } from "../../framework/ndarray";
import type { Attrs, Kernel, KernelContext } from "../contract";
import { nnBatchNormKernels } from "./nn-batch-norm";
import { nnDepthwiseKernels } from "./nn-depthwise";

const K: Record<string, Kernel> = { ...nnDepthwiseKernels, ...nnBatchNormKernels };

function ctx(opType: string, attrs: Attrs): KernelContext {
  return {
    opName: "n",
    opType,
    attrs,
    outputDtypes: [],
    refName: () => undefined,
    variables: { get: () => undefined, set: () => {} },
  };
}

const f32 = (shape: number[], values?: number[]) =>
  new NDArray(
    "float32",
    shape,
    Float32Array.from(values ?? Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i + 1)),
  );
const i32 = (values: number[], shape = [values.length]) => new NDArray("int32", shape, Int32Array.from(values));
const run = (op: string, inputs: NDArray[], attrs: Attrs) => K[op](inputs, ctx(op, attrs));
const suffix = "\n\t [[{{node n}}]]";

describe("DepthwiseConv2dNative* reference kernels (depthwise_conv_op.cc, depthwise_conv_grad_op.cc)", () => {
  const attrs = { strides: [1, 1, 1, 1], padding: "VALID", data_format: "NHWC", dilations: [1, 1, 1, 1] };

  it("reject what the CPU kernels reject, with their messages", () => {
    const x = f32([1, 3, 3, 2]);
    const f = f32([2, 2, 2, 1]);
    expect(() => run("DepthwiseConv2dNative", [f32([1, 2, 3, 3]), f], { ...attrs, data_format: "NCHW" })).toThrow(
      new UnimplementedError(`Depthwise convolution on CPU is only supported for NHWC format${suffix}`),
    );
    expect(() => run("DepthwiseConv2dNative", [x, f], { ...attrs, strides: [1, 1, 2, 1] })).toThrow(
      new InvalidArgumentError(
        `Current implementation only supports equal length strides in the row and column dimensions.${suffix}`,
      ),
    );
    expect(() => run("DepthwiseConv2dNative", [x, f], { ...attrs, strides: [2, 1, 1, 1] })).toThrow(
      "Current implementation does not yet support strides in the batch and depth dimensions.",
    );
    expect(() => run("DepthwiseConv2dNative", [f32([3, 3, 2]), f], attrs)).toThrow(
      "input must be 4-dimensional[3,3,2]",
    );
    expect(() => run("DepthwiseConv2dNative", [x, f32([2, 2, 3, 1])], attrs)).toThrow(
      "input and filter must have the same depth: 2 vs 3",
    );
    expect(() => run("DepthwiseConv2dNative", [x, f32([5, 1, 2, 1])], attrs)).toThrow(
      "Computed output size would be negative: -1 [input_size: 3, effective_filter_size: 5, stride: 1]",
    );
    const dy = f32([1, 2, 2, 2]);
    expect(() => run("DepthwiseConv2dNativeBackpropInput", [i32([1, 4, 3, 2]), f, dy], attrs)).toThrow(
      "DepthwiseConv2DBackpropInput: Number of rows of out_backprop doesn't match computed: actual = 2, computed = 3",
    );
    expect(() => run("DepthwiseConv2dNativeBackpropInput", [i32([2, 3, 3, 2]), f, dy], attrs)).toThrow(
      "DepthwiseConv2DBackpropInput: input and out_backprop must have the same batch size",
    );
    expect(() => run("DepthwiseConv2dNativeBackpropFilter", [x, i32([2, 2, 2, 2]), dy], attrs)).toThrow(
      "DepthwiseConv2DBackpropFilter: depth_multiplier * in_depth not equal to out_depth",
    );
    expect(() => run("DepthwiseConv2dNativeBackpropFilter", [x, i32([2, 2, 3, 1]), dy], attrs)).toThrow(
      "DepthwiseConv2DBackpropFilter: input and filter must have the same in_depth",
    );
    expect(() => run("DepthwiseConv2dNativeBackpropInput", [i32([1, 3, 3, 2], [1, 4]), f, dy], attrs)).toThrow(
      "Conv2DBackpropInput: input_sizes input must be 1-dim, not 2",
    );
    expect(() => run("DepthwiseConv2dNativeBackpropFilter", [x, i32([2, -2, 2, 1]), dy], attrs)).toThrow(
      "Dimension 1 of filter_sizes must be >= 0",
    );
  });

  it("reads no dilations, as TF 1.15's CPU kernel does", () => {
    const x = f32([1, 3, 3, 1]);
    const f = f32([2, 2, 1, 1], [1, 0, 0, 1]);
    const plain = run("DepthwiseConv2dNative", [x, f], attrs)[0];
    const dilated = run("DepthwiseConv2dNative", [x, f], { ...attrs, dilations: [1, 2, 2, 1] })[0];
    expect(Array.from(dilated.data as Float32Array)).toEqual(Array.from(plain.data as Float32Array));
    expect(Array.from(plain.data as Float32Array)).toEqual([1 + 5, 2 + 6, 4 + 8, 5 + 9]);
  });
});

describe("FusedBatchNormV3 / FusedBatchNormGradV3 reference kernels (fused_batch_norm_op.cc, CPU)", () => {
  const attrs = { epsilon: 0.001, data_format: "NHWC", is_training: true };
  const empty = f32([0], []);

  it("training: batch_variance is Bessel-corrected, reserve_space_1/2 hold the mean and the biased variance, reserve_space_3 a scalar", () => {
    const x = f32([1, 2, 2, 1], [1, 2, 3, 6]);
    const [y, mean, variance, saved1, saved2, reserve3] = run(
      "FusedBatchNormV3",
      [x, f32([1], [2]), f32([1], [1]), empty, empty],
      attrs,
    );
    expect(Array.from(mean.data as Float32Array)).toEqual([3]);
    expect(Array.from(variance.data as Float32Array)).toEqual([Math.fround(14 / 3)]);
    expect(Array.from(saved1.data as Float32Array)).toEqual([3]);
    expect(Array.from(saved2.data as Float32Array)).toEqual([3.5]);
    expect([reserve3.shape, Array.from(reserve3.data as Float32Array)]).toEqual([[], [0]]);
    const inv = 2 / Math.sqrt(3.5 + Math.fround(0.001));
    expect(Array.from(y.data as Float32Array)).toEqual([1, 2, 3, 6].map((v) => Math.fround((v - 3) * inv + 1)));
  });

  it("inference passes the population statistics through as batch statistics", () => {
    const [y, mean, variance] = run(
      "FusedBatchNormV3",
      [f32([1, 1, 2, 1], [1, 3]), f32([1], [1]), f32([1], [0]), f32([1], [2]), f32([1], [4])],
      { ...attrs, is_training: false },
    );
    expect(Array.from(y.data as Float32Array)).toEqual(
      [-1, 1].map((v) => Math.fround(v / Math.sqrt(4 + Math.fround(0.001)))),
    );
    expect([Array.from(mean.data as Float32Array), Array.from(variance.data as Float32Array)]).toEqual([[2], [4]]);
  });

  it("reject what the CPU kernels reject, with their messages", () => {
    const x = f32([1, 2, 2, 1]);
    const s = f32([1], [1]);
    expect(() => run("FusedBatchNormV3", [x, s, s, empty, empty], { ...attrs, data_format: "NCHW" })).toThrow(
      new InternalError(`The CPU implementation of FusedBatchNorm only supports NHWC tensor format for now.${suffix}`),
    );
    expect(() => run("FusedBatchNormV3", [x, s, s, s, empty], attrs)).toThrow(
      new InvalidArgumentError(`estimated_mean must be empty for training[1]${suffix}`),
    );
    expect(() => run("FusedBatchNormV3", [f32([2, 1]), s, s, empty, empty], attrs)).toThrow(
      "input must be 4-dimensional[2,1]",
    );
    expect(() => run("FusedBatchNormV3", [x, f32([1, 1]), s, empty, empty], attrs)).toThrow(
      "scale must be 1-dimensional[1,1]",
    );
    expect(() => run("FusedBatchNormV3", [x, s, s, empty, empty], { ...attrs, is_training: false })).toThrow(
      "When is_training=false, mean must have the same number of elements as the channels of x, got 0 and 1",
    );
    const dy = f32([1, 2, 2, 1]);
    expect(() => run("FusedBatchNormGradV3", [dy, x, s, s, s, s], { ...attrs, data_format: "NCHW" })).toThrow(
      "The CPU implementation of FusedBatchNormGrad only supports NHWC tensor format for now.",
    );
    expect(() =>
      run("FusedBatchNormGradV3", [dy, x, s, s, s, s], { ...attrs, data_format: "NCHW", is_training: false }),
    ).toThrow(
      "The implementation of FusedBatchNormGrad with is_training=False only support NHWC tensor format for now.",
    );
    expect(() => run("FusedBatchNormGradV3", [dy, x, s, f32([1, 1]), s, s], attrs)).toThrow(
      "saved mean must be 1-dimensional[1,1]",
    );
  });

  it("the gradient kernel's reserve_space_4/5 are scalar zeros; an empty x gives zero scale and offset gradients", () => {
    const s = f32([2], [1, 1]);
    const [dx, dscale, doffset, r4, r5] = run(
      "FusedBatchNormGradV3",
      [f32([0, 2, 2, 2], []), f32([0, 2, 2, 2], []), s, s, s, s],
      attrs,
    );
    expect([dx.shape, Array.from(dscale.data as Float32Array), Array.from(doffset.data as Float32Array)]).toEqual([
      [0, 2, 2, 2],
      [0, 0],
      [0, 0],
    ]);
    expect([r4.shape, r5.shape, r4.data[0]]).toEqual([[], [], 0]);
  });
});
