// contrib/rnn/python/ops/rnn_cell.py (TF 1.15): LayerNormBasicLSTMCell, a basic LSTM with layer normalization of
// each gate and of the new cell state (Ba et al., 2016; `input/gamma`, `transform/beta`, ..., `state/gamma`) and
// recurrent dropout on the candidate (Semeniuta et al., 2016).
import { type DTypeLike, float32 } from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import { LSTMStateTuple, RNNCell, type StateSize } from "../layers/rnn-cell-base";
import { matmul } from "../ops/math-ops";
import { dropout } from "../ops/nn-dropout";
import { biasAdd, sigmoid, tanh } from "../ops/nn-ops";
import type { TensorLike } from "../ops/op-builder";
import { concat } from "../ops/slicing-ops";
import { split } from "../ops/split-one-hot-ops";
import { getVariable } from "../scopes/get-variable";
import { variableScope } from "../scopes/variable-scope";
import { constantInitializer } from "../variables/init-ops";
import { layerNorm } from "./layer-norm";

export interface LayerNormBasicLSTMCellOptions {
  forgetBias?: number;
  inputSize?: unknown;
  activation?: (x: Tensor) => Tensor;
  layerNorm?: boolean;
  normGain?: number;
  normShift?: number;
  /** A number (1.0: no dropout) or a scalar tensor. */
  dropoutKeepProb?: TensorLike;
  dropoutProbSeed?: number | null;
  reuse?: boolean | null;
}

/** rnn_cell.py: LayerNormBasicLSTMCell */
export class LayerNormBasicLSTMCell extends RNNCell {
  static override readonly className: string = "LayerNormBasicLSTMCell";
  readonly numUnits: number;
  private readonly o: Required<Omit<LayerNormBasicLSTMCellOptions, "inputSize" | "reuse" | "dropoutProbSeed">> & {
    dropoutProbSeed: number | null;
  };

  constructor(numUnits: number, options: LayerNormBasicLSTMCellOptions = {}) {
    super({ _reuse: options.reuse ?? null });
    this.numUnits = numUnits;
    this.o = {
      forgetBias: options.forgetBias ?? 1.0,
      activation: options.activation ?? tanh,
      layerNorm: options.layerNorm ?? true,
      normGain: options.normGain ?? 1.0,
      normShift: options.normShift ?? 0.0,
      dropoutKeepProb: options.dropoutKeepProb ?? 1.0,
      dropoutProbSeed: options.dropoutProbSeed ?? null,
    };
  }
  override get stateSize(): StateSize {
    return new LSTMStateTuple(this.numUnits, this.numUnits);
  }
  override get outputSize(): StateSize {
    return this.numUnits;
  }

  /** rnn_cell.py: _norm: `gamma` and `beta` made in `scope`, then contrib's layer_norm reusing them. */
  private norm(inp: Tensor, scope: string, dtype: DTypeLike = float32): Tensor {
    const shape = inp.shape === null ? null : inp.shape.slice(-1);
    variableScope(scope, () => {
      // Initialize beta and gamma for use by layer_norm.
      getVariable("gamma", shape, { initializer: constantInitializer(this.o.normGain), dtype });
      getVariable("beta", shape, { initializer: constantInitializer(this.o.normShift), dtype });
    });
    return layerNorm(inp, { reuse: true, scope });
  }

  /** rnn_cell.py: _linear: one `kernel` for the 4 gates (a `bias` only without layer norm). */
  private linear(args: Tensor): Tensor {
    const outSize = 4 * this.numUnits;
    const projSize = args.shape === null ? null : (args.shape.at(-1) ?? null);
    const weights = getVariable("kernel", [projSize, outSize], { dtype: args.dtype });
    let out = matmul(args, weights);
    if (!this.o.layerNorm) out = biasAdd(out, getVariable("bias", [outSize], { dtype: args.dtype }));
    return out;
  }

  override call(inputs: Tensor, state: LSTMStateTuple): [Tensor, LSTMStateTuple] {
    const [c, h] = state as unknown as [Tensor, Tensor];
    const args = concat([inputs, h], 1);
    const gates = this.linear(args);
    const dtype = args.dtype;
    let [i, j, f, o] = split(gates, 4, 1) as [Tensor, Tensor, Tensor, Tensor];
    if (this.o.layerNorm) {
      i = this.norm(i, "input", dtype);
      j = this.norm(j, "transform", dtype);
      f = this.norm(f, "forget", dtype);
      o = this.norm(o, "output", dtype);
    }
    let g = this.o.activation(j);
    const keep = this.o.dropoutKeepProb;
    // `not isinstance(keep_prob, float) or keep_prob < 1`: a tensor always drops out, a number only below 1.
    if (typeof keep !== "number" || keep < 1) g = dropout(g, keep, { seed: this.o.dropoutProbSeed });
    let newC = c.mul(sigmoid(f.add(this.o.forgetBias))).add(sigmoid(i).mul(g));
    if (this.o.layerNorm) newC = this.norm(newC, "state", dtype);
    const newH = this.o.activation(newC).mul(sigmoid(o));
    return [newH, new LSTMStateTuple(newC, newH)];
  }
}
