// rnn_cell_impl.py (TF 1.15): BasicRNNCell, GRUCell, BasicLSTMCell, LSTMCell, with TF's variable names
// (`kernel`, `bias`, `gates/kernel`, `candidate/kernel`, `w_f_diag`, `projection/kernel`) and op sequence.
import { ValueError } from "../errors";
import { float32, int32 } from "../framework/dtypes";
import type { Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { constant } from "../ops/array-ops";
import { add, matmul, maximum, minimum, multiply } from "../ops/math-ops";
import { flatten } from "../ops/nest";
import { biasAdd, sigmoid, tanh } from "../ops/nn-ops";
import { opScope } from "../ops/op-builder";
import { concat, slice } from "../ops/slicing-ops";
import { split } from "../ops/split-one-hot-ops";
import { constantInitializer, zerosInitializer } from "../variables/init-ops";
import type { Variable } from "../variables/variable";
import type { LayerOptions } from "./base";
import { InputSpec } from "./input-spec";
import { LayerRNNCell, LSTMStateTuple, type StateSize } from "./rnn-cell-base";

export type CellActivation = (x: Tensor) => Tensor;

export interface CellOptions extends LayerOptions {
  activation?: CellActivation | null;
  /** TF's `reuse`: reuse the variables of an earlier cell with the same scope. */
  reuse?: boolean | null;
}

const cellLayerOptions = (o: CellOptions): LayerOptions => ({ ...o, _reuse: o.reuse ?? o._reuse ?? null });

/** rnn_cell_impl.py: the build-time check every cell makes of its input depth. */
function inputDepth(inputsShape: Shape, dtype: { name: string; isFloating: boolean } | null = null): number {
  const depth = inputsShape === null ? null : (inputsShape.at(-1) ?? null);
  if (depth === null) {
    const shown = inputsShape === null ? "<unknown>" : `(${inputsShape.map((d) => (d === null ? "?" : d)).join(", ")})`;
    // rnn_cell_impl.py: BasicRNNCell.build (and the other cells)
    throw new ValueError(`Expected inputs.shape[-1] to be known, saw shape: ${shown}`);
  }
  checkSupportedDtypes(dtype);
  return depth;
}

/** rnn_cell_impl.py: _check_supported_dtypes */
function checkSupportedDtypes(dtype: { name: string; isFloating: boolean } | null): void {
  if (dtype === null) return;
  if (!(dtype.isFloating || dtype.name.startsWith("complex"))) {
    // rnn_cell_impl.py: _check_supported_dtypes
    throw new ValueError(`RNN cell only supports floating point inputs, but saw dtype: <dtype: '${dtype.name}'>`);
  }
}

/** rnn_cell_impl.py: _check_rnn_cell_input_dtypes([inputs, state]) */
function checkInputDtypes(inputs: Tensor, state: unknown): void {
  for (const t of [inputs, ...flatten(state as never)] as Tensor[]) checkSupportedDtypes(t.dtype);
}

/** clip_ops.py: clip_by_value: `Minimum` in the scope, then the `Maximum` named by it. */
function clipByValue(t: Tensor, lo: number, hi: number): Tensor {
  return opScope(null, "clip_by_value", [t], (scope) => maximum(minimum(t, hi), lo, scope));
}

/** rnn_cell_impl.py: BasicRNNCell: `output = new_state = act(W * [input, state] + b)`. */
export class BasicRNNCell extends LayerRNNCell {
  static override readonly className: string = "BasicRNNCell";
  readonly numUnits: number;
  readonly activation: CellActivation;
  kernel!: Variable;
  bias!: Variable;

  constructor(numUnits: number, activationOrOptions?: CellActivation | CellOptions | null, options: CellOptions = {}) {
    const o =
      typeof activationOrOptions === "function"
        ? { ...options, activation: activationOrOptions }
        : { ...(activationOrOptions ?? {}), ...options };
    super(cellLayerOptions(o));
    checkSupportedDtypes(this.dtype);
    this.inputSpec = new InputSpec({ ndim: 2 });
    this.numUnits = numUnits;
    this.activation = o.activation ?? tanh;
  }
  override get stateSize(): StateSize {
    return this.numUnits;
  }
  override get outputSize(): StateSize {
    return this.numUnits;
  }
  override build(inputsShape: Shape): void {
    const depth = inputDepth(inputsShape, this.dtype);
    this.kernel = this.addWeight("kernel", [depth + this.numUnits, this.numUnits]);
    this.bias = this.addWeight("bias", [this.numUnits], {
      initializer: zerosInitializer({ dtype: this.dtype ?? float32 }),
    });
    this.built = true;
  }
  override call(inputs: Tensor, state: Tensor): [Tensor, Tensor] {
    checkInputDtypes(inputs, state);
    const gateInputs = biasAdd(matmul(concat([inputs, state], 1), this.kernel), this.bias);
    const output = this.activation(gateInputs);
    return [output, output];
  }
}

export interface GRUCellOptions extends CellOptions {
  kernelInitializer?: unknown;
  biasInitializer?: unknown;
}

/** rnn_cell_impl.py: GRUCell (Cho et al., 2014). */
export class GRUCell extends LayerRNNCell {
  static override readonly className: string = "GRUCell";
  readonly numUnits: number;
  readonly activation: CellActivation;
  private readonly kernelInitializer: unknown;
  private readonly biasInitializer: unknown;
  gateKernel!: Variable;
  gateBias!: Variable;
  candidateKernel!: Variable;
  candidateBias!: Variable;

  constructor(
    numUnits: number,
    activationOrOptions?: CellActivation | GRUCellOptions | null,
    options: GRUCellOptions = {},
  ) {
    const o =
      typeof activationOrOptions === "function"
        ? { ...options, activation: activationOrOptions }
        : { ...(activationOrOptions ?? {}), ...options };
    super(cellLayerOptions(o));
    checkSupportedDtypes(this.dtype);
    this.inputSpec = new InputSpec({ ndim: 2 });
    this.numUnits = numUnits;
    this.activation = o.activation ?? tanh;
    this.kernelInitializer = o.kernelInitializer ?? null;
    this.biasInitializer = o.biasInitializer ?? null;
  }
  override get stateSize(): StateSize {
    return this.numUnits;
  }
  override get outputSize(): StateSize {
    return this.numUnits;
  }
  override build(inputsShape: Shape): void {
    const depth = inputDepth(inputsShape, this.dtype);
    const dtype = this.dtype ?? float32;
    const n = this.numUnits;
    this.gateKernel = this.addWeight("gates/kernel", [depth + n, 2 * n], { initializer: this.kernelInitializer });
    this.gateBias = this.addWeight("gates/bias", [2 * n], {
      initializer: this.biasInitializer ?? constantInitializer(1.0, { dtype }),
    });
    this.candidateKernel = this.addWeight("candidate/kernel", [depth + n, n], { initializer: this.kernelInitializer });
    this.candidateBias = this.addWeight("candidate/bias", [n], {
      initializer: this.biasInitializer ?? zerosInitializer({ dtype }),
    });
    this.built = true;
  }
  override call(inputs: Tensor, state: Tensor): [Tensor, Tensor] {
    checkInputDtypes(inputs, state);
    const gateInputs = biasAdd(matmul(concat([inputs, state], 1), this.gateKernel), this.gateBias);
    const value = sigmoid(gateInputs);
    const [r, u] = split(value, 2, 1) as [Tensor, Tensor];
    const rState = r.mul(state);
    const candidate = biasAdd(matmul(concat([inputs, rState], 1), this.candidateKernel), this.candidateBias);
    const c = this.activation(candidate);
    // `u * state + (1 - u) * c`: Python's operators (mul, sub with `sub/x`, mul_1, add).
    const newH = u.mul(state).add(rsub(1, u).mul(c));
    return [newH, newH];
  }
}

/** Python's `c - t` for a number (Tensor.__rsub__): a `Sub` named `sub` whose x is `sub/x`. */
function rsub(c: number, t: Tensor): Tensor {
  return opScope(null, "sub", [t], (scope) => constant(c, t.dtype, { name: "x" }).sub(t, scope));
}

export interface BasicLSTMCellOptions extends CellOptions {
  forgetBias?: number;
  stateIsTuple?: boolean;
}

/** rnn_cell_impl.py: BasicLSTMCell: the LSTM of Zaremba et al. (2014), no peepholes, one kernel for the 4 gates. */
export class BasicLSTMCell extends LayerRNNCell {
  static override readonly className: string = "BasicLSTMCell";
  readonly numUnits: number;
  readonly forgetBias: number;
  readonly stateIsTuple: boolean;
  readonly activation: CellActivation;
  kernel!: Variable;
  bias!: Variable;

  /** `new BasicLSTMCell(numUnits, forgetBias?, stateIsTuple?, activation?, { reuse?, name?, dtype? })` or options. */
  constructor(
    numUnits: number,
    forgetBiasOrOptions?: number | BasicLSTMCellOptions,
    stateIsTuple?: boolean | BasicLSTMCellOptions,
    activation?: CellActivation | BasicLSTMCellOptions | null,
    options: BasicLSTMCellOptions = {},
  ) {
    const o: BasicLSTMCellOptions = { ...options };
    for (const a of [forgetBiasOrOptions, stateIsTuple, activation])
      if (typeof a === "object" && a !== null) Object.assign(o, a);
    if (typeof forgetBiasOrOptions === "number") o.forgetBias = forgetBiasOrOptions;
    if (typeof stateIsTuple === "boolean") o.stateIsTuple = stateIsTuple;
    if (typeof activation === "function") o.activation = activation;
    super(cellLayerOptions(o));
    checkSupportedDtypes(this.dtype);
    this.inputSpec = new InputSpec({ ndim: 2 });
    this.numUnits = numUnits;
    this.forgetBias = o.forgetBias ?? 1.0;
    this.stateIsTuple = o.stateIsTuple ?? true;
    this.activation = o.activation ?? tanh;
  }
  override get stateSize(): StateSize {
    return this.stateIsTuple ? new LSTMStateTuple(this.numUnits, this.numUnits) : 2 * this.numUnits;
  }
  override get outputSize(): StateSize {
    return this.numUnits;
  }
  override build(inputsShape: Shape): void {
    const depth = inputDepth(inputsShape, this.dtype);
    this.kernel = this.addWeight("kernel", [depth + this.numUnits, 4 * this.numUnits]);
    this.bias = this.addWeight("bias", [4 * this.numUnits], {
      initializer: zerosInitializer({ dtype: this.dtype ?? float32 }),
    });
    this.built = true;
  }
  override call(inputs: Tensor, state: LSTMStateTuple | Tensor): [Tensor, LSTMStateTuple | Tensor] {
    checkInputDtypes(inputs, state);
    const one = constant(1, int32);
    const [c, h] = this.stateIsTuple ? (state as LSTMStateTuple) : (split(state as Tensor, 2, one) as Tensor[]);
    const gateInputs = biasAdd(matmul(concat([inputs, h as Tensor], 1), this.kernel), this.bias);
    // i = input_gate, j = new_input, f = forget_gate, o = output_gate
    const [i, j, f, o] = split(gateInputs, 4, one) as [Tensor, Tensor, Tensor, Tensor];
    const forgetBiasTensor = constant(this.forgetBias, f.dtype);
    const newC = add(
      multiply(c as Tensor, sigmoid(add(f, forgetBiasTensor))),
      multiply(sigmoid(i), this.activation(j)),
    );
    const newH = multiply(this.activation(newC), sigmoid(o));
    const newState = this.stateIsTuple ? new LSTMStateTuple(newC, newH) : concat([newC, newH], 1);
    return [newH, newState];
  }
}

export interface LSTMCellOptions extends CellOptions {
  usePeepholes?: boolean;
  cellClip?: number | null;
  initializer?: unknown;
  numProj?: number | null;
  projClip?: number | null;
  forgetBias?: number;
  stateIsTuple?: boolean;
}

/** rnn_cell_impl.py: LSTMCell: optional peepholes, cell clipping and a projection layer (Sak et al., 2014). */
export class LSTMCell extends LayerRNNCell {
  static override readonly className: string = "LSTMCell";
  readonly numUnits: number;
  readonly usePeepholes: boolean;
  readonly cellClip: number | null;
  readonly initializer: unknown;
  readonly numProj: number | null;
  readonly projClip: number | null;
  readonly forgetBias: number;
  readonly stateIsTuple: boolean;
  readonly activation: CellActivation;
  kernel!: Variable;
  bias!: Variable;
  wFDiag: Variable | null = null;
  wIDiag: Variable | null = null;
  wODiag: Variable | null = null;
  projKernel: Variable | null = null;

  /** `new LSTMCell(numUnits, { usePeepholes?, cellClip?, initializer?, numProj?, projClip?, forgetBias?, ... })` */
  constructor(numUnits: number, options: LSTMCellOptions = {}) {
    super(cellLayerOptions(options));
    checkSupportedDtypes(this.dtype);
    this.inputSpec = new InputSpec({ ndim: 2 });
    this.numUnits = numUnits;
    this.usePeepholes = options.usePeepholes ?? false;
    this.cellClip = options.cellClip ?? null;
    this.initializer = options.initializer ?? null;
    this.numProj = options.numProj ?? null;
    this.projClip = options.projClip ?? null;
    this.forgetBias = options.forgetBias ?? 1.0;
    this.stateIsTuple = options.stateIsTuple ?? true;
    this.activation = options.activation ?? tanh;
  }
  override get stateSize(): StateSize {
    const m = this.numProj ?? this.numUnits;
    return this.stateIsTuple ? new LSTMStateTuple(this.numUnits, m) : this.numUnits + m;
  }
  override get outputSize(): StateSize {
    return this.numProj ?? this.numUnits;
  }
  override build(inputsShape: Shape): void {
    const depth = inputDepth(inputsShape, this.dtype);
    const hDepth = this.numProj ?? this.numUnits;
    const n = this.numUnits;
    this.kernel = this.addWeight("kernel", [depth + hDepth, 4 * n], { initializer: this.initializer });
    this.bias = this.addWeight("bias", [4 * n], { initializer: zerosInitializer({ dtype: this.dtype ?? float32 }) });
    if (this.usePeepholes) {
      this.wFDiag = this.addWeight("w_f_diag", [n], { initializer: this.initializer });
      this.wIDiag = this.addWeight("w_i_diag", [n], { initializer: this.initializer });
      this.wODiag = this.addWeight("w_o_diag", [n], { initializer: this.initializer });
    }
    if (this.numProj !== null) {
      this.projKernel = this.addWeight("projection/kernel", [n, this.numProj], { initializer: this.initializer });
    }
    this.built = true;
  }
  override call(inputs: Tensor, state: LSTMStateTuple | Tensor): [Tensor, LSTMStateTuple | Tensor] {
    checkInputDtypes(inputs, state);
    const numProj = this.numProj ?? this.numUnits;
    let cPrev: Tensor;
    let mPrev: Tensor;
    if (this.stateIsTuple) [cPrev, mPrev] = state as unknown as [Tensor, Tensor];
    else {
      cPrev = slice(state as Tensor, [0, 0], [-1, this.numUnits]);
      mPrev = slice(state as Tensor, [0, this.numUnits], [-1, numProj]);
    }
    const inputSize = inputs.shape?.length === 2 ? inputs.shape[1] : null;
    if (inputSize === null || inputSize === undefined) {
      // rnn_cell_impl.py: LSTMCell.call
      throw new ValueError("Could not infer input size from inputs.get_shape()[-1]");
    }
    const lstmMatrix = biasAdd(matmul(concat([inputs, mPrev], 1), this.kernel), this.bias);
    const [i, j, f, o] = split(lstmMatrix, 4, 1) as [Tensor, Tensor, Tensor, Tensor];
    // Python's operators, as TF writes this cell: add, mul, ... in the cell's name scope.
    let c: Tensor;
    if (this.usePeepholes) {
      const fGate = sigmoid(f.add(this.forgetBias).add((this.wFDiag as Variable).mul(cPrev)));
      const iGate = sigmoid(i.add((this.wIDiag as Variable).mul(cPrev)));
      c = fGate.mul(cPrev).add(iGate.mul(this.activation(j)));
    } else {
      c = sigmoid(f.add(this.forgetBias))
        .mul(cPrev)
        .add(sigmoid(i).mul(this.activation(j)));
    }
    if (this.cellClip !== null) c = clipByValue(c, -this.cellClip, this.cellClip);
    let m = this.usePeepholes
      ? sigmoid(o.add((this.wODiag as Variable).mul(c))).mul(this.activation(c))
      : sigmoid(o).mul(this.activation(c));
    if (this.numProj !== null) {
      m = matmul(m, this.projKernel as Variable);
      if (this.projClip !== null) m = clipByValue(m, -this.projClip, this.projClip);
    }
    const newState = this.stateIsTuple ? new LSTMStateTuple(c, m) : concat([c, m], 1);
    return [m, newState];
  }
}
