// adam.py: AdamOptimizer: slots m (`v/Adam`) and v (`v/Adam_1`), beta1_power/beta2_power updated in _finish.
import type { IndexedSlices } from "../framework/indexed-slices";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import { group } from "../ops/control-flow-ops";
import { binaryOp } from "../ops/elementwise";
import { sqrt } from "../ops/math-ops";
import { opDefs } from "../ops/op-defs";
import { scatterAdd } from "../ops/sparse-update-ops";
import { assign, assignSub } from "../ops/state-ops";
import { applyAdam } from "../ops/training-ops";
import type { Variable } from "../variables/variable";
import { castTo, type Hyperparameter, hyperparameterTensor, Optimizer } from "./optimizer";

export interface AdamOptions {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  useLocking?: boolean;
  name?: string;
}

export class AdamOptimizer extends Optimizer {
  private readonly learningRate: Hyperparameter;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private tensors: { lr: Tensor; beta1: Tensor; beta2: Tensor; epsilon: Tensor } | null = null;

  /** adam.py: AdamOptimizer(learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-08, use_locking=False, name="Adam") */
  constructor(learningRate: Hyperparameter = 0.001, options: AdamOptions = {}) {
    super(options.useLocking ?? false, options.name ?? "Adam");
    this.learningRate = learningRate;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
  }

  /** adam.py: _get_beta_accumulators */
  private betaAccumulators(): [Variable, Variable] {
    return [this.getNonSlotVariable("beta1_power") as Variable, this.getNonSlotVariable("beta2_power") as Variable];
  }

  /**
   * adam.py: _create_slots: beta1_power and beta2_power colocated with the variable of smallest name, then the
   * slots "m" and "v" of each variable (`v/Adam`, `v/Adam_1`).
   */
  protected override createSlots(varList: Variable[]): void {
    const first = varList.reduce((a, b) => (b.name < a.name ? b : a));
    this.createNonSlotVariable(this.beta1, "beta1_power", first);
    this.createNonSlotVariable(this.beta2, "beta2_power", first);
    for (const v of varList) {
      this.zerosSlot(v, "m", this.getName());
      this.zerosSlot(v, "v", this.getName());
    }
  }

  /** adam.py: _prepare: `<name>/learning_rate`, `beta1`, `beta2`, `epsilon`. */
  protected override prepare(): void {
    this.tensors = {
      lr: hyperparameterTensor(this.learningRate, "learning_rate"),
      beta1: hyperparameterTensor(this.beta1, "beta1"),
      beta2: hyperparameterTensor(this.beta2, "beta2"),
      epsilon: hyperparameterTensor(this.epsilon, "epsilon"),
    };
  }

  /** adam.py: _apply_dense: `update_<v>/ApplyAdam`, its hyperparameters cast to the variable's dtype. */
  protected override applyDense(grad: Tensor, variable: Variable): Operation {
    const m = this.getSlot(variable, "m") as Variable;
    const v = this.getSlot(variable, "v") as Variable;
    const [beta1Power, beta2Power] = this.betaAccumulators();
    const t = this.tensors as NonNullable<AdamOptimizer["tensors"]>;
    const dtype = variable.dtype;
    const scalars = {
      beta1Power: castTo(beta1Power, dtype),
      beta2Power: castTo(beta2Power, dtype),
      lr: castTo(t.lr, dtype),
      beta1: castTo(t.beta1, dtype),
      beta2: castTo(t.beta2, dtype),
      epsilon: castTo(t.epsilon, dtype),
    };
    return applyAdam(variable, m, v, scalars, grad, { useLocking: this.useLocking }).op;
  }

  /**
   * adam.py: _apply_sparse (_apply_sparse_shared with state_ops.scatter_add): m and v decayed by `Assign`, then
   * the scaled gradient rows added by `ScatterAdd`; var -= lr * m_t / (sqrt(v_t) + epsilon) by `AssignSub`, with
   * lr = lr_t * sqrt(1 - beta2_power) / (1 - beta1_power); all three grouped (`group_deps`).
   */
  protected override applySparse(grad: IndexedSlices, variable: Variable): Operation {
    const graph = variable.graph;
    const [beta1Acc, beta2Acc] = this.betaAccumulators();
    const dtype = variable.dtype;
    const beta1Power = castTo(beta1Acc, dtype);
    const beta2Power = castTo(beta2Acc, dtype);
    const t = this.tensors as NonNullable<AdamOptimizer["tensors"]>;
    const lrT = castTo(t.lr, dtype);
    const beta1T = castTo(t.beta1, dtype);
    const beta2T = castTo(t.beta2, dtype);
    const epsilonT = castTo(t.epsilon, dtype);
    const lr = lrT.mul(sqrt(oneMinus(beta2Power))).div(oneMinus(beta1Power));
    const g = grad.values;
    const indices = grad.indices;
    const locking = { useLocking: this.useLocking };
    const m = this.getSlot(variable, "m") as Variable;
    const mScaled = g.mul(oneMinus(beta1T));
    const mDecayed = assign(m, m.asTensor().mul(beta1T), locking);
    const mT = graph.controlDependencies([mDecayed], () => scatterAdd(m, indices, mScaled, locking));
    const v = this.getSlot(variable, "v") as Variable;
    const vScaled = g.mul(g).mul(oneMinus(beta2T));
    const vDecayed = assign(v, v.asTensor().mul(beta2T), locking);
    const vT = graph.controlDependencies([vDecayed], () => scatterAdd(v, indices, vScaled, locking));
    const vSqrt = sqrt(vT);
    const varUpdate = assignSub(variable, lr.mul(mT).div(vSqrt.add(epsilonT)), locking);
    return group([varUpdate, mT, vT]);
  }

  /**
   * adam.py: _finish: after the updates, beta1_power *= beta1 and beta2_power *= beta2 (`mul`, `Assign`, `mul_1`,
   * `Assign_1`, colocated with beta1_power), all grouped under `nameScope`.
   */
  protected override finish(updateOps: Operation[], nameScope: string): Operation {
    const graph = updateOps[0].graph;
    const t = this.tensors as NonNullable<AdamOptimizer["tensors"]>;
    const [updateBeta1, updateBeta2] = graph.controlDependencies(updateOps, () => {
      const [beta1Power, beta2Power] = this.betaAccumulators();
      return graph.colocateWith(beta1Power.op, () => [
        beta1Power.assign(beta1Power.mul(t.beta1), { useLocking: this.useLocking }),
        beta2Power.assign(beta2Power.mul(t.beta2), { useLocking: this.useLocking }),
      ]);
    });
    return group([...updateOps, updateBeta1, updateBeta2], nameScope);
  }
}

/** Python's `1 - x` (Tensor.__rsub__): a `sub` whose x is the Const `sub/x`. */
function oneMinus(x: Tensor): Tensor {
  return binaryOp(opDefs.Sub.type, 1, x, null, { operatorName: "sub" });
}
