// momentum.py: MomentumOptimizer: accum = momentum * accum + grad; var -= lr * accum (Nesterov optional).
import type { IndexedSlices } from "../framework/indexed-slices";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import { sparseApplyMomentum } from "../ops/sparse-update-ops";
import { applyMomentum } from "../ops/training-ops";
import type { Variable } from "../variables/variable";
import { castTo, type Hyperparameter, hyperparameterTensor, Optimizer } from "./optimizer";

export interface MomentumOptions {
  useLocking?: boolean;
  name?: string;
  useNesterov?: boolean;
}

export class MomentumOptimizer extends Optimizer {
  private readonly learningRate: Hyperparameter;
  private readonly momentum: Hyperparameter;
  private readonly useNesterov: boolean;
  private learningRateTensor: Tensor | null = null;
  private momentumTensor: Tensor | null = null;

  /** momentum.py: MomentumOptimizer(learning_rate, momentum, use_locking=False, name="Momentum", use_nesterov=False) */
  constructor(learningRate: Hyperparameter, momentum: Hyperparameter, options: MomentumOptions = {}) {
    super(options.useLocking ?? false, options.name ?? "Momentum");
    this.learningRate = learningRate;
    this.momentum = momentum;
    this.useNesterov = options.useNesterov ?? false;
  }

  /** momentum.py: _create_slots: `v/Momentum`, slot name "momentum". */
  protected override createSlots(varList: Variable[]): void {
    for (const v of varList) this.zerosSlot(v, "momentum", this.getName());
  }

  /** momentum.py: _prepare: `<name>/learning_rate`, `<name>/momentum`. */
  protected override prepare(): void {
    this.learningRateTensor = hyperparameterTensor(this.learningRate, "learning_rate");
    this.momentumTensor = hyperparameterTensor(this.momentum, "momentum");
  }

  /** momentum.py: _apply_dense: `update_<v>/ApplyMomentum`. */
  protected override applyDense(grad: Tensor, variable: Variable): Operation {
    const accum = this.getSlot(variable, "momentum") as Variable;
    const lr = castTo(this.learningRateTensor as Tensor, variable.dtype);
    const momentum = castTo(this.momentumTensor as Tensor, variable.dtype);
    return applyMomentum(variable, accum, lr, grad, momentum, {
      useLocking: this.useLocking,
      useNesterov: this.useNesterov,
    }).op;
  }

  /** momentum.py: _apply_sparse: `update_<v>/SparseApplyMomentum` on the deduplicated rows. */
  protected override applySparse(grad: IndexedSlices, variable: Variable): Operation {
    const accum = this.getSlot(variable, "momentum") as Variable;
    const lr = castTo(this.learningRateTensor as Tensor, variable.dtype);
    const momentum = castTo(this.momentumTensor as Tensor, variable.dtype);
    return sparseApplyMomentum(variable, accum, lr, grad.values, grad.indices, momentum, {
      useLocking: this.useLocking,
      useNesterov: this.useNesterov,
    }).op;
  }
}
