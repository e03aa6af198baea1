// confusion_matrix.py (TF 1.15): remove_squeezable_dimensions and confusion_matrix (tf.confusion_matrix).
import { ValueError } from "../errors";
import { asDType, type DTypeLike, int32, int64 } from "../framework/dtypes";
import { isCompatible, shapeToString } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { onesLike, rank, squeeze } from "./array-ops";
import { assertLess, assertNonNegative } from "./check-ops";
import { cond } from "./cond";
import { withDependencies } from "./control-flow-switch";
import { scatterNd } from "./gather-scatter-nd-ops";
import { cast, equal, maximum } from "./math-ops";
import { convertToTensor, opScope, type TensorLike } from "./op-builder";
import { add, sub } from "./operators";
import { positionalArgs } from "./positional-args";
import { reduceMax } from "./reduction-ops";
import { stack } from "./slicing-ops";

const lastDimMayBeOne = (s: readonly (number | null)[]) => {
  const d = s[s.length - 1];
  return d === null || d === 1;
};

/** tf.cond(pred, trueFn, falseFn) of one tensor. */
export const condTensor = (pred: Tensor, trueFn: () => Tensor, falseFn: () => Tensor) =>
  cond(pred, trueFn, falseFn) as unknown as Tensor;

/**
 * confusion_matrix.py: remove_squeezable_dimensions(labels, predictions, expected_rank_diff=0, name=None): in scope
 * `remove_squeezable_dimensions`, squeezes the last dim of predictions (rank one more than the labels' plus
 * expected_rank_diff) or of labels (one less) when it may be 1; with a rank unknown, TF's tf.cond on the ranks'
 * difference (`sub` of the two `Rank`s) around each squeeze.
 */
export function removeSqueezableDimensions(
  labels: TensorLike,
  predictions: TensorLike,
  expectedRankDiff = 0,
  name?: string,
): [Tensor, Tensor] {
  return opScope(name, "remove_squeezable_dimensions", [labels, predictions], (): [Tensor, Tensor] => {
    let p = convertToTensor(predictions);
    let l = convertToTensor(labels);
    if (p.shape !== null && l.shape !== null) {
      const rankDiff = p.shape.length - l.shape.length;
      if (rankDiff === expectedRankDiff + 1 && lastDimMayBeOne(p.shape)) p = squeeze(p, [-1]);
      else if (rankDiff === expectedRankDiff - 1 && lastDimMayBeOne(l.shape)) l = squeeze(l, [-1]);
      return [l, p];
    }
    const rankDiff = sub(rank(p), rank(l));
    const p0 = p;
    const l0 = l;
    if (p.shape === null || lastDimMayBeOne(p.shape)) {
      p = condTensor(
        equal(expectedRankDiff + 1, rankDiff),
        () => squeeze(p0, [-1]),
        () => p0,
      );
    }
    if (l.shape === null || lastDimMayBeOne(l.shape)) {
      l = condTensor(
        equal(expectedRankDiff - 1, rankDiff),
        () => squeeze(l0, [-1]),
        () => l0,
      );
    }
    return [l, p];
  });
}

export interface ConfusionMatrixOptions {
  numClasses?: TensorLike | null;
  dtype?: DTypeLike;
  name?: string;
  weights?: TensorLike | null;
}

/**
 * confusion_matrix.py: confusion_matrix_v1(labels, predictions, num_classes=None, dtype=int32, name=None,
 * weights=None) (tf.confusion_matrix): in scope `confusion_matrix`, the labels and predictions squeezed and cast to
 * int64 behind their asserts (non-negative; below num_classes when given), and the `[num_classes, num_classes]`
 * counts (or summed weights) at `[label, prediction]`. TF 1.15 adds a SparseTensor to zeros (SparseTensorDenseAdd);
 * scopeflow builds the ScatterNd later TF versions use, which sums the same entries.
 */
export function confusionMatrix(
  labels: TensorLike,
  predictions: TensorLike,
  ...args: (TensorLike | DTypeLike | string | ConfusionMatrixOptions | null | undefined)[]
): Tensor {
  const o = positionalArgs<ConfusionMatrixOptions>(
    "confusion_matrix",
    ["numClasses", "dtype", "name", "weights"],
    args,
  );
  const dtype = asDType(o.dtype ?? int32);
  return opScope(o.name, "confusion_matrix", [predictions, labels, o.numClasses, o.weights], () => {
    let [l, p] = removeSqueezableDimensions(
      convertToTensor(labels, { name: "labels" }),
      convertToTensor(predictions, { name: "predictions" }),
    );
    p = cast(p, int64);
    l = cast(l, int64);
    // Sanity checks - underflow or overflow can cause memory corruption.
    l = withDependencies([assertNonNegative(l, { message: "`labels` contains negative values" })], l);
    p = withDependencies([assertNonNegative(p, { message: "`predictions` contains negative values" })], p);
    let numClasses: Tensor;
    if (o.numClasses === null || o.numClasses === undefined) {
      numClasses = add(maximum(reduceMax(p), reduceMax(l)), 1);
    } else {
      numClasses = cast(o.numClasses, int64);
      l = withDependencies([assertLess(l, numClasses, { message: "`labels` out of bound" })], l);
      p = withDependencies([assertLess(p, numClasses, { message: "`predictions` out of bound" })], p);
    }
    let w: Tensor | null = null;
    if (o.weights !== null && o.weights !== undefined) {
      w = convertToTensor(o.weights, { name: "weights" });
      if (!isCompatible(p.shape, w.shape)) {
        // tensor_shape.py: TensorShape.assert_is_compatible_with
        throw new ValueError(`Shapes ${shapeToString(p.shape)} and ${shapeToString(w.shape)} are incompatible`);
      }
      w = cast(w, dtype);
    }
    const shape = stack([numClasses, numClasses]);
    const indices = stack([l, p], 1);
    const values = w ?? onesLike(p, { dtype });
    return scatterNd(indices, values, shape);
  });
}
