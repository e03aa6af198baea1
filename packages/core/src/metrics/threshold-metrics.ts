// metrics_impl.py (TF 1.15): _confusion_matrix_at_thresholds and the metrics over it: auc,
// true_positives_at_thresholds (and fp, tn, fn), precision_at_thresholds, recall_at_thresholds.
import { ValueError } from "../errors";
import { bool, float32 } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import type { Tensor } from "../framework/tensor";
import { castTo } from "../losses/compute-weighted-loss";
import { broadcastWeights, type Weights } from "../losses/weights-broadcast";
import { constant, expandDims, identity, onesLike, reshape, shape, transpose } from "../ops/array-ops";
import { assertGreaterEqual, assertLessEqual } from "../ops/check-ops";
import { binaryOp } from "../ops/elementwise";
import { divNoNan } from "../ops/math-div-cast";
import { cast, greater, log, logicalAnd, logicalNot, maximum, minimum, multiply, where } from "../ops/math-ops";
import { convertToTensor, opScope, type TensorLike } from "../ops/op-builder";
import { opDefs } from "../ops/op-defs";
import { add, mul, sub, truediv } from "../ops/operators";
import { positionalArgs } from "../ops/positional-args";
import { reduceSum } from "../ops/reduction-ops";
import { stack, tile } from "../ops/slicing-ops";
import { assignAdd } from "../ops/state-ops";
import { indexTensor, sliceRange } from "../ops/tensor-index";
import type { Variable } from "../variables/variable";
import { pyDiv } from "./count-metrics";
import { messages } from "./messages";
import {
  addToCollections,
  assertCompatibleShapes,
  buildMetric,
  type Collections,
  type MetricOptions,
  type MetricResult,
  metricScope,
  metricVariable,
  removeSqueezableDimensions,
} from "./metric-utils";

type CountKey = "tp" | "fn" | "tn" | "fp";
const ALL_KEYS: readonly CountKey[] = ["tp", "fn", "tn", "fp"];
const VARIABLE_NAMES: Record<CountKey, string> = {
  tp: "true_positives",
  fn: "false_negatives",
  tn: "true_negatives",
  fp: "false_positives",
};

/** Python's `c + t` for a number c (Tensor.__radd__): an AddV2 named `add` whose x is the constant `add/x`. */
function radd(c: number, t: Tensor): Tensor {
  return opScope(null, "add", [t], (scope) =>
    binaryOp(opDefs.AddV2.type, convertToTensor(c, { name: "x", dtype: t.dtype }), t, scope),
  );
}

/**
 * metrics_impl.py: _confusion_matrix_at_thresholds(labels, predictions, thresholds, weights=None, includes=None):
 * after the checks that predictions are in [0, 1], the predictions (float32) compared with each threshold (Tile,
 * Greater) and the labels (bool) tiled alike; each included count is a `[len(thresholds)]` variable
 * (`true_positives`, ...) and an AssignAdd of the (weighted) row sums.
 */
export function confusionMatrixAtThresholds(
  labels: TensorLike,
  predictions: TensorLike,
  thresholds: readonly number[],
  weights: Weights | null | undefined,
  includes: readonly string[] = ALL_KEYS,
): { values: Partial<Record<CountKey, Variable>>; updateOps: Partial<Record<CountKey, Tensor>> } {
  for (const include of includes) {
    if (!(ALL_KEYS as readonly string[]).includes(include)) {
      // metrics_impl.py: _confusion_matrix_at_thresholds
      throw new ValueError(messages.invalidKey(include));
    }
  }
  const has = (k: CountKey) => includes.includes(k);
  const pred0 = convertToTensor(predictions);
  const checks = [
    assertGreaterEqual(pred0, castTo(0, pred0.dtype), { message: "predictions must be in [0, 1]" }),
    assertLessEqual(pred0, castTo(1, pred0.dtype), { message: "predictions must be in [0, 1]" }),
  ];
  const [p, l, w] = getDefaultGraph().controlDependencies(checks, () =>
    removeSqueezableDimensions(cast(pred0, float32), cast(labels, bool), weights),
  );
  const numThresholds = thresholds.length;
  const predictions2d = reshape(p, [-1, 1]);
  const labels2d = reshape(cast(l as Tensor, bool), [1, -1]);
  const staticCount = predictions2d.shape?.[0] ?? null;
  const numPredictions = staticCount ?? indexTensor(shape(predictions2d), 0);
  const threshTiled = tile(
    expandDims(constant([...thresholds], float32), [1]),
    stack([1, numPredictions] as TensorLike[]),
  );
  const predIsPos = greater(tile(transpose(predictions2d), [numThresholds, 1]), threshTiled);
  const predIsNeg = has("fn") || has("tn") ? logicalNot(predIsPos) : null;
  const labelIsPos = tile(labels2d, [numThresholds, 1]);
  const labelIsNeg = has("fp") || has("tn") ? logicalNot(labelIsPos) : null;
  let weightsTiled: Tensor | null = null;
  if (w !== null) {
    const bw = broadcastWeights(cast(w, float32), p);
    weightsTiled = tile(reshape(bw, [1, -1]), [numThresholds, 1]);
    assertCompatibleShapes(threshTiled.shape, weightsTiled.shape);
  }
  const conditions: Record<CountKey, () => [Tensor, Tensor]> = {
    tp: () => [labelIsPos, predIsPos],
    fn: () => [labelIsPos, predIsNeg as Tensor],
    tn: () => [labelIsNeg as Tensor, predIsNeg as Tensor],
    fp: () => [labelIsNeg as Tensor, predIsPos],
  };
  const values: Partial<Record<CountKey, Variable>> = {};
  const updateOps: Partial<Record<CountKey, Tensor>> = {};
  for (const key of ALL_KEYS) {
    if (!has(key)) continue;
    const variable = metricVariable([numThresholds], float32, VARIABLE_NAMES[key]);
    const [label, pred] = conditions[key]();
    let isCase = cast(logicalAnd(label, pred), float32);
    if (weightsTiled !== null) isCase = mul(isCase, weightsTiled);
    updateOps[key] = assignAdd(variable, reduceSum(isCase, 1));
    values[key] = variable;
  }
  return { values, updateOps };
}

export interface AucOptions extends MetricOptions {
  numThresholds?: number;
  curve?: "ROC" | "PR";
  summationMethod?: "trapezoidal" | "careful_interpolation" | "minoring" | "majoring";
  thresholds?: readonly number[] | null;
}

type AucArg = Weights | number | Collections | string | readonly number[] | AucOptions | null | undefined;

/**
 * metrics_impl.py: auc(labels, predictions, weights=None, num_thresholds=200, metrics_collections=None,
 * updates_collections=None, curve='ROC', name=None, summation_method='trapezoidal', thresholds=None): the four
 * counts at the thresholds (`auc/true_positives`, ...) and the Riemann sum of the ROC or PR curve over them.
 */
export function auc(labels: TensorLike, predictions: TensorLike, ...args: AucArg[]): MetricResult {
  const o = positionalArgs<AucOptions>(
    "auc",
    [
      "weights",
      "numThresholds",
      "metricsCollections",
      "updatesCollections",
      "curve",
      "name",
      "summationMethod",
      "thresholds",
    ],
    args,
  );
  const curve = o.curve ?? "ROC";
  const summationMethod = o.summationMethod ?? "trapezoidal";
  return buildMetric(() =>
    metricScope(o.name, "auc", [labels, predictions, o.weights], () => {
      if (curve !== "ROC" && curve !== "PR") {
        // metrics_impl.py: auc
        throw new ValueError(messages.unknownCurve(curve));
      }
      const kepsilon = 1e-7; // To account for floating point imprecisions.
      let numThresholds = o.numThresholds ?? 200;
      let inner: number[];
      if (o.thresholds !== null && o.thresholds !== undefined) {
        inner = [...o.thresholds].sort((a, b) => a - b);
        numThresholds = inner.length + 2;
      } else {
        inner = Array.from({ length: numThresholds - 2 }, (_, i) => ((i + 1) * 1.0) / (numThresholds - 1));
      }
      const thresholds = [0.0 - kepsilon, ...inner, 1.0 + kepsilon];
      const { values, updateOps } = confusionMatrixAtThresholds(labels, predictions, thresholds, o.weights);
      const epsilon = 1.0e-6;
      const n = numThresholds;
      const head = (t: Tensor) => sliceRange(t, null, n - 1);
      const tail = (t: Tensor) => sliceRange(t, 1, null);

      const interpolatePrAuc = (tp: Tensor, fp: Tensor, fn: Tensor) => {
        const dtp = sub(head(tp), tail(tp));
        const p = add(tp, fp);
        const precSlope = divNoNan(dtp, maximum(sub(head(p), tail(p)), 0), "prec_slope");
        const intercept = sub(tail(tp), multiply(precSlope, tail(p)));
        const safePRatio = where(
          logicalAnd(greater(head(p), 0), greater(tail(p), 0)),
          divNoNan(head(p), maximum(tail(p), 0), "recall_relative_ratio"),
          onesLike(tail(p)),
        );
        return reduceSum(
          divNoNan(
            mul(precSlope, add(dtp, mul(intercept, log(safePRatio)))),
            maximum(add(tail(tp), tail(fn)), 0),
            "pr_auc_increment",
          ),
          null,
          false,
          "interpolate_pr_auc",
        );
      };

      const computeAuc = (tpIn: TensorLike, fnIn: TensorLike, tnIn: TensorLike, fpIn: TensorLike, name: string) => {
        const [tp, fn, tn, fp] = [tpIn, fnIn, tnIn, fpIn].map((t) => convertToTensor(t));
        if (curve === "PR") {
          if (summationMethod === "trapezoidal") {
            console.warn(
              'Trapezoidal rule is known to produce incorrect PR-AUCs; please switch to "careful_interpolation" instead.',
            );
          } else if (summationMethod === "careful_interpolation") {
            return interpolatePrAuc(tp, fp, fn);
          }
        }
        const rec = pyDiv(add(tp, epsilon), add(add(tp, fn), epsilon));
        let x: Tensor;
        let y: Tensor;
        if (curve === "ROC") {
          x = pyDiv(fp, add(add(fp, tn), epsilon));
          y = rec;
        } else {
          x = rec;
          y = pyDiv(add(tp, epsilon), add(add(tp, fp), epsilon));
        }
        const widths = () => sub(head(x), tail(x));
        if (summationMethod === "trapezoidal" || summationMethod === "careful_interpolation") {
          return reduceSum(multiply(widths(), truediv(add(head(y), tail(y)), 2.0)), null, false, name);
        }
        if (summationMethod === "minoring") {
          return reduceSum(multiply(widths(), minimum(head(y), tail(y))), null, false, name);
        }
        if (summationMethod === "majoring") {
          return reduceSum(multiply(widths(), maximum(head(y), tail(y))), null, false, name);
        }
        // metrics_impl.py: auc (compute_auc)
        throw new ValueError(messages.invalidSummationMethod(summationMethod));
      };
      const v = values as Record<CountKey, Variable>;
      const value = computeAuc(v.tp, v.fn, v.tn, v.fp, "value");
      addToCollections(o.metricsCollections, value);
      const u = updateOps as Record<CountKey, Tensor>;
      const updateOp = computeAuc(u.tp, u.fn, u.tn, u.fp, "update_op");
      addToCollections(o.updatesCollections, updateOp);
      return [value, updateOp];
    }),
  );
}

export interface AtThresholdsOptions extends MetricOptions {}
type AtThresholdsArg = Weights | Collections | string | AtThresholdsOptions | null | undefined;

/** One count at the thresholds: its variable's Identity and its AssignAdd. */
function countAtThresholds(
  fn: string,
  key: CountKey,
  labels: TensorLike,
  predictions: TensorLike,
  thresholds: readonly number[],
  args: readonly AtThresholdsArg[],
): MetricResult {
  const o = positionalArgs<MetricOptions>(fn, ["weights", "metricsCollections", "updatesCollections", "name"], args);
  return buildMetric(() =>
    metricScope(o.name, VARIABLE_NAMES[key], [predictions, labels, o.weights], () => {
      const { values, updateOps } = confusionMatrixAtThresholds(labels, predictions, thresholds, o.weights, [key]);
      const value = identity(values[key] as Variable);
      addToCollections(o.metricsCollections, value);
      const updateOp = updateOps[key] as Tensor;
      addToCollections(o.updatesCollections, updateOp);
      return [value, updateOp];
    }),
  );
}

/** metrics_impl.py: true_positives_at_thresholds(labels, predictions, thresholds, weights=None, ...) */
export function truePositivesAtThresholds(
  labels: TensorLike,
  predictions: TensorLike,
  thresholds: readonly number[],
  ...args: AtThresholdsArg[]
): MetricResult {
  return countAtThresholds("true_positives_at_thresholds", "tp", labels, predictions, thresholds, args);
}

/** metrics_impl.py: false_positives_at_thresholds(labels, predictions, thresholds, weights=None, ...) */
export function falsePositivesAtThresholds(
  labels: TensorLike,
  predictions: TensorLike,
  thresholds: readonly number[],
  ...args: AtThresholdsArg[]
): MetricResult {
  return countAtThresholds("false_positives_at_thresholds", "fp", labels, predictions, thresholds, args);
}

/** metrics_impl.py: true_negatives_at_thresholds(labels, predictions, thresholds, weights=None, ...) */
export function trueNegativesAtThresholds(
  labels: TensorLike,
  predictions: TensorLike,
  thresholds: readonly number[],
  ...args: AtThresholdsArg[]
): MetricResult {
  return countAtThresholds("true_negatives_at_thresholds", "tn", labels, predictions, thresholds, args);
}

/** metrics_impl.py: false_negatives_at_thresholds(labels, predictions, thresholds, weights=None, ...) */
export function falseNegativesAtThresholds(
  labels: TensorLike,
  predictions: TensorLike,
  thresholds: readonly number[],
  ...args: AtThresholdsArg[]
): MetricResult {
  return countAtThresholds("false_negatives_at_thresholds", "fn", labels, predictions, thresholds, args);
}

/** precision_at_thresholds and recall_at_thresholds: `div(tp, epsilon + tp + other, name=prefix_<name>)`. */
function ratioAtThresholds(
  fn: string,
  defaultName: string,
  other: "fp" | "fn",
  prefix: string,
  labels: TensorLike,
  predictions: TensorLike,
  thresholds: readonly number[],
  args: readonly AtThresholdsArg[],
): MetricResult {
  const o = positionalArgs<MetricOptions>(fn, ["weights", "metricsCollections", "updatesCollections", "name"], args);
  return buildMetric(() =>
    metricScope(o.name, defaultName, [predictions, labels, o.weights], () => {
      const { values, updateOps } = confusionMatrixAtThresholds(labels, predictions, thresholds, o.weights, [
        "tp",
        other,
      ]);
      const epsilon = 1e-7; // Avoid division by zero.
      const compute = (tpIn: TensorLike, otherIn: TensorLike, name: string) => {
        const tp = convertToTensor(tpIn);
        return truediv(tp, add(radd(epsilon, tp), otherIn), `${prefix}_${name}`);
      };
      const value = compute(values.tp as Variable, values[other] as Variable, "value");
      addToCollections(o.metricsCollections, value);
      const updateOp = compute(updateOps.tp as Tensor, updateOps[other] as Tensor, "update_op");
      addToCollections(o.updatesCollections, updateOp);
      return [value, updateOp];
    }),
  );
}

/** metrics_impl.py: precision_at_thresholds(labels, predictions, thresholds, weights=None, ...) */
export function precisionAtThresholds(
  labels: TensorLike,
  predictions: TensorLike,
  thresholds: readonly number[],
  ...args: AtThresholdsArg[]
): MetricResult {
  return ratioAtThresholds(
    "precision_at_thresholds",
    "precision_at_thresholds",
    "fp",
    "precision",
    labels,
    predictions,
    thresholds,
    args,
  );
}

/** metrics_impl.py: recall_at_thresholds(labels, predictions, thresholds, weights=None, ...) */
export function recallAtThresholds(
  labels: TensorLike,
  predictions: TensorLike,
  thresholds: readonly number[],
  ...args: AtThresholdsArg[]
): MetricResult {
  return ratioAtThresholds(
    "recall_at_thresholds",
    "recall_at_thresholds",
    "fn",
    "recall",
    labels,
    predictions,
    thresholds,
    args,
  );
}
