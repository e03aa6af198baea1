// rnn.py (TF 1.15): dynamic_rnn, _dynamic_rnn_loop (a tf.while_loop over TensorArrays of the time-major inputs and
// outputs), _rnn_step with skip_conditionals (Select copy-through past each sequence length) and
// bidirectional_dynamic_rnn (bw over inputs reversed by ReverseSequence, or ReverseV2 without lengths).
import { ValueError } from "../errors";
import { type DTypeLike, int32 } from "../framework/dtypes";
import { shapeToString } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { constant, identity, rank, shape as shapeOf, transpose, zeros } from "../ops/array-ops";
import { Assert } from "../ops/control-flow-case";
import { controlDependencies } from "../ops/control-flow-ops";
import { cast, equal, greaterEqual, less, maximum, minimum, range, where } from "../ops/math-ops";
import { flatten, packSequenceAs, type Structure } from "../ops/nest";
import { convertToTensor, type TensorLike } from "../ops/op-builder";
import { add } from "../ops/operators";
import { reduceAll, reduceMax, reduceMin } from "../ops/reduction-ops";
import { reverse, reverseSequence } from "../ops/reverse-ops";
import { concat, stack } from "../ops/slicing-ops";
import { TensorArray } from "../ops/tensor-array";
import { indexTensor } from "../ops/tensor-index";
import { whileLoop } from "../ops/while-loop";
import { nameScope } from "../scopes/name-scope";
import { type VariableScope, variableScope } from "../scopes/variable-scope";
import { assertLikeRnnCell, concatShape, type RNNCell, type RnnState } from "./rnn-cell-base";

export interface DynamicRnnOptions {
  sequenceLength?: TensorLike | null;
  initialState?: RnnState | null;
  dtype?: DTypeLike | null;
  parallelIterations?: number | null;
  swapMemory?: boolean;
  timeMajor?: boolean;
  scope?: string | VariableScope | null;
}

type Inputs = Structure<TensorLike>;

/** rnn.py: _transpose_batch_time: dims 0 and 1 swapped (rank < 2 passes through), static shape kept. */
export function transposeBatchTime(x: Tensor): Tensor {
  const s = x.shape;
  if (s !== null && s.length < 2) return x;
  const xRank = rank(x);
  const xT = transpose(x, concat([constant([1, 0]), range(2, xRank)], 0));
  xT.setShape(s === null ? null : [s[1] ?? null, s[0] ?? null, ...s.slice(2)]);
  return xT;
}

/** rnn.py: _best_effort_input_batch_size of time-major inputs. */
function bestEffortInputBatchSize(flatInput: readonly Tensor[]): number | Tensor {
  for (const input of flatInput) {
    const s = input.shape;
    if (s === null) continue;
    // rnn.py: _best_effort_input_batch_size
    if (s.length < 2) throw new ValueError(`Expected input tensor ${input.repr()} to have rank at least 2`);
    if (s[1] !== null) return s[1] as number;
  }
  return indexTensor(shapeOf(flatInput[0] as Tensor), 1);
}

/** rnn.py: _infer_state_dtype */
function inferStateDtype(explicit: DTypeLike | null | undefined, state: RnnState): DTypeLike {
  if (explicit) return explicit;
  const dtypes = (flatten(state as never) as Tensor[]).map((t) => t.dtype);
  if (dtypes.length === 0) throw new ValueError("Unable to infer dtype from empty state.");
  if (!dtypes.every((d) => d === dtypes[0])) {
    throw new ValueError(
      "State has tensors of different inferred_dtypes. Unable to infer a single representative dtype.",
    );
  }
  return dtypes[0] as DTypeLike;
}

/**
 * rnn.py: dynamic_rnn(cell, inputs, sequence_length=None, initial_state=None, dtype=None, parallel_iterations=None,
 * swap_memory=False, time_major=False, scope=None): the cell run over the time axis in a `while` loop; returns
 * `[outputs, state]` (outputs batch-major unless `timeMajor`).
 */
export function dynamicRnn(cell: RNNCell, inputs: Inputs, options: DynamicRnnOptions = {}): [RnnState, RnnState] {
  assertLikeRnnCell("cell", cell);
  // The caching device _should_cache sets only places the variables' cached reads; no names change.
  return variableScope(options.scope || "rnn", () => {
    const timeMajor = options.timeMajor ?? false;
    let flatInput = flatten(inputs as never) as Tensor[];
    if (!timeMajor) flatInput = flatInput.map((x) => transposeBatchTime(convertToTensor(x)));
    else flatInput = flatInput.map((x) => convertToTensor(x));
    const parallelIterations = options.parallelIterations || 32;
    let sequenceLength: Tensor | null = null;
    if (options.sequenceLength !== undefined && options.sequenceLength !== null) {
      sequenceLength = cast(options.sequenceLength, int32);
      const s = sequenceLength.shape;
      if (s !== null && s.length !== 1) {
        // rnn.py: dynamic_rnn
        throw new ValueError(
          `sequence_length must be a vector of length batch_size, but saw shape: ${shapeToString(s)}`,
        );
      }
      // Just to find it in the graph.
      sequenceLength = identity(sequenceLength, "sequence_length");
    }
    const batchSize = bestEffortInputBatchSize(flatInput);
    let state: RnnState;
    if (options.initialState !== undefined && options.initialState !== null) state = options.initialState;
    else {
      // rnn.py: dynamic_rnn
      if (!options.dtype) throw new ValueError("If there is no initial_state, you must give a dtype.");
      state = cell.getInitialState({ batchSize, dtype: options.dtype });
    }
    if (sequenceLength !== null) {
      const seq = sequenceLength;
      // rnn.py: dynamic_rnn's _assert_has_shape(sequence_length, [batch_size])
      const xShape = shapeOf(seq);
      const packedShape = stack([batchSize]);
      const check = Assert(reduceAll(equal(xShape, packedShape)), [
        `Expected shape for Tensor ${seq.name} is `,
        packedShape,
        " but saw shape: ",
        xShape,
      ]);
      sequenceLength = controlDependencies([check], () => identity(seq, "CheckSeqLen"));
    }
    const packedInputs = packSequenceAs(inputs as never, flatInput) as Inputs;
    const [outputs, finalState] = dynamicRnnLoop(
      cell,
      packedInputs,
      state,
      parallelIterations,
      options.swapMemory ?? false,
      sequenceLength,
      options.dtype ?? null,
    );
    // (T,B,D) => (B,T,D)
    if (timeMajor) return [outputs, finalState];
    const flatOut = (flatten(outputs as never) as Tensor[]).map(transposeBatchTime);
    return [packSequenceAs(outputs as never, flatOut) as RnnState, finalState];
  });
}

/** rnn.py: _dynamic_rnn_loop */
function dynamicRnnLoop(
  cell: RNNCell,
  inputs: Inputs,
  initialState: RnnState,
  parallelIterations: number,
  swapMemory: boolean,
  sequenceLength: Tensor | null,
  dtype: DTypeLike | null,
): [RnnState, RnnState] {
  const state = initialState;
  const flatInput = flatten(inputs as never) as Tensor[];
  const flatOutputSize = flatten(cell.outputSize as never) as number[];
  const inputShape = shapeOf(flatInput[0] as Tensor);
  const timeSteps = indexTensor(inputShape, 0);
  const batchSize = bestEffortInputBatchSize(flatInput);
  const inputsGotShape = flatInput.map((input) => {
    const s = input.shape;
    // tensor_shape.py: TensorShape.with_rank_at_least
    if (s !== null && s.length < 3) throw new ValueError(`Shape ${shapeToString(s)} must have rank at least 3`);
    return s;
  });
  const first = inputsGotShape[0];
  const constTimeSteps = first === null ? null : (first[0] ?? null);
  const constBatchSize = first === null ? null : (first[1] ?? null);
  for (const s of inputsGotShape) {
    if (s === null || s.slice(2).some((d) => d === null)) {
      // rnn.py: _dynamic_rnn_loop
      throw new ValueError("Input size (depth of inputs) must be accessible via shape inference, but saw value None.");
    }
    if (constTimeSteps !== s[0]) {
      throw new ValueError("Time steps is not the same for all the elements in the input in a batch.");
    }
    if (constBatchSize !== s[1]) throw new ValueError("Batch_size is not the same for all the elements in the input.");
  }
  const stateDtype = () => inferStateDtype(dtype, state);
  // _create_zero_arrays: zeros of `stack(_concat(batch_size, size))` (stack of one tensor is that tensor).
  const flatZeroOutput = flatOutputSize.map((size) =>
    zeros(concatShape(batchSize, size, false) as Tensor, stateDtype()),
  );
  const zeroOutput = packSequenceAs(cell.outputSize as never, flatZeroOutput) as RnnState;
  let maxSequenceLength: Tensor;
  if (sequenceLength !== null) {
    // TF builds `Min` too; _rnn_step with skip_conditionals never reads it.
    reduceMin(sequenceLength);
    maxSequenceLength = reduceMax(sequenceLength);
  } else maxSequenceLength = timeSteps;
  const time = constant(0, { dtype: int32, name: "time" });
  const baseName = nameScope("dynamic_rnn", null, [], (scope) => scope);
  const createTa = (name: string, elementShape: (number | null)[] | null, taDtype: DTypeLike) =>
    new TensorArray(taDtype, { size: timeSteps, elementShape, tensorArrayName: baseName + name });
  const outputTa = flatOutputSize.map((size, i) => createTa(`output_${i}`, [constBatchSize, size], stateDtype()));
  const inputTa = flatInput
    .map((x, i) => createTa(`input_${i}`, x.shape === null ? null : x.shape.slice(1), x.dtype))
    .map((ta, i) => ta.unstack(flatInput[i] as Tensor));

  const timeStep = (t: Tensor, outputTaT: TensorArray[], st: RnnState): unknown[] => {
    const flatInputT = inputTa.map((ta) => ta.read(t));
    // Restore some shape information
    flatInputT.forEach((x, i) => x.setShape((inputsGotShape[i] as number[]).slice(1)));
    const inputT = packSequenceAs(inputs as never, flatInputT);
    const callCell = () => cell.apply(inputT, st) as [RnnState, RnnState];
    let output: RnnState;
    let newState: RnnState;
    if (sequenceLength !== null) {
      [output, newState] = rnnStepSkippingConditionals(t, sequenceLength, zeroOutput, st, callCell);
    } else [output, newState] = callCell();
    const flatOut = flatten(output as never) as Tensor[];
    const written = outputTaT.map((ta, i) => ta.write(t, flatOut[i] as Tensor));
    return [add(t, 1), written, newState];
  };
  // Run at least one step, if necessary, so that the TensorArrays pick up the dynamic shape.
  const loopBound = minimum(timeSteps, maximum(1, maxSequenceLength));
  const [, outputFinalTa, finalState] = whileLoop(
    (t: Tensor) => less(t, loopBound),
    timeStep,
    [time, outputTa, state],
    {
      parallelIterations,
      maximumIterations: timeSteps,
      swapMemory,
    },
  ) as [Tensor, TensorArray[], RnnState];
  const finalOutputs = outputFinalTa.map((ta) => ta.stack());
  finalOutputs.forEach((o, i) => o.setShape([constTimeSteps, constBatchSize, flatOutputSize[i] as number]));
  return [
    packSequenceAs(cell.outputSize as never, finalOutputs) as RnnState,
    packSequenceAs(state as never, flatten(finalState as never)) as RnnState,
  ];
}

/** rnn.py: _rnn_step(skip_conditionals=True): the cell called, then Select of old/new where `time >= length`. */
function rnnStepSkippingConditionals(
  time: Tensor,
  sequenceLength: Tensor,
  zeroOutput: RnnState,
  state: RnnState,
  callCell: () => [RnnState, RnnState],
): [RnnState, RnnState] {
  const flatState = flatten(state as never) as Tensor[];
  const flatZeroOutput = flatten(zeroOutput as never) as Tensor[];
  // Vector describing which batch entries are finished.
  const copyCond = greaterEqual(time, sequenceLength);
  const copyOneThrough = (output: Tensor, newOutput: Tensor): Tensor =>
    output.shape !== null && output.shape.length === 0 ? newOutput : where(copyCond, output, newOutput);
  const [newOutput, newState] = callCell();
  const flatNewOutput = flatten(newOutput as never) as Tensor[];
  const flatNewState = flatten(newState as never) as Tensor[];
  const finalOutput = flatZeroOutput.map((z, i) => copyOneThrough(z, flatNewOutput[i] as Tensor));
  const finalState = flatState.map((s, i) => copyOneThrough(s, flatNewState[i] as Tensor));
  finalOutput.forEach((o, i) => o.setShape((flatZeroOutput[i] as Tensor).shape));
  finalState.forEach((s, i) => s.setShape((flatState[i] as Tensor).shape));
  return [
    packSequenceAs(zeroOutput as never, finalOutput) as RnnState,
    packSequenceAs(state as never, finalState) as RnnState,
  ];
}

export interface BidirectionalDynamicRnnOptions {
  sequenceLength?: TensorLike | null;
  initialStateFw?: RnnState | null;
  initialStateBw?: RnnState | null;
  dtype?: DTypeLike | null;
  parallelIterations?: number | null;
  swapMemory?: boolean;
  timeMajor?: boolean;
  scope?: string | VariableScope | null;
}

/**
 * rnn.py: bidirectional_dynamic_rnn(cell_fw, cell_bw, inputs, sequence_length=None, initial_state_fw=None,
 * initial_state_bw=None, dtype=None, parallel_iterations=None, swap_memory=False, time_major=False, scope=None):
 * returns `[[outputFw, outputBw], [outputStateFw, outputStateBw]]`.
 */
export function bidirectionalDynamicRnn(
  cellFw: RNNCell,
  cellBw: RNNCell,
  inputs: Inputs,
  options: BidirectionalDynamicRnnOptions = {},
): [[RnnState, RnnState], [RnnState, RnnState]] {
  assertLikeRnnCell("cell_fw", cellFw);
  assertLikeRnnCell("cell_bw", cellBw);
  const timeMajor = options.timeMajor ?? false;
  const common = {
    sequenceLength: options.sequenceLength,
    dtype: options.dtype,
    parallelIterations: options.parallelIterations,
    swapMemory: options.swapMemory,
    timeMajor,
  };
  const timeAxis = timeMajor ? 0 : 1;
  const batchAxis = timeMajor ? 1 : 0;
  const lengths = options.sequenceLength ?? null;
  const reverseOne = (x: TensorLike): Tensor =>
    lengths !== null ? reverseSequence(x, lengths, { seqAxis: timeAxis, batchAxis }) : reverse(x, [timeAxis]);
  const [outputFw, outputStateFw, tmp, outputStateBw] = variableScope(options.scope || "bidirectional_rnn", () => {
    const [fw, stateFw] = variableScope("fw", (fwScope) =>
      dynamicRnn(cellFw, inputs, { ...common, initialState: options.initialStateFw, scope: fwScope }),
    );
    const [bw, stateBw] = variableScope("bw", (bwScope) => {
      const flat = flatten(inputs as never) as TensorLike[];
      const inputsReverse = packSequenceAs(inputs as never, flat.map(reverseOne)) as Inputs;
      return dynamicRnn(cellBw, inputsReverse, { ...common, initialState: options.initialStateBw, scope: bwScope });
    });
    return [fw, stateFw, bw, stateBw];
  });
  // TF reverses the bw outputs after leaving the `bidirectional_rnn` scope.
  const outputBw = reverseOne(tmp as Tensor);
  return [
    [outputFw, outputBw],
    [outputStateFw, outputStateBw],
  ];
}
