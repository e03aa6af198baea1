// losses/util.py (TF 1.15): the loss collections: add_loss, get_losses, get_regularization_loss(es), get_total_loss.
import { float32 } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import type { Tensor } from "../framework/tensor";
import { constant } from "../ops/array-ops";
import { addN } from "../ops/math-ops";
import { positionalArgs } from "../ops/positional-args";

/**
 * util.py: add_loss(loss, loss_collection=GraphKeys.LOSSES): adds `loss` to that collection of the default graph;
 * a null (or empty) collection adds it nowhere.
 */
export function addLoss(loss: Tensor, lossCollection: string | null = GraphKeys.LOSSES): void {
  if (lossCollection) getDefaultGraph().addToCollection(lossCollection, loss);
}

export interface GetLossesOptions {
  scope?: string | null;
  lossCollection?: string;
}

/** util.py: get_losses(scope=None, loss_collection=GraphKeys.LOSSES): the collection, filtered by scope. */
export function getLosses(
  scope?: string | null | GetLossesOptions,
  lossCollection?: string | GetLossesOptions,
): Tensor[] {
  const o = positionalArgs<GetLossesOptions>("get_losses", ["scope", "lossCollection"], [scope, lossCollection]);
  return getDefaultGraph().getCollection<Tensor>(o.lossCollection ?? GraphKeys.LOSSES, o.scope);
}

/** util.py: get_regularization_losses(scope=None): the REGULARIZATION_LOSSES collection, filtered by scope. */
export function getRegularizationLosses(scope?: string | null): Tensor[] {
  return getDefaultGraph().getCollection<Tensor>(GraphKeys.REGULARIZATION_LOSSES, scope);
}

export interface GetRegularizationLossOptions {
  scope?: string | null;
  name?: string;
}

/**
 * util.py: get_regularization_loss(scope=None, name="total_regularization_loss"): the AddN of the regularization
 * losses, or a float32 `Const` 0.0 when there are none.
 */
export function getRegularizationLoss(
  scope?: string | null | GetRegularizationLossOptions,
  name?: string | GetRegularizationLossOptions,
): Tensor {
  const o = positionalArgs<GetRegularizationLossOptions>("get_regularization_loss", ["scope", "name"], [scope, name]);
  const losses = getRegularizationLosses(o.scope);
  if (losses.length > 0) return addN(losses, o.name ?? "total_regularization_loss");
  return constant(0, { dtype: float32 });
}

export interface GetTotalLossOptions {
  addRegularizationLosses?: boolean;
  name?: string;
  scope?: string | null;
}

/**
 * util.py: get_total_loss(add_regularization_losses=True, name="total_loss", scope=None): add_n of the losses
 * (and the regularization losses), named `total_loss`; with no loss at all it is add_n's ValueError.
 */
export function getTotalLoss(
  addRegularizationLosses?: boolean | GetTotalLossOptions,
  name?: string | GetTotalLossOptions,
  scope?: string | null | GetTotalLossOptions,
): Tensor {
  const o = positionalArgs<GetTotalLossOptions>(
    "get_total_loss",
    ["addRegularizationLosses", "name", "scope"],
    [addRegularizationLosses, name, scope],
  );
  let losses = getLosses(o.scope ?? null);
  if (o.addRegularizationLosses ?? true) losses = [...losses, ...getRegularizationLosses(o.scope)];
  return addN(losses, o.name ?? "total_loss");
}
