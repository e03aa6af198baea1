// training/moving_averages.py (TF 1.15): assign_moving_average without zero debiasing, and keras'
// BatchNormalization._assign_moving_average (keras/layers/normalization.py), which names its ops the same way.
import type { Tensor } from "../framework/tensor";
import { constant } from "../ops/array-ops";
import { subtract } from "../ops/math-ops";
import { convertToTensor, opScope } from "../ops/op-builder";
import { assignSub } from "../ops/state-ops";
import type { Variable } from "../variables/variable";

/**
 * moving_averages.py: assign_moving_average(variable, value, decay, zero_debias=False, name=None):
 * `variable -= (variable - value) * (1 - decay)`, an `AssignSub` named `AssignMovingAvg`.
 */
export function assignMovingAverage(variable: Variable, value: Tensor, decay: number, name?: string): Tensor {
  return opScope(name, "AssignMovingAvg", [variable, value, decay], (scope) => {
    const d = convertToTensor(1.0 - decay, { name: "decay", dtype: variable.dtype });
    return assignSub(variable, variable.sub(value).mul(d), { name: scope });
  });
}

/**
 * keras/layers/normalization.py: BatchNormalization._assign_moving_average(variable, value, momentum, None): as
 * above, with `decay = 1.0 - momentum` built from the momentum Tensor (`AssignMovingAvg/sub`).
 */
export function kerasAssignMovingAverage(variable: Variable, value: Tensor, momentum: Tensor): Tensor {
  return opScope(null, "AssignMovingAvg", [], (scope) => {
    // Python's `1.0 - momentum`: Tensor.__rsub__ converts 1.0 as `sub/x`.
    const decay = opScope(null, "sub", [momentum], (s) =>
      subtract(constant(1.0, { dtype: momentum.dtype, name: "x" }), momentum, s),
    );
    return assignSub(variable, variable.sub(value).mul(decay), { name: scope });
  });
}
