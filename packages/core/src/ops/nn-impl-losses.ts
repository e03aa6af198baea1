// nn_impl.py / nn_ops.py (TF 1.15): log_poisson_loss, weighted_cross_entropy_with_logits, relu_layer and xw_plus_b,
// composites of math ops built in Python's evaluation order (their gradients come from their parts).
import { ValueError } from "../errors";
import { mergeShapes, shapeToString } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { constant, onesLike, zerosLike } from "./array-ops";
import { abs, add as addOp, exp, greaterEqual, lessEqual, log, log1p, logicalAnd, matmul, where } from "./math-ops";
import { deprecatedArgumentLookup, pyBinary } from "./nn-impl";
import { biasAdd, relu } from "./nn-ops";
import { convertToTensor, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { add, mul, neg, sub } from "./operators";
import { positionalArgs } from "./positional-args";

export interface LogPoissonLossOptions {
  computeFullLoss?: boolean;
  name?: string | null;
}

/**
 * nn_impl.py: log_poisson_loss(targets, log_input, compute_full_loss=False, name=None): in scope `log_poisson_loss`,
 * `exp(log_input) - log_input * targets`, plus Stirling's approximation of log(targets!) where targets > 1.
 */
export function logPoissonLoss(
  targets: TensorLike,
  logInput: TensorLike,
  computeFullLoss?: boolean | LogPoissonLossOptions,
  name?: string | null | LogPoissonLossOptions,
): Tensor {
  const opts = positionalArgs<LogPoissonLossOptions>(
    "log_poisson_loss",
    ["computeFullLoss", "name"],
    [computeFullLoss, name],
  );
  return opScope(opts.name, "log_poisson_loss", [logInput, targets], () => {
    const x = convertToTensor(logInput, { name: "log_input" });
    const z = convertToTensor(targets, { name: "targets" });
    if (mergeShapes(z.shape, x.shape) === undefined) {
      // nn_impl.py: log_poisson_loss
      throw new ValueError(
        `log_input and targets must have the same shape (${shapeToString(x.shape)} vs ${shapeToString(z.shape)})`,
      );
    }
    let result = sub(exp(x), mul(x, z));
    if (opts.computeFullLoss) {
      const pointFive = constant(0.5, { dtype: z.dtype });
      const twoPi = constant(2 * Math.PI, { dtype: z.dtype });
      const stirlingApprox = add(sub(mul(z, log(z)), z), mul(pointFive, log(mul(twoPi, z))));
      const zeros = zerosLike(z, { dtype: z.dtype });
      const ones = onesLike(z, { dtype: z.dtype });
      const cond = logicalAnd(greaterEqual(z, zeros), lessEqual(z, ones));
      result = add(result, where(cond, zeros, stirlingApprox));
    }
    return result;
  });
}

export interface WeightedCrossEntropyOptions {
  labels?: TensorLike;
  logits?: TensorLike;
  posWeight?: TensorLike;
  name?: string | null;
  /** TF's deprecated spelling of `labels`. */
  targets?: TensorLike;
}

/**
 * nn_impl.py: weighted_cross_entropy_with_logits(labels=None, logits=None, pos_weight=None, name=None, targets=None):
 * in scope `logistic_loss`, `(1 - z) * x + (1 + (q - 1) * z) * (log1p(exp(-|x|)) + relu(-x))`, an `Add` named as
 * the scope. A number `pos_weight` stays a Python number, as in TF (no Sub op for `q - 1`).
 */
export function weightedCrossEntropyWithLogits(
  labels?: TensorLike | null | WeightedCrossEntropyOptions,
  logits?: TensorLike | null | WeightedCrossEntropyOptions,
  posWeight?: TensorLike | null | WeightedCrossEntropyOptions,
  name?: string | null | WeightedCrossEntropyOptions,
): Tensor {
  const opts = positionalArgs<WeightedCrossEntropyOptions>(
    "weighted_cross_entropy_with_logits",
    ["labels", "logits", "posWeight", "name"],
    [labels, logits, posWeight, name].map((v) => (v === null ? undefined : v)),
  );
  const labelsValue = deprecatedArgumentLookup("labels", opts.labels, "targets", opts.targets);
  const q = opts.posWeight;
  return opScope(opts.name, "logistic_loss", [opts.logits, labelsValue], (scope) => {
    const x = convertToTensor(opts.logits as TensorLike, { name: "logits" });
    const z = convertToTensor(labelsValue as TensorLike, { name: "labels" });
    if (mergeShapes(z.shape, x.shape) === undefined) {
      // nn_impl.py: weighted_cross_entropy_with_logits_v2
      throw new ValueError(
        `logits and labels must have the same shape (${shapeToString(x.shape)} vs ${shapeToString(z.shape)})`,
      );
    }
    const qMinusOne = typeof q === "number" ? q - 1 : sub(convertToTensor(q as TensorLike), 1);
    const logWeight = pyBinary(opDefs.AddV2.type, "add", 1, pyBinary(opDefs.Mul.type, "mul", qMinusOne, z));
    const linear = mul(pyBinary(opDefs.Sub.type, "sub", 1, z), x);
    const softplusTerm = add(log1p(exp(neg(abs(x)))), relu(neg(x)));
    return addOp(linear, mul(logWeight, softplusTerm), scope);
  });
}

/**
 * nn_impl.py: relu_layer(x, weights, biases, name=None): in scope `relu_layer`, MatMul, BiasAdd, and a `Relu`
 * named as the scope.
 */
export function reluLayer(x: TensorLike, weights: TensorLike, biases: TensorLike, name?: string | null): Tensor {
  return opScope(name, "relu_layer", [x, weights, biases], (scope) => {
    const xt = convertToTensor(x, { name: "x" });
    const w = convertToTensor(weights, { name: "weights" });
    const b = convertToTensor(biases, { name: "biases" });
    return relu(biasAdd(matmul(xt, w), b), scope);
  });
}

/** nn_ops.py: xw_plus_b(x, weights, biases, name=None): in scope `xw_plus_b`, a MatMul and a `BiasAdd` named as it. */
export function xwPlusB(x: TensorLike, weights: TensorLike, biases: TensorLike, name?: string | null): Tensor {
  return opScope(name, "xw_plus_b", [x, weights, biases], (scope) => {
    const xt = convertToTensor(x, { name: "x" });
    const w = convertToTensor(weights, { name: "weights" });
    const b = convertToTensor(biases, { name: "biases" });
    return biasAdd(matmul(xt, w), b, scope);
  });
}
