// nn_ops.py: softmax_cross_entropy_with_logits (v1), sparse_softmax_cross_entropy_with_logits; nn_impl.py:
// sigmoid_cross_entropy_with_logits (a composite: its gradient comes from its parts).
import { ValueError } from "../errors";
import { int32 } from "../framework/dtypes";
import { mergeShapes, shapeToString } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { Tensor as TensorClass } from "../framework/tensor";
import { rank, reshape, shape, stopGradient, zerosLike } from "./array-ops";
import { add as addOp, cast, exp, greaterEqual, log1p, subtract, where } from "./math-ops";
import { softmaxCrossEntropyWithLogitsOp, sparseSoftmaxCrossEntropyWithLogitsOp, type XentArgs } from "./nn-loss-ops";
import { convertToTensor, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { add, mul, neg, sub } from "./operators";
import { concat, slice, stack, stridedSlice } from "./slicing-ops";

/** nn_ops.py: _ensure_xent_args */
function ensureXentArgs(args: XentArgs | undefined): asserts args is XentArgs {
  if (!args || args.labels === undefined || args.logits === undefined) {
    // nn_ops.py: _ensure_xent_args
    throw new ValueError("Both labels and logits must be provided.");
  }
}

/** scopeflow: TF moves another class axis to the end with a Transpose; that path is not built yet. */
function requireLastAxis(fn: string, logits: Tensor, axis: number): void {
  const r = logits.shape?.length;
  if (axis !== -1 && (r === undefined || axis !== r - 1)) {
    throw new ValueError(
      `tf.nn.${fn}: only the last axis as the class axis is supported (got axis ${axis} for logits of shape ${shapeToString(logits.shape)}); transpose the classes to the last axis first.`,
    );
  }
}

/** nn_ops.py: _flatten_outer_dims: Rank, Shape, Sub, Slice (a packed begin), concat, Reshape to [-1, last], static shape set. */
function flattenOuterDims(logits: Tensor): Tensor {
  const r = rank(logits);
  const lastDimSize = sliceWithPacked(shape(logits), [subtract(r, 1)], [1]);
  const output = reshape(logits, concat([[-1], lastDimSize], 0));
  const s = logits.shape;
  if (s !== null && s.length > 0 && s.slice(0, -1).every((d) => d !== null)) {
    const product = (s.slice(0, -1) as number[]).reduce((a, b) => a * b, 1);
    output.setShape([product, s[s.length - 1]]);
  }
  return output;
}

/**
 * array_ops.py: slice(input_, begin, size) with a Python list holding a Tensor: op_def_library auto-packs it into a
 * `Pack` named after the input (`Slice/begin`, `Slice/size`) inside the op's scope.
 */
function sliceWithPacked(input: Tensor, begin: TensorLike | Tensor[], size: TensorLike | Tensor[]): Tensor {
  return opScope(null, opDefs.Slice.type, [input], (scope) => {
    // Converted in argument order, so the GraphDef lists `begin` before `size` as TF's does.
    const pack = (v: TensorLike | Tensor[], name: string) =>
      Array.isArray(v) && v.some((e) => e instanceof TensorClass)
        ? stack(v as Tensor[], 0, name)
        : convertToTensor(v as TensorLike, { name, dtype: int32 });
    const b = pack(begin, "begin");
    return slice(input, b, pack(size, "size"), scope);
  });
}

/**
 * nn_ops.py: softmax_cross_entropy_with_logits (v1): labels get a StopGradient (`labels_stop_gradient`) in scope
 * `softmax_cross_entropy_with_logits_sg`; softmax_cross_entropy_with_logits_v2 is then called with that scope's
 * name, so _v2_helper's name_scope re-enters it.
 */
export function softmaxCrossEntropyWithLogits(args: XentArgs): Tensor {
  ensureXentArgs(args);
  const sg = opScope(args.name, "softmax_cross_entropy_with_logits_sg", [args.logits, args.labels], (scope) => ({
    scope,
    labels: stopGradient(args.labels, "labels_stop_gradient"),
  }));
  return softmaxCrossEntropyWithLogitsV2({ ...args, labels: sg.labels, name: sg.scope });
}

/**
 * nn_ops.py: softmax_cross_entropy_with_logits_v2 (its _helper), scope `softmax_cross_entropy_with_logits`: Rank,
 * Shape, both inputs flattened to rank 2 (_flatten_outer_dims), the op named after the scope, and the loss
 * sliced/reshaped back to the logits' shape without the class axis. Gradients flow into the labels too.
 */
export function softmaxCrossEntropyWithLogitsV2(args: XentArgs): Tensor {
  ensureXentArgs(args);
  const axis = args.axis ?? args.dim ?? -1;
  return opScope(args.name, "softmax_cross_entropy_with_logits", [args.logits, args.labels], (scope) => {
    const logits = convertToTensor(args.logits, { name: "logits" });
    requireLastAxis("softmaxCrossEntropyWithLogits", logits, axis);
    // nn_ops.py: labels and logits must be of the same type (math_ops.cast is a no-op when they are).
    let labels = cast(convertToTensor(args.labels, { name: "labels" }), logits.dtype);
    const inputRank = rank(logits);
    const staticShape = logits.shape;
    const inputShape = shape(logits);
    const flatLogits = flattenOuterDims(logits);
    labels = flattenOuterDims(labels);
    let cost = softmaxCrossEntropyWithLogitsOp(flatLogits, labels, scope).loss;
    // The output cost shape should be the input minus axis.
    const outputShape = sliceWithPacked(inputShape, [0], [subtract(inputRank, 1)]);
    cost = reshape(cost, outputShape);
    if (staticShape !== null) cost.setShape(staticShape.slice(0, -1));
    return cost;
  });
}

/**
 * nn_ops.py: sparse_softmax_cross_entropy_with_logits: in scope `SparseSoftmaxCrossEntropyWithLogits`, the labels'
 * Shape, TF's rank and shape checks, then the op (named by `name`, default `SparseSoftmaxCrossEntropyWithLogits`).
 * Rank-2 logits feed the op directly; other ranks are reshaped to [-1, num_classes] / [-1] around it (num_classes
 * as `shape(logits)[rank(logits) - 1]`) and the loss reshaped to the labels' shape.
 */
export function sparseSoftmaxCrossEntropyWithLogits(args: XentArgs): Tensor {
  ensureXentArgs(args);
  return opScope(args.name, opDefs.SparseSoftmaxCrossEntropyWithLogits.type, [args.labels, args.logits], () => {
    const labels = convertToTensor(args.labels);
    const logits = convertToTensor(args.logits);
    const ls = labels.shape;
    const fs = logits.shape;
    const labelsShape = shape(labels);
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
    // Check if no reshapes are required.
    if (fs !== null && fs.length === 2) return sparseSoftmaxCrossEntropyWithLogitsOp(logits, labels, args.name).loss;
    if (!known) {
      // scopeflow: TF adds check_ops.assert_equal(shape(labels), shape(logits)[:-1]) as a control dependency here.
      throw new ValueError(
        "tf.nn.sparseSoftmaxCrossEntropyWithLogits: logits of rank other than 2 need fully defined static shapes (the dynamic assert_equal is not built yet).",
      );
    }
    // num_classes = array_ops.shape(logits)[array_ops.rank(logits) - 1]
    const logitsShape = shape(logits);
    const last = sub(rank(logits), 1);
    // array_ops.py: _slice_helper computes `s + 1` before entering its `strided_slice` scope.
    const end = add(last, 1);
    const numClasses = opScope(null, "strided_slice", [logitsShape, last], (scope) =>
      stridedSlice(logitsShape, stack([last], 0, "stack"), stack([end], 0, "stack_1"), stack([1], 0, "stack_2"), {
        shrinkAxisMask: 1,
        name: scope,
      }),
    );
    // reshape(precise_logits, [-1, num_classes]): the list auto-packs into `Reshape/shape` (its -1 as `shape/0`).
    const flatLogits = opScope(null, opDefs.Reshape.type, [logits], (scope) =>
      reshape(logits, stack([-1, numClasses], 0, "shape"), scope),
    );
    const flatLabels = reshape(labels, [-1]);
    let cost = sparseSoftmaxCrossEntropyWithLogitsOp(flatLogits, flatLabels, args.name).loss;
    cost = reshape(cost, labelsShape);
    if (ls !== null) cost.setShape(ls);
    return cost;
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
    return addOp(sub(reluLogits, mul(logits, labels)), log1p(exp(negAbsLogits)), scope);
  });
}
