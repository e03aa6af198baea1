// gradient_descent.py: GradientDescentOptimizer: var -= learning_rate * grad (one ApplyGradientDescent per variable).
import { IndexedSlices } from "../framework/indexed-slices";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import { scatterSub } from "../ops/sparse-update-ops";
import { applyGradientDescent } from "../ops/training-ops";
import type { Variable } from "../variables/variable";
import { castTo, type Hyperparameter, hyperparameterTensor, Optimizer } from "./optimizer";

export interface GradientDescentOptions {
  useLocking?: boolean;
  name?: string;
}

export class GradientDescentOptimizer extends Optimizer {
  private readonly learningRate: Hyperparameter;
  private learningRateTensor: Tensor | null = null;

  /** gradient_descent.py: GradientDescentOptimizer(learning_rate, use_locking=False, name="GradientDescent") */
  constructor(learningRate: Hyperparameter, options: GradientDescentOptions = {}) {
    super(options.useLocking ?? false, options.name ?? "GradientDescent");
    this.learningRate = learningRate;
  }

  /** gradient_descent.py: _prepare: `<name>/learning_rate`. */
  protected override prepare(): void {
    this.learningRateTensor = hyperparameterTensor(this.learningRate, "learning_rate");
  }

  /** gradient_descent.py: _apply_dense: `update_<v>/ApplyGradientDescent`. */
  protected override applyDense(grad: Tensor, variable: Variable): Operation {
    const lr = castTo(this.learningRateTensor as Tensor, variable.dtype);
    return applyGradientDescent(variable, lr, grad, { useLocking: this.useLocking }).op;
  }

  /**
   * gradient_descent.py: _apply_sparse_duplicate_indices: no deduplication; `var.scatter_sub` of the values times the
   * learning rate (`update_<v>/mul`, `update_<v>/ScatterSub`).
   */
  protected override applySparseDuplicateIndices(grad: IndexedSlices, variable: Variable): Operation {
    const lr = castTo(this.learningRateTensor as Tensor, variable.dtype);
    const delta = new IndexedSlices(grad.values.mul(lr), grad.indices, grad.denseShape);
    return scatterSub(variable, delta.indices, delta.values, { useLocking: this.useLocking }).op;
  }
}
