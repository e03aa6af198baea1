// Conv2D (im2col + GEMM), its two gradients, and pools. NHWC only; padding per TF's GetWindowedOutputSize.
import type { Attrs, KernelContext } from "@scopeflow/core/kernels";
import {
  attrNumbers,
  checkNHWC,
  eager,
  intsOf,
  kernelError,
  type NativeKernel,
  nhwc,
  type Runtime,
  variantOf,
} from "../runtime";

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

function descOf(rt: Runtime, g: Geometry): number {
  return rt.writeDesc([g.n, g.h, g.w, g.c, g.kh, g.kw, g.oh, g.ow, g.sh, g.sw, g.padTop, g.padLeft]);
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

function conv2D(rt: Runtime): NativeKernel {
  return eager(
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
      const outShape = [g.n, g.oh, g.ow, oc];
      const rows = g.n * g.oh * g.ow;
      const depth = kh * kw * fc;
      if (rows * oc === 0) return [new rt.NDArray(x.dtype, outShape)];
      return rt.scoped(() => {
        const px = rt.input(x);
        const pf = rt.input(filter);
        const cols = rt.scratch(rows * depth * 4);
        rt.fn.im2colF32(px, cols, descOf(rt, g));
        const out = rt.output(x.dtype, rows * oc);
        rt.fn.matMulF32(cols, pf, out, rows, oc, depth, 0, 0, rt.matMulScratch);
        return [rt.result(x.dtype, outShape, out)];
      });
    },
    ["F32"],
    CONV_ATTRS,
  );
}

/** Conv2DBackpropInput(input_sizes, filter, out_backprop): dcols = dy * filter^T, then col2im. */
function conv2DBackpropInput(rt: Runtime): NativeKernel {
  return eager(
    ([inputSizes, filter, dy], ctx) => {
      variantOf(ctx, filter.dtype, ["F32"]);
      const inShape = intsOf(inputSizes);
      checkRank4(ctx, "input_sizes", inShape);
      const [kh, kw, fc, oc] = filter.shape;
      const g = geometry(ctx, inShape, kh, kw);
      const rows = g.n * g.oh * g.ow;
      const depth = kh * kw * fc;
      checkOutBackprop(ctx, ctx.opType, dy.shape, [g.n, g.oh, g.ow, oc]);
      if (inShape.some((d) => d === 0)) return [new rt.NDArray(filter.dtype, inShape)];
      return rt.scoped(() => {
        const pf = rt.input(filter);
        const pdy = rt.input(dy);
        const dcols = rt.scratch(rows * depth * 4);
        rt.fn.matMulF32(pdy, pf, dcols, rows, depth, oc, 0, 1, rt.matMulScratch);
        const dx = rt.output(filter.dtype, inShape[0] * inShape[1] * inShape[2] * inShape[3]);
        rt.fn.col2imF32(dcols, dx, descOf(rt, g));
        return [rt.result(filter.dtype, inShape, dx)];
      });
    },
    ["F32"],
    { ...CONV_ATTRS, typedInput: 1 },
  );
}

/** Conv2DBackpropFilter(input, filter_sizes, out_backprop): dfilter = im2col(x)^T * dy (transposed by packing). */
function conv2DBackpropFilter(rt: Runtime): NativeKernel {
  return eager(
    ([x, filterSizes, dy], ctx) => {
      variantOf(ctx, x.dtype, ["F32"]);
      const fShape = intsOf(filterSizes);
      checkRank4(ctx, "filter_sizes", fShape);
      const [kh, kw, fc, oc] = fShape;
      const g = geometry(ctx, x.shape, kh, kw);
      const rows = g.n * g.oh * g.ow;
      const depth = kh * kw * fc;
      checkOutBackprop(ctx, ctx.opType, dy.shape, [g.n, g.oh, g.ow, oc]);
      if (depth * oc === 0) return [new rt.NDArray(x.dtype, fShape)];
      return rt.scoped(() => {
        const px = rt.input(x);
        const pdy = rt.input(dy);
        const cols = rt.scratch(Math.max(rows * depth, 1) * 4);
        if (rows > 0) rt.fn.im2colF32(px, cols, descOf(rt, g));
        const out = rt.output(x.dtype, depth * oc);
        rt.fn.matMulF32(cols, pdy, out, depth, oc, rows, 1, 0, rt.matMulScratch);
        return [rt.result(x.dtype, fShape, out)];
      });
    },
    ["F32"],
    CONV_ATTRS,
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

function pool(rt: Runtime, name: string): NativeKernel {
  return eager(
    ([x], ctx) => {
      variantOf(ctx, x.dtype, ["F32"]);
      checkRank4(ctx, "input", x.shape);
      const g = poolGeometry(ctx, x.shape);
      const outShape = [g.n, g.oh, g.ow, g.c];
      if (g.n * g.oh * g.ow * g.c === 0) return [new rt.NDArray(x.dtype, outShape)];
      return rt.scoped(() => {
        const px = rt.input(x);
        const out = rt.output(x.dtype, g.n * g.oh * g.ow * g.c);
        rt.fn[name](px, out, descOf(rt, g));
        return [rt.result(x.dtype, outShape, out)];
      });
    },
    ["F32"],
    POOL_ATTRS,
  );
}

/** MaxPoolGrad(orig_input, orig_output, grad). */
function maxPoolGrad(rt: Runtime): NativeKernel {
  return eager(
    ([x, _y, dy], ctx) => {
      variantOf(ctx, x.dtype, ["F32"]);
      checkRank4(ctx, "orig_input", x.shape);
      const g = poolGeometry(ctx, x.shape);
      if (x.size === 0) return [new rt.NDArray(x.dtype, x.shape)];
      return rt.scoped(() => {
        const px = rt.input(x);
        const pdy = rt.input(dy);
        const dx = rt.output(x.dtype, x.size);
        rt.fn.maxPoolGradF32(px, pdy, dx, descOf(rt, g));
        return [rt.result(x.dtype, x.shape, dx)];
      });
    },
    ["F32"],
    POOL_ATTRS,
  );
}

/** AvgPoolGrad(orig_input_shape, grad). */
function avgPoolGrad(rt: Runtime): NativeKernel {
  return eager(
    ([inputShape, dy], ctx) => {
      variantOf(ctx, dy.dtype, ["F32"]);
      const shape = intsOf(inputShape);
      checkRank4(ctx, "orig_input_shape", shape);
      const g = poolGeometry(ctx, shape);
      const size = shape[0] * shape[1] * shape[2] * shape[3];
      if (size === 0) return [new rt.NDArray(dy.dtype, shape)];
      return rt.scoped(() => {
        const pdy = rt.input(dy);
        const dx = rt.output(dy.dtype, size);
        rt.fn.avgPoolGradF32(pdy, dx, descOf(rt, g));
        return [rt.result(dy.dtype, shape, dx)];
      });
    },
    ["F32"],
    { ...POOL_ATTRS, typedInput: 1 },
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
