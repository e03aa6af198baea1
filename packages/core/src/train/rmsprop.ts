// rmsprop.py: RMSPropOptimizer: ms += (grad^2 - ms) * (1 - decay); mom = momentum * mom + lr * grad /
// sqrt(ms + epsilon); var -= mom (centered: ms - mg^2 under the root, mg the moving mean of grad).
import type { IndexedSlices } from "../framework/indexed-slices";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import { sparseApplyRMSProp } from "../ops/sparse-update-ops";
import { applyRMSProp } from "../ops/training-ops";
import { initializers } from "../variables/initializers";
import type { Variable } from "../variables/variable";
import { castTo, type Hyperparameter, hyperparameterTensor, Optimizer } from "./optimizer";

export interface RMSPropOptions {
  decay?: Hyperparameter;
  momentum?: Hyperparameter;
  epsilon?: Hyperparameter;
  useLocking?: boolean;
  centered?: boolean;
  name?: string;
}

export class RMSPropOptimizer extends Optimizer {
  private readonly hyper: Record<"learning_rate" | "decay" | "momentum" | "epsilon", Hyperparameter>;
  private readonly centered: boolean;
  private tensors: Record<"learning_rate" | "decay" | "momentum" | "epsilon", Tensor> | null = null;

  /**
   * rmsprop.py: RMSPropOptimizer(learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10, use_locking=False,
   * centered=False, name="RMSProp")
   */
  constructor(learningRate: Hyperparameter, options: RMSPropOptions = {}) {
    super(options.useLocking ?? false, options.name ?? "RMSProp");
    this.hyper = {
      learning_rate: learningRate,
      decay: options.decay ?? 0.9,
      momentum: options.momentum ?? 0.0,
      epsilon: options.epsilon ?? 1e-10,
    };
    this.centered = options.centered ?? false;
  }

  /**
   * rmsprop.py: _create_slots: "rms" (ones, `v/RMSProp`), "mg" when centered (zeros), "momentum" (zeros): `v/RMSProp_1`
   * and `v/RMSProp_2` in that order.
   */
  protected override createSlots(varList: Variable[]): void {
    for (const v of varList) {
      this.slotWithInitializer(v, initializers.ones({ dtype: v.dtype }), "rms", this.getName());
      if (this.centered) this.zerosSlot(v, "mg", this.getName());
      this.zerosSlot(v, "momentum", this.getName());
    }
  }

  /** rmsprop.py: _prepare: `<name>/learning_rate`, `decay`, `momentum`, `epsilon`. */
  protected override prepare(): void {
    this.tensors = {
      learning_rate: hyperparameterTensor(this.hyper.learning_rate, "learning_rate"),
      decay: hyperparameterTensor(this.hyper.decay, "decay"),
      momentum: hyperparameterTensor(this.hyper.momentum, "momentum"),
      epsilon: hyperparameterTensor(this.hyper.epsilon, "epsilon"),
    };
  }

  private slotsAndScalars(variable: Variable) {
    const t = this.tensors as NonNullable<typeof this.tensors>;
    const slots = {
      mg: this.centered ? (this.getSlot(variable, "mg") as Variable) : undefined,
      ms: this.getSlot(variable, "rms") as Variable,
      mom: this.getSlot(variable, "momentum") as Variable,
    };
    const scalars = {
      lr: castTo(t.learning_rate, variable.dtype),
      rho: castTo(t.decay, variable.dtype),
      momentum: castTo(t.momentum, variable.dtype),
      epsilon: castTo(t.epsilon, variable.dtype),
    };
    return { slots, scalars };
  }

  /** rmsprop.py: _apply_dense: `update_<v>/ApplyRMSProp` (ApplyCenteredRMSProp when centered). */
  protected override applyDense(grad: Tensor, variable: Variable): Operation {
    const { slots, scalars } = this.slotsAndScalars(variable);
    return applyRMSProp(variable, slots, scalars, grad, { useLocking: this.useLocking }).op;
  }

  /** rmsprop.py: _apply_sparse: `update_<v>/SparseApplyRMSProp` (SparseApplyCenteredRMSProp when centered). */
  protected override applySparse(grad: IndexedSlices, variable: Variable): Operation {
    const { slots, scalars } = this.slotsAndScalars(variable);
    return sparseApplyRMSProp(variable, slots, scalars, grad.values, grad.indices, { useLocking: this.useLocking }).op;
  }
}
