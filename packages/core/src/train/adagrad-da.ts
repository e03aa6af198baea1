// adagrad_da.py: AdagradDAOptimizer (Adagrad dual averaging): the gradient and squared-gradient sums give the
// variable in closed form at each global step.
import { ValueError } from "../errors";
import type { IndexedSlices } from "../framework/indexed-slices";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import { constant, identity } from "../ops/array-ops";
import type { TensorLike } from "../ops/op-builder";
import { add } from "../ops/operators";
import { type AdagradDAScalars, applyAdagradDA, sparseApplyAdagradDA } from "../ops/optimizer-update-ops";
import { positionalArgs } from "../ops/positional-args";
import type { Variable } from "../variables/variable";
import { pythonFloat } from "./messages";
import { castFloat, castTo, type Hyperparameter, hyperparameterTensor, Optimizer } from "./optimizer";
import type { GlobalStep } from "./training-util";

export interface AdagradDAOptions {
  initialGradientSquaredAccumulatorValue?: number;
  l1RegularizationStrength?: TensorLike;
  l2RegularizationStrength?: TensorLike;
  useLocking?: boolean;
  name?: string;
}

export class AdagradDAOptimizer extends Optimizer {
  private readonly learningRate: Hyperparameter;
  private readonly globalStep: GlobalStep;
  private readonly initial: number;
  private readonly l1: TensorLike;
  private readonly l2: TensorLike;
  private learningRateTensor: Tensor | null = null;
  private globalStepOnWorker: Tensor | null = null;

  /**
   * adagrad_da.py: AdagradDAOptimizer(learning_rate, global_step, initial_gradient_squared_accumulator_value=0.1,
   * l1_regularization_strength=0.0, l2_regularization_strength=0.0, use_locking=False, name="AdagradDA")
   */
  constructor(
    learningRate: Hyperparameter,
    globalStep: GlobalStep,
    ...args: (number | TensorLike | boolean | string | AdagradDAOptions)[]
  ) {
    const o = positionalArgs<AdagradDAOptions>(
      "AdagradDAOptimizer",
      [
        "initialGradientSquaredAccumulatorValue",
        "l1RegularizationStrength",
        "l2RegularizationStrength",
        "useLocking",
        "name",
      ],
      args,
    );
    const initial = o.initialGradientSquaredAccumulatorValue ?? 0.1;
    if (!(initial > 0)) {
      // adagrad_da.py: AdagradDAOptimizer.__init__
      throw new ValueError(`initial_gradient_squared_accumulator_value must be positive: ${pythonFloat(initial)}`);
    }
    super(o.useLocking ?? false, o.name ?? "AdagradDA");
    this.learningRate = learningRate;
    this.globalStep = globalStep;
    this.initial = initial;
    this.l1 = o.l1RegularizationStrength ?? 0.0;
    this.l2 = o.l2RegularizationStrength ?? 0.0;
  }

  /**
   * adagrad_da.py: _create_slots: "gradient_accumulator" (`v/AdagradDA`, from a zero `Const`) and
   * "gradient_squared_accumulator" (`v/AdagradDA_1`, from a `Const` of the initial value).
   */
  protected override createSlots(varList: Variable[]): void {
    for (const v of varList) {
      const shape = v.shape as number[];
      const [gVal, ggVal] = v.graph.colocateWith(v.op, () => [
        constant(0.0, { dtype: v.dtype, shape }),
        constant(this.initial, { dtype: v.dtype, shape }),
      ]);
      this.getOrMakeSlot(v, gVal, "gradient_accumulator", this.getName());
      this.getOrMakeSlot(v, ggVal, "gradient_squared_accumulator", this.getName());
    }
  }

  /** adagrad_da.py: _prepare: `learning_rate`, and the step `Identity(global_step) + 1` colocated with it. */
  protected override prepare(): void {
    const lr = hyperparameterTensor(this.learningRate, "learning_rate");
    this.learningRateTensor = lr;
    this.globalStepOnWorker = lr.graph.colocateWith(lr.op, () => add(identity(this.globalStep as TensorLike), 1));
  }

  /** The update's scalars: `Identity` of the step, lr and the cast l1, l2 (`Cast/x`, `Cast_1/x`). */
  private scalars(variable: Variable): AdagradDAScalars {
    const dtype = variable.dtype;
    const globalStep = identity(this.globalStepOnWorker as Tensor);
    return {
      lr: castTo(this.learningRateTensor as Tensor, dtype),
      l1: castFloat(this.l1, dtype),
      l2: castFloat(this.l2, dtype),
      globalStep,
    };
  }

  /** adagrad_da.py: _apply_dense: `update_<v>/ApplyAdagradDA`. */
  protected override applyDense(grad: Tensor, variable: Variable): Operation {
    const g = this.getSlot(variable, "gradient_accumulator") as Variable;
    const gg = this.getSlot(variable, "gradient_squared_accumulator") as Variable;
    return applyAdagradDA(variable, g, gg, grad, this.scalars(variable), { useLocking: this.useLocking }).op;
  }

  /** adagrad_da.py: _apply_sparse: `update_<v>/SparseApplyAdagradDA`. */
  protected override applySparse(grad: IndexedSlices, variable: Variable): Operation {
    const g = this.getSlot(variable, "gradient_accumulator") as Variable;
    const gg = this.getSlot(variable, "gradient_squared_accumulator") as Variable;
    const s = this.scalars(variable);
    return sparseApplyAdagradDA(variable, g, gg, grad.values, grad.indices, s, { useLocking: this.useLocking }).op;
  }
}
