// losses_impl.py (TF 1.15): Reduction, compute_weighted_loss and its helpers _safe_mean, _num_present, _num_elements.
import { ValueError } from "../errors";
import { type DType, float32 } from "../framework/dtypes";
import { isTensorConvertible } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import { Tensor } from "../framework/tensor";
import { onesLike, rank, size, zerosLike } from "../ops/array-ops";
import { divNoNan } from "../ops/math-div-cast";
import { cast, equal, multiply, range, where } from "../ops/math-ops";
import { convertToTensor, opScope, type TensorLike } from "../ops/op-builder";
import { opDefs } from "../ops/op-defs";
import { mul } from "../ops/operators";
import { positionalArgs } from "../ops/positional-args";
import { reduceSum } from "../ops/reduction-ops";
import { messages } from "./messages";
import { addLoss } from "./util";
import { afterCheck, assertBroadcastable, broadcastWeights, type Weights } from "./weights-broadcast";

/** losses_impl.py: Reduction: how a loss's weighted elements are reduced (the values are TF's strings). */
export const Reduction = {
  /** Un-reduced weighted losses with the same shape as input. */
  NONE: "none",
  /** Scalar sum of weighted losses. */
  SUM: "weighted_sum",
  /** Scalar SUM divided by number of elements in losses. */
  SUM_OVER_BATCH_SIZE: "weighted_sum_over_batch_size",
  /** Scalar SUM divided by sum of weights. */
  MEAN: "weighted_mean",
  /** Scalar SUM divided by number of non-zero weights (the default). */
  SUM_BY_NONZERO_WEIGHTS: "weighted_sum_by_nonzero_weights",
  /** Same as SUM_BY_NONZERO_WEIGHTS. */
  SUM_OVER_NONZERO_WEIGHTS: "weighted_sum_by_nonzero_weights",
  /** losses_impl.py: Reduction.all(), in TF's order. */
  all(): ReductionKey[] {
    return [
      Reduction.NONE,
      Reduction.SUM,
      Reduction.MEAN,
      Reduction.SUM_OVER_BATCH_SIZE,
      Reduction.SUM_OVER_NONZERO_WEIGHTS,
      Reduction.SUM_BY_NONZERO_WEIGHTS,
    ];
  },
  /** losses_impl.py: Reduction.validate(key) */
  validate(key: unknown): void {
    if (!(Reduction.all() as unknown[]).includes(key)) {
      // losses_impl.py: Reduction.validate
      throw new ValueError(messages.invalidReduction(key));
    }
  },
} as const;

export type ReductionKey =
  | "none"
  | "weighted_sum"
  | "weighted_sum_over_batch_size"
  | "weighted_mean"
  | "weighted_sum_by_nonzero_weights";

/** The keyword arguments every tf.losses function shares. */
export interface LossOptions {
  /** A scalar, or a tensor broadcastable to the losses as assert_broadcastable allows (default 1.0). */
  weights?: Weights | null;
  scope?: string | null;
  /** The collection the loss is added to (default GraphKeys.LOSSES); null adds it nowhere. */
  lossCollection?: string | null;
  reduction?: ReductionKey;
}

/** The options with TF's defaults; `weights` stays null when given as null (TF's ValueError comes later). */
export function lossDefaults(o: LossOptions): Required<LossOptions> {
  return {
    weights: o.weights === undefined ? 1 : o.weights,
    scope: o.scope ?? null,
    lossCollection: o.lossCollection === undefined ? GraphKeys.LOSSES : o.lossCollection,
    reduction: o.reduction ?? Reduction.SUM_BY_NONZERO_WEIGHTS,
  };
}

/**
 * math_ops.cast(x, dtype) for a loss's inputs: a plain value becomes a `Cast/x` Const of that dtype (JS has no
 * `1.0`, and TF's loss inputs are floats), as Python's floats do; tensors and Variables go through tf.cast.
 */
export function castTo(x: TensorLike, dtype: DType): Tensor {
  if (x instanceof Tensor || isTensorConvertible(x)) return cast(x, dtype);
  return opScope(null, opDefs.Cast.type, [], () => convertToTensor(x, { name: "x", dtype }));
}

/** losses_impl.py: _safe_mean: reduce_sum(losses) / num_present, 0 where num_present is 0 (a DivNoNan `value`). */
function safeMean(losses: Tensor, numPresent: Tensor): Tensor {
  return divNoNan(reduceSum(losses), numPresent, "value");
}

/**
 * losses_impl.py: _num_present(losses, weights, per_batch=False): in scope `num_present`, the weights made 0/1
 * (Equal, zeros_like, ones_like, Select), broadcast to the losses, and summed by a Sum named `num_present` (per
 * batch: over axes range(1, rank), keepdims). (TF's Python-float shortcut never applies: the callers pass the weights
 * already cast to a tensor.)
 */
export function numPresent(losses: Tensor, weights: Tensor, perBatch = false): Tensor {
  return opScope(null, "num_present", [losses, weights], (scope) => {
    const w = cast(weights, float32);
    const present = broadcastWeights(where(equal(w, 0), zerosLike(w), onesLike(w)), losses);
    if (perBatch) return reduceSum(present, range(1, rank(present)), true, scope);
    return reduceSum(present, null, false, scope);
  });
}

/** losses_impl.py: _num_elements: the losses' Size (named `num_elements`) cast to their dtype. */
function numElements(losses: Tensor): Tensor {
  return opScope(null, "num_elements", [losses], (scope) => cast(size(losses, scope), losses.dtype));
}

/**
 * losses_impl.py: compute_weighted_loss's body, once the options have TF's defaults: in scope `scope` (or
 * `weighted_loss`), after assert_broadcastable(weights, losses): losses and weights cast to float32, their Mul,
 * the reduction, the result cast back to the losses' dtype and added to `lossCollection`.
 */
export function weightedLoss(losses: TensorLike, o: Required<LossOptions>): Tensor {
  Reduction.validate(o.reduction);
  return opScope(o.scope, "weighted_loss", [losses, o.weights], () =>
    afterCheck(assertBroadcastable(o.weights, losses), () => {
      const raw = convertToTensor(losses, { preferredDtype: float32 });
      const inputDtype = raw.dtype;
      const l = cast(raw, float32);
      const w = castTo(o.weights as Weights, float32);
      const weighted = multiply(l, w);
      let loss = weighted;
      if (o.reduction !== Reduction.NONE) {
        loss = reduceSum(weighted);
        if (o.reduction === Reduction.MEAN) loss = safeMean(loss, reduceSum(mul(onesLike(l), w)));
        else if (o.reduction === Reduction.SUM_BY_NONZERO_WEIGHTS) loss = safeMean(loss, numPresent(l, w));
        else if (o.reduction === Reduction.SUM_OVER_BATCH_SIZE) loss = safeMean(loss, numElements(l));
      }
      // Convert the result back to the input type.
      loss = cast(loss, inputDtype);
      addLoss(loss, o.lossCollection);
      return loss;
    }),
  );
}

/**
 * losses_impl.py: compute_weighted_loss(losses, weights=1.0, scope=None, loss_collection=GraphKeys.LOSSES,
 * reduction=Reduction.SUM_BY_NONZERO_WEIGHTS). Plain losses become float32 (JS has no `1.0`).
 */
export function computeWeightedLoss(
  losses: TensorLike,
  weights?: Weights | null | LossOptions,
  scope?: string | null | LossOptions,
  lossCollection?: string | null | LossOptions,
  reduction?: ReductionKey | LossOptions,
): Tensor {
  const o = positionalArgs<LossOptions>(
    "compute_weighted_loss",
    ["weights", "scope", "lossCollection", "reduction"],
    [weights, scope, lossCollection, reduction],
  );
  return weightedLoss(losses, lossDefaults(o));
}
