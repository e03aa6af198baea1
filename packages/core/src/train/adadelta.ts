// adadelta.py: AdadeltaOptimizer: accum = rho * accum + (1 - rho) * grad^2; update = sqrt(accum_update + eps) /
// sqrt(accum + eps) * grad; var -= lr * update; accum_update = rho * accum_update + (1 - rho) * update^2.
import type { IndexedSlices } from "../framework/indexed-slices";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import { applyAdadelta, sparseApplyAdadelta } from "../ops/optimizer-update-ops";
import { positionalArgs } from "../ops/positional-args";
import type { Variable } from "../variables/variable";
import { castTo, type Hyperparameter, hyperparameterTensor, Optimizer } from "./optimizer";

export interface AdadeltaOptions {
  learningRate?: Hyperparameter;
  rho?: Hyperparameter;
  epsilon?: Hyperparameter;
  useLocking?: boolean;
  name?: string;
}

export class AdadeltaOptimizer extends Optimizer {
  private readonly hyper: Record<"lr" | "rho" | "epsilon", Hyperparameter>;
  private tensors: Record<"lr" | "rho" | "epsilon", Tensor> | null = null;

  /**
   * adadelta.py: AdadeltaOptimizer(learning_rate=0.001, rho=0.95, epsilon=1e-8, use_locking=False, name="Adadelta"),
   * positionally or in a trailing options object.
   */
  constructor(...args: (Hyperparameter | boolean | string | AdadeltaOptions | undefined)[]) {
    const o = positionalArgs<AdadeltaOptions>(
      "AdadeltaOptimizer",
      ["learningRate", "rho", "epsilon", "useLocking", "name"],
      args,
    );
    super(o.useLocking ?? false, o.name ?? "Adadelta");
    this.hyper = { lr: o.learningRate ?? 0.001, rho: o.rho ?? 0.95, epsilon: o.epsilon ?? 1e-8 };
  }

  /** adadelta.py: _create_slots: "accum" (`v/Adadelta`) and "accum_update" (`v/Adadelta_1`), zeros. */
  protected override createSlots(varList: Variable[]): void {
    for (const v of varList) {
      this.zerosSlot(v, "accum", this.getName());
      this.zerosSlot(v, "accum_update", this.getName());
    }
  }

  /** adadelta.py: _prepare: `<name>/lr`, `<name>/rho`, `<name>/epsilon`. */
  protected override prepare(): void {
    this.tensors = {
      lr: hyperparameterTensor(this.hyper.lr, "lr"),
      rho: hyperparameterTensor(this.hyper.rho, "rho"),
      epsilon: hyperparameterTensor(this.hyper.epsilon, "epsilon"),
    };
  }

  private slotsAndScalars(variable: Variable) {
    const t = this.tensors as NonNullable<typeof this.tensors>;
    return {
      accum: this.getSlot(variable, "accum") as Variable,
      accumUpdate: this.getSlot(variable, "accum_update") as Variable,
      scalars: {
        lr: castTo(t.lr, variable.dtype),
        rho: castTo(t.rho, variable.dtype),
        epsilon: castTo(t.epsilon, variable.dtype),
      },
    };
  }

  /** adadelta.py: _apply_dense: `update_<v>/ApplyAdadelta`. */
  protected override applyDense(grad: Tensor, variable: Variable): Operation {
    const { accum, accumUpdate, scalars } = this.slotsAndScalars(variable);
    return applyAdadelta(variable, accum, accumUpdate, scalars, grad, { useLocking: this.useLocking }).op;
  }

  /** adadelta.py: _apply_sparse: `update_<v>/SparseApplyAdadelta` on the deduplicated rows. */
  protected override applySparse(grad: IndexedSlices, variable: Variable): Operation {
    const { accum, accumUpdate, scalars } = this.slotsAndScalars(variable);
    return sparseApplyAdadelta(variable, accum, accumUpdate, scalars, grad.values, grad.indices, {
      useLocking: this.useLocking,
    }).op;
  }
}
