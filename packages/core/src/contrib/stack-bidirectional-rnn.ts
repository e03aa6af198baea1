// contrib/rnn/python/ops/rnn.py (TF 1.15): stack_bidirectional_rnn and stack_bidirectional_dynamic_rnn, bidirectional
// layers stacked in `stack_bidirectional_rnn/cell_<i>`, each layer's fw and bw outputs concatenated as the next input.
import { ValueError } from "../errors";
import type { DTypeLike } from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import { staticBidirectionalRnn } from "../layers/rnn";
import type { RNNCell, RnnState } from "../layers/rnn-cell-base";
import { bidirectionalDynamicRnn } from "../layers/rnn-dynamic";
import type { TensorLike } from "../ops/op-builder";
import { concat } from "../ops/slicing-ops";
import { type VariableScope, variableScope } from "../scopes/variable-scope";

export interface StackBidirectionalRnnOptions {
  initialStatesFw?: RnnState[] | null;
  initialStatesBw?: RnnState[] | null;
  dtype?: DTypeLike | null;
  sequenceLength?: TensorLike | null;
  scope?: string | VariableScope | null;
}

export interface StackBidirectionalDynamicRnnOptions extends StackBidirectionalRnnOptions {
  parallelIterations?: number | null;
  timeMajor?: boolean;
  swapMemory?: boolean;
}

/** rnn.py: the argument checks both stacks make. */
function checkStack(cellsFw: RNNCell[], cellsBw: RNNCell[], o: StackBidirectionalRnnOptions): void {
  // contrib/rnn/python/ops/rnn.py: stack_bidirectional_rnn / stack_bidirectional_dynamic_rnn
  if (!cellsFw || (Array.isArray(cellsFw) && cellsFw.length === 0))
    throw new ValueError("Must specify at least one fw cell for BidirectionalRNN.");
  if (!cellsBw || (Array.isArray(cellsBw) && cellsBw.length === 0))
    throw new ValueError("Must specify at least one bw cell for BidirectionalRNN.");
  if (!Array.isArray(cellsFw)) throw new ValueError("cells_fw must be a list of RNNCells (one per layer).");
  if (!Array.isArray(cellsBw)) throw new ValueError("cells_bw must be a list of RNNCells (one per layer).");
  if (cellsFw.length !== cellsBw.length) throw new ValueError("Forward and Backward cells must have the same depth.");
  const badStates = (s: RnnState[] | null | undefined) =>
    s !== null && s !== undefined && (!Array.isArray(s) || s.length !== cellsFw.length);
  if (badStates(o.initialStatesFw))
    throw new ValueError("initial_states_fw must be a list of state tensors (one per layer).");
  if (badStates(o.initialStatesBw))
    throw new ValueError("initial_states_bw must be a list of state tensors (one per layer).");
}

/** `initial_states[i]` when the list is given and not empty (Python's `if initial_states:`). */
const stateAt = (states: RnnState[] | null | undefined, i: number): RnnState | null =>
  states && states.length > 0 ? (states[i] as RnnState) : null;

/**
 * rnn.py: stack_bidirectional_rnn(cells_fw, cells_bw, inputs, initial_states_fw=None, initial_states_bw=None,
 * dtype=None, sequence_length=None, scope=None): static_bidirectional_rnn per layer; returns
 * `[outputs, statesFw, statesBw]` (one state per layer).
 */
export function stackBidirectionalRnn(
  cellsFw: RNNCell[],
  cellsBw: RNNCell[],
  inputs: readonly Tensor[],
  options: StackBidirectionalRnnOptions = {},
): [Tensor[], RnnState[], RnnState[]] {
  checkStack(cellsFw, cellsBw, options);
  const statesFw: RnnState[] = [];
  const statesBw: RnnState[] = [];
  let prevLayer: Tensor[] = [...inputs];
  variableScope(options.scope || "stack_bidirectional_rnn", () => {
    cellsFw.forEach((cellFw, i) => {
      variableScope(`cell_${i}`, (cellScope) => {
        const [out, stateFw, stateBw] = staticBidirectionalRnn(cellFw, cellsBw[i] as RNNCell, prevLayer, {
          initialStateFw: stateAt(options.initialStatesFw, i),
          initialStateBw: stateAt(options.initialStatesBw, i),
          sequenceLength: options.sequenceLength,
          dtype: options.dtype,
          scope: cellScope,
        });
        prevLayer = out;
        statesFw.push(stateFw);
        statesBw.push(stateBw);
      });
    });
  });
  return [prevLayer, statesFw, statesBw];
}

/**
 * rnn.py: stack_bidirectional_dynamic_rnn(cells_fw, cells_bw, inputs, initial_states_fw=None,
 * initial_states_bw=None, dtype=None, sequence_length=None, parallel_iterations=None, time_major=False, scope=None,
 * swap_memory=False): bidirectional_dynamic_rnn per layer, its outputs concatenated on axis 2; returns
 * `[outputs, statesFw, statesBw]`.
 */
export function stackBidirectionalDynamicRnn(
  cellsFw: RNNCell[],
  cellsBw: RNNCell[],
  inputs: TensorLike,
  options: StackBidirectionalDynamicRnnOptions = {},
): [Tensor, RnnState[], RnnState[]] {
  checkStack(cellsFw, cellsBw, options);
  const statesFw: RnnState[] = [];
  const statesBw: RnnState[] = [];
  let prevLayer = inputs;
  variableScope(options.scope || "stack_bidirectional_rnn", () => {
    cellsFw.forEach((cellFw, i) => {
      variableScope(`cell_${i}`, () => {
        const [outputs, [stateFw, stateBw]] = bidirectionalDynamicRnn(cellFw, cellsBw[i] as RNNCell, prevLayer, {
          initialStateFw: stateAt(options.initialStatesFw, i),
          initialStateBw: stateAt(options.initialStatesBw, i),
          sequenceLength: options.sequenceLength,
          parallelIterations: options.parallelIterations,
          dtype: options.dtype,
          swapMemory: options.swapMemory,
          timeMajor: options.timeMajor,
        });
        // Concat the outputs to create the new input.
        prevLayer = concat(outputs as Tensor[], 2);
        statesFw.push(stateFw);
        statesBw.push(stateBw);
      });
    });
  });
  return [prevLayer as Tensor, statesFw, statesBw];
}
