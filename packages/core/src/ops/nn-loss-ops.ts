// nn_ops.py / gen_nn_ops.py: the cross-entropy ops SoftmaxCrossEntropyWithLogits and
// SparseSoftmaxCrossEntropyWithLogits (shape functions from nn_ops.cc), and the tf.nn wrappers that build them.
import { ValueError } from "../errors";
import { int64 } from "../framework/dtypes";
import { broadcastStatic, type Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { convertSameTypeInputs } from "./convert-inputs";
import { checkDtypeAllowed, dimsEqualMessage, FLOAT_TYPES, rankMessage, shapeFnError } from "./nn-messages";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";

/** Two outputs of a cross-entropy op: the per-example loss and its gradient w.r.t. the logits. */
export interface XentOutputs {
  loss: Tensor;
  backprop: Tensor;
}

/**
 * nn_ops.cc: SoftmaxCrossEntropyWithLogits's shape function: rank-2 inputs of one shape, or labels and features
 * that broadcast to rank 2.
 */
function xentShape(opName: string, features: Tensor, labels: Tensor): { loss: Shape; backprop: Shape } {
  const fail = (message: string) =>
    shapeFnError(message, opName, opDefs.SoftmaxCrossEntropyWithLogits.type, [features, labels]);
  const f = features.shape;
  const l = labels.shape;
  if (f === null || l === null) {
    const known = f ?? l;
    if (known !== null && known.length === 2 && f !== null) return { loss: [f[0]], backprop: [...f] };
    return { loss: [null], backprop: [null, null] };
  }
  // common_shapes.cc: BroadcastBinaryOpOutputShapeFnHelper (when WithRank 2 + Merge did not succeed)
  const broadcast = broadcastStatic(f, l);
  if ("conflict" in broadcast) throw fail(dimsEqualMessage(...broadcast.conflict));
  const out = broadcast.dims;
  if (out.length !== 2) {
    // nn_ops.cc: SoftmaxCrossEntropyWithLogits shape function
    throw fail(`Shape must be broadcasted with rank 2, but is rank ${out.length}`);
  }
  return { loss: [out[0]], backprop: out };
}

/** gen_nn_ops.py: softmax_cross_entropy_with_logits(features, labels): the two-output op. */
export function softmaxCrossEntropyWithLogitsOp(features: TensorLike, labels: TensorLike, name?: string): XentOutputs {
  return opScope(name, opDefs.SoftmaxCrossEntropyWithLogits.type, [features, labels], (scope) => {
    const [f, l] = convertSameTypeInputs(
      opDefs.SoftmaxCrossEntropyWithLogits.type,
      [features, labels],
      ["features", "labels"],
    );
    const dtype = f.dtype;
    checkDtypeAllowed("features", dtype, FLOAT_TYPES);
    const shapes = xentShape(scope.slice(0, -1), f, l);
    const op = createOp(opDefs.SoftmaxCrossEntropyWithLogits, [f, l], {
      name: scope,
      attrs: { T: dtype },
      shapes: [shapes.loss, shapes.backprop],
    });
    return { loss: op.outputs[0], backprop: op.outputs[1] };
  });
}

/** gen_nn_ops.py: sparse_softmax_cross_entropy_with_logits(features, labels): the two-output op. */
export function sparseSoftmaxCrossEntropyWithLogitsOp(
  features: TensorLike,
  labels: TensorLike,
  name?: string,
): XentOutputs {
  return opScope(name, opDefs.SparseSoftmaxCrossEntropyWithLogits.type, [features, labels], (scope) => {
    const f = convertToTensor(features, { name: "features" });
    const l = convertToTensor(labels, { name: "labels", preferredDtype: int64 });
    checkDtypeAllowed("features", f.dtype, FLOAT_TYPES);
    checkDtypeAllowed("labels", l.dtype, ["int32", "int64"]);
    const opName = scope.slice(0, -1);
    const fail = (message: string) =>
      shapeFnError(message, opName, opDefs.SparseSoftmaxCrossEntropyWithLogits.type, [f, l]);
    // nn_ops.cc: SparseSoftmaxCrossEntropyWithLogits shape function
    if (f.shape !== null && f.shape.length !== 2) throw fail(rankMessage(2, f.shape.length));
    if (l.shape !== null && l.shape.length !== 1) throw fail(rankMessage(1, l.shape.length));
    const fb = f.shape ? f.shape[0] : null;
    const lb = l.shape ? l.shape[0] : null;
    if (fb !== null && lb !== null && fb !== lb) throw fail(dimsEqualMessage(fb, lb));
    const batch = fb ?? lb;
    const op = createOp(opDefs.SparseSoftmaxCrossEntropyWithLogits, [f, l], {
      name: scope,
      attrs: { T: f.dtype, Tlabels: l.dtype },
      shapes: [[batch], [batch, f.shape ? f.shape[1] : null]],
    });
    return { loss: op.outputs[0], backprop: op.outputs[1] };
  });
}

export interface XentArgs {
  labels: TensorLike;
  logits: TensorLike;
  /** The class axis; only the last (-1) is supported. */
  axis?: number;
  /** TF1's deprecated spelling of `axis`. */
  dim?: number;
  name?: string;
}

/** nn_ops.py: _ensure_xent_args: labels and logits must both be given, by name. */
function ensureXentArgs(name: string, args: XentArgs | undefined): asserts args is XentArgs {
  if (!args || args.labels === undefined || args.logits === undefined) {
    // nn_ops.py: _ensure_xent_args
    throw new ValueError(`Both labels and logits must be provided.`);
  }
  void name;
}

export { ensureXentArgs };
