// rnn_cell_impl.py (TF 1.15): BasicRNNCell, GRUCell, BasicLSTMCell (LSTMCell in rnn-lstm-cell.ts), with TF's
// variable names (`kernel`, `bias`, `gates/kernel`, `candidate/kernel`) and op sequence; the cells' shared checks.
import { ValueError } from "../errors";
import { float32, int32 } from "../framework/dtypes";
import type { Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { constant } from "../ops/array-ops";
import { add, matmul, maximum, minimum, multiply } from "../ops/math-ops";
import { flatten } from "../ops/nest";
import { biasAdd, sigmoid, tanh } from "../ops/nn-ops";
import { opScope } from "../ops/op-builder";
import { concat } from "../ops/slicing-ops";
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

export const cellLayerOptions = (o: CellOptions): LayerOptions => ({ ...o, _reuse: o.reuse ?? o._reuse ?? null });

/** rnn_cell_impl.py: the build-time check every cell makes of its input depth. */
export function inputDepth(inputsShape: Shape, dtype: { name: string; isFloating: boolean } | null = null): number {
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
export function checkSupportedDtypes(dtype: { name: string; isFloating: boolean } | null): void {
  if (dtype === null) return;
  if (!(dtype.isFloating || dtype.name.startsWith("complex"))) {
    // rnn_cell_impl.py: _check_supported_dtypes
    throw new ValueError(`RNN cell only supports floating point inputs, but saw dtype: <dtype: '${dtype.name}'>`);
  }
}

/** rnn_cell_impl.py: _check_rnn_cell_input_dtypes([inputs, state]) */
export function checkInputDtypes(inputs: Tensor, state: unknown): void {
  for (const t of [inputs, ...flatten(state as never)] as Tensor[]) checkSupportedDtypes(t.dtype);
}

/** clip_ops.py: clip_by_value: `Minimum` in the scope, then the `Maximum` named by it. */
export function clipByValue(t: Tensor, lo: number, hi: number): Tensor {
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
