// nn_ops.py: softmax_cross_entropy_with_logits (v1), sparse_softmax_cross_entropy_with_logits; nn_impl.py:
// sigmoid_cross_entropy_with_logits (a composite: its gradient comes from its parts).
import { ValueError } from "../errors";
import { mergeShapes, shapeToString } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { shape as shapeOp, stopGradient, zerosLike } from "./array-ops";
import { add, cast, exp, greaterEqual, log1p, where } from "./math-ops";
import { softmaxCrossEntropyWithLogitsOp, sparseSoftmaxCrossEntropyWithLogitsOp, type XentArgs } from "./nn-loss-ops";
import { convertToTensor, opScope } from "./op-builder";
import { mul, neg, sub } from "./operators";

/** nn_ops.py: _ensure_xent_args */
function ensureXentArgs(args: XentArgs | undefined): asserts args is XentArgs {
  if (!args || args.labels === undefined || args.logits === undefined) {
    // nn_ops.py: _ensure_xent_args
    throw new ValueError("Both labels and logits must be provided.");
  }
}

/** scopeflow: TF reshapes other ranks/axes to rank 2 around the op; that path is not built yet. */
function requireRank2(fn: string, logits: Tensor, axis: number): void {
  if (logits.shape === null || logits.shape.length !== 2 || (axis !== -1 && axis !== 1)) {
    throw new ValueError(
      `tf.nn.${fn}: only rank-2 logits with the class axis last are supported (got shape ${shapeToString(logits.shape)}, axis ${axis}); reshape to [batch, classes] first.`,
    );
  }
}

/**
 * nn_ops.py: softmax_cross_entropy_with_logits (v1): labels get a StopGradient (`labels_stop_gradient`) in scope
 * `softmax_cross_entropy_with_logits_sg`, and the op takes that scope's name. Returns the loss.
 * Difference from TF 1.15: TF also flattens both inputs to rank 2 (Rank/Shape/Slice/concat/Reshape ops) and
 * reshapes the loss back; for rank-2 inputs those ops are identities and are not built here.
 */
export function softmaxCrossEntropyWithLogits(args: XentArgs): Tensor {
  ensureXentArgs(args);
  const axis = args.axis ?? args.dim ?? -1;
  return opScope(args.name, "softmax_cross_entropy_with_logits_sg", [args.logits, args.labels], (scope) => {
    const labels = stopGradient(args.labels, "labels_stop_gradient");
    return opScope(scope, "softmax_cross_entropy_with_logits", [args.logits, labels], (inner) => {
      const logits = convertToTensor(args.logits, { name: "logits" });
      requireRank2("softmaxCrossEntropyWithLogits", logits, axis);
      // nn_ops.py: labels and logits must be of the same type (math_ops.cast is a no-op when they are).
      const castLabels = labels.dtype === logits.dtype ? labels : cast(labels, logits.dtype);
      return softmaxCrossEntropyWithLogitsOp(logits, castLabels, inner).loss;
    });
  });
}

/**
 * nn_ops.py: sparse_softmax_cross_entropy_with_logits: in scope `SparseSoftmaxCrossEntropyWithLogits`, the labels'
 * Shape, TF's rank and shape checks, then the op (named by `name`, default `SparseSoftmaxCrossEntropyWithLogits`).
 */
export function sparseSoftmaxCrossEntropyWithLogits(args: XentArgs): Tensor {
  ensureXentArgs(args);
  return opScope(args.name, "SparseSoftmaxCrossEntropyWithLogits", [args.labels, args.logits], () => {
    const labels = convertToTensor(args.labels);
    const logits = convertToTensor(args.logits);
    const ls = labels.shape;
    const fs = logits.shape;
    shapeOp(labels);
    if (fs !== null && fs.length === 0) {
      // nn_ops.py: sparse_softmax_cross_entropy_with_logits
      throw new ValueError(`Logits cannot be scalars - received shape ${shapeToString(fs)}.`);
    }
    if (fs !== null && ls !== null && ls.length !== fs.length - 1) {
      // nn_ops.py: sparse_softmax_cross_entropy_with_logits
      throw new ValueError(
        `Rank mismatch: Rank of labels (received ${ls.length}) should equal rank of logits minus 1 (received ${fs.length}).`,
      );
    }
    const known = ls !== null && fs !== null && [...ls, ...fs.slice(0, -1)].every((d) => d !== null);
    if (known && ls.some((d, i) => d !== fs[i])) {
      // nn_ops.py: sparse_softmax_cross_entropy_with_logits
      throw new ValueError(
        `Shape mismatch: The shape of labels (received ${shapeToString(ls)}) should equal the shape of logits except for the last dimension (received ${shapeToString(fs)}).`,
      );
    }
    requireRank2("sparseSoftmaxCrossEntropyWithLogits", logits, -1);
    return sparseSoftmaxCrossEntropyWithLogitsOp(logits, labels, args.name).loss;
  });
}

/** nn_impl.py: sigmoid_cross_entropy_with_logits: max(x, 0) - x * z + log(1 + exp(-|x|)), scope `logistic_loss`. */
export function sigmoidCrossEntropyWithLogits(args: XentArgs): Tensor {
  if (!args || args.labels === undefined || args.logits === undefined) {
    // nn_impl.py: sigmoid_cross_entropy_with_logits (nn_ops._ensure_xent_args)
    throw new ValueError("Both labels and logits must be provided.");
  }
  return opScope(args.name, "logistic_loss", [args.logits, args.labels], (scope) => {
    const logits = convertToTensor(args.logits, { name: "logits" });
    const labels = convertToTensor(args.labels, { name: "labels" });
    if (mergeShapes(labels.shape, logits.shape) === undefined) {
      // nn_impl.py: sigmoid_cross_entropy_with_logits
      throw new ValueError(
        `logits and labels must have the same shape (${shapeToString(logits.shape)} vs ${shapeToString(labels.shape)})`,
      );
    }
    const zeros = zerosLike(logits, { dtype: logits.dtype });
    const cond = greaterEqual(logits, zeros);
    const reluLogits = where(cond, logits, zeros);
    const negAbsLogits = where(cond, neg(logits), logits);
    return add(sub(reluLogits, mul(logits, labels)), log1p(exp(negAbsLogits)), scope);
  });
}
