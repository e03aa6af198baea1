// resize_bilinear_op.cc, resize_nearest_neighbor_op.cc and image_resizer_state.h (TF 1.15): the resize kernels and
// their gradients, in float32 arithmetic as TF computes the source coordinates (legacy and half-pixel scalers).
import { InvalidArgumentError } from "../../errors";
import { float32 } from "../../framework/dtypes";
import { NDArray } from "../../framework/ndarray";
import type { Kernel, KernelContext } from "../contract";
import { registerKernels } from "../lazy-kernel-registry";
import { dimsText, intList, numberAt, setNumber } from "./strided";

const f = Math.fround;

function invalid(message: string, ctx: KernelContext): never {
  throw new InvalidArgumentError(`${message}\n\t [[{{node ${ctx.opName}}}]]`);
}

/** image_resizer_state.h: CalculateResizeScale. */
function resizeScale(inSize: number, outSize: number, alignCorners: boolean): number {
  return alignCorners && outSize > 1 ? f((inSize - 1) / (outSize - 1)) : f(inSize / outSize);
}

interface ResizeFlags {
  alignCorners: boolean;
  halfPixelCenters: boolean;
}

function flagsOf(ctx: KernelContext): ResizeFlags {
  const flags = {
    alignCorners: Boolean(ctx.attrs.align_corners),
    halfPixelCenters: Boolean(ctx.attrs.half_pixel_centers),
  };
  // image_resizer_state.h: ImageResizerState::ValidateAndCalculateOutputSize
  if (flags.halfPixelCenters && flags.alignCorners) {
    invalid("If half_pixel_centers is True, align_corners must be False.", ctx);
  }
  return flags;
}

/** image_resizer_state.h: ValidateAndCalculateOutputSize: [batch, height, width, channels] and the new size. */
function resizeState(
  images: NDArray,
  size: NDArray,
  ctx: KernelContext,
): [number, number, number, number, number, number] {
  if (images.rank !== 4) invalid(`input must be 4-dimensional${dimsText(images.shape)}`, ctx);
  if (size.rank !== 1) invalid(`shape_t must be 1-D${dimsText(size.shape)}`, ctx);
  if (size.size !== 2) invalid(`shape_t must have two elements${dimsText(size.shape)}`, ctx);
  const [outHeight, outWidth] = intList(size);
  const [batch, inHeight, inWidth, channels] = images.shape;
  if (!(outHeight > 0 && outWidth > 0)) invalid("output dimensions must be positive", ctx);
  if (channels <= 0) invalid("image must have at least one channel", ctx);
  if (!(inHeight > 0 && inWidth > 0)) invalid("input image must be of non-zero size", ctx);
  return [batch, inHeight, inWidth, channels, outHeight, outWidth];
}

/** resize_bilinear_op.cc: compute_interpolation_weights: lower and upper source index and the lerp, per output. */
function bilinearWeights(outSize: number, inSize: number, scale: number, halfPixel: boolean) {
  const lower = new Int32Array(outSize);
  const upper = new Int32Array(outSize);
  const lerp = new Float32Array(outSize);
  for (let i = 0; i < outSize; i++) {
    // LegacyScaler: i * scale; HalfPixelScaler: (i + 0.5) * scale - 0.5.
    const at = halfPixel ? f(f(f(i + 0.5) * scale) - 0.5) : f(i * scale);
    const floor = Math.floor(at);
    lower[i] = Math.max(floor, 0);
    upper[i] = Math.min(Math.ceil(at), inSize - 1);
    lerp[i] = f(at - floor);
  }
  return { lower, upper, lerp };
}

/** resize_nearest_neighbor_op.cc: the source index of each output index. */
function nearestIndex(i: number, scale: number, inSize: number, flags: ResizeFlags): number {
  // HalfPixelScalerForNN: (i + 0.5) * scale; LegacyScaler: i * scale; align_corners rounds (roundf: half away from 0).
  const at = flags.halfPixelCenters ? f(f(i + 0.5) * scale) : f(i * scale);
  const index = Math.min(flags.alignCorners ? Math.sign(at) * Math.round(Math.abs(at)) : Math.floor(at), inSize - 1);
  return flags.halfPixelCenters ? Math.max(0, index) : index;
}

/** resize_bilinear_op.cc: ResizeBilinearOp::Compute (float32 output whatever the input type). */
const resizeBilinear: Kernel = ([images, size], ctx) => {
  const flags = flagsOf(ctx);
  const [batch, inH, inW, channels, outH, outW] = resizeState(images, size, ctx);
  const ys = bilinearWeights(outH, inH, resizeScale(inH, outH, flags.alignCorners), flags.halfPixelCenters);
  const xs = bilinearWeights(outW, inW, resizeScale(inW, outW, flags.alignCorners), flags.halfPixelCenters);
  const out = new NDArray(float32, [batch, outH, outW, channels]);
  const o = out.data as Float32Array;
  const at = (b: number, y: number, x: number, c: number) => numberAt(images, ((b * inH + y) * inW + x) * channels + c);
  let k = 0;
  for (let b = 0; b < batch; b++) {
    for (let y = 0; y < outH; y++) {
      for (let x = 0; x < outW; x++) {
        for (let c = 0; c < channels; c++) {
          const topLeft = at(b, ys.lower[y], xs.lower[x], c);
          const topRight = at(b, ys.lower[y], xs.upper[x], c);
          const bottomLeft = at(b, ys.upper[y], xs.lower[x], c);
          const bottomRight = at(b, ys.upper[y], xs.upper[x], c);
          const top = f(topLeft + f(f(topRight - topLeft) * xs.lerp[x]));
          const bottom = f(bottomLeft + f(f(bottomRight - bottomLeft) * xs.lerp[x]));
          o[k++] = f(top + f(f(bottom - top) * ys.lerp[y]));
        }
      }
    }
  }
  return [out];
};

/** resize_nearest_neighbor_op.cc: ResizeNearestNeighborOp::Compute. */
const resizeNearestNeighbor: Kernel = ([images, size], ctx) => {
  const flags = flagsOf(ctx);
  const [batch, inH, inW, channels, outH, outW] = resizeState(images, size, ctx);
  const hScale = resizeScale(inH, outH, flags.alignCorners);
  const wScale = resizeScale(inW, outW, flags.alignCorners);
  const out = new NDArray(images.dtype, [batch, outH, outW, channels]);
  let k = 0;
  for (let b = 0; b < batch; b++) {
    for (let y = 0; y < outH; y++) {
      const inY = nearestIndex(y, hScale, inH, flags);
      for (let x = 0; x < outW; x++) {
        const inX = nearestIndex(x, wScale, inW, flags);
        const base = ((b * inH + inY) * inW + inX) * channels;
        for (let c = 0; c < channels; c++) out.data[k++] = images.data[base + c];
      }
    }
  }
  return [out];
};

/** resize_bilinear_op.cc: ResizeBilinearOpGrad: each output gradient spread over its four source pixels. */
const resizeBilinearGrad: Kernel = ([grads, original], ctx) => {
  const flags = flagsOf(ctx);
  // resize_bilinear_op.cc: ImageResizerGradientState::ValidateAndCreateOutput
  if (grads.rank !== 4) invalid(`input_grad must be 4-dimensional${dimsText(grads.shape)}`, ctx);
  if (original.rank !== 4) invalid(`original_image must be 4-dimensional${dimsText(original.shape)}`, ctx);
  const [batch, outH, outW, channels] = grads.shape;
  const [, inH, inW] = original.shape;
  const out = new NDArray(original.dtype, original.shape);
  const acc = new Float64Array(out.size);
  const hScale = resizeScale(inH, outH, flags.alignCorners);
  const wScale = resizeScale(inW, outW, flags.alignCorners);
  const ys = bilinearWeights(outH, inH, hScale, flags.halfPixelCenters);
  const xs = bilinearWeights(outW, inW, wScale, flags.halfPixelCenters);
  const index = (b: number, y: number, x: number, c: number) => ((b * inH + y) * inW + x) * channels + c;
  let k = 0;
  for (let b = 0; b < batch; b++) {
    for (let y = 0; y < outH; y++) {
      const yLerp = ys.lerp[y];
      for (let x = 0; x < outW; x++) {
        const xLerp = xs.lerp[x];
        for (let c = 0; c < channels; c++) {
          const g = numberAt(grads, k++);
          acc[index(b, ys.lower[y], xs.lower[x], c)] += f(f(g * f(1 - yLerp)) * f(1 - xLerp));
          acc[index(b, ys.lower[y], xs.upper[x], c)] += f(f(g * f(1 - yLerp)) * xLerp);
          acc[index(b, ys.upper[y], xs.lower[x], c)] += f(f(g * yLerp) * f(1 - xLerp));
          acc[index(b, ys.upper[y], xs.upper[x], c)] += f(f(g * yLerp) * xLerp);
        }
      }
    }
  }
  for (let i = 0; i < acc.length; i++) setNumber(out, i, acc[i]);
  return [out];
};

/** resize_nearest_neighbor_op.cc: ResizeNearestNeighborOpGrad: each gradient added into the pixel it was read from. */
const resizeNearestNeighborGrad: Kernel = ([grads, size], ctx) => {
  const flags = flagsOf(ctx);
  // resize_nearest_neighbor_op.cc: ResizeNearestNeighborOpGrad::Compute
  if (grads.rank !== 4) invalid(`input must be 4-dimensional${dimsText(grads.shape)}`, ctx);
  if (size.rank !== 1 || size.size !== 2)
    invalid(`shape_t must be 1-D and have two elements${dimsText(size.shape)}`, ctx);
  const [batch, inH, inW, channels] = grads.shape;
  const [outH, outW] = intList(size);
  const hScale = resizeScale(outH, inH, flags.alignCorners);
  const wScale = resizeScale(outW, inW, flags.alignCorners);
  const out = new NDArray(grads.dtype, [batch, outH, outW, channels]);
  const acc = new Float64Array(out.size);
  let k = 0;
  for (let b = 0; b < batch; b++) {
    for (let y = 0; y < inH; y++) {
      const outY = nearestIndex(y, hScale, outH, flags);
      for (let x = 0; x < inW; x++) {
        const outX = nearestIndex(x, wScale, outW, flags);
        const base = ((b * outH + outY) * outW + outX) * channels;
        for (let c = 0; c < channels; c++) acc[base + c] += numberAt(grads, k++);
      }
    }
  }
  for (let i = 0; i < acc.length; i++) setNumber(out, i, acc[i]);
  return [out];
};

export const imageKernels = {
  ResizeBilinear: resizeBilinear,
  ResizeNearestNeighbor: resizeNearestNeighbor,
  ResizeBilinearGrad: resizeBilinearGrad,
  ResizeNearestNeighborGrad: resizeNearestNeighborGrad,
} satisfies Record<string, Kernel>;

/** Makes this family run in every Session (idempotent): the module that builds its ops calls it when loaded. */
export function useImageKernels(): void {
  registerKernels(imageKernels);
}
