// weights_broadcast_ops.py (TF 1.15): assert_broadcastable and broadcast_weights, the limited weight broadcasting of
// tf.losses: weights are a scalar, or have the values' rank with each dim either 1 or the values' dim.
import { ValueError } from "../errors";
import { float32 } from "../framework/dtypes";
import { getDefaultGraph, isTensorConvertible } from "../framework/graph";
import type { Operation } from "../framework/operation";
import { isCompatible, isFullyDefined } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { onesLike, rank, shape } from "../ops/array-ops";
import { noOp } from "../ops/control-flow-ops";
import { multiply } from "../ops/math-ops";
import { convertToTensor, opScope, type TensorLike } from "../ops/op-builder";
import { constantValue } from "../ops/shape-inference";
import { messages } from "./messages";

/** A loss's weights: a tensor, a Variable, or plain numbers. */
export type Weights = TensorLike;

/**
 * ops.convert_to_tensor of a loss's weights, in the scope `name` names. JS cannot tell Python's `2.0` from `2`, and
 * TF's weights are float coefficients (default `1.0`), so plain numbers become float32 as Python floats do.
 */
export function convertWeights(weights: Weights | null | undefined, name?: string): Tensor {
  if (weights === null || weights === undefined) {
    // tensor_util.py: make_tensor_proto
    throw new ValueError(messages.noneValues());
  }
  if (weights instanceof Tensor || isTensorConvertible(weights)) return convertToTensor(weights);
  return convertToTensor(weights, { name, dtype: float32 });
}

/**
 * weights_broadcast_ops.py: assert_broadcastable(weights, values): in scope `assert_broadcastable`, the weights'
 * and values' Shape and Rank (Consts when static, under `weights/` and `values/`). With static ranks it returns a
 * NoOp (`static_scalar_check_success`, `static_dims_check_success`) or throws TF's ValueError. TF's dynamic check
 * (a tf.cond over `is_scalar`, a set difference and an Assert named after the scope) needs tf.cond, which scopeflow
 * does not build yet: then no check is added and null is returned (the values' Mul still fails on shapes that do not
 * broadcast at all).
 */
export function assertBroadcastable(weights: Weights | null | undefined, values: TensorLike): Operation | null {
  return opScope(null, "assert_broadcastable", [weights, values], () => {
    const w = opScope(null, "weights", [weights], (weightsScope) => {
      const t = convertWeights(weights, weightsScope);
      return { t, shape: shape(t, "shape"), rank: rank(t, "rank") };
    });
    const weightsRank = constantValue(w.rank)?.[0] ?? null;
    const v = opScope(null, "values", [values], (valuesScope) => {
      const t = convertToTensor(values, { name: valuesScope, preferredDtype: float32 });
      return { t, shape: shape(t, "shape"), rank: rank(t, "rank") };
    });
    const valuesRank = constantValue(v.rank)?.[0] ?? null;
    if (weightsRank === null || valuesRank === null) return null;
    if (weightsRank === 0) return noOp("static_scalar_check_success");
    if (weightsRank !== valuesRank) {
      // weights_broadcast_ops.py: assert_broadcastable
      throw new ValueError(messages.rankMismatch(valuesRank, weightsRank, v.t.shape, w.t.shape));
    }
    const weightsShape = constantValue(w.shape);
    const valuesShape = constantValue(v.shape);
    if (weightsShape === null || valuesShape === null) return null;
    weightsShape.forEach((d, i) => {
      if (d !== 1 && d !== valuesShape[i]) {
        // weights_broadcast_ops.py: assert_broadcastable
        throw new ValueError(messages.dimMismatch(i, valuesShape, weightsShape));
      }
    });
    return noOp("static_dims_check_success");
  });
}

/** Runs `body` after `check` (TF's `with ops.control_dependencies((check,))`); without a check, as it is. */
export function afterCheck<T>(check: Operation | null, body: () => T): T {
  return check === null ? body() : getDefaultGraph().controlDependencies([check], body);
}

/**
 * weights_broadcast_ops.py: broadcast_weights(weights, values): in scope `broadcast_weights`, the weights as they
 * are when both shapes are static and compatible, else `weights * ones_like(values)` (a Mul named after the scope)
 * after assert_broadcastable.
 */
export function broadcastWeights(weights: Weights, values: TensorLike): Tensor {
  return opScope(null, "broadcast_weights", [weights, values], (scope) => {
    const v = convertToTensor(values, { name: "values" });
    const w = convertToTensor(weights, { name: "weights", dtype: v.dtype });
    if (isFullyDefined(w.shape) && isFullyDefined(v.shape) && isCompatible(w.shape, v.shape)) return w;
    return afterCheck(assertBroadcastable(w, v), () => multiply(w, onesLike(v), scope));
  });
}
