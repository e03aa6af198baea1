// ftrl.py: FtrlOptimizer (FTRL-Proximal, with online L2 and the shrinkage-type L2 of ApplyFtrlV2).
import { ValueError } from "../errors";
import type { IndexedSlices } from "../framework/indexed-slices";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import { constant } from "../ops/array-ops";
import { applyFtrl, type FtrlScalars, sparseApplyFtrl } from "../ops/optimizer-update-ops";
import { positionalArgs } from "../ops/positional-args";
import type { Variable } from "../variables/variable";
import { pythonPercentF } from "./messages";
import { castTo, type Hyperparameter, hyperparameterTensor, Optimizer } from "./optimizer";

export interface FtrlOptions {
  learningRatePower?: number;
  initialAccumulatorValue?: number;
  l1RegularizationStrength?: number;
  l2RegularizationStrength?: number;
  useLocking?: boolean;
  name?: string;
  /** The suffix of the "accum" slot variable; default the optimizer's name. */
  accumName?: string | null;
  /** The suffix of the "linear" slot variable; default the optimizer's name (so `v/Ftrl_1`). */
  linearName?: string | null;
  l2ShrinkageRegularizationStrength?: number;
}

type Scalars = Record<"lr" | "l1" | "l2" | "l2Shrinkage" | "lrPower", Tensor>;

export class FtrlOptimizer extends Optimizer {
  private readonly learningRate: Hyperparameter;
  private readonly o: Required<Omit<FtrlOptions, "useLocking" | "name">>;
  private tensors: Scalars | null = null;

  /**
   * ftrl.py: FtrlOptimizer(learning_rate, learning_rate_power=-0.5, initial_accumulator_value=0.1,
   * l1_regularization_strength=0.0, l2_regularization_strength=0.0, use_locking=False, name="Ftrl",
   * accum_name=None, linear_name=None, l2_shrinkage_regularization_strength=0.0)
   */
  constructor(learningRate: Hyperparameter, ...args: (number | boolean | string | null | FtrlOptions | undefined)[]) {
    const o = positionalArgs<FtrlOptions>(
      "FtrlOptimizer",
      [
        "learningRatePower",
        "initialAccumulatorValue",
        "l1RegularizationStrength",
        "l2RegularizationStrength",
        "useLocking",
        "name",
        "accumName",
        "linearName",
        "l2ShrinkageRegularizationStrength",
      ],
      args,
    );
    super(o.useLocking ?? false, o.name ?? "Ftrl");
    const v = {
      learningRatePower: o.learningRatePower ?? -0.5,
      initialAccumulatorValue: o.initialAccumulatorValue ?? 0.1,
      l1RegularizationStrength: o.l1RegularizationStrength ?? 0.0,
      l2RegularizationStrength: o.l2RegularizationStrength ?? 0.0,
      accumName: o.accumName ?? null,
      linearName: o.linearName ?? null,
      l2ShrinkageRegularizationStrength: o.l2ShrinkageRegularizationStrength ?? 0.0,
    };
    // ftrl.py: FtrlOptimizer.__init__ (in TF's order)
    const checks: [boolean, string][] = [
      [v.initialAccumulatorValue < 0, `initial_accumulator_value %f needs to be positive or zero`],
      [v.learningRatePower > 0, `learning_rate_power %f needs to be negative or zero`],
      [v.l1RegularizationStrength < 0, `l1_regularization_strength %f needs to be positive or zero`],
      [v.l2RegularizationStrength < 0, `l2_regularization_strength %f needs to be positive or zero`],
      [v.l2ShrinkageRegularizationStrength < 0, `l2_shrinkage_regularization_strength %f needs to be positive or zero`],
    ];
    const values = [
      v.initialAccumulatorValue,
      v.learningRatePower,
      v.l1RegularizationStrength,
      v.l2RegularizationStrength,
      v.l2ShrinkageRegularizationStrength,
    ];
    checks.forEach(([bad, message], i) => {
      if (bad) throw new ValueError(message.replace("%f", pythonPercentF(values[i])));
    });
    this.learningRate = learningRate;
    this.o = v;
  }

  /**
   * ftrl.py: _create_slots: "accum" from a `Const` of initial_accumulator_value (`v/Ftrl`) and "linear" zeros
   * (`v/Ftrl_1`), or under accum_name / linear_name.
   */
  protected override createSlots(varList: Variable[]): void {
    for (const v of varList) {
      v.graph.colocateWith(v.op, () => {
        const val = constant(this.o.initialAccumulatorValue, { dtype: v.dtype, shape: v.shape as number[] });
        this.getOrMakeSlot(v, val, "accum", this.o.accumName || this.getName());
        this.zerosSlot(v, "linear", this.o.linearName || this.getName());
      });
    }
  }

  /** ftrl.py: _prepare: `learning_rate`, `l1_...`, `l2_...`, `l2_shrinkage_...`, `learning_rate_power`, in that order. */
  protected override prepare(): void {
    this.tensors = {
      lr: hyperparameterTensor(this.learningRate, "learning_rate"),
      l1: hyperparameterTensor(this.o.l1RegularizationStrength, "l1_regularization_strength"),
      l2: hyperparameterTensor(this.o.l2RegularizationStrength, "l2_regularization_strength"),
      l2Shrinkage: hyperparameterTensor(
        this.o.l2ShrinkageRegularizationStrength,
        "l2_shrinkage_regularization_strength",
      ),
      lrPower: hyperparameterTensor(this.o.learningRatePower, "learning_rate_power"),
    };
  }

  /** The cast scalars in TF's cast order (lr, l1, l2, [l2_shrinkage], lr_power); V2 only with shrinkage > 0. */
  private scalars(variable: Variable): FtrlScalars {
    const t = this.tensors as Scalars;
    const dtype = variable.dtype;
    const lr = castTo(t.lr, dtype);
    const l1 = castTo(t.l1, dtype);
    const l2 = castTo(t.l2, dtype);
    const l2Shrinkage = this.o.l2ShrinkageRegularizationStrength > 0 ? castTo(t.l2Shrinkage, dtype) : undefined;
    return { lr, l1, l2, l2Shrinkage, lrPower: castTo(t.lrPower, dtype) };
  }

  /** ftrl.py: _apply_dense: `update_<v>/ApplyFtrl` (ApplyFtrlV2 with l2 shrinkage). */
  protected override applyDense(grad: Tensor, variable: Variable): Operation {
    const accum = this.getSlot(variable, "accum") as Variable;
    const linear = this.getSlot(variable, "linear") as Variable;
    return applyFtrl(variable, accum, linear, grad, this.scalars(variable), { useLocking: this.useLocking }).op;
  }

  /** ftrl.py: _apply_sparse: `update_<v>/SparseApplyFtrl` (SparseApplyFtrlV2 with l2 shrinkage). */
  protected override applySparse(grad: IndexedSlices, variable: Variable): Operation {
    const accum = this.getSlot(variable, "accum") as Variable;
    const linear = this.getSlot(variable, "linear") as Variable;
    const s = this.scalars(variable);
    return sparseApplyFtrl(variable, accum, linear, grad.values, grad.indices, s, { useLocking: this.useLocking }).op;
  }
}
