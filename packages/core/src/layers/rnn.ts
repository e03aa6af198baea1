// rnn.py (TF 1.15): static_rnn (with _rnn_step's cond/select copy-through for sequence_length) and
// static_bidirectional_rnn. The unrolled steps share one variable scope (`rnn`), reused after the first step.
import { ValueError } from "../errors";
import { type DTypeLike, int32 } from "../framework/dtypes";
import { mergeShapes, type Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { shape as shapeOf, zeros } from "../ops/array-ops";
import { cond } from "../ops/cond";
import { cast, greater, lessEqual, where } from "../ops/math-ops";
import { flatten, packSequenceAs } from "../ops/nest";
import { convertToTensor, type TensorLike } from "../ops/op-builder";
import { reduceMax, reduceMin } from "../ops/reduction-ops";
import { reverseSequence } from "../ops/reverse-ops";
import { concat, stack, unstack } from "../ops/slicing-ops";
import { indexTensor } from "../ops/tensor-index";
import { type VariableScope, variableScope } from "../scopes/variable-scope";
import { assertLikeRnnCell, concatShape, type RNNCell, type RnnState } from "./rnn-cell-base";

export interface StaticRnnOptions {
  initialState?: RnnState | null;
  dtype?: DTypeLike | null;
  sequenceLength?: TensorLike | null;
  scope?: string | VariableScope | null;
}

const showDims = (s: readonly (number | null)[]) => `(${s.map((d) => (d === null ? "?" : d)).join(", ")})`;

/** rnn.py: _rnn_step: where `time >= sequence_length`, zeros for the output and the old state copied through. */
function rnnStep(
  time: number,
  sequenceLength: Tensor,
  minSequenceLength: Tensor,
  maxSequenceLength: Tensor,
  zeroOutput: RnnState,
  state: RnnState,
  callCell: () => [RnnState, RnnState],
): [RnnState, RnnState] {
  const flatState = flatten(state as never) as Tensor[];
  const flatZeroOutput = flatten(zeroOutput as never) as Tensor[];
  // Python's `time >= sequence_length` is sequence_length.__le__(time).
  const copyCond = lessEqual(sequenceLength, time);
  const copyOneThrough = (output: Tensor, newOutput: Tensor): Tensor =>
    output.shape !== null && output.shape.length === 0 ? newOutput : where(copyCond, output, newOutput);
  const copySomeThrough = (flatNewOutput: Tensor[], flatNewState: Tensor[]): Tensor[] => [
    ...flatZeroOutput.map((z, i) => copyOneThrough(z, flatNewOutput[i] as Tensor)),
    ...flatState.map((s, i) => copyOneThrough(s, flatNewState[i] as Tensor)),
  ];
  const maybeCopySomeThrough = (): Tensor[] => {
    const [newOutput, newState] = callCell();
    const flatNewState = flatten(newState as never) as Tensor[];
    const flatNewOutput = flatten(newOutput as never) as Tensor[];
    // `time < min_sequence_length` is min_sequence_length.__gt__(time).
    return cond(
      greater(minSequenceLength, time),
      () => [...flatNewOutput, ...flatNewState],
      () => copySomeThrough(flatNewOutput, flatNewState),
    ) as Tensor[];
  };
  const finalOutputAndState = cond(
    lessEqual(maxSequenceLength, time),
    () => [...flatZeroOutput, ...flatState],
    maybeCopySomeThrough,
  ) as Tensor[];
  const finalOutput = finalOutputAndState.slice(0, flatZeroOutput.length);
  const finalState = finalOutputAndState.slice(flatZeroOutput.length);
  finalOutput.forEach((o, i) => o.setShape((flatZeroOutput[i] as Tensor).shape));
  finalState.forEach((s, i) => s.setShape((flatState[i] as Tensor).shape));
  return [
    packSequenceAs(zeroOutput as never, finalOutput) as RnnState,
    packSequenceAs(state as never, finalState) as RnnState,
  ];
}

/**
 * rnn.py: static_rnn(cell, inputs, initial_state=None, dtype=None, sequence_length=None, scope=None): the cell
 * unrolled over the list `inputs`; returns `[outputs, state]`.
 */
export function staticRnn(
  cell: RNNCell,
  inputs: readonly RnnState[],
  options: StaticRnnOptions = {},
): [RnnState[], RnnState] {
  assertLikeRnnCell("cell", cell);
  // rnn.py: static_rnn
  if (!Array.isArray(inputs)) throw new TypeError("inputs must be a sequence");
  if (inputs.length === 0) throw new ValueError("inputs must not be empty");
  const outputs: RnnState[] = [];
  return variableScope(options.scope || "rnn", (varscope) => {
    let firstInput: unknown = inputs;
    while (Array.isArray(firstInput)) firstInput = firstInput[0];
    const first = convertToTensor(firstInput as TensorLike);
    let fixedBatchSize: number | null;
    if (first.shape === null || first.shape.length !== 1) {
      if (first.shape !== null && first.shape.length < 2) {
        // tensor_shape.py: TensorShape.with_rank_at_least
        throw new ValueError(`Shape ${showDims(first.shape)} must have rank at least 2`);
      }
      fixedBatchSize = first.shape === null ? null : (first.shape[0] ?? null);
      for (const flatInput of flatten(inputs as never) as Tensor[]) {
        const s = flatInput.shape;
        if (s === null) continue;
        if (s.length < 2) throw new ValueError(`Shape ${showDims(s)} must have rank at least 2`);
        if (fixedBatchSize !== null && s[0] !== null && s[0] !== fixedBatchSize) {
          // tensor_shape.py: Dimension.merge_with
          throw new ValueError(`Dimensions ${fixedBatchSize} and ${s[0]} are not compatible`);
        }
        fixedBatchSize ??= s[0] ?? null;
        s.slice(1).forEach((size, i) => {
          // rnn.py: static_rnn
          if (size === null) {
            throw new ValueError(
              `Input size (dimension ${i} of inputs) must be accessible via shape inference, but saw value None.`,
            );
          }
        });
      }
    } else fixedBatchSize = first.shape[0] ?? null;
    const batchSize: number | Tensor = fixedBatchSize ?? indexTensor(shapeOf(first), 0);
    let state: RnnState;
    if (options.initialState !== undefined && options.initialState !== null) state = options.initialState;
    else {
      // rnn.py: static_rnn
      if (!options.dtype) throw new ValueError("If no initial_state is provided, dtype must be specified");
      state = cell.zeroState(batchSize, options.dtype);
    }
    let sequenceLength: Tensor | null = null;
    let zeroOutput: RnnState = [];
    let minSequenceLength: Tensor | null = null;
    let maxSequenceLength: Tensor | null = null;
    if (options.sequenceLength !== undefined && options.sequenceLength !== null) {
      sequenceLength = convertToTensor(options.sequenceLength, { name: "sequence_length" });
      if (sequenceLength.shape !== null && sequenceLength.shape.length !== 1) {
        // rnn.py: static_rnn
        throw new ValueError("sequence_length must be a vector of length batch_size");
      }
      const dtype = options.dtype ?? (flatten(state as never)[0] as Tensor).dtype;
      // rnn.py: static_rnn's _create_zero_output: zeros of `stack(_concat(batch_size, output_size))`.
      const createZeroOutput = (size: number): Tensor => {
        // `stack` of the shape tensor is that tensor (array_ops.stack converts it as it is).
        const output = zeros(concatShape(batchSize, size, false) as Tensor, dtype);
        output.setShape([fixedBatchSize, size]);
        return output;
      };
      const outputSize = cell.outputSize;
      zeroOutput = packSequenceAs(
        outputSize as never,
        flatten(outputSize as never).map((s) => createZeroOutput(s as number)),
      ) as RnnState;
      sequenceLength = cast(sequenceLength, int32);
      minSequenceLength = reduceMin(sequenceLength);
      maxSequenceLength = reduceMax(sequenceLength);
    }
    inputs.forEach((input, time) => {
      if (time > 0) varscope.reuseVariables();
      const callCell = () => cell.apply(input, state) as [RnnState, RnnState];
      let output: RnnState;
      if (sequenceLength !== null) {
        [output, state] = rnnStep(
          time,
          sequenceLength,
          minSequenceLength as Tensor,
          maxSequenceLength as Tensor,
          zeroOutput,
          state,
          callCell,
        );
      } else [output, state] = callCell();
      outputs.push(output);
    });
    return [outputs, state];
  });
}

export interface StaticBidirectionalRnnOptions {
  initialStateFw?: RnnState | null;
  initialStateBw?: RnnState | null;
  dtype?: DTypeLike | null;
  sequenceLength?: TensorLike | null;
  scope?: string | VariableScope | null;
}

/**
 * rnn.py: static_bidirectional_rnn(cell_fw, cell_bw, inputs, initial_state_fw=None, initial_state_bw=None,
 * dtype=None, sequence_length=None, scope=None): `fw` over the inputs, `bw` over them reversed (per sequence
 * length); returns `[outputs (fw and bw concatenated per step), outputStateFw, outputStateBw]`.
 */
export function staticBidirectionalRnn(
  cellFw: RNNCell,
  cellBw: RNNCell,
  inputs: readonly Tensor[],
  options: StaticBidirectionalRnnOptions = {},
): [Tensor[], RnnState, RnnState] {
  assertLikeRnnCell("cell_fw", cellFw);
  assertLikeRnnCell("cell_bw", cellBw);
  // rnn.py: static_bidirectional_rnn
  if (!Array.isArray(inputs)) throw new TypeError("inputs must be a sequence");
  if (inputs.length === 0) throw new ValueError("inputs must not be empty");
  return variableScope(options.scope || "bidirectional_rnn", () => {
    const [outputFw, outputStateFw] = variableScope("fw", (fwScope) =>
      staticRnn(cellFw, inputs, {
        initialState: options.initialStateFw,
        dtype: options.dtype,
        sequenceLength: options.sequenceLength,
        scope: fwScope,
      }),
    );
    return variableScope("bw", (bwScope) => {
      const reversedInputs = reverseSeq(inputs, options.sequenceLength ?? null);
      const [tmp, outputStateBw] = staticRnn(cellBw, reversedInputs, {
        initialState: options.initialStateBw,
        dtype: options.dtype,
        sequenceLength: options.sequenceLength,
        scope: bwScope,
      });
      const outputBw = reverseSeq(tmp as Tensor[], options.sequenceLength ?? null);
      const flatOutputFw = outputFw as Tensor[];
      const outputs = flatOutputFw.map((fw, i) => concat([fw, outputBw[i] as Tensor], 1));
      return [outputs, outputStateFw, outputStateBw];
    });
  });
}

/** rnn.py: _reverse_seq: the list reversed, or with lengths each flat position stacked, ReverseSequence'd, unstacked. */
function reverseSeq(inputSeq: readonly Tensor[], lengths: TensorLike | null): Tensor[] {
  if (lengths === null) return [...inputSeq].reverse();
  const flatInputSeq = inputSeq.map((input) => flatten(input as never) as Tensor[]);
  const flatResults: Tensor[][] = inputSeq.map(() => []);
  (flatInputSeq[0] ?? []).forEach((_, k) => {
    const sequence = flatInputSeq.map((flat) => flat[k] as Tensor);
    let inputShape: Shape = null;
    for (const input of sequence) {
      inputShape = inputShape === null ? input.shape : (mergeShapes(inputShape, input.shape) ?? inputShape);
      input.setShape(inputShape);
    }
    // Join into (time, batch_size, depth), reverse along dimension 0, split again into a list.
    const sReversed = reverseSequence(stack(sequence), lengths, { seqAxis: 0, batchAxis: 1 });
    unstack(sReversed).forEach((r, t) => {
      r.setShape(inputShape);
      flatResults[t]?.push(r);
    });
  });
  return inputSeq.map((input, t) => packSequenceAs(input as never, flatResults[t] as Tensor[]) as Tensor);
}
