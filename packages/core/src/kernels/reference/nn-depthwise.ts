// depthwise_conv_op.cc, depthwise_conv_grad_op.cc (CPU): direct loops over NHWC input with a [FH, FW, C, M] filter,
// output channel c * M + m. TF 1.15's CPU kernels read one stride (rows == cols) and no dilations.
import { InvalidArgumentError, UnimplementedError } from "../../errors";
import type { NDArray } from "../../framework/ndarray";
import { opDefs } from "../../ops/op-defs";
import type { Kernel, KernelContext } from "../contract";
import { registerKernels } from "../lazy-kernel-registry";
import { fromNumbers, nodeSuffix, numbers, shapeValues } from "./nn-util";

/** The geometry of one depthwise convolution (NHWC). */
interface Geometry {
  n: number;
  h: number;
  w: number;
  c: number;
  fh: number;
  fw: number;
  m: number;
  oh: number;
  ow: number;
  stride: number;
  padTop: number;
  padLeft: number;
}

const fail = (ctx: KernelContext, message: string) => new InvalidArgumentError(`${message}${nodeSuffix(ctx)}`);

/** depthwise_conv_op.cc: DepthwiseConv2dNativeOp's constructor (and the backprop ops'): one spatial stride. */
function strideOf(ctx: KernelContext): number {
  const strides = ctx.attrs.strides as number[];
  // depthwise_conv_op.cc / depthwise_conv_grad_op.cc: the kernels' constructors
  if (strides.length !== 4) throw fail(ctx, "Sliding window strides field must specify 4 dimensions");
  const nchw = ctx.attrs.data_format === "NCHW";
  const [n, h, w, c] = nchw ? [strides[0], strides[2], strides[3], strides[1]] : strides;
  if (h !== w) {
    throw fail(ctx, "Current implementation only supports equal length strides in the row and column dimensions.");
  }
  if (n !== 1 || c !== 1) {
    throw fail(ctx, "Current implementation does not yet support strides in the batch and depth dimensions.");
  }
  return h;
}

/** common_shape_fns.cc: GetWindowedOutputSizeVerbose: the output size and the padding before (C++ division). */
function windowedSize(ctx: KernelContext, input: number, filter: number, stride: number): [number, number] {
  const same = ctx.attrs.padding === "SAME";
  const out = same ? Math.trunc((input + stride - 1) / stride) : Math.trunc((input - filter + stride) / stride);
  // common_shape_fns.cc: GetWindowedOutputSizeVerboseV2
  if (out < 0) {
    throw fail(
      ctx,
      `Computed output size would be negative: ${out} [input_size: ${input}, effective_filter_size: ${filter}, stride: ${stride}]`,
    );
  }
  const padBefore = same ? Math.trunc(Math.max(0, (out - 1) * stride + filter - input) / 2) : 0;
  return [out, padBefore];
}

/** Input and filter dims by data_format; NCHW fails on the CPU as TF's LaunchDepthwiseConvOp does. */
function geometry(ctx: KernelContext, inputShape: number[], filterShape: number[], label?: string): Geometry {
  const stride = strideOf(ctx);
  const nchw = ctx.attrs.data_format === "NCHW";
  const [n, h, w, c] = nchw ? [inputShape[0], inputShape[2], inputShape[3], inputShape[1]] : inputShape;
  const [fh, fw, fc, m] = filterShape;
  if (c !== fc) {
    // depthwise_conv_op.cc: Compute / depthwise_conv_grad_op.cc: EXTRACT_AND_VERIFY_DIMENSIONS
    throw fail(
      ctx,
      label === undefined
        ? `input and filter must have the same depth: ${c} vs ${fc}`
        : `${label}: input and filter must have the same in_depth`,
    );
  }
  const [oh, padTop] = windowedSize(ctx, h, fh, stride);
  const [ow, padLeft] = windowedSize(ctx, w, fw, stride);
  if (nchw) {
    // depthwise_conv_op.cc: LaunchDepthwiseConvOp<CPUDevice>
    throw new UnimplementedError(`Depthwise convolution on CPU is only supported for NHWC format${nodeSuffix(ctx)}`);
  }
  return { n, h, w, c, fh, fw, m, oh, ow, stride, padTop, padLeft };
}

/** Visits every (input cell, filter tap, output cell) triple with flat NHWC / [FH,FW,C,M] indices. */
function forEachTap(g: Geometry, visit: (xi: number, fi: number, yi: number) => void): void {
  const od = g.c * g.m;
  for (let b = 0; b < g.n; b++) {
    for (let oy = 0; oy < g.oh; oy++) {
      for (let ox = 0; ox < g.ow; ox++) {
        for (let ky = 0; ky < g.fh; ky++) {
          const iy = oy * g.stride + ky - g.padTop;
          if (iy < 0 || iy >= g.h) continue;
          for (let kx = 0; kx < g.fw; kx++) {
            const ix = ox * g.stride + kx - g.padLeft;
            if (ix < 0 || ix >= g.w) continue;
            for (let ic = 0; ic < g.c; ic++) {
              const xi = ((b * g.h + iy) * g.w + ix) * g.c + ic;
              for (let q = 0; q < g.m; q++) {
                const fi = ((ky * g.fw + kx) * g.c + ic) * g.m + q;
                visit(xi, fi, ((b * g.oh + oy) * g.ow + ox) * od + ic * g.m + q);
              }
            }
          }
        }
      }
    }
  }
}

function checkRanks(ctx: KernelContext, label: string, shapes: [string, number[]][]): void {
  for (const [what, s] of shapes) {
    // depthwise_conv_grad_op.cc: EXTRACT_AND_VERIFY_DIMENSIONS
    if (s.length !== 4) throw fail(ctx, `${label}: ${what} must be 4-dimensional`);
  }
}

/** depthwise_conv_grad_op.cc: EXTRACT_AND_VERIFY_DIMENSIONS: out_backprop agrees with the forward geometry. */
function checkOutBackprop(ctx: KernelContext, label: string, g: Geometry, dy: NDArray): void {
  const [n, rows, cols, depth] = dy.shape;
  // depthwise_conv_grad_op.cc: EXTRACT_AND_VERIFY_DIMENSIONS
  if (n !== g.n) throw fail(ctx, `${label}: input and out_backprop must have the same batch size`);
  if (g.m * g.c !== depth) throw fail(ctx, `${label}: depth_multiplier * in_depth not equal to out_depth`);
  if (rows !== g.oh) {
    throw fail(
      ctx,
      `${label}: Number of rows of out_backprop doesn't match computed: actual = ${rows}, computed = ${g.oh}`,
    );
  }
  if (cols !== g.ow) {
    throw fail(
      ctx,
      `${label}: Number of cols of out_backprop doesn't match computed: actual = ${cols}, computed = ${g.ow}`,
    );
  }
}

/** The `[4]` values of a shape-vector input, as the backprop kernels check them. */
function sizesOf(ctx: KernelContext, sizes: NDArray, arg: "input_sizes" | "filter_sizes"): number[] {
  if (sizes.shape.length !== 1) {
    // depthwise_conv_grad_op.cc: Compute (TF's label names the Conv2D op)
    const op = arg === "input_sizes" ? opDefs.Conv2DBackpropInput.type : opDefs.Conv2DBackpropFilter.type;
    throw fail(ctx, `${op}: ${arg} input must be 1-dim, not ${sizes.shape.length}`);
  }
  const values = shapeValues(sizes);
  values.forEach((v, i) => {
    if (v < 0) throw fail(ctx, `Dimension ${i} of ${arg} must be >= 0`);
  });
  return values;
}

/** depthwise_conv_op.cc: output[b, i, j, k * M + q] = sum filter[di, dj, k, q] * input[b, i*s + di - pad, ...]. */
const depthwiseConv2dNative: Kernel = ([input, filter], ctx) => {
  strideOf(ctx);
  // depthwise_conv_op.cc: DepthwiseConv2dNativeOp::Compute
  if (input.shape.length !== 4) throw fail(ctx, `input must be 4-dimensional[${input.shape.join(",")}]`);
  if (filter.shape.length !== 4) throw fail(ctx, `filter must be 4-dimensional: [${filter.shape.join(",")}]`);
  const g = geometry(ctx, input.shape, filter.shape);
  const x = numbers(input);
  const f = numbers(filter);
  const y = new Float64Array(g.n * g.oh * g.ow * g.c * g.m);
  forEachTap(g, (xi, fi, yi) => {
    y[yi] += x[xi] * f[fi];
  });
  return [fromNumbers(input.dtype, [g.n, g.oh, g.ow, g.c * g.m], y)];
};

/** depthwise_conv_grad_op.cc: DepthwiseConv2dNativeBackpropInputOp: dx[x cell] += dy[y cell] * f[tap]. */
const depthwiseConv2dNativeBackpropInput: Kernel = ([inputSizes, filter, outBackprop], ctx) => {
  const label = "DepthwiseConv2DBackpropInput";
  strideOf(ctx);
  const inputShape = sizesOf(ctx, inputSizes, "input_sizes");
  checkRanks(ctx, label, [
    ["input", inputShape],
    ["filter", filter.shape],
    ["out_backprop", outBackprop.shape],
  ]);
  const g = geometry(ctx, inputShape, filter.shape, label);
  checkOutBackprop(ctx, label, g, outBackprop);
  const f = numbers(filter);
  const dy = numbers(outBackprop);
  const dx = new Float64Array(g.n * g.h * g.w * g.c);
  forEachTap(g, (xi, fi, yi) => {
    dx[xi] += dy[yi] * f[fi];
  });
  return [fromNumbers(filter.dtype, inputShape, dx)];
};

/** depthwise_conv_grad_op.cc: DepthwiseConv2dNativeBackpropFilterOp: df[tap] += x[x cell] * dy[y cell]. */
const depthwiseConv2dNativeBackpropFilter: Kernel = ([input, filterSizes, outBackprop], ctx) => {
  const label = "DepthwiseConv2DBackpropFilter";
  strideOf(ctx);
  const filterShape = sizesOf(ctx, filterSizes, "filter_sizes");
  checkRanks(ctx, label, [
    ["input", input.shape],
    ["filter", filterShape],
    ["out_backprop", outBackprop.shape],
  ]);
  const g = geometry(ctx, input.shape, filterShape, label);
  checkOutBackprop(ctx, label, g, outBackprop);
  const x = numbers(input);
  const dy = numbers(outBackprop);
  const df = new Float64Array(g.fh * g.fw * g.c * g.m);
  forEachTap(g, (xi, fi, yi) => {
    df[fi] += x[xi] * dy[yi];
  });
  return [fromNumbers(input.dtype, filterShape, df)];
};

export const nnDepthwiseKernels = {
  DepthwiseConv2dNative: depthwiseConv2dNative,
  DepthwiseConv2dNativeBackpropInput: depthwiseConv2dNativeBackpropInput,
  DepthwiseConv2dNativeBackpropFilter: depthwiseConv2dNativeBackpropFilter,
} satisfies Record<string, Kernel>;

/** Makes this family run in every Session (idempotent): the module that builds its ops calls it when loaded. */
export function useDepthwiseKernels(): void {
  registerKernels(nnDepthwiseKernels);
}
