// spacetobatch_op.cc / batchtospace_op.cc (spacetobatch_functor.h): SpaceToBatchND zero-pads the block dims, splits
// each into (size / block, block) and moves the block offsets in front of the batch; BatchToSpaceND undoes it and
// crops. Output batch index = block offset (row-major over the block dims) * batch + b.
import { InvalidArgumentError } from "../../errors";
import { NDArray, sizeOf } from "../../framework/ndarray";
import type { Kernel, KernelContext } from "../contract";
import { registerKernels } from "../lazy-kernel-registry";
import { nodeSuffix, numbers } from "./nn-util";

const fail = (ctx: KernelContext, message: string) => new InvalidArgumentError(`${message}${nodeSuffix(ctx)}`);

/** spacetobatch_op.cc / batchtospace_op.cc: the checks both ops share; returns the block shape and [M, 2] pairs. */
function blocksAndPairs(ctx: KernelContext, input: NDArray, blockShape: NDArray, pairs: NDArray, what: string) {
  if (blockShape.shape.length !== 1) {
    // spacetobatch_op.cc / batchtospace_op.cc: *OpCompute
    throw fail(ctx, `block_shape rank should be 1 instead of ${blockShape.shape.length}`);
  }
  const m = blockShape.shape[0];
  if (input.shape.length < 1 + m) throw fail(ctx, `input rank should be >= ${1 + m} instead of ${input.shape.length}`);
  if (pairs.shape.length !== 2 || pairs.shape[0] !== m || pairs.shape[1] !== 2) {
    throw fail(ctx, `${what} should have shape [${m}, 2] instead of [${pairs.shape.join(",")}]`);
  }
  const block = Array.from(numbers(blockShape));
  const product = block.reduce((a, b) => a * b, 1);
  if (product <= 0) throw fail(ctx, `Product of block sizes must be positive, got ${product}`);
  return { m, block, product, pairs: Array.from(numbers(pairs)) };
}

/** Row-major strides of a shape. */
function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

/**
 * Copies `from` into a new array of `outShape`, where `source(outIndex)` gives each output element's multi-index
 * into `from` (or null for a zero).
 */
function gather(from: NDArray, outShape: number[], source: (index: number[]) => number[] | null): NDArray {
  const out = new NDArray(from.dtype, outShape);
  const fromStrides = stridesOf(from.shape);
  const index = new Array<number>(outShape.length).fill(0);
  const src = from.data as unknown as { [i: number]: number | bigint };
  const dst = out.data as unknown as { [i: number]: number | bigint };
  for (let flat = 0; flat < sizeOf(outShape); flat++) {
    const at = source(index);
    if (at !== null) dst[flat] = src[at.reduce((acc, v, i) => acc + v * fromStrides[i], 0)];
    for (let d = outShape.length - 1; d >= 0; d--) {
      if (++index[d] < outShape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

/** The block offsets (row-major over the block dims) of a combined offset index. */
function offsetsOf(k: number, block: number[]): number[] {
  const offsets = new Array<number>(block.length);
  for (let i = block.length - 1; i >= 0; i--) {
    offsets[i] = k % block[i];
    k = Math.floor(k / block[i]);
  }
  return offsets;
}

const spaceToBatchND: Kernel = ([input, blockShape, paddings], ctx) => {
  const { m, block, product, pairs } = blocksAndPairs(ctx, input, blockShape, paddings, "paddings");
  const batch = input.shape[0];
  const outShape = [batch * product];
  for (let i = 0; i < m; i++) {
    const [start, end] = [pairs[2 * i], pairs[2 * i + 1]];
    // spacetobatch_op.cc: SpaceToBatchOpCompute
    if (start < 0 || end < 0) throw fail(ctx, "Paddings must be non-negative");
    const padded = input.shape[i + 1] + start + end;
    if (padded % block[i] !== 0) {
      throw fail(ctx, `padded_shape[${i}]=${padded} is not divisible by block_shape[${i}]=${block[i]}`);
    }
    outShape.push(padded / block[i]);
  }
  outShape.push(...input.shape.slice(m + 1));
  return [
    gather(input, outShape, (index) => {
      const offsets = offsetsOf(Math.floor(index[0] / batch), block);
      const at = [index[0] % batch];
      for (let i = 0; i < m; i++) {
        const p = index[i + 1] * block[i] + offsets[i] - pairs[2 * i];
        if (p < 0 || p >= input.shape[i + 1]) return null;
        at.push(p);
      }
      return at.concat(index.slice(m + 1));
    }),
  ];
};

const batchToSpaceND: Kernel = ([input, blockShape, crops], ctx) => {
  const { m, block, product, pairs } = blocksAndPairs(ctx, input, blockShape, crops, "crops");
  const inBatch = input.shape[0];
  // batchtospace_op.cc: BatchToSpaceOpCompute
  if (inBatch % product !== 0) {
    throw fail(ctx, `Input batch dimension (${inBatch}) is not divisible by product of block sizes (${product})`);
  }
  const batch = inBatch / product;
  const outShape = [batch];
  for (let i = 0; i < m; i++) {
    const [start, end] = [pairs[2 * i], pairs[2 * i + 1]];
    if (start < 0 || end < 0) throw fail(ctx, "Crops must be non-negative");
    const cropped = input.shape[i + 1] * block[i] - start - end;
    if (cropped < 0) throw fail(ctx, `cropped_shape[${i}]=${cropped} must be non-negative`);
    outShape.push(cropped);
  }
  outShape.push(...input.shape.slice(m + 1));
  return [
    gather(input, outShape, (index) => {
      let k = 0;
      const at = [0];
      for (let i = 0; i < m; i++) {
        const p = index[i + 1] + pairs[2 * i];
        k = k * block[i] + (p % block[i]);
        at.push(Math.floor(p / block[i]));
      }
      at[0] = k * batch + index[0];
      return at.concat(index.slice(m + 1));
    }),
  ];
};

export const spaceToBatchKernels = {
  SpaceToBatchND: spaceToBatchND,
  BatchToSpaceND: batchToSpaceND,
} satisfies Record<string, Kernel>;

/** Makes SpaceToBatchND and BatchToSpaceND run in every Session (idempotent): their builders call it. */
export function useSpaceToBatchKernels(): void {
  registerKernels(spaceToBatchKernels);
}
