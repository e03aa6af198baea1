// rnn_cell_impl.py (TF 1.15): LSTMStateTuple, RNNCell, LayerRNNCell, zero_state (_zero_state_tensors, _concat),
// assert_like_rnncell. Cells are tf.layers Layers: their variables live in the layer's variable scope
// (`rnn/basic_lstm_cell/kernel`) and every later call reuses them, its ops going back to the same name scope.
import { ValueError } from "../errors";
import { type DTypeLike, int32 } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import { Tensor } from "../framework/tensor";
import { constant, expandDims, zeros } from "../ops/array-ops";
import { flatten, isSequence, packSequenceAs, type Structure } from "../ops/nest";
import { constantValue } from "../ops/shape-inference";
import { concat } from "../ops/slicing-ops";
import { nameScope } from "../scopes/name-scope";
import { getVariableScope, type VariableScope, variableScope } from "../scopes/variable-scope";
import type { Variable } from "../variables/variable";
import { Layer, type LayerOptions } from "./base";

/**
 * rnn_cell_impl.py: LSTMStateTuple(c, h), a namedtuple: an array `[c, h]` (so nest, destructuring and tf.cond see
 * a two-element tuple, and nest keeps the class when it rebuilds one) with the fields `c` and `h`.
 */
export class LSTMStateTuple<T = Tensor> extends Array<T> {
  constructor(...items: T[]) {
    // Array's species constructor calls `new LSTMStateTuple(length)`; nest then fills the entries.
    super();
    if (items.length === 2) this.push(items[0] as T, items[1] as T);
  }
  get c(): T {
    return this[0] as T;
  }
  get h(): T {
    return this[1] as T;
  }
  /** rnn_cell_impl.py: LSTMStateTuple.dtype: c's and h's dtype, which must agree. */
  get dtype(): unknown {
    const [c, h] = this as unknown as { dtype: { name: string } }[];
    if (c?.dtype !== h?.dtype) {
      // rnn_cell_impl.py: LSTMStateTuple.dtype
      throw new TypeError(`Inconsistent internal state: ${c?.dtype.name} vs ${h?.dtype.name}`);
    }
    return c?.dtype;
  }
}

/** A state or output size: a number, or a structure of them (an LSTMStateTuple of two numbers). */
export type StateSize = Structure<number>;
/** A cell's state: a Tensor or a structure of them. */
export type RnnState = Structure<Tensor>;

export interface RNNCellCallOptions {
  /** The variable scope to call the cell in (TF's `scope=`). */
  scope?: string | VariableScope | null;
}

/** rnn_cell_impl.py: _concat(prefix, suffix, static=False): `[batch, ...size]` as an int32 tensor, or statically. */
export function concatShape(prefix: number | Tensor, suffix: number, isStatic: boolean): Tensor | (number | null)[] {
  let p: Tensor;
  let pStatic: number | null;
  if (prefix instanceof Tensor) {
    p = prefix;
    const value = constantValue(p);
    pStatic = value !== null && value.length === 1 ? (value[0] as number) : null;
    if (p.shape !== null && p.shape.length === 0) p = expandDims(p, 0);
    else if (p.shape !== null && p.shape.length !== 1) {
      // rnn_cell_impl.py: _concat
      throw new ValueError(`prefix tensor must be either a scalar or vector, but saw tensor: ${p.repr()}`);
    }
  } else {
    pStatic = prefix;
    p = isStatic ? (null as unknown as Tensor) : constant([prefix], int32);
  }
  if (isStatic) return [pStatic, suffix];
  return concat([p, constant([suffix], int32)], 0);
}

/** rnn_cell_impl.py: _zero_state_tensors: zeros `[batch, size]` per leaf of the state size. */
export function zeroStateTensors(stateSize: StateSize, batchSize: number | Tensor, dtype: DTypeLike): RnnState {
  const leaves = flatten(stateSize).map((size) => {
    const shape = concatShape(batchSize, size, false) as Tensor;
    const z = zeros(shape, dtype);
    z.setShape(concatShape(batchSize, size, true) as (number | null)[]);
    return z;
  });
  return packSequenceAs(stateSize, leaves) as RnnState;
}

/** rnn_cell_impl.py: assert_like_rnncell */
export function assertLikeRnnCell(cellName: string, cell: unknown): asserts cell is RNNCell {
  const c = cell as Partial<RNNCell> | null;
  const conditions = [
    c !== null && typeof c === "object" && "outputSize" in c,
    c !== null && typeof c === "object" && "stateSize" in c,
    typeof c?.zeroState === "function",
    typeof c?.apply === "function",
  ];
  const errors = [
    "'output_size' property is missing",
    "'state_size' property is missing",
    "either 'zero_state' or 'get_initial_state' method is required",
    "is not callable",
  ].filter((_, i) => !conditions[i]);
  // rnn_cell_impl.py: assert_like_rnncell
  if (errors.length > 0)
    throw new TypeError(`The argument '${cellName}' (${String(cell)}) is not an RNNCell: ${errors.join(", ")}.`);
}

/**
 * rnn_cell_impl.py: RNNCell, a tf.layers Layer. `cell.apply(inputs, state, { scope? })` is TF's `cell(inputs, state)`
 * and returns `[output, newState]`. Without a scope, the cell's layer scope is made in the variable scope current at
 * its first call (TF's `rnncell_scope`), under a custom getter that records every variable made inside it.
 */
export class RNNCell extends Layer {
  static override readonly className: string = "RNNCell";
  private rnncellScope: VariableScope | null = null;

  constructor(options: LayerOptions = {}) {
    super(options);
  }

  /** Size(s) of the state: a number, or a structure (an LSTMStateTuple) of them. */
  get stateSize(): StateSize {
    throw new Error(`${this.constructor.name}.stateSize: abstract property`);
  }
  /** Size(s) of the output. */
  get outputSize(): StateSize {
    throw new Error(`${this.constructor.name}.outputSize: abstract property`);
  }

  /** rnn_cell_impl.py: RNNCell._rnn_get_variable: variables made through the cell's scope become its weights. */
  protected readonly rnnGetVariable = (getter: (...args: any[]) => any, ...args: any[]): any => {
    const variable = getter(...args);
    const trainable = getDefaultGraph().getCollection(GraphKeys.TRAINABLE_VARIABLES).includes(variable);
    const list = trainable ? this._trainableWeights : this._nonTrainableWeights;
    if (!list.includes(variable)) list.push(variable as Variable);
    return variable;
  };

  /** rnn_cell_impl.py: RNNCell.__call__ */
  override apply(inputs: any, state?: any, options?: RNNCellCallOptions): any {
    const scope = options?.scope ?? null;
    if (scope !== null) {
      return variableScope(scope, { customGetter: this.rnnGetVariable }, (s) =>
        super.apply(inputs, state, { scope: s }),
      );
    }
    const graph = getDefaultGraph();
    return graph.atomically(() => {
      if (this.rnncellScope === null) {
        this.recordStateUndo();
        this.rnncellScope = getVariableScope();
      }
      return variableScope(this.rnncellScope, { customGetter: this.rnnGetVariable }, () => super.apply(inputs, state));
    });
  }

  /** rnn_cell_impl.py: RNNCell.zero_state: zeros in `<ClassName>ZeroState`, `[batchSize, size]` per state leaf. */
  zeroState(batchSize: number | Tensor, dtype: DTypeLike): RnnState {
    return nameScope(`${this.constructor.name}ZeroState`, null, batchSize instanceof Tensor ? [batchSize] : [], () =>
      zeroStateTensors(this.stateSize, batchSize, dtype),
    );
  }

  /** rnn_cell_impl.py: RNNCell.get_initial_state (inputs are not taken: give batchSize and dtype). */
  getInitialState(options: { batchSize?: number | Tensor | null; dtype?: DTypeLike | null } = {}): RnnState {
    if (options.batchSize === null || options.batchSize === undefined || !options.dtype) {
      // rnn_cell_impl.py: RNNCell.get_initial_state
      throw new ValueError(
        `batch_size and dtype cannot be None while constructing initial state: batch_size=${options.batchSize ?? "None"}, dtype=${options.dtype ?? "None"}`,
      );
    }
    return this.zeroState(options.batchSize, options.dtype);
  }
}

/** rnn_cell_impl.py: LayerRNNCell: `cell(inputs, state)` is the plain Layer call (no rnncell scope, no getter). */
export class LayerRNNCell extends RNNCell {
  static override readonly className: string = "LayerRNNCell";

  override apply(inputs: any, state?: any, options?: RNNCellCallOptions): any {
    const scope = options?.scope ?? null;
    return scope !== null
      ? Layer.prototype.apply.call(this, inputs, state, { scope })
      : Layer.prototype.apply.call(this, inputs, state);
  }
}

/** Whether a structure is a sequence in nest's sense (an array, an LSTMStateTuple, a plain object). */
export const isStateSequence = (x: unknown): boolean => isSequence(x);
