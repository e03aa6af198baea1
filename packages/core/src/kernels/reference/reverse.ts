// reverse_op.cc and reverse_sequence_op.cc (TF 1.15): ReverseV2 flips the listed axes; ReverseSequence flips the
// first seq_lengths[b] entries along seq_dim of each batch_dim slice b.
import { InvalidArgumentError } from "../../errors";
import type { Kernel, KernelContext } from "../contract";
import { canonicalAxis, intList, mapIndices, stridesOf, take } from "./strided";

function invalid(message: string, ctx: KernelContext): never {
  throw new InvalidArgumentError(`${message}\n\t [[{{node ${ctx.opName}}}]]`);
}

/** reverse_op.cc: ReverseV2Op::Compute */
const reverseV2: Kernel = ([x, axisArray], ctx) => {
  const flip = new Array<boolean>(x.rank).fill(false);
  intList(axisArray).forEach((a, k) => {
    const axis = canonicalAxis(a, x.rank);
    // reverse_op.cc: ReverseV2Op::Compute
    if (axis === undefined) invalid(`'axis'[${k}] = ${a} is out of valid range [0, ${x.rank - 1}`, ctx);
    if (flip[axis]) invalid(`axis ${axis} specified more than once.`, ctx);
    flip[axis] = true;
  });
  const strides = stridesOf(x.shape);
  const from = mapIndices(x.shape, (o) =>
    o.reduce((acc, v, i) => acc + (flip[i] ? x.shape[i] - 1 - v : v) * strides[i], 0),
  );
  return [take(x, x.shape, from)];
};

/** reverse_sequence_op.cc: ReverseSequenceOp::Compute (CheckErrors, then the per-batch reversal). */
const reverseSequence: Kernel = ([x, lengthsArray], ctx) => {
  const seqDim = Number(ctx.attrs.seq_dim);
  const batchDim = Number(ctx.attrs.batch_dim ?? 0);
  const lengths = intList(lengthsArray);
  // reverse_sequence_op.cc: CheckErrors
  if (batchDim === seqDim) invalid(`batch_dim == seq_dim == ${seqDim}`, ctx);
  if (seqDim >= x.rank) invalid(`seq_dim must be < input.dims()( ${seqDim} vs. ${x.rank})`, ctx);
  if (batchDim >= x.rank) invalid(`batch_dim must be < input.dims()( ${batchDim} vs. ${x.rank})`, ctx);
  if (lengths.length !== x.shape[batchDim]) {
    invalid(`len(seq_lens) != input.dims(${batchDim}), (${lengths.length} vs. ${x.shape[batchDim]})`, ctx);
  }
  lengths.forEach((l, d) => {
    if (l < 0) invalid(`seq_lens(${d}) < 0`, ctx);
    if (l > x.shape[seqDim]) invalid(`seq_lens(${d}) > input.dims(${seqDim})`, ctx);
  });
  const strides = stridesOf(x.shape);
  const from = mapIndices(x.shape, (o) =>
    o.reduce((acc, v, i) => {
      const len = lengths[o[batchDim]];
      return acc + (i === seqDim && v < len ? len - 1 - v : v) * strides[i];
    }, 0),
  );
  return [take(x, x.shape, from)];
};

export const reverseKernels = {
  ReverseV2: reverseV2,
  ReverseSequence: reverseSequence,
} satisfies Record<string, Kernel>;
