// init_ops.py (TF 1.15): the top-level spellings of the initializer classes (tf.zeros_initializer,
// tf.random_normal_initializer, ...), called as TF1 calls the class: positional arguments in the class's order,
// or any of them by name in a trailing options object. They build the initializers of ./initializers.ts.
import { asDType, type DTypeLike, float32 } from "../framework/dtypes";
import { isTensorConvertible } from "../framework/graph";
import { Tensor } from "../framework/tensor";
import type { ArrayValue } from "../framework/tensor-value";
import {
  constant,
  type Distribution,
  type FanMode,
  glorotNormal,
  glorotUniform,
  type Initializer,
  ones,
  randomNormalInitializer as randomNormal,
  randomUniformInitializer as randomUniform,
  truncatedNormalInitializer as truncatedNormal,
  varianceScaling,
  zeros,
} from "./initializers";
import { assertFloatDtype, orthogonal } from "./orthogonal";

/** init_ops.py: the float-only classes check their dtype when constructed (_assert_float_dtype). */
function floatOnly<T extends { dtype?: DTypeLike }>(args: T): T {
  assertFloatDtype(asDType(args.dtype ?? float32));
  return args;
}

const isOptions = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && Object.getPrototypeOf(x) === Object.prototype;

/** Positional arguments named in TF's order, merged with a trailing options object (which wins). */
function named<T extends object>(names: readonly (keyof T)[], given: readonly unknown[]): T {
  const args = [...given];
  while (args.length > 0 && args.at(-1) === undefined) args.pop();
  const last = args.at(-1);
  const options = isOptions(last) ? last : {};
  const positional = isOptions(last) ? args.slice(0, -1) : args;
  const out: Record<string, unknown> = {};
  positional.forEach((value, i) => {
    if (value !== undefined && i < names.length) out[names[i] as string] = value;
  });
  return { ...out, ...options } as T;
}

type Opt<T> = T | undefined | null;

export interface DtypeArgs {
  dtype?: DTypeLike;
}

/** init_ops.py: Zeros(dtype=tf.float32): `tf.zerosInitializer()`. */
export function zerosInitializer(dtypeOrOptions?: DTypeLike | DtypeArgs): Initializer {
  return zeros(named<DtypeArgs>(["dtype"], [dtypeOrOptions]));
}

/** init_ops.py: Ones(dtype=tf.float32): `tf.onesInitializer()`. */
export function onesInitializer(dtypeOrOptions?: DTypeLike | DtypeArgs): Initializer {
  return ones(named<DtypeArgs>(["dtype"], [dtypeOrOptions]));
}

export interface ConstantArgs {
  value?: ArrayValue;
  dtype?: DTypeLike;
  verifyShape?: boolean;
}

/** init_ops.py: Constant(value=0, dtype=tf.float32, verify_shape=False): `tf.constantInitializer(0.1)`. */
export function constantInitializer(
  value?: ArrayValue | ConstantArgs,
  dtype?: Opt<DTypeLike> | ConstantArgs,
  options?: ConstantArgs,
): Initializer {
  const a = named<ConstantArgs>(["value", "dtype", "verifyShape"], [value, dtype, options]);
  if (a.value instanceof Tensor || isTensorConvertible(a.value)) {
    const kind = a.value instanceof Tensor ? "framework.ops.Tensor" : "ops.variables.RefVariable";
    // init_ops.py: Constant.__init__
    throw new TypeError(
      `Invalid type for initial value: <class 'tensorflow.python.${kind}'> (expected Python scalar, list or tuple of values, or numpy.ndarray).`,
    );
  }
  return constant(a.value ?? 0, { dtype: a.dtype });
}

export interface NormalArgs {
  mean?: number;
  stddev?: number;
  seed?: number | null;
  dtype?: DTypeLike;
}

/** init_ops.py: RandomNormal(mean=0.0, stddev=1.0, seed=None, dtype=tf.float32): `tf.randomNormalInitializer(0, 0.02)`. */
export function randomNormalInitializer(
  mean?: number | NormalArgs,
  stddev?: number | NormalArgs,
  seed?: Opt<number> | NormalArgs,
  dtype?: DTypeLike | NormalArgs,
  options?: NormalArgs,
): Initializer {
  return randomNormal(
    floatOnly(named<NormalArgs>(["mean", "stddev", "seed", "dtype"], [mean, stddev, seed, dtype, options])),
  );
}

/** init_ops.py: TruncatedNormal(mean=0.0, stddev=1.0, seed=None, dtype=tf.float32): `tf.truncatedNormalInitializer({ stddev: 0.1 })`. */
export function truncatedNormalInitializer(
  mean?: number | NormalArgs,
  stddev?: number | NormalArgs,
  seed?: Opt<number> | NormalArgs,
  dtype?: DTypeLike | NormalArgs,
  options?: NormalArgs,
): Initializer {
  return truncatedNormal(
    floatOnly(named<NormalArgs>(["mean", "stddev", "seed", "dtype"], [mean, stddev, seed, dtype, options])),
  );
}

export interface UniformArgs {
  minval?: number;
  maxval?: number | null;
  seed?: number | null;
  dtype?: DTypeLike;
}

/** init_ops.py: RandomUniform(minval=0, maxval=None, seed=None, dtype=tf.float32): `tf.randomUniformInitializer(-1, 1)`. */
export function randomUniformInitializer(
  minval?: number | UniformArgs,
  maxval?: Opt<number> | UniformArgs,
  seed?: Opt<number> | UniformArgs,
  dtype?: DTypeLike | UniformArgs,
  options?: UniformArgs,
): Initializer {
  return randomUniform(
    named<UniformArgs>(["minval", "maxval", "seed", "dtype"], [minval, maxval, seed, dtype, options]),
  );
}

export interface SeedArgs {
  seed?: number | null;
  dtype?: DTypeLike;
}

/** init_ops.py: GlorotUniform(seed=None, dtype=tf.float32): `tf.glorotUniformInitializer()`. */
export function glorotUniformInitializer(
  seed?: Opt<number> | SeedArgs,
  dtype?: DTypeLike | SeedArgs,
  options?: SeedArgs,
) {
  return glorotUniform(floatOnly(named<SeedArgs>(["seed", "dtype"], [seed, dtype, options])));
}

/** init_ops.py: GlorotNormal(seed=None, dtype=tf.float32): `tf.glorotNormalInitializer()`. */
export function glorotNormalInitializer(
  seed?: Opt<number> | SeedArgs,
  dtype?: DTypeLike | SeedArgs,
  options?: SeedArgs,
) {
  return glorotNormal(floatOnly(named<SeedArgs>(["seed", "dtype"], [seed, dtype, options])));
}

export interface VarianceScalingArgs {
  scale?: number;
  mode?: FanMode;
  distribution?: Distribution;
  seed?: number | null;
  dtype?: DTypeLike;
}

/**
 * init_ops.py: VarianceScaling(scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None,
 * dtype=tf.float32): `tf.varianceScalingInitializer(2.0)` or `tf.varianceScalingInitializer({ mode: "fan_avg" })`.
 */
export function varianceScalingInitializer(
  scale?: number | VarianceScalingArgs,
  mode?: FanMode | VarianceScalingArgs,
  distribution?: Distribution | VarianceScalingArgs,
  seed?: Opt<number> | VarianceScalingArgs,
  dtype?: DTypeLike | VarianceScalingArgs,
  options?: VarianceScalingArgs,
): Initializer {
  return varianceScaling(
    floatOnly(
      named<VarianceScalingArgs>(
        ["scale", "mode", "distribution", "seed", "dtype"],
        [scale, mode, distribution, seed, dtype, options],
      ),
    ),
  );
}

export interface OrthogonalArgs {
  gain?: number;
  seed?: number | null;
  dtype?: DTypeLike;
}

/** init_ops.py: Orthogonal(gain=1.0, seed=None, dtype=tf.float32): `tf.orthogonalInitializer()`, `tf.orthogonalInitializer(2.0)`. */
export function orthogonalInitializer(
  gain?: number | OrthogonalArgs,
  seed?: Opt<number> | OrthogonalArgs,
  dtype?: DTypeLike | OrthogonalArgs,
  options?: OrthogonalArgs,
): Initializer {
  return orthogonal(named<OrthogonalArgs>(["gain", "seed", "dtype"], [gain, seed, dtype, options]));
}
