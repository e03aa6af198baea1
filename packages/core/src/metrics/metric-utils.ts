// metrics_impl.py (TF 1.15): the helpers every tf.metrics function shares: metric_variable, the metric options,
// _remove_squeezable_dimensions, _aggregate_across_replicas (the default strategy: the value built in place),
// and the collections a metric's value and update op are added to.
import { ValueError } from "../errors";
import { type DType, int32 } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import type { Operation } from "../framework/operation";
import { isCompatible, type Shape, shapeToString } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { messages as lossMessages } from "../losses/messages";
import { convertWeights, type Weights } from "../losses/weights-broadcast";
import { expandDims, rank, shape as shapeOp, squeeze, zeros } from "../ops/array-ops";
import {
  condTensor,
  removeSqueezableDimensions as removeSqueezableLabelsAndPredictions,
} from "../ops/confusion-matrix";
import { noOp } from "../ops/control-flow-ops";
import { equal } from "../ops/math-ops";
import { convertToTensor, opScope, type TensorLike } from "../ops/op-builder";
import { sub } from "../ops/operators";
import { constantValue } from "../ops/shape-inference";
import { variableScope } from "../scopes/variable-scope";
import { Variable } from "../variables/variable";
import { messages } from "./messages";

/** A metric's result: `[value, updateOp]`, TF's `(metric_value, update_op)` pair. */
export type MetricResult = [Tensor, Tensor];

/** The collections a metric's value or update op is added to: TF's list (a single name works as in TF). */
export type Collections = readonly string[] | string | null;

/** The keyword arguments the tf.metrics functions share. */
export interface MetricOptions {
  /** A scalar, or a tensor broadcastable to the values as assert_broadcastable allows (default: all 1). */
  weights?: Weights | null;
  metricsCollections?: Collections;
  updatesCollections?: Collections;
  /** The variable scope's name (each metric has its default). */
  name?: string | null;
}

/**
 * metrics_impl.py: metric_variable(shape, dtype, validate_shape=True, name=None): a non-trainable variable
 * initialized by `zeros(shape, dtype)` (under `name/Initializer/zeros`), in LOCAL_VARIABLES and METRIC_VARIABLES.
 */
export function metricVariable(shape: readonly number[], dtype: DType, name: string): Variable {
  return new Variable(() => zeros(shape, dtype), {
    trainable: false,
    collections: [GraphKeys.LOCAL_VARIABLES, GraphKeys.METRIC_VARIABLES],
    name,
  });
}

/** ops.add_to_collections(names, value) when `names` is given (TF skips None and empty lists). */
export function addToCollections(names: Collections | undefined, value: Tensor): void {
  if (!names || names.length === 0) return;
  getDefaultGraph().addToCollections(typeof names === "string" ? [names] : names, value);
}

/**
 * The body of a metric, built atomically: TF raises after creating some of a metric's ops; here a metric that
 * throws leaves the graph as it was.
 */
export function buildMetric<T>(body: () => T): T {
  return getDefaultGraph().atomically(body);
}

/** `with variable_scope.variable_scope(name, default_name, values):` */
export function metricScope<T>(
  name: string | null | undefined,
  defaultName: string,
  values: unknown[],
  body: () => T,
): T {
  return variableScope(name ?? null, { defaultName, values }, () => body());
}

/** TensorShape.assert_is_compatible_with: `Shapes (2,) and (3,) are incompatible`. */
export function assertCompatibleShapes(a: Shape, b: Shape): void {
  if (!isCompatible(a, b)) {
    // tensor_shape.py: TensorShape.assert_is_compatible_with
    throw new ValueError(lossMessages.incompatibleShapes(a, b));
  }
}

const lastDimMayBeOne = (s: readonly (number | null)[]) => {
  const d = s[s.length - 1];
  return d === null || d === 1;
};

/** confusion_matrix.py: remove_squeezable_dimensions(labels, predictions) (expected rank difference 0). */
export function removeSqueezableLabels(labels: TensorLike, predictions: TensorLike): [Tensor, Tensor] {
  return removeSqueezableLabelsAndPredictions(labels, predictions);
}

/**
 * metrics_impl.py: _remove_squeezable_dimensions(predictions, labels, weights): predictions converted (in the
 * caller's scope), labels and predictions through remove_squeezable_dimensions and checked compatible, then the
 * weights (plain numbers as float32) squeezed or expanded on the last dim when their rank differs from the
 * predictions' by one (with a rank unknown, TF's nested tf.cond on the ranks); scalar weights stay scalar.
 */
export function removeSqueezableDimensions(
  predictions: TensorLike,
  labels: TensorLike | null,
  weights: Weights | null | undefined,
): [Tensor, Tensor | null, Tensor | null] {
  let p = convertToTensor(predictions);
  let l: Tensor | null = null;
  if (labels !== null) {
    [l, p] = removeSqueezableLabels(labels, p);
    assertCompatibleShapes(p.shape, l.shape);
  }
  if (weights === null || weights === undefined) return [p, l, null];
  const w = convertWeights(weights);
  const weightsRank = w.shape?.length ?? null;
  if (weightsRank === 0) return [p, l, w];
  const predictionsRank = p.shape?.length ?? null;
  if (predictionsRank !== null && weightsRank !== null) {
    if (weightsRank - predictionsRank === 1) return [p, l, squeeze(w, [-1])];
    if (predictionsRank - weightsRank === 1) return [p, l, expandDims(w, [-1])];
    return [p, l, w];
  }
  const weightsRankTensor = rank(w);
  const rankDiff = sub(weightsRankTensor, rank(p));
  const maybeExpand = () =>
    condTensor(
      equal(rankDiff, -1),
      () => expandDims(w, [-1]),
      () => w,
    );
  const mayNotSqueeze = w.shape !== null && !lastDimMayBeOne(w.shape);
  const maybeSqueeze = mayNotSqueeze ? () => w : () => squeeze(w, [-1]);
  const maybeAdjust = () => condTensor(equal(rankDiff, 1), maybeSqueeze, maybeExpand);
  return [p, l, condTensor(equal(weightsRankTensor, 0), () => w, maybeAdjust)];
}

/**
 * check_ops.py: assert_rank_in(x, ranks) with the ranks `(0, rank(values))` _count_condition passes: `Rank` in
 * the caller's scope, then in scope `assert_rank_in` the data TF builds (`rank` Const, `Shape`) and, with static
 * ranks, a NoOp `static_checks_determined_all_ok` or TF's ValueError. With a rank unknown TF adds an Assert,
 * which is not built here (null: no check).
 */
export function assertRankInScalarOr(x: Tensor, values: Tensor): Operation | null {
  const valuesRank = rank(values);
  return opScope(null, "assert_rank_in", [x, valuesRank], () => {
    const zero = convertToTensor(0, { name: "rank", dtype: int32 });
    shapeOp(x);
    const ranks = [constantValue(zero)?.[0] ?? null, constantValue(valuesRank)?.[0] ?? null];
    if (x.shape === null || ranks.includes(null)) return null;
    if (!ranks.includes(x.shape.length)) {
      // check_ops.py: assert_rank_in
      throw new ValueError(messages.rankNotIn(x.name, ranks as number[], x.shape.length, shapeToString(x.shape)));
    }
    return noOp("static_checks_determined_all_ok");
  });
}
