// Tile (tile_ops.cc: TileOp) as block copies inside linear memory, planned once in prepare: each input row is
// written multiples[-1] times, then, from the innermost dim out, each filled block is repeated multiples[d] - 1
// times after itself. Later copies read only earlier output, so the plan is a sequence of memmoves.
import type { KernelContext } from "@scopeflow/core/kernels";
import { bytesOf, intsOf, kernelError, type NativeKernel, native, pointerCall, type Runtime } from "../runtime";

const ANY = ["float32", "int32", "int64", "bool", "uint8", "float64"];

/** [fromInput, src, dst, bytes] per copy, offsets relative to the input (fromInput 1) or the output (0). */
function tilePlan(shape: readonly number[], multiples: readonly number[], width: number): number[] {
  const rank = shape.length;
  const out = shape.map((d, i) => d * multiples[i]);
  // Byte size of one block of output dims k.. (the first copy of every dim before k).
  const outBlock = (k: number) => out.slice(k).reduce((a, b) => a * b, width);
  const plan: number[] = [];
  const row = shape[rank - 1] * width;
  const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  // Output offset of input row `r`: its multi-index over the leading dims, placed in the output's strides.
  for (let r = 0; r < rows; r++) {
    let rest = r;
    let dst = 0;
    for (let d = rank - 2; d >= 0; d--) {
      dst += (rest % shape[d]) * outBlock(d + 1);
      rest = Math.floor(rest / shape[d]);
    }
    for (let m = 0; m < multiples[rank - 1]; m++) plan.push(1, r * row, dst + m * row, row);
  }
  for (let d = rank - 2; d >= 0; d--) {
    const chunk = shape[d] * outBlock(d + 1);
    const outer = shape.slice(0, d).reduce((a, b) => a * b, 1);
    for (let o = 0; o < outer; o++) {
      let rest = o;
      let base = 0;
      for (let k = d - 1; k >= 0; k--) {
        base += (rest % shape[k]) * outBlock(k + 1);
        rest = Math.floor(rest / shape[k]);
      }
      for (let m = 1; m < multiples[d]; m++) plan.push(0, base, base + m * chunk, chunk);
    }
  }
  return plan;
}

function tile(rt: Runtime): NativeKernel {
  return native(
    ([x, multiplesArg], ctx: KernelContext) => {
      const multiples = intsOf(multiplesArg);
      if (multiples.length !== x.shape.length) {
        // tile_ops.cc: TileOp::Compute
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `Expected multiples argument to be a vector of length ${x.shape.length} but got length ${multiples.length}`,
        );
      }
      const negative = multiples.findIndex((m) => m < 0);
      if (negative >= 0) {
        // tile_ops.cc: TileOp::Compute
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `Expected multiples[${negative}] >= 0, but got ${multiples[negative]}`,
        );
      }
      const output = { dtype: x.dtype, shape: x.shape.map((d, i) => d * multiples[i]) };
      const width = bytesOf(x.dtype);
      const plan = x.shape.length === 0 ? [1, 0, 0, width] : tilePlan(x.shape, multiples, width);
      return pointerCall(rt, [output], null, ([px, , out]) => () => {
        for (let i = 0; i < plan.length; i += 4) {
          rt.copyWithin(out + plan[i + 2], (plan[i] === 1 ? px : out) + plan[i + 1], plan[i + 3]);
        }
      });
    },
    [],
    { dtypes: ANY, valueInputs: [1] },
  );
}

export function tileKernels(rt: Runtime) {
  return { Tile: tile(rt) };
}
