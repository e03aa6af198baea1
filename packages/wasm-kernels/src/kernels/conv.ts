// Conv2D (im2col + GEMM), its two gradients, and pools. NHWC only; padding per TF's GetWindowedOutputSize. Checks,
// geometry and descriptor once, in prepare; a run is the export calls over pointers (scratch: im2col's columns).
import type { Attrs, KernelContext, PreparedKernel, TensorSpec } from "@scopeflow/core/kernels";
import {
  attrNumbers,
  COPY_WORK,
  checkNHWC,
  intsOf,
  kernelError,
  type NativeKernel,
  native,
  nhwc,
  pointerCall,
  type Runtime,
  variantOf,
} from "../runtime";
import { gemm } from "./matmul";

const windowedPadding = (attrs: Attrs) => nhwc(attrs) && (attrs.padding === "SAME" || attrs.padding === "VALID");
const CONV_ATTRS = {
  accepts: (attrs: Attrs) =>
    windowedPadding(attrs) && attrNumbers(attrs, "dilations", [1, 1, 1, 1]).every((d) => d === 1),
};
const POOL_ATTRS = { accepts: windowedPadding };

interface Geometry {
  n: number;
  h: number;
  w: number;
  c: number;
  kh: number;
  kw: number;
  oh: number;
  ow: number;
  sh: number;
  sw: number;
  padTop: number;
  padLeft: number;
}

/** ops_util.cc GetWindowedOutputSizeVerbose: VALID = ceil((in - k + 1) / s), SAME = ceil(in / s), pad before = floor(total / 2). */
function windowed(ctx: KernelContext, size: number, k: number, s: number, padding: string): [number, number] {
  if (padding === "VALID") return [Math.max(Math.ceil((size - k + 1) / s), 0), 0];
  if (padding === "SAME") {
    const out = Math.ceil(size / s);
    return [out, Math.floor(Math.max((out - 1) * s + k - size, 0) / 2)];
  }
  throw kernelError(
    ctx,
    "UnimplementedError",
    `${ctx.opType} padding ${JSON.stringify(padding)} has no wasm kernel (SAME and VALID do)`,
  );
}

function geometry(ctx: KernelContext, input: readonly number[], kh: number, kw: number): Geometry {
  checkNHWC(ctx);
  const dilations = attrNumbers(ctx.attrs, "dilations", [1, 1, 1, 1]);
  if (dilations.some((d) => d !== 1)) {
    throw kernelError(
      ctx,
      "UnimplementedError",
      `${ctx.opType} with dilations [${dilations.join(",")}] has no wasm kernel`,
    );
  }
  const strides = attrNumbers(ctx.attrs, "strides", [1, 1, 1, 1]);
  if (strides.length !== 4 || strides[0] !== 1 || strides[3] !== 1) {
    // conv_ops.cc: Conv2DOp (InitConv2DParameters)
    throw kernelError(
      ctx,
      "InvalidArgumentError",
      "Current implementation does not yet support strides in the batch and depth dimensions.",
    );
  }
  const padding = String(ctx.attrs.padding);
  const [n, h, w, c] = input;
  const [oh, padTop] = windowed(ctx, h, kh, strides[1], padding);
  const [ow, padLeft] = windowed(ctx, w, kw, strides[2], padding);
  return { n, h, w, c, kh, kw, oh, ow, sh: strides[1], sw: strides[2], padTop, padLeft };
}

/** The kernels' geometry descriptor: [N, H, W, C, KH, KW, OH, OW, strideH, strideW, padTop, padLeft]. */
function descOf(g: Geometry): number[] {
  return [g.n, g.h, g.w, g.c, g.kh, g.kw, g.oh, g.ow, g.sh, g.sw, g.padTop, g.padLeft];
}

function checkRank4(ctx: KernelContext, what: string, shape: readonly number[]): void {
  if (shape.length !== 4) {
    // conv_ops.cc / pooling_ops_common.cc
    throw kernelError(ctx, "InvalidArgumentError", `${what} must be 4-dimensional: [${shape.join(",")}]`);
  }
}

/** out_backprop must have the shape the forward Conv2D gives for this geometry. */
function checkOutBackprop(ctx: KernelContext, opType: string, dy: readonly number[], computed: number[]): void {
  if (dy.join(",") !== computed.join(",")) {
    // conv_grad_ops.cc: ConvBackpropComputeDimensions
    throw kernelError(
      ctx,
      "InvalidArgumentError",
      `${opType}: out_backprop shape [${dy.join(",")}] does not match the computed [${computed.join(",")}]`,
    );
  }
}

/** im2colF32 over `rows` output pixels of `depth` floats each, split by pixel across threads when it is big. */
function im2col(rt: Runtime, x: number, cols: number, desc: number, rows: number, depth: number): void {
  const parts = rt.threadsFor(rows * depth * COPY_WORK, rows);
  if (parts === 1) rt.fn.im2colF32(x, cols, desc);
  else rt.splitRows("im2colRowsF32", rows, 1, parts, (lo, hi) => [x, cols, desc, lo, hi]);
}

function conv2D(rt: Runtime): NativeKernel {
  return native(
    ([x, filter], ctx) => {
      variantOf(ctx, x.dtype, ["F32"]);
      checkRank4(ctx, "input", x.shape);
      checkRank4(ctx, "filter", filter.shape);
      const [kh, kw, fc, oc] = filter.shape;
      if (fc !== x.shape[3]) {
        // conv_ops.cc: Conv2DOp::Compute
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `input depth must be evenly divisible by filter depth: ${x.shape[3]} vs ${fc}`,
        );
      }
      const g = geometry(ctx, x.shape, kh, kw);
      const rows = g.n * g.oh * g.ow;
      const depth = kh * kw * fc;
      return pointerCall(
        rt,
        [{ dtype: x.dtype, shape: [g.n, g.oh, g.ow, oc] }],
        descOf(g),
        ([px, pf, out, cols], desc) =>
          () => {
            im2col(rt, px, cols, desc, rows, depth);
            gemm(rt, cols, pf, out, rows, oc, depth, 0, 0);
          },
        [rows * depth * 4],
      );
    },
    ["F32"],
    CONV_ATTRS,
  );
}

/** Conv2DBackpropInput(input_sizes, filter, out_backprop): dcols = dy * filter^T, then col2im. */
function conv2DBackpropInput(rt: Runtime): NativeKernel {
  return native(
    ([inputSizes, filter, dy], ctx) => {
      variantOf(ctx, filter.dtype, ["F32"]);
      const inShape = intsOf(inputSizes);
      checkRank4(ctx, "input_sizes", inShape);
      const [kh, kw, fc, oc] = filter.shape;
      const g = geometry(ctx, inShape, kh, kw);
      const rows = g.n * g.oh * g.ow;
      const depth = kh * kw * fc;
      checkOutBackprop(ctx, ctx.opType, dy.shape, [g.n, g.oh, g.ow, oc]);
      const { col2imF32 } = rt.fn;
      return pointerCall(
        rt,
        [{ dtype: filter.dtype, shape: inShape }],
        descOf(g),
        ([, pf, pdy, dx, dcols], desc) =>
          () => {
            gemm(rt, pdy, pf, dcols, rows, depth, oc, 0, 1);
            col2imF32(dcols, dx, desc);
          },
        [rows * depth * 4],
      );
    },
    ["F32"],
    { ...CONV_ATTRS, typedInput: 1, valueInputs: [0] },
  );
}

/** Conv2DBackpropFilter(input, filter_sizes, out_backprop): dfilter = im2col(x)^T * dy (transposed by packing). */
function conv2DBackpropFilter(rt: Runtime): NativeKernel {
  return native(
    ([x, filterSizes, dy], ctx) => {
      variantOf(ctx, x.dtype, ["F32"]);
      const fShape = intsOf(filterSizes);
      checkRank4(ctx, "filter_sizes", fShape);
      const [kh, kw, fc, oc] = fShape;
      const g = geometry(ctx, x.shape, kh, kw);
      const rows = g.n * g.oh * g.ow;
      const depth = kh * kw * fc;
      checkOutBackprop(ctx, ctx.opType, dy.shape, [g.n, g.oh, g.ow, oc]);
      return pointerCall(
        rt,
        [{ dtype: x.dtype, shape: fShape }],
        descOf(g),
        ([px, , pdy, out, cols], desc) =>
          () => {
            if (rows > 0) im2col(rt, px, cols, desc, rows, depth);
            gemm(rt, cols, pdy, out, depth, oc, rows, 1, 0);
          },
        [rows * depth * 4],
      );
    },
    ["F32"],
    { ...CONV_ATTRS, valueInputs: [1] },
  );
}

function poolGeometry(ctx: KernelContext, input: readonly number[]): Geometry {
  const ksize = attrNumbers(ctx.attrs, "ksize", []);
  if (ksize.length !== 4 || ksize[0] !== 1 || ksize[3] !== 1) {
    // pooling_ops_common.cc: PoolParameters
    throw kernelError(ctx, "UnimplementedError", "Pooling is not yet supported on the batch nor depth dimension.");
  }
  return geometry(ctx, input, ksize[1], ksize[2]);
}

/** One pooling export over the call's pointers (`skip`: a shape input it does not read) and the descriptor. */
function poolCall(rt: Runtime, name: string, output: TensorSpec, g: Geometry, skip = -1): PreparedKernel {
  const fn = rt.fn[name];
  return pointerCall(rt, [output], descOf(g), (p, desc) => {
    const args = p.filter((_, i) => i !== skip);
    if (args.length === 2) return () => fn(args[0], args[1], desc);
    return () => fn(args[0], args[1], args[2], desc);
  });
}

/** The gradient must have the forward pool's output shape: the export reads that many elements. */
function checkGrad(ctx: KernelContext, dy: readonly number[], g: Geometry): void {
  const expected = [g.n, g.oh, g.ow, g.c];
  if (dy.join(",") !== expected.join(",")) {
    // maxpooling_op.cc: MaxPoolingGradOp::Compute (later releases' check)
    throw kernelError(
      ctx,
      "InvalidArgumentError",
      `Expected grad shape to be [${expected.join(",")}], but got [${dy.join(",")}]`,
    );
  }
}

function pool(rt: Runtime, name: string): NativeKernel {
  return native(
    ([x], ctx) => {
      variantOf(ctx, x.dtype, ["F32"]);
      checkRank4(ctx, "input", x.shape);
      const g = poolGeometry(ctx, x.shape);
      return poolCall(rt, name, { dtype: x.dtype, shape: [g.n, g.oh, g.ow, g.c] }, g);
    },
    ["F32"],
    POOL_ATTRS,
  );
}

/** MaxPoolGrad(orig_input, orig_output, grad). */
function maxPoolGrad(rt: Runtime): NativeKernel {
  return native(
    ([x, _y, dy], ctx) => {
      variantOf(ctx, x.dtype, ["F32"]);
      checkRank4(ctx, "orig_input", x.shape);
      const g = poolGeometry(ctx, x.shape);
      checkGrad(ctx, dy.shape, g);
      return poolCall(rt, "maxPoolGradF32", { dtype: x.dtype, shape: x.shape }, g, 1);
    },
    ["F32"],
    POOL_ATTRS,
  );
}

/** AvgPoolGrad(orig_input_shape, grad). */
function avgPoolGrad(rt: Runtime): NativeKernel {
  return native(
    ([inputShape, dy], ctx) => {
      variantOf(ctx, dy.dtype, ["F32"]);
      const shape = intsOf(inputShape);
      checkRank4(ctx, "orig_input_shape", shape);
      const g = poolGeometry(ctx, shape);
      checkGrad(ctx, dy.shape, g);
      return poolCall(rt, "avgPoolGradF32", { dtype: dy.dtype, shape }, g, 0);
    },
    ["F32"],
    { ...POOL_ATTRS, typedInput: 1, valueInputs: [0] },
  );
}

export function convKernels(rt: Runtime) {
  return {
    Conv2D: conv2D(rt),
    Conv2DBackpropInput: conv2DBackpropInput(rt),
    Conv2DBackpropFilter: conv2DBackpropFilter(rt),
    MaxPool: pool(rt, "maxPoolF32"),
    AvgPool: pool(rt, "avgPoolF32"),
    MaxPoolGrad: maxPoolGrad(rt),
    AvgPoolGrad: avgPoolGrad(rt),
  };
}
