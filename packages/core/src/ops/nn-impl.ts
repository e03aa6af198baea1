// nn_impl.py (TF 1.15): l2_normalize, moments and batch_normalization, composites of math ops (their gradients come
// from their parts).
import { ValueError } from "../errors";
import { float16, float32 } from "../framework/dtypes";
import { isTensorConvertible } from "../framework/graph";
import { Tensor } from "../framework/tensor";
import { squeeze, stopGradient } from "./array-ops";
import { binaryOp } from "./elementwise";
import { cast, maximum, multiply, rsqrt, square, squaredDifference } from "./math-ops";
import { convertToTensor, opScope, type TensorLike } from "./op-builder";
import { type OpType, opDefs } from "./op-defs";
import { add, mul, neg } from "./operators";
import { positionalArgs } from "./positional-args";
import { reduceMean, reduceSum } from "./reduction-ops";

/** deprecation.py: deprecated_argument_lookup(new_name, new_value, old_name, old_value). */
export function deprecatedArgumentLookup<T>(newName: string, newValue: T, oldName: string, oldValue: T): T {
  if (oldValue !== undefined && oldValue !== null) {
    // deprecation.py: deprecated_argument_lookup
    if (newValue !== undefined && newValue !== null)
      throw new ValueError(`Cannot specify both '${oldName}' and '${newName}'`);
    return oldValue;
  }
  return newValue;
}

const isTensorLike = (v: unknown): v is Tensor => v instanceof Tensor || isTensorConvertible(v);

/**
 * Python's `a <op> b` where a may be a plain number: Tensor.__<op>__ when a is a tensor (or Variable), else
 * b's __r<op>__, which converts a in the operator's scope as `x` (`sub/x`).
 */
export function pyBinary(type: OpType, opName: string, a: TensorLike, b: TensorLike): Tensor {
  if (isTensorLike(a)) return binaryOp(type, convertToTensor(a), b, null, { operatorName: opName });
  const bt = convertToTensor(b);
  return opScope(null, opName, [bt], (scope) =>
    binaryOp(type, convertToTensor(a, { name: "x", dtype: bt.dtype }), bt, scope),
  );
}

export interface L2NormalizeOptions {
  epsilon?: number;
  name?: string | null;
  /** TF's deprecated spelling of `axis`. */
  dim?: number | readonly number[] | null;
}

/**
 * nn_impl.py: l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None): `x / sqrt(max(sum(x**2), epsilon))`
 * along `axis` (all axes when null): Square, Sum (keep_dims), Maximum, Rsqrt and a Mul named `l2_normalize`.
 */
export function l2Normalize(
  x: TensorLike,
  axis?: number | readonly number[] | null | L2NormalizeOptions,
  epsilon?: number | L2NormalizeOptions,
  name?: string | null | L2NormalizeOptions,
): Tensor {
  const opts = positionalArgs<L2NormalizeOptions & { axis: number | readonly number[] | null }>(
    "l2_normalize",
    ["axis", "epsilon", "name"],
    [axis, epsilon, name],
  );
  const axes = deprecatedArgumentLookup("axis", opts.axis, "dim", opts.dim);
  const eps = opts.epsilon ?? 1e-12;
  return opScope(opts.name, "l2_normalize", [x], (scope) => {
    const t = convertToTensor(x, { name: "x" });
    const squareSum = reduceSum(square(t), axes ?? null, true);
    const xInvNorm = rsqrt(maximum(squareSum, eps));
    return multiply(t, xInvNorm, scope);
  });
}

export interface MomentsOptions {
  /** Not used, as in TF 1.15 (the true mean is computed). */
  shift?: TensorLike | null;
  name?: string | null;
  keepDims?: boolean | null;
  /** TF's newer spelling of keep_dims. */
  keepdims?: boolean | null;
}

/**
 * nn_impl.py: moments(x, axes, shift=None, name=None, keep_dims=None, keepdims=None): in scope `moments`, the mean
 * (`mean`, keep_dims) and the variance of x (`variance`, a Mean of SquaredDifference(x, StopGradient(mean))), both
 * squeezed unless keepDims. float16 is computed in float32 and cast back. Returns `[mean, variance]`.
 */
export function moments(
  x: TensorLike,
  axes: number | readonly number[],
  shift?: TensorLike | null | MomentsOptions,
  name?: string | null | MomentsOptions,
  keepDims?: boolean | null | MomentsOptions,
): [Tensor, Tensor] {
  const opts = positionalArgs<MomentsOptions>("moments", ["shift", "name", "keepDims"], [shift, name, keepDims]);
  const keep = deprecatedArgumentLookup("keepdims", opts.keepdims, "keep_dims", opts.keepDims) ?? false;
  const axesList = typeof axes === "number" ? [axes] : [...axes];
  return opScope(opts.name, "moments", [x], () => {
    const t = convertToTensor(x, { name: "x" });
    const y = t.dtype === float16 ? cast(t, float32) : t;
    let mean = reduceMean(y, axesList, true, "mean");
    let variance = reduceMean(squaredDifference(y, stopGradient(mean)), axesList, true, "variance");
    if (!keep) {
      mean = squeeze(mean, axesList);
      variance = squeeze(variance, axesList);
    }
    if (t.dtype === float16) return [cast(mean, float16), cast(variance, float16)];
    return [mean, variance];
  });
}

/**
 * nn_impl.py: batch_normalization(x, mean, variance, offset, scale, variance_epsilon, name=None), in scope
 * `batchnorm`: `inv = rsqrt(variance + eps) [* scale]`, then `x * inv + (offset - mean * inv)` (or `-mean * inv`
 * without offset), built in Python's evaluation order: add, Rsqrt, mul, mul_1, mul_2, sub, add_1.
 */
export function batchNormalization(
  x: TensorLike,
  mean: TensorLike,
  variance: TensorLike,
  offset: TensorLike | null | undefined,
  scale: TensorLike | null | undefined,
  varianceEpsilon: number,
  name?: string | null,
): Tensor {
  return opScope(name, "batchnorm", [x, mean, variance, scale, offset], () => {
    let inv = rsqrt(pyBinary(opDefs.AddV2.type, "add", variance, varianceEpsilon));
    if (scale !== null && scale !== undefined) inv = mul(inv, scale);
    const xt = convertToTensor(x);
    const scaled = mul(xt, cast(inv, xt.dtype));
    const shiftTerm =
      offset !== null && offset !== undefined
        ? pyBinary(opDefs.Sub.type, "sub", offset, pyBinary(opDefs.Mul.type, "mul", mean, inv))
        : mul(neg(convertToTensor(mean)), inv);
    return add(scaled, cast(shiftTerm, xt.dtype));
  });
}
