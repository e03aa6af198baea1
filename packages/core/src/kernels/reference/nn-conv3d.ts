// conv_ops_3d.cc (Conv3DOp) and conv_grad_ops_3d.cc (Conv3DBackpropInputOp, Conv3DBackpropFilterOp, the V2 forms
// taking sizes): direct loops over NDHWC tensors with DHWIO filters, the CPU kernels' checks. Padding as Conv2D's
// (nn-conv.ts: windowed).
import { InvalidArgumentError } from "../../errors";
import type { NDArray } from "../../framework/ndarray";
import type { Kernel, KernelContext } from "../contract";
import { registerKernels } from "../lazy-kernel-registry";
import { windowed } from "./nn-conv";
import { fromNumbers, nodeSuffix, numbers, shapeValues } from "./nn-util";

/** One Conv3D: input [N, D, H, W, C], filter [FD, FH, FW, C, O], output [N, OD, OH, OW, O]. */
interface Geometry {
  n: number;
  inSpatial: number[];
  c: number;
  filter: number[];
  o: number;
  outSpatial: number[];
  strides: number[];
  padBefore: number[];
}

function fail(ctx: KernelContext, message: string): Error {
  return new InvalidArgumentError(`${message}${nodeSuffix(ctx)}`);
}

function geometry(inputShape: readonly number[], filterShape: readonly number[], ctx: KernelContext): Geometry {
  const strides = (ctx.attrs.strides as number[] | undefined) ?? [1, 1, 1, 1, 1];
  const dilations = (ctx.attrs.dilations as number[] | undefined) ?? [1, 1, 1, 1, 1];
  // conv_ops_3d.cc: Conv3DOp (constructor and Compute), LaunchConvOp<CPUDevice>
  if (strides[0] !== 1 || strides[4] !== 1) {
    throw fail(ctx, "Current implementation does not yet support strides in the batch and depth dimensions.");
  }
  if ((ctx.attrs.data_format ?? "NDHWC") !== "NDHWC") {
    throw fail(ctx, "CPU implementation of Conv3D currently only supports the NHWC tensor format.");
  }
  if (dilations.some((d) => d !== 1)) {
    throw fail(ctx, "CPU implementation of Conv3D currently only supports dilated rates of 1.");
  }
  if (inputShape.length !== 5) throw fail(ctx, `input must be 5-dimensional[${inputShape.join(",")}]`);
  if (filterShape.length !== 5) throw fail(ctx, `filter must be 5-dimensional[${filterShape.join(",")}]`);
  if (inputShape[4] !== filterShape[3]) throw fail(ctx, "input and filter must have the same depth");
  const padding = String(ctx.attrs.padding);
  const windows = [0, 1, 2].map((i) => windowed(inputShape[i + 1], filterShape[i], 1, strides[i + 1], padding));
  return {
    n: inputShape[0],
    inSpatial: inputShape.slice(1, 4),
    c: inputShape[4],
    filter: filterShape.slice(0, 3),
    o: filterShape[4],
    outSpatial: windows.map((w) => w.out),
    strides: strides.slice(1, 4),
    padBefore: windows.map((w) => w.padBefore),
  };
}

/** Every (input element, filter tap, output element) triple of the convolution, as flat indices. */
function forEachTap(g: Geometry, visit: (xi: number, fi: number, yi: number) => void): void {
  const [id, ih, iw] = g.inSpatial;
  const [fd, fh, fw] = g.filter;
  const [od, oh, ow] = g.outSpatial;
  for (let b = 0; b < g.n; b++)
    for (let z = 0; z < od; z++)
      for (let y = 0; y < oh; y++)
        for (let x = 0; x < ow; x++) {
          const yBase = (((b * od + z) * oh + y) * ow + x) * g.o;
          for (let kz = 0; kz < fd; kz++) {
            const iz = z * g.strides[0] + kz - g.padBefore[0];
            if (iz < 0 || iz >= id) continue;
            for (let ky = 0; ky < fh; ky++) {
              const iy = y * g.strides[1] + ky - g.padBefore[1];
              if (iy < 0 || iy >= ih) continue;
              for (let kx = 0; kx < fw; kx++) {
                const ix = x * g.strides[2] + kx - g.padBefore[2];
                if (ix < 0 || ix >= iw) continue;
                const xBase = (((b * id + iz) * ih + iy) * iw + ix) * g.c;
                const fBase = ((kz * fh + ky) * fw + kx) * g.c * g.o;
                for (let ic = 0; ic < g.c; ic++)
                  for (let oc = 0; oc < g.o; oc++) visit(xBase + ic, fBase + ic * g.o + oc, yBase + oc);
              }
            }
          }
        }
}

const outShape = (g: Geometry) => [g.n, ...g.outSpatial, g.o];

/** conv_grad_ops_3d.cc: the out_backprop checks (ConvBackpropComputeDimensions) in their words. */
function checkBackprop(g: Geometry, outBackprop: NDArray, ctx: KernelContext): void {
  const expected = outShape(g);
  if (outBackprop.shape.length !== 5) throw fail(ctx, "out_backprop must be 5-dimensional");
  expected.forEach((d, i) => {
    if (outBackprop.shape[i] !== d) {
      throw fail(
        ctx,
        `Conv3DBackprop: out_backprop has shape [${outBackprop.shape.join(",")}], expected [${expected.join(",")}]`,
      );
    }
  });
}

const conv3d: Kernel = ([input, filter], ctx) => {
  const g = geometry(input.shape, filter.shape, ctx);
  const [x, f] = [numbers(input), numbers(filter)];
  const y = new Float64Array(outShape(g).reduce((a, b) => a * b, 1));
  forEachTap(g, (xi, fi, yi) => {
    y[yi] += x[xi] * f[fi];
  });
  return [fromNumbers(input.dtype, outShape(g), y)];
};

const conv3dBackpropInput: Kernel = ([inputSizes, filter, outBackprop], ctx) => {
  const inputShape = shapeValues(inputSizes);
  const g = geometry(inputShape, filter.shape, ctx);
  checkBackprop(g, outBackprop, ctx);
  const [f, dy] = [numbers(filter), numbers(outBackprop)];
  const dx = new Float64Array(inputShape.reduce((a, b) => a * b, 1));
  forEachTap(g, (xi, fi, yi) => {
    dx[xi] += dy[yi] * f[fi];
  });
  return [fromNumbers(filter.dtype, inputShape, dx)];
};

const conv3dBackpropFilter: Kernel = ([input, filterSizes, outBackprop], ctx) => {
  const filterShape = shapeValues(filterSizes);
  const g = geometry(input.shape, filterShape, ctx);
  checkBackprop(g, outBackprop, ctx);
  const [x, dy] = [numbers(input), numbers(outBackprop)];
  const df = new Float64Array(filterShape.reduce((a, b) => a * b, 1));
  forEachTap(g, (xi, fi, yi) => {
    df[fi] += x[xi] * dy[yi];
  });
  return [fromNumbers(input.dtype, filterShape, df)];
};

export const nnConv3dKernels = {
  Conv3D: conv3d,
  Conv3DBackpropInputV2: conv3dBackpropInput,
  Conv3DBackpropFilterV2: conv3dBackpropFilter,
} satisfies Record<string, Kernel>;

/** Makes Conv3D and its backprops run in every Session (idempotent): their builders call it. */
export function useConv3dKernels(): void {
  registerKernels(nnConv3dKernels);
}
