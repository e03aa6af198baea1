// rnn_cell_impl.py (TF 1.15): MultiRNNCell; rnn_cell_wrapper_impl.py: DropoutWrapper and ResidualWrapper
// (the v1 wrappers: `__call__` calls the wrapped cell directly, so they add no variable scope of their own).
import { ValueError } from "../errors";
import type { DTypeLike } from "../framework/dtypes";
import { Tensor } from "../framework/tensor";
import { flatten, isSequence, packSequenceAs } from "../ops/nest";
import { dropout } from "../ops/nn-dropout";
import { convertToTensor, opScope, type TensorLike } from "../ops/op-builder";
import { constantValue } from "../ops/shape-inference";
import { concat, slice } from "../ops/slicing-ops";
import { nameScope } from "../scopes/name-scope";
import { variableScope } from "../scopes/variable-scope";
import type { Variable } from "../variables/variable";
import { md5Hex } from "./md5";
import {
  assertLikeRnnCell,
  LSTMStateTuple,
  RNNCell,
  type RNNCellCallOptions,
  type RnnState,
  type StateSize,
} from "./rnn-cell-base";

const sumSizes = (sizes: StateSize[]): number => sizes.reduce<number>((s, x) => s + (x as number), 0);

/** rnn_cell_impl.py: MultiRNNCell: cells stacked, each in the variable scope `cell_<i>`. */
export class MultiRNNCell extends RNNCell {
  static override readonly className: string = "MultiRNNCell";
  readonly cells: RNNCell[];
  readonly stateIsTuple: boolean;

  constructor(cells: RNNCell[], stateIsTuple = true) {
    super();
    // rnn_cell_impl.py: MultiRNNCell.__init__
    if (!cells || (Array.isArray(cells) && cells.length === 0))
      throw new ValueError("Must specify at least one cell for MultiRNNCell.");
    if (!Array.isArray(cells)) throw new TypeError(`cells must be a list or tuple, but saw: ${String(cells)}.`);
    this.cells = [...cells];
    this.stateIsTuple = stateIsTuple;
    if (!stateIsTuple && this.cells.some((c) => isSequence(c.stateSize))) {
      const sizes = this.cells.map((c) => JSON.stringify(c.stateSize));
      // rnn_cell_impl.py: MultiRNNCell.__init__
      throw new ValueError(
        `Some cells return tuples of states, but the flag state_is_tuple is not set.  State sizes are: [${sizes.join(", ")}]`,
      );
    }
  }
  override get stateSize(): StateSize {
    const sizes = this.cells.map((c) => c.stateSize);
    return this.stateIsTuple ? sizes : sumSizes(sizes);
  }
  override get outputSize(): StateSize {
    return (this.cells.at(-1) as RNNCell).outputSize;
  }
  /** rnn_cell_impl.py: MultiRNNCell.trainable_weights: the stacked cells' weights. */
  override get trainableWeights(): Variable[] {
    return this.trainable ? this.cells.flatMap((c) => c.trainableWeights) : [];
  }
  /** rnn_cell_impl.py: MultiRNNCell.non_trainable_weights */
  override get nonTrainableWeights(): Variable[] {
    const weights = this.cells.flatMap((c) => c.nonTrainableWeights);
    return this.trainable ? weights : [...this.cells.flatMap((c) => c.trainableWeights), ...weights];
  }
  /** rnn_cell_impl.py: MultiRNNCell.zero_state */
  override zeroState(batchSize: number | Tensor, dtype: DTypeLike): RnnState {
    return nameScope("MultiRNNCellZeroState", null, batchSize instanceof Tensor ? [batchSize] : [], () =>
      this.stateIsTuple ? this.cells.map((c) => c.zeroState(batchSize, dtype)) : super.zeroState(batchSize, dtype),
    );
  }
  override call(inputs: Tensor, state: RnnState): [Tensor, RnnState] {
    let curStatePos = 0;
    let curInp: Tensor = inputs;
    const newStates: RnnState[] = [];
    this.cells.forEach((cell, i) => {
      variableScope(`cell_${i}`, () => {
        let curState: RnnState;
        if (this.stateIsTuple) {
          if (!isSequence(state)) {
            // rnn_cell_impl.py: MultiRNNCell.call
            throw new ValueError(
              `Expected state to be a tuple of length ${(this.stateSize as StateSize[]).length}, but received: ${String(state)}`,
            );
          }
          curState = (state as RnnState[])[i] as RnnState;
        } else {
          const size = cell.stateSize as number;
          curState = slice(state as Tensor, [0, curStatePos], [-1, size]);
          curStatePos += size;
        }
        const [out, newState] = cell.apply(curInp, curState);
        curInp = out;
        newStates.push(newState);
      });
    });
    return [curInp, this.stateIsTuple ? newStates : concat(newStates as Tensor[], 1)];
  }
}

/** rnn_cell_wrapper_impl.py: the v1 wrapper base: sizes and zero state from the wrapped cell. */
/** rnn_cell_wrapper_impl.py: _RNNCellWrapperV1: delegates sizes, weights and the zero state to the wrapped cell. */
export abstract class RNNCellWrapper extends RNNCell {
  readonly cell: RNNCell;
  constructor(cell: RNNCell) {
    super();
    this.cell = cell;
  }
  override get stateSize(): StateSize {
    return this.cell.stateSize;
  }
  override get outputSize(): StateSize {
    return this.cell.outputSize;
  }
  override get trainableWeights(): Variable[] {
    return this.cell.trainableWeights;
  }
  override get nonTrainableWeights(): Variable[] {
    return this.cell.nonTrainableWeights;
  }
  override zeroState(batchSize: number | Tensor, dtype: DTypeLike): RnnState {
    return nameScope(`${this.constructor.name}ZeroState`, null, batchSize instanceof Tensor ? [batchSize] : [], () =>
      this.cell.zeroState(batchSize, dtype),
    );
  }
  protected abstract callWrappedCell(inputs: Tensor, state: RnnState, options?: RNNCellCallOptions): [Tensor, RnnState];
  /** rnn_cell_wrapper_impl.py: _RNNCellWrapperV1.__call__: no layer scope, straight to the wrapped cell. */
  override apply(inputs: any, state?: any, options?: RNNCellCallOptions): any {
    return this.callWrappedCell(inputs instanceof Tensor ? inputs : convertToTensor(inputs), state, options);
  }
}

export type KeepProb = number | Tensor;

export interface DropoutWrapperOptions {
  inputKeepProb?: KeepProb;
  outputKeepProb?: KeepProb;
  stateKeepProb?: KeepProb;
  variationalRecurrent?: boolean;
  inputSize?: unknown;
  dtype?: DTypeLike | null;
  seed?: number | null;
  /** Given a state leaf (or substructure) returns whether to drop it out; by default all but an LSTMStateTuple's c. */
  dropoutStateFilterVisitor?: ((substate: unknown) => boolean | RnnState | LSTMStateTuple<boolean>) | null;
}

/** rnn_cell_wrapper_impl.py: _default_dropout_state_filter_visitor: an LSTMStateTuple keeps c, drops out h. */
function defaultDropoutStateFilter(substate: unknown): boolean | LSTMStateTuple<boolean> {
  return substate instanceof LSTMStateTuple ? new LSTMStateTuple(false, true) : true;
}

/** Where nest.get_traverse_shallow_structure would stop: the filter's answers laid over the state. */
function shallowFilter(filter: (s: unknown) => unknown, state: unknown): unknown {
  const answer = filter(state);
  if (typeof answer === "boolean") return answer;
  if (isSequence(answer)) return answer;
  // rnn_cell_wrapper_impl.py: DropoutWrapperBase (via nest.get_traverse_shallow_structure)
  throw new TypeError(`traverse_fn returned structure: ${typeof answer} for non-structure: ${String(state)}`);
}

/** rnn_cell_wrapper_impl.py: DropoutWrapper: dropout on the cell's inputs, outputs and (filtered) state. */
export class DropoutWrapper extends RNNCellWrapper {
  readonly inputKeepProb: KeepProb;
  readonly outputKeepProb: KeepProb;
  readonly stateKeepProb: KeepProb;
  private readonly seed: number | null;
  private readonly stateFilter: (s: unknown) => unknown;

  /** `new DropoutWrapper(cell, inputKeepProb?, outputKeepProb?, stateKeepProb?, { ... })` or `(cell, { ... })`. */
  constructor(
    cell: RNNCell,
    inputKeepProbOrOptions?: KeepProb | DropoutWrapperOptions,
    outputKeepProb?: KeepProb,
    stateKeepProb?: KeepProb,
    options: DropoutWrapperOptions = {},
  ) {
    const isOptions = typeof inputKeepProbOrOptions === "object" && !(inputKeepProbOrOptions instanceof Tensor);
    const o: DropoutWrapperOptions = isOptions
      ? { ...(inputKeepProbOrOptions as DropoutWrapperOptions), ...options }
      : { ...options };
    if (!isOptions && inputKeepProbOrOptions !== undefined) o.inputKeepProb = inputKeepProbOrOptions as KeepProb;
    if (outputKeepProb !== undefined) o.outputKeepProb = outputKeepProb;
    if (stateKeepProb !== undefined) o.stateKeepProb = stateKeepProb;
    if (o.variationalRecurrent) {
      throw new ValueError(
        "DropoutWrapper: variational_recurrent=True is not supported by scopeflow yet (it needs the per-sequence noise of rnn_cell_wrapper_impl.py's _variational_recurrent_dropout_value); use variationalRecurrent: false.",
      );
    }
    super(cell);
    assertLikeRnnCell("cell", cell);
    const visitor = o.dropoutStateFilterVisitor;
    // rnn_cell_wrapper_impl.py: DropoutWrapperBase.__init__
    if (visitor !== undefined && visitor !== null && typeof visitor !== "function") {
      throw new TypeError("dropout_state_filter_visitor must be callable");
    }
    this.seed = o.seed ?? null;
    this.stateFilter = visitor ?? defaultDropoutStateFilter;
    // rnn_cell_wrapper_impl.py: DropoutWrapperBase.__init__: each probability converted (a `Const` for a number)
    // in `DropoutWrapperInit`; a constant one is checked and kept as a number.
    const probs = nameScope("DropoutWrapperInit", () =>
      (
        [
          [o.inputKeepProb ?? 1.0, "input_keep_prob"],
          [o.stateKeepProb ?? 1.0, "state_keep_prob"],
          [o.outputKeepProb ?? 1.0, "output_keep_prob"],
        ] as const
      ).map(([prob, attr]) => {
        const tensor = convertToTensor(prob as TensorLike);
        const value = constantValue(tensor);
        if (value !== null && value.length === 1) {
          const v = value[0] as number;
          // rnn_cell_wrapper_impl.py: DropoutWrapperBase.__init__
          if (v < 0 || v > 1) throw new ValueError(`Parameter ${attr} must be between 0 and 1: ${Math.trunc(v)}`);
          return v;
        }
        return tensor;
      }),
    );
    [this.inputKeepProb, this.stateKeepProb, this.outputKeepProb] = probs as [KeepProb, KeepProb, KeepProb];
  }

  /** rnn_cell_wrapper_impl.py: DropoutWrapperBase._gen_seed: an MD5 of the seed and `<salt>_<index>`. */
  private genSeed(saltPrefix: string, index: number): number | null {
    if (this.seed === null) return null;
    return Number.parseInt(md5Hex(`${this.seed}${saltPrefix}_${index}`).slice(0, 8), 16) & 0x7fffffff;
  }

  /** rnn_cell_wrapper_impl.py: DropoutWrapperBase._dropout: `dropout_v2(v, rate=1. - keep_prob)` per leaf. */
  private dropoutOf(values: RnnState, saltPrefix: string, keepProb: KeepProb, filter: unknown = null): RnnState {
    const leaves = flatten(values as never) as Tensor[];
    const doDropout: unknown[] = filter === null ? leaves.map(() => true) : expandFilter(filter, values);
    const out = leaves.map((v, i) => {
      if (doDropout[i] === false) return v;
      const rate = typeof keepProb === "number" ? 1 - keepProb : rsub(1, keepProb);
      return dropout(v, { rate, seed: this.genSeed(saltPrefix, i) });
    });
    return packSequenceAs(values as never, out) as RnnState;
  }

  protected callWrappedCell(inputs: Tensor, state: RnnState, options?: RNNCellCallOptions): [Tensor, RnnState] {
    const shouldDropout = (p: KeepProb) => typeof p !== "number" || p < 1;
    if (shouldDropout(this.inputKeepProb)) inputs = this.dropoutOf(inputs, "input", this.inputKeepProb) as Tensor;
    let [output, newState] = this.cell.apply(inputs, state, options) as [Tensor, RnnState];
    if (shouldDropout(this.stateKeepProb)) {
      newState = this.dropoutOf(newState, "state", this.stateKeepProb, shallowFilter(this.stateFilter, newState));
    }
    if (shouldDropout(this.outputKeepProb)) output = this.dropoutOf(output, "output", this.outputKeepProb) as Tensor;
    return [output, newState];
  }
}

/** Python's `1. - t` (Tensor.__rsub__): a `Sub` named `sub` whose x is `sub/x`. */
function rsub(c: number, t: Tensor): Tensor {
  return opScope(null, "sub", [t], (scope) => convertToTensor(c, { name: "x", dtype: t.dtype }).sub(t, scope));
}

/** One boolean per leaf of `values`: a filter's boolean covers the whole substructure under it. */
function expandFilter(filter: unknown, values: unknown): unknown[] {
  if (typeof filter === "boolean") return flatten(values as never).map(() => filter);
  const fs = filter as unknown[];
  const vs = values as unknown[];
  return fs.flatMap((f, i) => expandFilter(f, vs[i]));
}

/** rnn_cell_wrapper_impl.py: ResidualWrapper: the output is `inputs + cell output` (or `residualFn(inputs, outputs)`). */
export class ResidualWrapper extends RNNCellWrapper {
  readonly residualFn: ((inputs: Tensor, outputs: Tensor) => Tensor) | null;
  constructor(cell: RNNCell, residualFn: ((inputs: Tensor, outputs: Tensor) => Tensor) | null = null) {
    super(cell);
    this.residualFn = residualFn;
  }
  protected callWrappedCell(inputs: Tensor, state: RnnState, options?: RNNCellCallOptions): [Tensor, RnnState] {
    const [outputs, newState] = this.cell.apply(inputs, state, options) as [Tensor, RnnState];
    const residual = (inp: Tensor, out: Tensor): Tensor => {
      const a = inp.shape;
      const b = out.shape;
      const compatible =
        a === null ||
        b === null ||
        (a.length === b.length && a.every((d, i) => d === null || b[i] === null || d === b[i]));
      if (!compatible) {
        const show = (s: typeof a) =>
          s === null ? "<unknown>" : `(${s.map((d) => (d === null ? "?" : d)).join(", ")})`;
        // tensor_shape.py: TensorShape.assert_is_compatible_with
        throw new ValueError(`Shapes ${show(a)} and ${show(b)} are incompatible`);
      }
      return inp.add(out);
    };
    return [(this.residualFn ?? residual)(inputs, outputs), newState];
  }
}
