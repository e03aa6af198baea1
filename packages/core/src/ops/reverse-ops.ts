// array_ops.py (TF 1.15): reverse (gen_array_ops.reverse_v2) and reverse_sequence, with array_ops.cc's shape
// functions; array_grad.py's _ReverseV2Grad and _ReverseSequenceGrad.
import { ValueError } from "../errors";
import type { Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import type { GradTable } from "../gradients/grad-types";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";

/** array_ops.py: reverse / reverse_v2(tensor, axis, name=None): a `ReverseV2`. */
export function reverse(tensor: TensorLike, axis: TensorLike, name?: string): Tensor {
  return opScope(name, opDefs.ReverseV2.type, [tensor, axis], (scope) => {
    const x = convertToTensor(tensor, { name: "tensor" });
    const a = convertToTensor(axis, { name: "axis" });
    return createOp(opDefs.ReverseV2, [x, a], {
      name: scope,
      attrs: { Tidx: a.dtype, T: x.dtype },
      shapes: [x.shape],
    }).outputs[0];
  });
}

export interface ReverseSequenceOptions {
  seqAxis: number;
  batchAxis?: number;
  name?: string;
}

/** array_ops.py: reverse_sequence(input, seq_lengths, seq_axis=None, batch_axis=None, name=None) */
export function reverseSequence(input: TensorLike, seqLengths: TensorLike, options: ReverseSequenceOptions): Tensor {
  return opScope(options.name, opDefs.ReverseSequence.type, [input, seqLengths], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    const lengths = convertToTensor(seqLengths, { name: "seq_lengths" });
    const seqDim = options.seqAxis;
    const batchDim = options.batchAxis ?? 0;
    // array_ops.cc: ReverseSequence's shape function.
    const fail = (message: string) =>
      new ValueError(`${message} for '${scope.slice(0, -1)}' (op: '${opDefs.ReverseSequence.type}')`);
    if (lengths.shape !== null && lengths.shape.length !== 1) {
      throw fail(`Shape must be rank 1 but is rank ${lengths.shape.length}`);
    }
    let shape: Shape = null;
    if (x.shape !== null) {
      const rank = x.shape.length;
      if (batchDim >= rank) throw fail(`batch_dim must be < input rank: ${batchDim} vs. ${rank}`);
      if (seqDim >= rank) throw fail(`seq_dim must be < input rank: ${seqDim} vs. ${rank}`);
      if (batchDim < 0) throw fail(`batch_dim must be >=0, got ${batchDim}`);
      const a = x.shape[batchDim];
      const b = lengths.shape === null ? null : lengths.shape[0];
      if (a !== null && b !== null && a !== b) {
        throw fail(`Dimensions must be equal, but are ${a} and ${b}`);
      }
      shape = x.shape.map((d, i) => (i === batchDim ? (a ?? b) : d));
    }
    return createOp(opDefs.ReverseSequence, [x, lengths], {
      name: scope,
      attrs: { seq_dim: seqDim, batch_dim: batchDim, T: x.dtype, Tlen: lengths.dtype },
      shapes: [shape],
    }).outputs[0];
  });
}

export const reverseGrads: GradTable = {
  // array_grad.py: _ReverseV2Grad
  ReverseV2: (op, [grad]) => [reverse(grad as Tensor, op.inputs[1]), null],
  // array_grad.py: _ReverseSequenceGrad
  ReverseSequence: (op, [grad]) => [
    reverseSequence(grad as Tensor, op.inputs[1], {
      batchAxis: op.attrs.batch_dim as number,
      seqAxis: op.attrs.seq_dim as number,
    }),
    null,
  ],
};
