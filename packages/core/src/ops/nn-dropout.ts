// nn_ops.py (TF 1.15): dropout (v1: keep_prob or rate) and dropout_v2, a composite of random_uniform, sub, truediv,
// GreaterEqual, mul and Cast inside a `dropout` scope. 1.15 keeps where `random >= rate` (since 1.14; the older
// floor(keep_prob + random) form is gone), so the graph holds no Floor.
import { ValueError } from "../errors";
import { isFullyDefined, type Shape } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { shape as shapeOf } from "./array-ops";
import { binaryOp } from "./elementwise";
import { cast, greaterEqual, truediv } from "./math-ops";
import { convertToTensor, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { mul } from "./operators";
import { positionalArgs } from "./positional-args";
import { randomUniform } from "./random-ops";
import { constantValue } from "./shape-inference";

export interface DropoutOptions {
  /** Deprecated in TF 1.15 in favour of `rate = 1 - keepProb`. */
  keepProb?: TensorLike | null;
  rate?: TensorLike | null;
  /** A 1-D int32 shape Tensor, or a list whose `null` entries take x's dimensions. */
  noiseShape?: Tensor | readonly (number | null)[] | null;
  seed?: number | null;
  name?: string;
}

/** Python's `c - t` for a number c (Tensor.__rsub__): a `Sub` named `sub` whose x is the constant `sub/x`. */
function rsub(c: number, t: Tensor): Tensor {
  return opScope(null, "sub", [t], (scope) =>
    binaryOp(opDefs.Sub.type, convertToTensor(c, { name: "x", dtype: t.dtype }), t, scope),
  );
}

/** Python's `c / t` (Tensor.__rtruediv__): a `RealDiv` named `truediv` whose x is the constant `truediv/x`. */
function rtruediv(c: number, t: Tensor): Tensor {
  return opScope(null, "truediv", [t], (scope) => truediv(convertToTensor(c, { name: "x", dtype: t.dtype }), t, scope));
}

/** nn_ops.py: _get_noise_shape: shape(x) by default; a list's unknown entries filled from x's static shape. */
function noiseShapeOf(x: Tensor, noiseShape: DropoutOptions["noiseShape"]): Tensor | number[] {
  if (noiseShape === undefined || noiseShape === null) return shapeOf(x);
  if (noiseShape instanceof Tensor) return noiseShape;
  const xs = x.shape;
  const dims: Shape =
    xs !== null && xs.length === noiseShape.length
      ? noiseShape.map((d, i) => (d === null && xs[i] !== null ? xs[i] : d))
      : [...noiseShape];
  if (!isFullyDefined(dims)) {
    // tensor_util.py: shape_tensor (convert_to_tensor of a partially known TensorShape)
    throw new ValueError(
      `Cannot convert a partially known TensorShape to a Tensor: (${dims.map((d) => d ?? "?").join(", ")})`,
    );
  }
  return dims;
}

/** nn_ops.py: dropout_v2(x, rate, noise_shape=None, seed=None, name=None) */
function dropoutV2(x: TensorLike, rate: TensorLike, options: DropoutOptions): Tensor {
  return opScope(options.name, "dropout", [x], () => {
    const xt = convertToTensor(x, { name: "x" });
    if (!xt.dtype.isFloating) {
      // nn_ops.py: dropout_v2
      throw new ValueError(
        `x has to be a floating point tensor since it's going to be scaled. Got a <dtype: '${xt.dtype.name}'> tensor instead.`,
      );
    }
    if (typeof rate === "number") {
      if (!(rate >= 0 && rate < 1)) {
        // nn_ops.py: dropout_v2
        throw new ValueError(`rate must be a scalar tensor or a float in the range [0, 1), got ${rate}`);
      }
      if (rate === 0) return xt;
    }
    const rateT = convertToTensor(rate, { dtype: xt.dtype, name: "rate" });
    if (rateT.shape !== null && rateT.shape.length !== 0) {
      // tensor_shape.py: TensorShape.assert_has_rank
      throw new ValueError(
        `Shape (${rateT.shape.map((d) => d ?? "?").join(", ")}${rateT.shape.length === 1 ? "," : ""}) must have rank 0`,
      );
    }
    if (constantValue(rateT)?.[0] === 0) return xt;
    const noise = noiseShapeOf(xt, options.noiseShape);
    const random = randomUniform(noise, { seed: options.seed, dtype: xt.dtype });
    const keepProb = rsub(1, rateT);
    const scale = rtruediv(1, keepProb);
    const keepMask = greaterEqual(random, rateT);
    const ret = mul(mul(xt, scale), cast(keepMask, xt.dtype));
    ret.setShape(xt.shape);
    return ret;
  });
}

type NoiseShape = DropoutOptions["noiseShape"];

/**
 * nn_ops.py: dropout(x, keep_prob=None, noise_shape=None, seed=None, name=None, rate=None) (tf.compat.v1.nn.dropout):
 * each element is zeroed with probability `rate` (or `1 - keepProb`), the rest scaled by `1 / (1 - rate)`.
 * The parameters after x are positional in TF's order (`tf.nn.dropout(x, 0.5)`), or named in a trailing options
 * object (`tf.nn.dropout(x, { rate: 0.5 })`, `tf.nn.dropout(x, 0.5, { seed: 1 })`).
 */
export function dropout(x: TensorLike, options?: DropoutOptions): Tensor;
export function dropout(
  x: TensorLike,
  keepProb: TensorLike | null | undefined,
  noiseShape?: NoiseShape | DropoutOptions,
  seed?: number | null | DropoutOptions,
  name?: string | null | DropoutOptions,
  rate?: TensorLike | null | DropoutOptions,
): Tensor;
export function dropout(x: TensorLike, ...args: unknown[]): Tensor {
  const options = positionalArgs<DropoutOptions>(
    "dropout",
    ["keepProb", "noiseShape", "seed", "name", "rate"],
    args,
  ) as DropoutOptions;
  const { keepProb, rate } = options;
  let keep: TensorLike | null = null;
  if (keepProb !== undefined && keepProb !== null) {
    if (typeof keepProb === "number") keep = 1 - keepProb;
    else if (Array.isArray(keepProb) || typeof keepProb !== "object") {
      // nn_ops.py: dropout
      throw new ValueError(`keep_prob must be a floating point number or Tensor (got ${JSON.stringify(keepProb)})`);
    } else keep = rsub(1, convertToTensor(keepProb));
  }
  if (keep !== null && rate !== undefined && rate !== null) {
    // deprecation.py: deprecated_argument_lookup
    throw new ValueError("Cannot specify both 'keep_prob' and 'rate'");
  }
  const r = keep ?? rate ?? null;
  // nn_ops.py: dropout
  if (r === null) throw new ValueError("You must provide a rate to dropout.");
  return dropoutV2(x, r, options);
}
