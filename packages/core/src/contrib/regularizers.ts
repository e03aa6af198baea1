// contrib/layers/python/layers/regularizers.py (TF 1.15): l1_regularizer, l2_regularizer, l1_l2_regularizer,
// sum_regularizer, apply_regularization.
import { ValueError } from "../errors";
import { getDefaultGraph } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import type { Tensor } from "../framework/tensor";
import { constant } from "../ops/array-ops";
import { abs, addN, multiply } from "../ops/math-ops";
import { l2Loss } from "../ops/nn-ops";
import { convertToTensor, opScope } from "../ops/op-builder";
import { reduceSum } from "../ops/reduction-ops";
import type { Variable } from "../variables/variable";

/** A weights regularizer: the penalty Tensor for a weight, or null for none. */
export type WeightsRegularizer = (weights: Variable | Tensor) => Tensor | null;

/**
 * regularizers.py: an integer scale is a ValueError in Python (`scale cannot be an integer: 1`); JS cannot tell 1
 * from 1.0 (API.md's JS numbers), so only the sign is checked and 0 disables the regularizer as 0.0 does.
 */
function checkScale(scale: number, what = "scale"): boolean {
  if (scale < 0) {
    // regularizers.py: l1_regularizer / l2_regularizer / l1_l2_regularizer
    throw new ValueError(`Setting a ${what} less than 0 on a regularizer: ${formatG(scale)}`);
  }
  return scale !== 0;
}

/** Python's `%g`. */
function formatG(x: number): string {
  const s = x.toPrecision(6);
  return String(Number(s));
}

/** regularizers.py: l1_regularizer(scale, scope=None): `scale * sum(|w|)`, a `Mul` named `l1_regularizer`. */
export function l1Regularizer(scale: number, scope: string | null = null): WeightsRegularizer {
  // A zero scale disables the regularizer (TF logs 'Scale of 0 disables regularizer.').
  if (!checkScale(scale)) return () => null;
  return (weights) =>
    opScope(scope, "l1_regularizer", [weights], (name) => {
      const myScale = convertToTensor(scale, { dtype: weights.dtype, name: "scale" });
      return multiply(myScale, reduceSum(abs(weights)), name);
    });
}

/** regularizers.py: l2_regularizer(scale, scope=None): `scale * l2_loss(w)`, a `Mul` named `l2_regularizer`. */
export function l2Regularizer(scale: number, scope: string | null = null): WeightsRegularizer {
  if (!checkScale(scale)) return () => null;
  return (weights) =>
    opScope(scope, "l2_regularizer", [weights], (name) => {
      const myScale = convertToTensor(scale, { dtype: weights.dtype, name: "scale" });
      return multiply(myScale, l2Loss(weights), name);
    });
}

/**
 * regularizers.py: sum_regularizer(regularizer_list, scope=None): the sum of the non-null penalties (`AddN`), or
 * null when the list holds no regularizer.
 */
export function sumRegularizer(
  regularizerList: readonly (WeightsRegularizer | null | undefined)[],
  scope: string | null = null,
): WeightsRegularizer | null {
  const regularizers = regularizerList.filter((r): r is WeightsRegularizer => !!r);
  if (regularizers.length === 0) return null;
  return (weights) =>
    opScope(scope, "sum_regularizer", [weights], (name) => {
      const penalties = regularizers.map((r) => r(weights)).filter((p): p is Tensor => p !== null);
      return penalties.length > 0 ? addN(penalties, name) : null;
    });
}

/** regularizers.py: l1_l2_regularizer(scale_l1=1.0, scale_l2=1.0, scope=None) */
export function l1L2Regularizer(scaleL1 = 1.0, scaleL2 = 1.0, scope: string | null = null): WeightsRegularizer {
  checkScale(scaleL1, "scale_l1");
  checkScale(scaleL2, "scale_l2");
  if (scaleL1 === 0 && scaleL2 === 0) return () => null;
  const scope2 = scope ?? "l1_l2_regularizer";
  if (scaleL1 === 0) return l2Regularizer(scaleL2, scope2);
  if (scaleL2 === 0) return l1Regularizer(scaleL1, scope2);
  return sumRegularizer([l1Regularizer(scaleL1), l2Regularizer(scaleL2)], scope2) as WeightsRegularizer;
}

/**
 * regularizers.py: apply_regularization(regularizer, weights_list=None): the sum of the penalties of `weightsList`
 * (default: the WEIGHTS collection), an `AddN` named `get_regularization_penalty`, added to REGULARIZATION_LOSSES.
 */
export function applyRegularization(
  regularizer: WeightsRegularizer,
  weightsList: readonly (Variable | Tensor)[] | null = null,
): Tensor {
  const graph = getDefaultGraph();
  const list = weightsList ?? (graph.getCollection(GraphKeys.WEIGHTS) as Variable[]);
  if (list.length === 0) {
    // regularizers.py: apply_regularization
    throw new ValueError("No weights to regularize.");
  }
  return graph.atomically(() =>
    opScope("get_regularization_penalty", "get_regularization_penalty", list, (scope) => {
      const penalties = list.map((w) => regularizer(w) ?? constant(0.0));
      for (const p of penalties) {
        const rank = p.shape === null ? null : p.shape.length;
        if (rank !== 0) {
          // regularizers.py: apply_regularization
          throw new ValueError(`regularizer must return a scalar Tensor instead of a Tensor with rank ${rank}.`);
        }
      }
      const summed = addN(penalties, scope);
      graph.addToCollection(GraphKeys.REGULARIZATION_LOSSES, summed);
      return summed;
    }),
  );
}
