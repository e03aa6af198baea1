// contrib/rnn/python/ops/core_rnn_cell.py (TF 1.15): _Linear, EmbeddingWrapper, InputProjectionWrapper,
// OutputProjectionWrapper (RNNCells, so their variables live in their own layer scope: `output_projection_wrapper/
// kernel`), and rnn_cell_wrapper_impl.py's DeviceWrapper (the v1 wrapper: no scope, the cell's ops on a device).
import { ValueError } from "../errors";
import type { DeviceNameOrFunction } from "../framework/device";
import { type DTypeLike, int32 } from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import { constant, reshape } from "../ops/array-ops";
import { embeddingLookup } from "../ops/embedding-ops";
import { matmul } from "../ops/math-ops";
import { isSequence } from "../ops/nest";
import { biasAdd } from "../ops/nn-ops";
import { concat } from "../ops/slicing-ops";
import { device } from "../scopes/device";
import { getVariable } from "../scopes/get-variable";
import { nameScope } from "../scopes/name-scope";
import { getVariableScope, variableScope } from "../scopes/variable-scope";
import { constantInitializer, randomUniformInitializer } from "../variables/init-ops";
import type { Variable } from "../variables/variable";
import { assertLikeRnnCell, RNNCell, type RNNCellCallOptions, type RnnState, type StateSize } from "./rnn-cell-base";
import { RNNCellWrapper } from "./rnn-cell-wrappers";

const showShape = (s: Tensor["shape"]): string =>
  s === null ? "<unknown>" : `(${s.map((d) => (d === null ? "?" : String(d))).join(", ")}${s.length === 1 ? "," : ""})`;

/** core_rnn_cell.py: _Linear: `sum_i(args[i] * W[i]) (+ b)`, its `kernel` and `bias` made in the current scope. */
export class Linear {
  private readonly isSeq: boolean;
  private readonly buildBias: boolean;
  readonly weights: Variable;
  readonly biases: Variable | null = null;

  constructor(
    args: Tensor | readonly Tensor[],
    outputSize: number,
    buildBias: boolean,
    options: { biasInitializer?: unknown; kernelInitializer?: unknown } = {},
  ) {
    this.buildBias = buildBias;
    // core_rnn_cell.py: _Linear.__init__
    if (args === null || args === undefined || (Array.isArray(args) && args.length === 0))
      throw new ValueError("`args` must be specified");
    this.isSeq = isSequence(args);
    const list = (this.isSeq ? args : [args]) as Tensor[];
    let totalArgSize = 0;
    const shapes = list.map((a) => a.shape);
    for (const s of shapes) {
      if (s === null || s.length !== 2)
        throw new ValueError(`linear is expecting 2D arguments: [${shapes.map(showShape).join(", ")}]`);
      if (s[1] === null)
        throw new ValueError(`linear expects shape[1] to be provided for shape ${showShape(s)}, but saw ?`);
      totalArgSize += s[1] as number;
    }
    const dtype = (list[0] as Tensor).dtype;
    const scope = getVariableScope();
    this.weights = variableScope(scope, () =>
      getVariable("kernel", [totalArgSize, outputSize], { dtype, initializer: options.kernelInitializer ?? null }),
    ) as Variable;
    if (buildBias) {
      this.biases = variableScope(scope, (inner) => {
        inner.setPartitioner(null);
        return getVariable("bias", [outputSize], {
          dtype,
          initializer: options.biasInitializer ?? constantInitializer(0.0, { dtype }),
        });
      }) as Variable;
    }
  }

  apply(args: Tensor | readonly Tensor[]): Tensor {
    const list = (this.isSeq ? args : [args]) as Tensor[];
    let res =
      list.length === 1
        ? matmul(list[0] as Tensor, this.weights)
        : matmul(concat(list, constant(1, int32)), this.weights);
    if (this.buildBias) res = biasAdd(res, this.biases as Variable);
    return res;
  }
}

type Activation = ((x: Tensor) => Tensor) | null;

/** The contrib wrappers' shared parts: sizes and the zero state from the wrapped cell, in `<Class>ZeroState`. */
abstract class ContribCellWrapper extends RNNCell {
  readonly cell: RNNCell;
  constructor(cell: RNNCell, reuse: boolean | null) {
    super({ _reuse: reuse });
    assertLikeRnnCell("cell", cell);
    this.cell = cell;
  }
  override get stateSize(): StateSize {
    return this.cell.stateSize;
  }
  override get outputSize(): StateSize {
    return this.cell.outputSize;
  }
  override zeroState(batchSize: number | Tensor, dtype: DTypeLike): RnnState {
    return nameScope(`${this.constructor.name}ZeroState`, null, typeof batchSize === "number" ? [] : [batchSize], () =>
      this.cell.zeroState(batchSize, dtype),
    );
  }
}

/** core_rnn_cell.py: OutputProjectionWrapper: the cell's output projected to `outputSize` (kernel and bias). */
export class OutputProjectionWrapper extends ContribCellWrapper {
  static override readonly className: string = "OutputProjectionWrapper";
  private readonly projSize: number;
  private readonly activation: Activation;
  private linear: Linear | null = null;

  constructor(cell: RNNCell, outputSize: number, activation: Activation = null, reuse: boolean | null = null) {
    super(cell, reuse);
    // core_rnn_cell.py: OutputProjectionWrapper.__init__
    if (outputSize < 1) throw new ValueError(`Parameter output_size must be > 0: ${Math.trunc(outputSize)}.`);
    this.projSize = outputSize;
    this.activation = activation;
  }
  override get outputSize(): StateSize {
    return this.projSize;
  }
  override call(inputs: Tensor, state: RnnState): [Tensor, RnnState] {
    const [output, resState] = this.cell.apply(inputs, state) as [Tensor, RnnState];
    this.linear ??= new Linear(output, this.projSize, true);
    const projected = this.linear.apply(output);
    return [this.activation ? this.activation(projected) : projected, resState];
  }
}

/** core_rnn_cell.py: InputProjectionWrapper: the inputs projected to `numProj` before the cell. */
export class InputProjectionWrapper extends ContribCellWrapper {
  static override readonly className: string = "InputProjectionWrapper";
  private readonly numProj: number;
  private readonly activation: Activation;
  private linear: Linear | null = null;

  constructor(
    cell: RNNCell,
    numProj: number,
    activation: Activation = null,
    _inputSize: unknown = null,
    reuse: boolean | null = null,
  ) {
    super(cell, reuse);
    this.numProj = numProj;
    this.activation = activation;
  }
  override call(inputs: Tensor, state: RnnState): [Tensor, RnnState] {
    this.linear ??= new Linear(inputs, this.numProj, true);
    let projected = this.linear.apply(inputs);
    if (this.activation) projected = this.activation(projected);
    return this.cell.apply(projected, state) as [Tensor, RnnState];
  }
}

/** core_rnn_cell.py: EmbeddingWrapper: integer inputs looked up in an `embedding` variable (on `/cpu:0`). */
export class EmbeddingWrapper extends ContribCellWrapper {
  static override readonly className: string = "EmbeddingWrapper";
  readonly embeddingClasses: number;
  readonly embeddingSize: number;
  private readonly initializer: unknown;

  constructor(
    cell: RNNCell,
    embeddingClasses: number,
    embeddingSize: number,
    initializer: unknown = null,
    reuse: boolean | null = null,
  ) {
    super(cell, reuse);
    if (embeddingClasses <= 0 || embeddingSize <= 0) {
      // core_rnn_cell.py: EmbeddingWrapper.__init__
      throw new ValueError(
        `Both embedding_classes and embedding_size must be > 0: ${Math.trunc(embeddingClasses)}, ${Math.trunc(embeddingSize)}.`,
      );
    }
    this.embeddingClasses = embeddingClasses;
    this.embeddingSize = embeddingSize;
    this.initializer = initializer;
  }
  override call(inputs: Tensor, state: RnnState): [Tensor, RnnState] {
    return device("/cpu:0", () => {
      const sqrt3 = Math.sqrt(3); // Uniform(-sqrt(3), sqrt(3)) has variance 1.
      const initializer = this.initializer || getVariableScope().initializer || randomUniformInitializer(-sqrt3, sqrt3);
      // `isinstance(state, tuple)`: an LSTMStateTuple or a list of states gives its first leaf's dtype.
      const dataType = Array.isArray(state) ? (state[0] as Tensor).dtype : (state as Tensor).dtype;
      const embedding = getVariable("embedding", [this.embeddingClasses, this.embeddingSize], {
        initializer,
        dtype: dataType,
      });
      const embedded = embeddingLookup(embedding, reshape(inputs, [-1]));
      return this.cell.apply(embedded, state) as [Tensor, RnnState];
    });
  }
}

/** rnn_cell_wrapper_impl.py: DeviceWrapper: the cell's ops (and its zero state) on `device`. */
export class DeviceWrapper extends RNNCellWrapper {
  static override readonly className: string = "DeviceWrapper";
  readonly device: DeviceNameOrFunction;
  constructor(cell: RNNCell, deviceName: DeviceNameOrFunction) {
    super(cell);
    this.device = deviceName;
  }
  override zeroState(batchSize: number | Tensor, dtype: DTypeLike): RnnState {
    return nameScope(`${this.constructor.name}ZeroState`, null, typeof batchSize === "number" ? [] : [batchSize], () =>
      device(this.device, () => this.cell.zeroState(batchSize, dtype)),
    );
  }
  protected callWrappedCell(inputs: Tensor, state: RnnState, options?: RNNCellCallOptions): [Tensor, RnnState] {
    return device(this.device, () => this.cell.apply(inputs, state, options));
  }
  /** rnn_cell_wrapper_impl.py: _RNNCellWrapperV1.__call__: straight to the wrapped cell, under the device. */
  override apply(inputs: any, state?: any, options?: RNNCellCallOptions): any {
    return device(this.device, () => this.cell.apply(inputs, state, options));
  }
}
