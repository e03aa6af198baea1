// losses_impl.py (TF 1.15): the tf.losses functions: each opens its scope, casts its inputs, builds the per-element
// loss with TF's ops in TF's order, and hands it to compute_weighted_loss (re-entering the same scope).
import { ValueError } from "../errors";
import { float32 } from "../framework/dtypes";
import { isTensorConvertible } from "../framework/graph";
import { isCompatible } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { onesLike, rank, shape, stopGradient, zerosLike } from "../ops/array-ops";
import { binaryOp } from "../ops/elementwise";
import { divNoNan, toFloat } from "../ops/math-div-cast";
import {
  abs,
  add as addOp,
  cast,
  greater,
  log,
  maximum,
  minimum,
  multiply,
  range,
  square,
  squaredDifference,
  subtract,
  truediv,
  where,
} from "../ops/math-ops";
import {
  sigmoidCrossEntropyWithLogits,
  softmaxCrossEntropyWithLogitsV2,
  sparseSoftmaxCrossEntropyWithLogits,
} from "../ops/nn-losses";
import { relu } from "../ops/nn-ops";
import { convertToTensor, opScope, type TensorLike } from "../ops/op-builder";
import { type OpType, opDefs } from "../ops/op-defs";
import { add, mul, neg, sub } from "../ops/operators";
import { positionalArgs } from "../ops/positional-args";
import { reduceSum } from "../ops/reduction-ops";
import { stack, stridedSlice } from "../ops/slicing-ops";
import {
  castTo,
  type LossOptions,
  lossDefaults,
  numPresent,
  type ReductionKey,
  weightedLoss,
} from "./compute-weighted-loss";
import { messages } from "./messages";
import { removeSqueezableDimensionsWithWeights } from "./squeeze-dims";
import { addLoss } from "./util";
import { afterCheck, assertBroadcastable, type Weights } from "./weights-broadcast";

type Scope = string | null;
type Collection = string | null;

function notNone(value: unknown, arg: string): void {
  // losses_impl.py: each loss checks its inputs first
  if (value === null || value === undefined) throw new ValueError(messages.mustNotBeNone(arg));
}

/** tensor_shape.py: TensorShape.assert_is_compatible_with */
function assertCompatible(a: Tensor, b: Tensor): void {
  if (!isCompatible(a.shape, b.shape)) throw new ValueError(messages.incompatibleShapes(a.shape, b.shape));
}

/** Python's `c <op> t` for a number c (Tensor.__r<op>__): the constant converted as `x` in the operator's scope. */
function rOp(type: OpType, opName: string, c: number, t: Tensor): Tensor {
  return opScope(null, opName, [t], (scope) =>
    binaryOp(type, convertToTensor(c, { name: "x", dtype: t.dtype }), t, scope),
  );
}

/** The common tail: (weights, scope, loss_collection, reduction) after the inputs, positional or by name. */
const COMMON = ["weights", "scope", "lossCollection", "reduction"] as const;

export interface HuberLossOptions extends LossOptions {
  delta?: number | TensorLike;
}
export interface LogLossOptions extends LossOptions {
  epsilon?: number;
}
export interface CrossEntropyLossOptions extends LossOptions {
  labelSmoothing?: number;
}

/** losses_impl.py: absolute_difference: |predictions - labels| (Sub, Abs) in scope `absolute_difference`. */
export function absoluteDifference(
  labels: TensorLike,
  predictions: TensorLike,
  weights?: Weights | null | LossOptions,
  scope?: Scope | LossOptions,
  lossCollection?: Collection | LossOptions,
  reduction?: ReductionKey | LossOptions,
): Tensor {
  const o = lossDefaults(
    positionalArgs<LossOptions>("absolute_difference", COMMON, [weights, scope, lossCollection, reduction]),
  );
  notNone(labels, "labels");
  notNone(predictions, "predictions");
  return opScope(o.scope, "absolute_difference", [predictions, labels, o.weights], (s) => {
    const p = castTo(predictions, float32);
    const l = castTo(labels, float32);
    assertCompatible(p, l);
    return weightedLoss(abs(subtract(p, l)), { ...o, scope: s });
  });
}

export interface CosineDistanceOptions extends LossOptions {
  axis?: number | null;
  /** Deprecated spelling of `axis`. */
  dim?: number | null;
}

/**
 * losses_impl.py: cosine_distance(labels, predictions, axis=None, weights=1.0, ..., dim=None): in scope
 * `cosine_distance_loss`, `1 - reduce_sum(predictions * labels, axis=(axis,), keepdims=True)` (ToFloat, ToFloat_1,
 * Mul, Sum, sub) for unit-normalized inputs.
 */
export function cosineDistance(
  labels: TensorLike,
  predictions: TensorLike,
  axis?: number | null | CosineDistanceOptions,
  weights?: Weights | null | CosineDistanceOptions,
  scope?: Scope | CosineDistanceOptions,
  lossCollection?: Collection | CosineDistanceOptions,
  reduction?: ReductionKey | CosineDistanceOptions,
  dim?: number | null | CosineDistanceOptions,
): Tensor {
  const args = positionalArgs<CosineDistanceOptions>(
    "cosine_distance",
    ["axis", ...COMMON, "dim"],
    [axis, weights, scope, lossCollection, reduction, dim],
  );
  const o = lossDefaults(args);
  // deprecation.py: deprecated_argument_lookup("axis", axis, "dim", dim)
  if (args.axis != null && args.dim != null) throw new ValueError("Cannot specify both 'dim' and 'axis'");
  const ax = args.axis ?? args.dim;
  if (ax == null) throw new ValueError("You must specify 'axis'.");
  notNone(labels, "labels");
  notNone(predictions, "predictions");
  return opScope(o.scope, "cosine_distance_loss", [predictions, labels, o.weights], (s) => {
    const p = asFloat(predictions);
    const l = asFloat(labels);
    assertCompatible(p, l);
    const radialDiffs = multiply(p, l);
    const losses = rOp(opDefs.Sub.type, "sub", 1, reduceSum(radialDiffs, [ax], true));
    return weightedLoss(losses, { ...o, scope: s });
  });
}

/**
 * losses_impl.py: mean_pairwise_squared_error(labels, predictions, weights=1.0, scope=None, loss_collection): in
 * scope `mean_pairwise_squared_error`, per batch item the mean of the squared differences of all pairs of
 * (prediction - label) differences (2 * sum d^2 / (n - 1) - 2 * (sum d)^2 / (n (n - 1))), weighted and summed; 0 when
 * no weight is present. Its own reduction, after assert_broadcastable(weights, labels).
 */
export function meanPairwiseSquaredError(
  labels: TensorLike,
  predictions: TensorLike,
  weights?: Weights | null | LossOptions,
  scope?: Scope | LossOptions,
  lossCollection?: Collection | LossOptions,
): Tensor {
  const o = lossDefaults(
    positionalArgs<LossOptions>(
      "mean_pairwise_squared_error",
      ["weights", "scope", "lossCollection"],
      [weights, scope, lossCollection],
    ),
  );
  notNone(labels, "labels");
  notNone(predictions, "predictions");
  return opScope(o.scope, "mean_pairwise_squared_error", [predictions, labels, o.weights], () => {
    // tensor_util.py: make_tensor_proto (math_ops.cast(None))
    if (o.weights === null) throw new ValueError(messages.noneValues());
    const w = castTo(o.weights, float32);
    const l = castTo(labels, float32);
    return afterCheck(assertBroadcastable(w, l), () => {
      const p = castTo(predictions, float32);
      assertCompatible(p, l);
      const diffs = subtract(p, l);
      const axis = range(1, rank(diffs));
      const sumSquaresDiffPerBatch = reduceSum(square(diffs), axis, true);
      const numPresentPerBatch = numPresent(diffs, w, true);
      const twice = (t: Tensor) => rOp(opDefs.Mul.type, "mul", 2, t);
      const term1 = twice(divNoNan(sumSquaresDiffPerBatch, maximum(sub(numPresentPerBatch, 1), 0), "value"));
      const sumDiff = reduceSum(diffs, axis, true);
      const pairs = maximum(multiply(numPresentPerBatch, sub(numPresentPerBatch, 1)), 0);
      const term2 = twice(divNoNan(square(sumDiff), pairs, "value"));
      const loss = reduceSum(multiply(sub(term1, term2), w));
      const meanLoss = where(greater(reduceSum(numPresentPerBatch), 0), loss, zerosLike(loss), "value");
      addLoss(meanLoss, o.lossCollection);
      return meanLoss;
    });
  });
}

/** math_ops.to_float (a Cast named `ToFloat`) for tensors; plain JS values become float32 as castTo makes them. */
function asFloat(x: TensorLike): Tensor {
  return x instanceof Tensor || isTensorConvertible(x) ? toFloat(x) : castTo(x, float32);
}

/** losses_impl.py: hinge_loss: relu(1 - (2 * labels - 1) * logits) in scope `hinge_loss`. */
export function hingeLoss(
  labels: TensorLike,
  logits: TensorLike,
  weights?: Weights | null | LossOptions,
  scope?: Scope | LossOptions,
  lossCollection?: Collection | LossOptions,
  reduction?: ReductionKey | LossOptions,
): Tensor {
  const o = lossDefaults(
    positionalArgs<LossOptions>("hinge_loss", COMMON, [weights, scope, lossCollection, reduction]),
  );
  notNone(labels, "labels");
  notNone(logits, "logits");
  return opScope(o.scope, "hinge_loss", [logits, labels, o.weights], (s) => {
    const lg = castTo(logits, float32);
    let l = castTo(labels, float32);
    assertCompatible(lg, l);
    // We first need to convert binary labels to -1/1 labels (as floats).
    const allOnes = onesLike(l);
    l = subtract(rOp(opDefs.Mul.type, "mul", 2, l), allOnes);
    return weightedLoss(relu(subtract(allOnes, multiply(l, lg))), { ...o, scope: s });
  });
}

/**
 * losses_impl.py: huber_loss(labels, predictions, weights=1.0, delta=1.0, ...): `0.5 * q * q + delta * (|e| - q)`
 * with `q = min(|e|, delta)`, in scope `huber_loss` (Sub, Abs, Minimum, Sub_1, Const, Mul, Mul_1, Mul_2, Add).
 */
export function huberLoss(
  labels: TensorLike,
  predictions: TensorLike,
  weights?: Weights | null | HuberLossOptions,
  delta?: number | TensorLike | HuberLossOptions,
  scope?: Scope | HuberLossOptions,
  lossCollection?: Collection | HuberLossOptions,
  reduction?: ReductionKey | HuberLossOptions,
): Tensor {
  const args = positionalArgs<HuberLossOptions>(
    "huber_loss",
    ["weights", "delta", "scope", "lossCollection", "reduction"],
    [weights, delta, scope, lossCollection, reduction],
  );
  const o = lossDefaults(args);
  const d = args.delta ?? 1;
  notNone(labels, "labels");
  notNone(predictions, "predictions");
  return opScope(o.scope, "huber_loss", [predictions, labels, o.weights], (s) => {
    const p = castTo(predictions, float32);
    const l = castTo(labels, float32);
    assertCompatible(p, l);
    const absError = abs(subtract(p, l));
    const quadratic = minimum(absError, d);
    // Same value as max(|e| - delta, 0), but its gradient at |e| == delta is 0, not 1 (no double counting).
    const linear = subtract(absError, quadratic);
    const half = convertToTensor(0.5, { dtype: quadratic.dtype });
    const quadraticTerm = multiply(half, multiply(quadratic, quadratic));
    // math_ops.multiply(delta, linear): a Python float delta is the Mul's `x` (float32, not JS's int).
    const linearTerm =
      typeof d === "number"
        ? opScope(null, opDefs.Mul.type, [linear], (scope) =>
            multiply(convertToTensor(d, { name: "x", dtype: linear.dtype }), linear, scope),
          )
        : multiply(d, linear);
    return weightedLoss(addOp(quadraticTerm, linearTerm), { ...o, scope: s });
  });
}

/**
 * losses_impl.py: log_loss(labels, predictions, weights=1.0, epsilon=1e-7, ...):
 * `-labels * log(predictions + eps) - (1 - labels) * log(1 - predictions + eps)` in scope `log_loss`.
 */
export function logLoss(
  labels: TensorLike,
  predictions: TensorLike,
  weights?: Weights | null | LogLossOptions,
  epsilon?: number | LogLossOptions,
  scope?: Scope | LogLossOptions,
  lossCollection?: Collection | LogLossOptions,
  reduction?: ReductionKey | LogLossOptions,
): Tensor {
  const args = positionalArgs<LogLossOptions>(
    "log_loss",
    ["weights", "epsilon", "scope", "lossCollection", "reduction"],
    [weights, epsilon, scope, lossCollection, reduction],
  );
  const o = lossDefaults(args);
  const eps = args.epsilon ?? 1e-7;
  notNone(labels, "labels");
  notNone(predictions, "predictions");
  return opScope(o.scope, "log_loss", [predictions, labels, o.weights], (s) => {
    const p = castTo(predictions, float32);
    const l = castTo(labels, float32);
    assertCompatible(p, l);
    const positive = neg(multiply(l, log(add(p, eps))));
    const negative = multiply(rOp(opDefs.Sub.type, "sub", 1, l), log(add(rOp(opDefs.Sub.type, "sub", 1, p), eps)));
    return weightedLoss(sub(positive, negative), { ...o, scope: s });
  });
}

/** losses_impl.py: mean_squared_error: a SquaredDifference in scope `mean_squared_error`. */
export function meanSquaredError(
  labels: TensorLike,
  predictions: TensorLike,
  weights?: Weights | null | LossOptions,
  scope?: Scope | LossOptions,
  lossCollection?: Collection | LossOptions,
  reduction?: ReductionKey | LossOptions,
): Tensor {
  const o = lossDefaults(
    positionalArgs<LossOptions>("mean_squared_error", COMMON, [weights, scope, lossCollection, reduction]),
  );
  notNone(labels, "labels");
  notNone(predictions, "predictions");
  return opScope(o.scope, "mean_squared_error", [predictions, labels, o.weights], (s) => {
    const p = castTo(predictions, float32);
    const l = castTo(labels, float32);
    assertCompatible(p, l);
    return weightedLoss(squaredDifference(p, l), { ...o, scope: s });
  });
}

/**
 * losses_impl.py: sigmoid_cross_entropy(multi_class_labels, logits, weights=1.0, label_smoothing=0, ...): in scope
 * `sigmoid_cross_entropy_loss`, labels cast to the logits' dtype, smoothed towards 1/2, and
 * sigmoid_cross_entropy_with_logits named `xentropy`. Plain logits prefer float32.
 */
export function sigmoidCrossEntropy(
  multiClassLabels: TensorLike,
  logits: TensorLike,
  weights?: Weights | null | CrossEntropyLossOptions,
  labelSmoothing?: number | CrossEntropyLossOptions,
  scope?: Scope | CrossEntropyLossOptions,
  lossCollection?: Collection | CrossEntropyLossOptions,
  reduction?: ReductionKey | CrossEntropyLossOptions,
): Tensor {
  const args = positionalArgs<CrossEntropyLossOptions>(
    "sigmoid_cross_entropy",
    ["weights", "labelSmoothing", "scope", "lossCollection", "reduction"],
    [weights, labelSmoothing, scope, lossCollection, reduction],
  );
  const o = lossDefaults(args);
  const smoothing = args.labelSmoothing ?? 0;
  notNone(multiClassLabels, "multi_class_labels");
  notNone(logits, "logits");
  return opScope(o.scope, "sigmoid_cross_entropy_loss", [logits, multiClassLabels, o.weights], (s) => {
    const lg = convertToTensor(logits, { preferredDtype: float32 });
    let labels = castTo(multiClassLabels, lg.dtype);
    assertCompatible(lg, labels);
    if (smoothing > 0) labels = add(mul(labels, 1 - smoothing), 0.5 * smoothing);
    const losses = sigmoidCrossEntropyWithLogits({ labels, logits: lg, name: "xentropy" });
    return weightedLoss(losses, { ...o, scope: s });
  });
}

/**
 * losses_impl.py: softmax_cross_entropy(onehot_labels, logits, weights=1.0, label_smoothing=0, ...): in scope
 * `softmax_cross_entropy_loss`, labels cast to the logits' dtype, smoothed towards 1/num_classes, stopped
 * (`labels_stop_gradient`), and softmax_cross_entropy_with_logits_v2 named `xentropy`. Plain logits prefer float32.
 */
export function softmaxCrossEntropy(
  onehotLabels: TensorLike,
  logits: TensorLike,
  weights?: Weights | null | CrossEntropyLossOptions,
  labelSmoothing?: number | CrossEntropyLossOptions,
  scope?: Scope | CrossEntropyLossOptions,
  lossCollection?: Collection | CrossEntropyLossOptions,
  reduction?: ReductionKey | CrossEntropyLossOptions,
): Tensor {
  const args = positionalArgs<CrossEntropyLossOptions>(
    "softmax_cross_entropy",
    ["weights", "labelSmoothing", "scope", "lossCollection", "reduction"],
    [weights, labelSmoothing, scope, lossCollection, reduction],
  );
  const o = lossDefaults(args);
  const smoothing = args.labelSmoothing ?? 0;
  notNone(onehotLabels, "onehot_labels");
  notNone(logits, "logits");
  return opScope(o.scope, "softmax_cross_entropy_loss", [logits, onehotLabels, o.weights], (s) => {
    const lg = convertToTensor(logits, { preferredDtype: float32 });
    let labels = castTo(onehotLabels, lg.dtype);
    assertCompatible(lg, labels);
    if (smoothing > 0) {
      // array_ops.shape(onehot_labels)[-1]: _slice_helper's `strided_slice` with its packed begin, end, strides.
      const labelsShape = shape(labels);
      const last = opScope(null, "strided_slice", [labelsShape], (scope) =>
        stridedSlice(labelsShape, stack([-1]), stack([0]), stack([1]), { shrinkAxisMask: 1, name: scope }),
      );
      const numClasses = cast(last, lg.dtype);
      // label_smoothing / num_classes: Tensor.__rtruediv__, a RealDiv `truediv` with the number as `truediv/x`.
      const smoothNegatives = opScope(null, "truediv", [numClasses], (scope) =>
        truediv(convertToTensor(smoothing, { name: "x", dtype: numClasses.dtype }), numClasses, scope),
      );
      labels = add(mul(labels, 1 - smoothing), smoothNegatives);
    }
    labels = stopGradient(labels, "labels_stop_gradient");
    const losses = softmaxCrossEntropyWithLogitsV2({ labels, logits: lg, name: "xentropy" });
    return weightedLoss(losses, { ...o, scope: s });
  });
}

/**
 * losses_impl.py: sparse_softmax_cross_entropy(labels, logits, weights=1.0, ...): in scope
 * `sparse_softmax_cross_entropy_loss`, labels (and weights) of rank one too many squeezed
 * (_remove_squeezable_dimensions), then sparse_softmax_cross_entropy_with_logits named `xentropy`.
 */
export function sparseSoftmaxCrossEntropy(
  labels: TensorLike,
  logits: TensorLike,
  weights?: Weights | null | LossOptions,
  scope?: Scope | LossOptions,
  lossCollection?: Collection | LossOptions,
  reduction?: ReductionKey | LossOptions,
): Tensor {
  const o = lossDefaults(
    positionalArgs<LossOptions>("sparse_softmax_cross_entropy", COMMON, [weights, scope, lossCollection, reduction]),
  );
  notNone(labels, "labels");
  notNone(logits, "logits");
  return opScope(o.scope, "sparse_softmax_cross_entropy_loss", [logits, labels, o.weights], (s) => {
    // labels hold class ids and logits one value per class: rank(logits) - rank(labels) is expected to be 1.
    const [l, lg, w] = removeSqueezableDimensionsWithWeights("sparseSoftmaxCrossEntropy", labels, logits, o.weights, 1);
    const losses = sparseSoftmaxCrossEntropyWithLogits({ labels: l, logits: lg, name: "xentropy" });
    return weightedLoss(losses, { ...o, weights: w, scope: s });
  });
}
