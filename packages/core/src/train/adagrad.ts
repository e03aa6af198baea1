// adagrad.py: AdagradOptimizer: accum += grad^2; var -= lr * grad / sqrt(accum), the accumulator starting at
// initial_accumulator_value.
import { ValueError } from "../errors";
import type { IndexedSlices } from "../framework/indexed-slices";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import { sparseApplyAdagrad } from "../ops/sparse-update-ops";
import { applyAdagrad } from "../ops/training-ops";
import { initializers } from "../variables/initializers";
import type { Variable } from "../variables/variable";
import { pythonFloat } from "./messages";
import { castTo, type Hyperparameter, hyperparameterTensor, Optimizer } from "./optimizer";

export interface AdagradOptions {
  initialAccumulatorValue?: number;
  useLocking?: boolean;
  name?: string;
}

export class AdagradOptimizer extends Optimizer {
  private readonly learningRate: Hyperparameter;
  private readonly initialAccumulatorValue: number;
  private learningRateTensor: Tensor | null = null;

  /** adagrad.py: AdagradOptimizer(learning_rate, initial_accumulator_value=0.1, use_locking=False, name="Adagrad") */
  constructor(learningRate: Hyperparameter, options: AdagradOptions = {}) {
    const initial = options.initialAccumulatorValue ?? 0.1;
    if (!(initial > 0)) {
      // adagrad.py: AdagradOptimizer.__init__
      throw new ValueError(`initial_accumulator_value must be positive: ${pythonFloat(initial)}`);
    }
    super(options.useLocking ?? false, options.name ?? "Adagrad");
    this.learningRate = learningRate;
    this.initialAccumulatorValue = initial;
  }

  /** adagrad.py: _create_slots: `v/Adagrad`, slot name "accumulator", filled with initial_accumulator_value. */
  protected override createSlots(varList: Variable[]): void {
    for (const v of varList) {
      const init = initializers.constant(this.initialAccumulatorValue, { dtype: v.dtype });
      this.slotWithInitializer(v, init, "accumulator", this.getName());
    }
  }

  /** adagrad.py: _prepare: `<name>/learning_rate`. */
  protected override prepare(): void {
    this.learningRateTensor = hyperparameterTensor(this.learningRate, "learning_rate");
  }

  /** adagrad.py: _apply_dense: `update_<v>/ApplyAdagrad`. */
  protected override applyDense(grad: Tensor, variable: Variable): Operation {
    const acc = this.getSlot(variable, "accumulator") as Variable;
    const lr = castTo(this.learningRateTensor as Tensor, variable.dtype);
    return applyAdagrad(variable, acc, lr, grad, { useLocking: this.useLocking }).op;
  }

  /** adagrad.py: _apply_sparse: `update_<v>/SparseApplyAdagrad` on the deduplicated rows. */
  protected override applySparse(grad: IndexedSlices, variable: Variable): Operation {
    const acc = this.getSlot(variable, "accumulator") as Variable;
    const lr = castTo(this.learningRateTensor as Tensor, variable.dtype);
    return sparseApplyAdagrad(variable, acc, lr, grad.values, grad.indices, { useLocking: this.useLocking }).op;
  }
}
