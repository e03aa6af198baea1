// rnn_cell_impl.py (TF 1.15): LSTMCell, with peepholes (`w_f_diag`, `w_i_diag`, `w_o_diag`), cell clipping and a
// projection (`projection/kernel`), written with Python's operators as TF writes it.
import { ValueError } from "../errors";
import { float32 } from "../framework/dtypes";
import type { Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { matmul } from "../ops/math-ops";
import { biasAdd, sigmoid, tanh } from "../ops/nn-ops";
import { concat, slice } from "../ops/slicing-ops";
import { split } from "../ops/split-one-hot-ops";
import { zerosInitializer } from "../variables/init-ops";
import type { Variable } from "../variables/variable";
import { InputSpec } from "./input-spec";
import { LayerRNNCell, LSTMStateTuple, type StateSize } from "./rnn-cell-base";
import {
  type CellActivation,
  type CellOptions,
  cellLayerOptions,
  checkInputDtypes,
  checkSupportedDtypes,
  clipByValue,
  inputDepth,
} from "./rnn-cells";

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
