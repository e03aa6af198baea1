// DepthwiseConv2dNative and its input / filter gradients (depthwise_conv_op.cc, depthwise_conv_grad_op.cc): TF's
// checks and the geometry once, in prepare; one direct-loop export per run (assembly/depthwise.ts). NHWC without
// dilations only: other calls run the reference kernel (TF 1.15's CPU kernels read one stride and no dilations).
import type { Attrs, InputSpec, KernelContext, PreparedKernel } from "@scopeflow/core/kernels";
import {
  attrNumbers,
  intsOf,
  kernelError,
  type NativeKernel,
  native,
  nhwc,
  pointerCall,
  type Runtime,
  variantOf,
} from "../runtime";

const ACCEPTS = {
  accepts: (attrs: Attrs) =>
    nhwc(attrs) &&
    (attrs.padding === "SAME" || attrs.padding === "VALID") &&
    attrNumbers(attrs, "dilations", [1, 1, 1, 1]).every((d) => d === 1),
};

const fail = (ctx: KernelContext, message: string) => kernelError(ctx, "InvalidArgumentError", message);

/** The kernels' constructors: one spatial stride, none on batch or depth. */
function strideOf(ctx: KernelContext): number {
  const strides = attrNumbers(ctx.attrs, "strides", [1, 1, 1, 1]);
  // depthwise_conv_op.cc / depthwise_conv_grad_op.cc: the kernels' constructors
  if (strides.length !== 4) throw fail(ctx, "Sliding window strides field must specify 4 dimensions");
  if (strides[1] !== strides[2]) {
    throw fail(ctx, "Current implementation only supports equal length strides in the row and column dimensions.");
  }
  if (strides[0] !== 1 || strides[3] !== 1) {
    throw fail(ctx, "Current implementation does not yet support strides in the batch and depth dimensions.");
  }
  return strides[1];
}

/** common_shape_fns.cc: GetWindowedOutputSizeVerbose: the output size and the padding before. */
function windowedSize(ctx: KernelContext, input: number, filter: number, stride: number): [number, number] {
  const same = ctx.attrs.padding === "SAME";
  const out = same ? Math.trunc((input + stride - 1) / stride) : Math.trunc((input - filter + stride) / stride);
  if (out < 0) {
    // common_shape_fns.cc: GetWindowedOutputSizeVerboseV2
    throw fail(
      ctx,
      `Computed output size would be negative: ${out} [input_size: ${input}, effective_filter_size: ${filter}, stride: ${stride}]`,
    );
  }
  return [out, same ? Math.trunc(Math.max(0, (out - 1) * stride + filter - input) / 2) : 0];
}

/** The descriptor [N, H, W, C, KH, KW, OH, OW, sH, sW, padTop, padLeft, M] and the output dims [N, OH, OW, C*M]. */
function geometry(ctx: KernelContext, input: number[], filter: number[], label?: string): number[] {
  const stride = strideOf(ctx);
  const [n, h, w, c] = input;
  const [kh, kw, fc, m] = filter;
  if (c !== fc) {
    // depthwise_conv_op.cc: Compute / depthwise_conv_grad_op.cc: EXTRACT_AND_VERIFY_DIMENSIONS
    throw fail(
      ctx,
      label === undefined
        ? `input and filter must have the same depth: ${c} vs ${fc}`
        : `${label}: input and filter must have the same in_depth`,
    );
  }
  const [oh, padTop] = windowedSize(ctx, h, kh, stride);
  const [ow, padLeft] = windowedSize(ctx, w, kw, stride);
  return [n, h, w, c, kh, kw, oh, ow, stride, stride, padTop, padLeft, m];
}

function checkRanks(ctx: KernelContext, label: string, shapes: [string, readonly number[]][]): void {
  for (const [what, s] of shapes) {
    // depthwise_conv_grad_op.cc: EXTRACT_AND_VERIFY_DIMENSIONS
    if (s.length !== 4) throw fail(ctx, `${label}: ${what} must be 4-dimensional`);
  }
}

/** depthwise_conv_grad_op.cc: EXTRACT_AND_VERIFY_DIMENSIONS: out_backprop agrees with the forward geometry. */
function checkOutBackprop(ctx: KernelContext, label: string, desc: number[], dy: readonly number[]): void {
  const [n, , , c, , , oh, ow, , , , , m] = desc;
  const [dn, rows, cols, depth] = dy;
  if (dn !== n) throw fail(ctx, `${label}: input and out_backprop must have the same batch size`);
  if (m * c !== depth) throw fail(ctx, `${label}: depth_multiplier * in_depth not equal to out_depth`);
  if (rows !== oh) {
    throw fail(
      ctx,
      `${label}: Number of rows of out_backprop doesn't match computed: actual = ${rows}, computed = ${oh}`,
    );
  }
  if (cols !== ow) {
    throw fail(
      ctx,
      `${label}: Number of cols of out_backprop doesn't match computed: actual = ${cols}, computed = ${ow}`,
    );
  }
}

/** The `[4]` values of a shape-vector input (TF's label names the Conv2D op: Conv2DBackpropInput / Filter). */
function sizesOf(ctx: KernelContext, sizes: InputSpec, arg: "input_sizes" | "filter_sizes"): number[] {
  const op = ctx.opType.replace("Depthwise", "").replace("2dNative", "2D");
  // depthwise_conv_grad_op.cc: Compute
  if (sizes.shape.length !== 1) throw fail(ctx, `${op}: ${arg} input must be 1-dim, not ${sizes.shape.length}`);
  const values = intsOf(sizes);
  values.forEach((v, i) => {
    if (v < 0) throw fail(ctx, `Dimension ${i} of ${arg} must be >= 0`);
  });
  return values;
}

/** One export call over [a, b, out] pointers (a value input in between is skipped) with the geometry descriptor. */
function call(rt: Runtime, name: string, out: InputSpec, desc: number[], skip: number): PreparedKernel {
  const fn = rt.fn[name];
  return pointerCall(rt, [{ dtype: out.dtype, shape: out.shape }], desc, (p, d) => {
    const [a, b, o] = p.filter((_, i) => i !== skip);
    return () => fn(a, b, o, d);
  });
}

function depthwiseConv2d(rt: Runtime): NativeKernel {
  return native(
    ([x, filter], ctx) => {
      variantOf(ctx, x.dtype, ["F32"]);
      strideOf(ctx);
      // depthwise_conv_op.cc: DepthwiseConv2dNativeOp::Compute
      if (x.shape.length !== 4) throw fail(ctx, `input must be 4-dimensional[${x.shape.join(",")}]`);
      if (filter.shape.length !== 4) throw fail(ctx, `filter must be 4-dimensional: [${filter.shape.join(",")}]`);
      const desc = geometry(ctx, [...x.shape], [...filter.shape]);
      const shape = [desc[0], desc[6], desc[7], desc[3] * desc[12]];
      return call(rt, "depthwiseConv2dF32", { dtype: x.dtype, shape }, desc, -1);
    },
    ["F32"],
    ACCEPTS,
  );
}

function depthwiseConv2dBackpropInput(rt: Runtime): NativeKernel {
  return native(
    ([inputSizes, filter, dy], ctx) => {
      variantOf(ctx, filter.dtype, ["F32"]);
      const label = "DepthwiseConv2DBackpropInput";
      strideOf(ctx);
      const shape = sizesOf(ctx, inputSizes, "input_sizes");
      checkRanks(ctx, label, [
        ["input", shape],
        ["filter", filter.shape],
        ["out_backprop", dy.shape],
      ]);
      const desc = geometry(ctx, shape, [...filter.shape], label);
      checkOutBackprop(ctx, label, desc, dy.shape);
      return call(rt, "depthwiseConv2dBackpropInputF32", { dtype: filter.dtype, shape }, desc, 0);
    },
    ["F32"],
    { ...ACCEPTS, typedInput: 1, valueInputs: [0] },
  );
}

function depthwiseConv2dBackpropFilter(rt: Runtime): NativeKernel {
  return native(
    ([x, filterSizes, dy], ctx) => {
      variantOf(ctx, x.dtype, ["F32"]);
      const label = "DepthwiseConv2DBackpropFilter";
      strideOf(ctx);
      const shape = sizesOf(ctx, filterSizes, "filter_sizes");
      checkRanks(ctx, label, [
        ["input", x.shape],
        ["filter", shape],
        ["out_backprop", dy.shape],
      ]);
      const desc = geometry(ctx, [...x.shape], shape, label);
      checkOutBackprop(ctx, label, desc, dy.shape);
      return call(rt, "depthwiseConv2dBackpropFilterF32", { dtype: x.dtype, shape }, desc, 1);
    },
    ["F32"],
    { ...ACCEPTS, valueInputs: [1] },
  );
}

export function depthwiseKernels(rt: Runtime) {
  return {
    DepthwiseConv2dNative: depthwiseConv2d(rt),
    DepthwiseConv2dNativeBackpropInput: depthwiseConv2dBackpropInput(rt),
    DepthwiseConv2dNativeBackpropFilter: depthwiseConv2dBackpropFilter(rt),
  };
}
