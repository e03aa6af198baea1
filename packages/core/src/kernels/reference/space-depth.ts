// spacetodepth_op.cc and depthtospace_op.cc (TF 1.15, CPU: NHWC only): blocks of block_size x block_size pixels
// moved into the depth (and back), depth index (bh * block_size + bw) * C + c.
import { InvalidArgumentError } from "../../errors";
import type { Kernel, KernelContext } from "../contract";
import { registerKernels } from "../lazy-kernel-registry";
import { mapIndices, stridesOf, take } from "./strided";

function invalid(message: string, ctx: KernelContext): never {
  throw new InvalidArgumentError(`${message}\n\t [[{{node ${ctx.opName}}}]]`);
}

function checkCpuFormat(ctx: KernelContext): number {
  const format = String(ctx.attrs.data_format ?? "NHWC");
  // spacetodepth_op.cc / depthtospace_op.cc: the CPU kernels
  if (format !== "NHWC") invalid(`Only NHWC data_format supported on CPU. Got ${format}`, ctx);
  return Number(ctx.attrs.block_size);
}

/** spacetodepth_op.cc: SpaceToDepthOp::Compute */
const spaceToDepth: Kernel = ([input], ctx) => {
  const bs = checkCpuFormat(ctx);
  if (input.rank !== 4) invalid(`Input rank should be: 4 instead of: ${input.rank}`, ctx);
  const [n, h, w, c] = input.shape;
  if (w % bs !== 0 || h % bs !== 0) {
    invalid(`Image width ${w} and height ${h} should be divisible by block_size: ${bs}`, ctx);
  }
  const out = [n, h / bs, w / bs, c * bs * bs];
  const st = stridesOf(input.shape);
  const from = mapIndices(out, ([b, oh, ow, od]) => {
    const [offset, ch] = [Math.floor(od / c), od % c];
    const [bh, bw] = [Math.floor(offset / bs), offset % bs];
    return b * st[0] + (oh * bs + bh) * st[1] + (ow * bs + bw) * st[2] + ch;
  });
  return [take(input, out, from)];
};

/** depthtospace_op.cc: DepthToSpaceOp::Compute */
const depthToSpace: Kernel = ([input], ctx) => {
  const bs = checkCpuFormat(ctx);
  if (input.rank !== 4) invalid(`Input rank should be: 4 instead of: ${input.rank}`, ctx);
  const [n, h, w, d] = input.shape;
  if (d % (bs * bs) !== 0) invalid(`Input depth dimension ${d} should be divisible by: ${bs * bs}`, ctx);
  const c = d / (bs * bs);
  const out = [n, h * bs, w * bs, c];
  const st = stridesOf(input.shape);
  const from = mapIndices(out, ([b, oh, ow, ch]) => {
    const [ih, bh, iw, bw] = [Math.floor(oh / bs), oh % bs, Math.floor(ow / bs), ow % bs];
    return b * st[0] + ih * st[1] + iw * st[2] + (bh * bs + bw) * c + ch;
  });
  return [take(input, out, from)];
};

export const spaceDepthKernels = {
  SpaceToDepth: spaceToDepth,
  DepthToSpace: depthToSpace,
} satisfies Record<string, Kernel>;

/** Makes this family run in every Session (idempotent): the module that builds its ops calls it when loaded. */
export function useSpaceDepthKernels(): void {
  registerKernels(spaceDepthKernels);
}
