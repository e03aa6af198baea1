// conv_ops.cc, conv_grad_input_ops.cc, conv_grad_filter_ops.cc, maxpooling_op.cc, avgpooling_op.cc: direct loops
// over NHWC tensors with HWIO filters. SAME padding puts floor(total / 2) before (common_shape_fns.cc:
// GetWindowedOutputSizeVerboseV2); padded cells are skipped, so AvgPool divides by the cells it saw, as TF does.
import { InvalidArgumentError, UnimplementedError } from "../../errors";
import type { NDArray } from "../../framework/ndarray";
import { opDefs } from "../../ops/op-defs";
import type { Kernel, KernelContext } from "../contract";
import { fromNumbers, nodeSuffix, numbers, shapeValues } from "./nn-util";

interface Window {
  out: number;
  padBefore: number;
}

/** common_shape_fns.cc: GetWindowedOutputSizeVerboseV2 (SAME / VALID). */
export function windowed(input: number, filter: number, dilation: number, stride: number, padding: string): Window {
  const effective = (filter - 1) * dilation + 1;
  if (padding === "VALID") return { out: Math.max(0, Math.floor((input - effective + stride) / stride)), padBefore: 0 };
  const out = Math.floor((input + stride - 1) / stride);
  const needed = Math.max(0, (out - 1) * stride + effective - input);
  return { out, padBefore: Math.floor(needed / 2) };
}

function attrList(ctx: KernelContext, name: string): number[] {
  return (ctx.attrs[name] as number[] | undefined) ?? [1, 1, 1, 1];
}

function requireNhwc(ctx: KernelContext, what: string): void {
  if ((ctx.attrs.data_format ?? "NHWC") !== "NHWC") {
    // conv_ops.cc: LaunchConv2DOp<CPUDevice> / maxpooling_op.cc: MaxPoolingOp (CPU)
    throw what === opDefs.Conv2D.type
      ? new UnimplementedError(
          `The Conv2D op currently only supports the NHWC tensor format on the CPU. The op was given the format: ${String(ctx.attrs.data_format)}${nodeSuffix(ctx)}`,
        )
      : new InvalidArgumentError(`Default ${what} only supports NHWC on device type CPU${nodeSuffix(ctx)}`);
  }
}

/** The geometry of one Conv2D: input [N,H,W,C], filter [FH,FW,C,O], output [N,OH,OW,O]. */
interface ConvGeometry {
  n: number;
  h: number;
  w: number;
  c: number;
  fh: number;
  fw: number;
  o: number;
  oh: number;
  ow: number;
  sh: number;
  sw: number;
  dh: number;
  dw: number;
  padTop: number;
  padLeft: number;
}

function convGeometry(inputShape: number[], filterShape: number[], ctx: KernelContext): ConvGeometry {
  requireNhwc(ctx, opDefs.Conv2D.type);
  const [n, h, w, c] = inputShape;
  const [fh, fw, fc, o] = filterShape;
  if (c !== fc) {
    // conv_ops.cc: Conv2DOp::Compute
    throw new InvalidArgumentError(`input and filter must have the same depth: ${c} vs ${fc}${nodeSuffix(ctx)}`);
  }
  const strides = attrList(ctx, "strides");
  const dilations = attrList(ctx, "dilations");
  const padding = String(ctx.attrs.padding);
  const rows = windowed(h, fh, dilations[1], strides[1], padding);
  const cols = windowed(w, fw, dilations[2], strides[2], padding);
  return {
    n,
    h,
    w,
    c,
    fh,
    fw,
    o,
    oh: rows.out,
    ow: cols.out,
    sh: strides[1],
    sw: strides[2],
    dh: dilations[1],
    dw: dilations[2],
    padTop: rows.padBefore,
    padLeft: cols.padBefore,
  };
}

/**
 * Visits every (input cell, filter tap, output cell) triple of a convolution with flat indices into
 * input, filter and output. All three conv kernels are this one loop with a different accumulation.
 */
function forEachConvTap(g: ConvGeometry, visit: (xi: number, fi: number, yi: number) => void): void {
  for (let b = 0; b < g.n; b++) {
    for (let oy = 0; oy < g.oh; oy++) {
      for (let ox = 0; ox < g.ow; ox++) {
        for (let ky = 0; ky < g.fh; ky++) {
          const iy = oy * g.sh + ky * g.dh - g.padTop;
          if (iy < 0 || iy >= g.h) continue;
          for (let kx = 0; kx < g.fw; kx++) {
            const ix = ox * g.sw + kx * g.dw - g.padLeft;
            if (ix < 0 || ix >= g.w) continue;
            for (let ic = 0; ic < g.c; ic++) {
              const xi = ((b * g.h + iy) * g.w + ix) * g.c + ic;
              for (let oc = 0; oc < g.o; oc++) {
                visit(xi, ((ky * g.fw + kx) * g.c + ic) * g.o + oc, ((b * g.oh + oy) * g.ow + ox) * g.o + oc);
              }
            }
          }
        }
      }
    }
  }
}

/** conv_ops.cc: Conv2D: y[b,oy,ox,oc] = sum x[b, oy*s + ky*d - pad, ..., ic] * f[ky,kx,ic,oc]. */
const conv2d: Kernel = ([input, filter], ctx) => {
  const g = convGeometry(input.shape, filter.shape, ctx);
  const x = numbers(input);
  const f = numbers(filter);
  const y = new Float64Array(g.n * g.oh * g.ow * g.o);
  forEachConvTap(g, (xi, fi, yi) => {
    y[yi] += x[xi] * f[fi];
  });
  return [fromNumbers(input.dtype, [g.n, g.oh, g.ow, g.o], y)];
};

/**
 * conv_grad_ops.cc: ConvBackpropComputeDimensionsV2 (NHWC) under the CPU kernels' labels (Conv2DCustomBackpropInput /
 * Conv2DCustomBackpropFilter): out_backprop must have the shape the forward Conv2D gives for this geometry.
 */
function checkBackpropDims(
  inputShape: number[],
  filterShape: number[],
  outBackprop: NDArray,
  ctx: KernelContext,
): void {
  const label =
    ctx.opType === opDefs.Conv2DBackpropInput.type ? "Conv2DCustomBackpropInput" : "Conv2DCustomBackpropFilter";
  const fail = (message: string) => new InvalidArgumentError(`${label}: ${message}${nodeSuffix(ctx)}`);
  const dy = outBackprop.shape;
  for (const [what, s] of [
    ["input", inputShape],
    ["filter", filterShape],
    ["out_backprop", dy],
  ] as const) {
    if (s.length !== 4) throw fail(`${what} must be 4-dimensional`);
  }
  if (inputShape[0] !== dy[0]) {
    throw fail(
      `input and out_backprop must have the same batch sizeinput batch: ${inputShape[0]}outbackprop batch: ${dy[0]} batch_dim: 0`,
    );
  }
  if (inputShape[3] % filterShape[2] !== 0) throw fail("input depth must be evenly divisible by filter depth");
  if (filterShape[3] !== dy[3]) throw fail("filter and out_backprop must have the same out_depth");
  const strides = attrList(ctx, "strides");
  const dilations = attrList(ctx, "dilations");
  for (let i = 0; i < 2; i++) {
    const out = windowed(
      inputShape[i + 1],
      filterShape[i],
      dilations[i + 1],
      strides[i + 1],
      String(ctx.attrs.padding),
    ).out;
    if (out !== dy[i + 1]) {
      throw fail(
        `Size of out_backprop doesn't match computed: actual = ${dy[i + 1]}, computed = ${out} spatial_dim: ${i + 1} input: ${inputShape[i + 1]} filter: ${filterShape[i]} output: ${dy[i + 1]} stride: ${strides[i + 1]} dilation: ${dilations[i + 1]}`,
      );
    }
  }
}

/** conv_grad_input_ops.cc: dx[x cell] += dy[y cell] * f[tap]. */
const conv2dBackpropInput: Kernel = ([inputSizes, filter, outBackprop], ctx) => {
  const inputShape = shapeValues(inputSizes);
  requireNhwc(ctx, opDefs.Conv2D.type);
  checkBackpropDims(inputShape, filter.shape, outBackprop, ctx);
  const g = convGeometry(inputShape, filter.shape, ctx);
  const f = numbers(filter);
  const dy = numbers(outBackprop);
  const dx = new Float64Array(g.n * g.h * g.w * g.c);
  forEachConvTap(g, (xi, fi, yi) => {
    dx[xi] += dy[yi] * f[fi];
  });
  return [fromNumbers(filter.dtype, inputShape, dx)];
};

/** conv_grad_filter_ops.cc: df[tap] += x[x cell] * dy[y cell]. */
const conv2dBackpropFilter: Kernel = ([input, filterSizes, outBackprop], ctx) => {
  const filterShape = shapeValues(filterSizes);
  requireNhwc(ctx, opDefs.Conv2D.type);
  checkBackpropDims(input.shape, filterShape, outBackprop, ctx);
  const g = convGeometry(input.shape, filterShape, ctx);
  const x = numbers(input);
  const dy = numbers(outBackprop);
  const df = new Float64Array(g.fh * g.fw * g.c * g.o);
  forEachConvTap(g, (xi, fi, yi) => {
    df[fi] += x[xi] * dy[yi];
  });
  return [fromNumbers(input.dtype, filterShape, df)];
};

// ---- pooling ---------------------------------------------------------------------------------------------------

interface PoolGeometry {
  n: number;
  h: number;
  w: number;
  c: number;
  oh: number;
  ow: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  padTop: number;
  padLeft: number;
}

function poolGeometry(shape: number[], ctx: KernelContext, what: "MaxPoolingOp" | "AvgPoolingOp"): PoolGeometry {
  requireNhwc(ctx, what);
  const ksize = attrList(ctx, "ksize");
  const strides = attrList(ctx, "strides");
  if (ksize[0] !== 1 || strides[0] !== 1) {
    // maxpooling_op.cc / avgpooling_op.cc: constructor
    throw new UnimplementedError(`Pooling is not yet supported on the batch dimension.${nodeSuffix(ctx)}`);
  }
  if (ksize[3] !== 1 || strides[3] !== 1) {
    // avgpooling_op.cc: AvgPoolingOp::Compute (MaxPool's depthwise pooling is not built in scopeflow)
    throw new UnimplementedError(`Non-spatial pooling is not yet supported.${nodeSuffix(ctx)}`);
  }
  const [n, h, w, c] = shape;
  const padding = String(ctx.attrs.padding);
  const rows = windowed(h, ksize[1], 1, strides[1], padding);
  const cols = windowed(w, ksize[2], 1, strides[2], padding);
  return {
    n,
    h,
    w,
    c,
    oh: rows.out,
    ow: cols.out,
    kh: ksize[1],
    kw: ksize[2],
    sh: strides[1],
    sw: strides[2],
    padTop: rows.padBefore,
    padLeft: cols.padBefore,
  };
}

/** Calls `visit(yi, cells)` per output cell with the flat input indices of its window (padding skipped), row-major. */
function forEachPoolWindow(g: PoolGeometry, visit: (yi: number, cells: number[]) => void): void {
  for (let b = 0; b < g.n; b++) {
    for (let oy = 0; oy < g.oh; oy++) {
      for (let ox = 0; ox < g.ow; ox++) {
        for (let ch = 0; ch < g.c; ch++) {
          const cells: number[] = [];
          for (let ky = 0; ky < g.kh; ky++) {
            const iy = oy * g.sh + ky - g.padTop;
            if (iy < 0 || iy >= g.h) continue;
            for (let kx = 0; kx < g.kw; kx++) {
              const ix = ox * g.sw + kx - g.padLeft;
              if (ix < 0 || ix >= g.w) continue;
              cells.push(((b * g.h + iy) * g.w + ix) * g.c + ch);
            }
          }
          visit(((b * g.oh + oy) * g.ow + ox) * g.c + ch, cells);
        }
      }
    }
  }
}

/** The first cell holding the window's maximum, in row-major window order (maxpooling_op.cc keeps the first). */
function argMax(x: ArrayLike<number>, cells: number[]): number {
  let best = cells[0];
  for (const i of cells) if (x[i] > x[best]) best = i;
  return best;
}

const maxPool: Kernel = ([input], ctx) => {
  const g = poolGeometry(input.shape, ctx, "MaxPoolingOp");
  const x = numbers(input);
  const y = new Float64Array(g.n * g.oh * g.ow * g.c);
  forEachPoolWindow(g, (yi, cells) => {
    y[yi] = cells.length === 0 ? -Infinity : x[argMax(x, cells)];
  });
  return [fromNumbers(input.dtype, [g.n, g.oh, g.ow, g.c], y)];
};

const avgPool: Kernel = ([input], ctx) => {
  const g = poolGeometry(input.shape, ctx, "AvgPoolingOp");
  const x = numbers(input);
  const y = new Float64Array(g.n * g.oh * g.ow * g.c);
  forEachPoolWindow(g, (yi, cells) => {
    let sum = 0;
    for (const i of cells) sum += x[i];
    y[yi] = sum / cells.length;
  });
  return [fromNumbers(input.dtype, [g.n, g.oh, g.ow, g.c], y)];
};

/** maxpooling_op.cc: MaxPoolGradOp: each output's gradient goes to the first maximum of its window in orig_input. */
const maxPoolGrad: Kernel = ([origInput, _origOutput, grad], ctx) => {
  const g = poolGeometry(origInput.shape, ctx, "MaxPoolingOp");
  const x = numbers(origInput);
  const dy = numbers(grad);
  const dx = new Float64Array(x.length);
  forEachPoolWindow(g, (yi, cells) => {
    if (cells.length > 0) dx[argMax(x, cells)] += dy[yi];
  });
  return [fromNumbers(origInput.dtype, origInput.shape, dx)];
};

/** avgpooling_op.cc: AvgPoolingGradOp: each output's gradient is spread evenly over the cells it averaged. */
const avgPoolGrad: Kernel = ([origInputShape, grad], ctx) => {
  const shape = shapeValues(origInputShape);
  if (shape.length !== 4) {
    // avgpooling_op.cc: AvgPoolingGradOp::Compute
    throw new InvalidArgumentError(`orig_input_shape must have 4 elements${nodeSuffix(ctx)}`);
  }
  const g = poolGeometry(shape, ctx, "AvgPoolingOp");
  const dy = numbers(grad);
  const dx = new Float64Array(shape.reduce((a, b) => a * b, 1));
  forEachPoolWindow(g, (yi, cells) => {
    for (const i of cells) dx[i] += dy[yi] / cells.length;
  });
  return [fromNumbers(grad.dtype, shape, dx)];
};

export const nnConvKernels = {
  Conv2D: conv2d,
  Conv2DBackpropInput: conv2dBackpropInput,
  Conv2DBackpropFilter: conv2dBackpropFilter,
  MaxPool: maxPool,
  AvgPool: avgPool,
  MaxPoolGrad: maxPoolGrad,
  AvgPoolGrad: avgPoolGrad,
} satisfies Record<string, Kernel>;
