// confusion_matrix.py (TF 1.15): remove_squeezable_dimensions; losses_impl.py: _remove_squeezable_dimensions (the
// weights too), as sparse_softmax_cross_entropy uses them. Only the static-rank paths: the dynamic ones need tf.cond.
import { ValueError } from "../errors";
import { float32 } from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import { squeeze } from "../ops/array-ops";
import { convertToTensor, opScope, type TensorLike } from "../ops/op-builder";
import { messages } from "./messages";
import { convertWeights, type Weights } from "./weights-broadcast";

const lastDimCompatibleWithOne = (shape: (number | null)[]) => {
  const d = shape[shape.length - 1];
  return d === null || d === 1;
};

/**
 * confusion_matrix.py: remove_squeezable_dimensions(labels, predictions, expected_rank_diff=0): in scope
 * `remove_squeezable_dimensions`, squeezes the last dim of predictions (rank diff expected + 1) or of labels
 * (expected - 1) when it may be 1. Plain predictions prefer float32 (they are logits here).
 */
export function removeSqueezableDimensions(
  fn: string,
  labels: TensorLike,
  predictions: TensorLike,
  expectedRankDiff = 0,
): [Tensor, Tensor] {
  return opScope(null, "remove_squeezable_dimensions", [labels, predictions], (): [Tensor, Tensor] => {
    let p = convertToTensor(predictions, { preferredDtype: float32 });
    let l = convertToTensor(labels);
    const ps = p.shape;
    const ls = l.shape;
    if (ps === null || ls === null) {
      // scopeflow: TF's dynamic path wraps the squeezes in tf.cond.
      throw new ValueError(
        messages.needsStaticRank(fn, "labels and logits", "confusion_matrix.remove_squeezable_dimensions"),
      );
    }
    const rankDiff = ps.length - ls.length;
    if (rankDiff === expectedRankDiff + 1 && lastDimCompatibleWithOne(ps)) p = squeeze(p, [-1]);
    else if (rankDiff === expectedRankDiff - 1 && lastDimCompatibleWithOne(ls)) l = squeeze(l, [-1]);
    return [l, p];
  });
}

/**
 * losses_impl.py: _remove_squeezable_dimensions(labels, predictions, weights, expected_rank_diff): the above, then
 * the weights (converted in the caller's scope, plain numbers as float32) squeezed when their rank is one more than
 * the labels'. Weights of unknown rank take TF's tf.cond path, not built yet.
 */
export function removeSqueezableDimensionsWithWeights(
  fn: string,
  labels: TensorLike,
  predictions: TensorLike,
  weights: Weights | null,
  expectedRankDiff: number,
): [Tensor, Tensor, Tensor | null] {
  const [l, p] = removeSqueezableDimensions(fn, labels, predictions, expectedRankDiff);
  if (weights === null) return [l, p, null];
  let w = convertWeights(weights);
  const labelsRank = l.shape?.length ?? null;
  const weightsRank = w.shape?.length ?? null;
  if (labelsRank === null || weightsRank === null) {
    // scopeflow: TF's dynamic path squeezes the weights inside a tf.cond.
    throw new ValueError(messages.needsStaticRank(fn, "weights", "losses_impl._remove_squeezable_dimensions"));
  }
  if (weightsRank - labelsRank === 1) w = squeeze(w, [-1]);
  return [l, p, w];
}
