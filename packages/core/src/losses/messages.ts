// TF 1.15's messages for tf.losses (losses_impl.py, weights_broadcast_ops.py, tensor_shape.py), plus scopeflow's own.
import { type Shape, shapeToString } from "../framework/shape";

/** weights_broadcast_ops.py: _ASSERT_BROADCASTABLE_ERROR_PREFIX */
export const ASSERT_BROADCASTABLE_ERROR_PREFIX = "weights can not be broadcast to values.";

/** numpy's str() of an int vector, as TF formats a constant_value: `[3 2 4]`. */
const npVector = (values: readonly number[]) => `[${values.join(" ")}]`;

export const messages = {
  /** losses_impl.py: Reduction.validate */
  invalidReduction: (key: unknown) => `Invalid Reduction Key ${String(key)}.`,
  /** losses_impl.py: each loss's argument checks (`labels must not be None.`). */
  mustNotBeNone: (arg: string) => `${arg} must not be None.`,
  /** tensor_util.py: make_tensor_proto (weights=None reaching convert_to_tensor). */
  noneValues: () => "None values not supported.",
  /** tensor_shape.py: TensorShape.assert_is_compatible_with */
  incompatibleShapes: (a: Shape, b: Shape) => `Shapes ${shapeToString(a)} and ${shapeToString(b)} are incompatible`,
  /** weights_broadcast_ops.py: assert_broadcastable (static ranks differ) */
  rankMismatch: (valuesRank: number, weightsRank: number, valuesShape: Shape, weightsShape: Shape) =>
    `${ASSERT_BROADCASTABLE_ERROR_PREFIX} values.rank=${valuesRank}. weights.rank=${weightsRank}. values.shape=${shapeToString(valuesShape)}. weights.shape=${shapeToString(weightsShape)}.`,
  /** weights_broadcast_ops.py: assert_broadcastable (a static dim neither 1 nor the values' dim) */
  dimMismatch: (dim: number, valuesShape: readonly number[], weightsShape: readonly number[]) =>
    `${ASSERT_BROADCASTABLE_ERROR_PREFIX} Mismatch at dim ${dim}. values.shape=${npVector(valuesShape)} weights.shape=${npVector(weightsShape)}.`,
  /** scopeflow: TF's dynamic rank paths use tf.cond, which scopeflow does not build yet. */
  needsStaticRank: (fn: string, what: string, tfFunction: string) =>
    `tf.losses.${fn}: ${what} of unknown rank need TF's tf.cond (${tfFunction}), which scopeflow does not build yet; give them a static rank (a placeholder with a shape, or setShape).`,
};
