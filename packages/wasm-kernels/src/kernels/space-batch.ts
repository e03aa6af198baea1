// SpaceToBatchND and BatchToSpaceND (spacetobatch_op.cc, batchtospace_op.cc), the ops with_space_to_batch wraps an
// atrous convolution in: checks and output shapes as TF (and the reference kernels) state them, then one walk of
// the batch-side rows (assembly/space-batch.ts) over a descriptor written once.
import type { InputSpec, KernelContext } from "@scopeflow/core/kernels";
import { bytesOf, intsOf, kernelError, type NativeKernel, native, pointerCall, type Runtime, sizeOf } from "../runtime";

const DTYPES = ["float32", "int32"];

function fail(ctx: KernelContext, message: string): Error {
  return kernelError(ctx, "InvalidArgumentError", message);
}

/** spacetobatch_op.cc / batchtospace_op.cc: the checks both ops share; the block shape and [M, 2] pairs. */
function blocksAndPairs(ctx: KernelContext, input: InputSpec, blockShape: InputSpec, pairs: InputSpec, what: string) {
  if (blockShape.shape.length !== 1) {
    throw fail(ctx, `block_shape rank should be 1 instead of ${blockShape.shape.length}`);
  }
  const m = blockShape.shape[0];
  if (input.shape.length < 1 + m) throw fail(ctx, `input rank should be >= ${1 + m} instead of ${input.shape.length}`);
  if (pairs.shape.length !== 2 || pairs.shape[0] !== m || pairs.shape[1] !== 2) {
    throw fail(ctx, `${what} should have shape [${m}, 2] instead of [${pairs.shape.join(",")}]`);
  }
  const block = intsOf(blockShape);
  const product = block.reduce((a, b) => a * b, 1);
  if (product <= 0) throw fail(ctx, `Product of block sizes must be positive, got ${product}`);
  const flat = intsOf(pairs);
  return { m, block, product, starts: block.map((_, i) => flat[2 * i]), ends: block.map((_, i) => flat[2 * i + 1]) };
}

/** The walk over the batch-side tensor: space dims, blocked dims, the block and the pad (or crop) starts. */
function walk(
  rt: Runtime,
  input: InputSpec,
  outShape: number[],
  toBatch: boolean,
  space: readonly number[],
  blocked: readonly number[],
  block: number[],
  starts: number[],
) {
  const m = block.length;
  const spaceBatch = toBatch ? input.shape[0] : outShape[0];
  const rest = sizeOf((toBatch ? input.shape : outShape).slice(m + 1));
  const desc = [m, spaceBatch, rest, ...space, ...blocked, ...block, ...starts];
  const width = bytesOf(input.dtype);
  const fn = rt.fn.spaceBatch;
  return pointerCall(rt, [{ dtype: input.dtype, shape: outShape }], desc, (p, d) => {
    const [x, out] = [p[0], p[p.length - 1]];
    // BatchToSpace writes every output row; SpaceToBatch writes every row too (zeros in the padding).
    return toBatch ? () => fn(x, out, d, width, 1) : () => fn(out, x, d, width, 0);
  });
}

function spaceToBatchND(rt: Runtime): NativeKernel {
  return native(
    ([input, blockShape, paddings], ctx) => {
      const { m, block, product, starts, ends } = blocksAndPairs(ctx, input, blockShape, paddings, "paddings");
      const outShape = [input.shape[0] * product];
      for (let i = 0; i < m; i++) {
        // spacetobatch_op.cc: SpaceToBatchOpCompute
        if (starts[i] < 0 || ends[i] < 0) throw fail(ctx, "Paddings must be non-negative");
        const padded = input.shape[i + 1] + starts[i] + ends[i];
        if (padded % block[i] !== 0) {
          throw fail(ctx, `padded_shape[${i}]=${padded} is not divisible by block_shape[${i}]=${block[i]}`);
        }
        outShape.push(padded / block[i]);
      }
      outShape.push(...input.shape.slice(m + 1));
      return walk(rt, input, outShape, true, input.shape.slice(1, m + 1), outShape.slice(1, m + 1), block, starts);
    },
    [],
    { dtypes: DTYPES, valueInputs: [1, 2] },
  );
}

function batchToSpaceND(rt: Runtime): NativeKernel {
  return native(
    ([input, blockShape, crops], ctx) => {
      const { m, block, product, starts, ends } = blocksAndPairs(ctx, input, blockShape, crops, "crops");
      const inBatch = input.shape[0];
      // batchtospace_op.cc: BatchToSpaceOpCompute
      if (inBatch % product !== 0) {
        throw fail(ctx, `Input batch dimension (${inBatch}) is not divisible by product of block sizes (${product})`);
      }
      const outShape = [inBatch / product];
      for (let i = 0; i < m; i++) {
        if (starts[i] < 0 || ends[i] < 0) throw fail(ctx, "Crops must be non-negative");
        const cropped = input.shape[i + 1] * block[i] - starts[i] - ends[i];
        if (cropped < 0) throw fail(ctx, `cropped_shape[${i}]=${cropped} must be non-negative`);
        outShape.push(cropped);
      }
      outShape.push(...input.shape.slice(m + 1));
      return walk(rt, input, outShape, false, outShape.slice(1, m + 1), input.shape.slice(1, m + 1), block, starts);
    },
    [],
    { dtypes: DTYPES, valueInputs: [1, 2] },
  );
}

export function spaceBatchKernels(rt: Runtime) {
  return {
    SpaceToBatchND: spaceToBatchND(rt),
    BatchToSpaceND: batchToSpaceND(rt),
  };
}
