// proximal_gradient_descent.py: ProximalGradientDescentOptimizer (FOBOS): prox = var - lr * grad; var =
// sign(prox) * max(|prox| - lr * l1, 0) / (1 + lr * l2).
import type { IndexedSlices } from "../framework/indexed-slices";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import type { TensorLike } from "../ops/op-builder";
import { applyProximalGradientDescent, sparseApplyProximalGradientDescent } from "../ops/optimizer-update-ops";
import { positionalArgs } from "../ops/positional-args";
import type { Variable } from "../variables/variable";
import { type Hyperparameter, hyperparameterTensor, Optimizer } from "./optimizer";

export interface ProximalGradientDescentOptions {
  l1RegularizationStrength?: TensorLike;
  l2RegularizationStrength?: TensorLike;
  useLocking?: boolean;
  name?: string;
}

export class ProximalGradientDescentOptimizer extends Optimizer {
  private readonly learningRate: Hyperparameter;
  private readonly l1: TensorLike;
  private readonly l2: TensorLike;
  private tensors: { lr: Tensor; l1: Tensor; l2: Tensor } | null = null;

  /**
   * proximal_gradient_descent.py: ProximalGradientDescentOptimizer(learning_rate, l1_regularization_strength=0.0,
   * l2_regularization_strength=0.0, use_locking=False, name="ProximalGradientDescent")
   */
  constructor(
    learningRate: Hyperparameter,
    ...args: (TensorLike | boolean | string | ProximalGradientDescentOptions | undefined)[]
  ) {
    const o = positionalArgs<ProximalGradientDescentOptions>(
      "ProximalGradientDescentOptimizer",
      ["l1RegularizationStrength", "l2RegularizationStrength", "useLocking", "name"],
      args,
    );
    super(o.useLocking ?? false, o.name ?? "ProximalGradientDescent");
    this.learningRate = learningRate;
    this.l1 = o.l1RegularizationStrength ?? 0.0;
    this.l2 = o.l2RegularizationStrength ?? 0.0;
  }

  /** proximal_gradient_descent.py: _prepare: `learning_rate`, `l1_regularization_strength`, `l2_...` (not cast). */
  protected override prepare(): void {
    this.tensors = {
      lr: hyperparameterTensor(this.learningRate, "learning_rate"),
      l1: hyperparameterTensor(this.l1, "l1_regularization_strength"),
      l2: hyperparameterTensor(this.l2, "l2_regularization_strength"),
    };
  }

  /** proximal_gradient_descent.py: _apply_dense: `update_<v>/ApplyProximalGradientDescent`. */
  protected override applyDense(grad: Tensor, variable: Variable): Operation {
    const { lr, l1, l2 } = this.tensors as NonNullable<typeof this.tensors>;
    return applyProximalGradientDescent(variable, lr, l1, l2, grad, { useLocking: this.useLocking }).op;
  }

  /** proximal_gradient_descent.py: _apply_sparse: `update_<v>/SparseApplyProximalGradientDescent`. */
  protected override applySparse(grad: IndexedSlices, variable: Variable): Operation {
    const { lr, l1, l2 } = this.tensors as NonNullable<typeof this.tensors>;
    return sparseApplyProximalGradientDescent(variable, lr, l1, l2, grad.values, grad.indices, {
      useLocking: this.useLocking,
    }).op;
  }
}
