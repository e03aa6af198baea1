// proximal_adagrad.py: ProximalAdagradOptimizer: accum += grad^2, then the FOBOS step with the rate lr / sqrt(accum).
import { ValueError } from "../errors";
import type { IndexedSlices } from "../framework/indexed-slices";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import { constant } from "../ops/array-ops";
import type { TensorLike } from "../ops/op-builder";
import { applyProximalAdagrad, sparseApplyProximalAdagrad } from "../ops/optimizer-update-ops";
import { positionalArgs } from "../ops/positional-args";
import type { Variable } from "../variables/variable";
import { pythonFloat } from "./messages";
import { type Hyperparameter, hyperparameterTensor, Optimizer } from "./optimizer";

export interface ProximalAdagradOptions {
  initialAccumulatorValue?: number;
  l1RegularizationStrength?: TensorLike;
  l2RegularizationStrength?: TensorLike;
  useLocking?: boolean;
  name?: string;
}

export class ProximalAdagradOptimizer extends Optimizer {
  private readonly learningRate: Hyperparameter;
  private readonly initialAccumulatorValue: number;
  private readonly l1: TensorLike;
  private readonly l2: TensorLike;
  private tensors: { lr: Tensor; l1: Tensor; l2: Tensor } | null = null;

  /**
   * proximal_adagrad.py: ProximalAdagradOptimizer(learning_rate, initial_accumulator_value=0.1,
   * l1_regularization_strength=0.0, l2_regularization_strength=0.0, use_locking=False, name="ProximalAdagrad")
   */
  constructor(learningRate: Hyperparameter, ...args: (TensorLike | boolean | string | ProximalAdagradOptions)[]) {
    const o = positionalArgs<ProximalAdagradOptions>(
      "ProximalAdagradOptimizer",
      ["initialAccumulatorValue", "l1RegularizationStrength", "l2RegularizationStrength", "useLocking", "name"],
      args,
    );
    const initial = o.initialAccumulatorValue ?? 0.1;
    if (!(initial > 0)) {
      // proximal_adagrad.py: ProximalAdagradOptimizer.__init__
      throw new ValueError(`initial_accumulator_value must be positive: ${pythonFloat(initial)}`);
    }
    super(o.useLocking ?? false, o.name ?? "ProximalAdagrad");
    this.learningRate = learningRate;
    this.initialAccumulatorValue = initial;
    this.l1 = o.l1RegularizationStrength ?? 0.0;
    this.l2 = o.l2RegularizationStrength ?? 0.0;
  }

  /** proximal_adagrad.py: _create_slots: "accumulator" (`v/ProximalAdagrad`) from a `Const` of the initial value. */
  protected override createSlots(varList: Variable[]): void {
    for (const v of varList) {
      const val = v.graph.colocateWith(v.op, () =>
        constant(this.initialAccumulatorValue, { dtype: v.dtype, shape: v.shape as number[] }),
      );
      this.getOrMakeSlot(v, val, "accumulator", this.getName());
    }
  }

  /** proximal_adagrad.py: _prepare: `learning_rate`, `l1_regularization_strength`, `l2_regularization_strength`. */
  protected override prepare(): void {
    this.tensors = {
      lr: hyperparameterTensor(this.learningRate, "learning_rate"),
      l1: hyperparameterTensor(this.l1, "l1_regularization_strength"),
      l2: hyperparameterTensor(this.l2, "l2_regularization_strength"),
    };
  }

  /** proximal_adagrad.py: _apply_dense: `update_<v>/ApplyProximalAdagrad` (the tensors are not cast). */
  protected override applyDense(grad: Tensor, variable: Variable): Operation {
    const { lr, l1, l2 } = this.tensors as NonNullable<typeof this.tensors>;
    const acc = this.getSlot(variable, "accumulator") as Variable;
    return applyProximalAdagrad(variable, acc, lr, l1, l2, grad, { useLocking: this.useLocking }).op;
  }

  /** proximal_adagrad.py: _apply_sparse: `update_<v>/SparseApplyProximalAdagrad`. */
  protected override applySparse(grad: IndexedSlices, variable: Variable): Operation {
    const { lr, l1, l2 } = this.tensors as NonNullable<typeof this.tensors>;
    const acc = this.getSlot(variable, "accumulator") as Variable;
    return sparseApplyProximalAdagrad(variable, acc, lr, l1, l2, grad.values, grad.indices, {
      useLocking: this.useLocking,
    }).op;
  }
}
