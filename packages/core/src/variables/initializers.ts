// init_ops.py (TF1): Zeros, Ones, Constant, RandomUniform, RandomNormal, TruncatedNormal, VarianceScaling,
// glorot_uniform/normal (Orthogonal in ./orthogonal.ts). Each builds TF's ops inside the caller's scope (`v/Initializer/`).
import { ValueError } from "../errors";
import { asDType, type DType, type DTypeLike, float32 } from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import type { ArrayValue } from "../framework/tensor-value";
import { constantOp, opScope } from "../ops/op-builder";
import { opDefs } from "../ops/op-defs";
import { randomNormal, randomUniform, truncatedNormal } from "../ops/random-ops";
import { orthogonal } from "./orthogonal";

/**
 * An initializer as get_variable calls it: `(shape, dtype?, partitionInfo?) => Tensor`. It declares its
 * arguments, so get_variable can tell it from a no-argument callable (`() => value`), as TF's getargspec does.
 */
export interface Initializer {
  (shape: readonly number[], dtype?: DTypeLike | null, partitionInfo?: unknown): Tensor;
  /** The TF1 class name (`Zeros`, `VarianceScaling`, ...) and its config, as get_config() gives. */
  readonly className: string;
  readonly config: Readonly<Record<string, unknown>>;
}

function makeInitializer(
  className: string,
  config: Record<string, unknown>,
  call: (shape: readonly number[], dtype: DType, partitionInfo: unknown) => Tensor,
  defaultDtype: DType,
): Initializer {
  const fn = (shape: readonly number[], dtype?: DTypeLike | null, partitionInfo?: unknown) =>
    call(shape, dtype ? asDType(dtype) : defaultDtype, partitionInfo);
  Object.defineProperty(fn, "name", { value: className });
  return Object.assign(fn, { className, config }) as Initializer;
}

function floatDtype(dtype: DType): DType {
  if (!dtype.isFloating) {
    // init_ops.py: _assert_float_dtype
    throw new ValueError(`Expected floating point type, got ${dtype}.`);
  }
  return dtype;
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** array_ops.py: zeros/ones: a Const named `zeros`/`ones` (array_ops._constant_if_small; large shapes use Fill). */
function filled(kind: "zeros" | "ones", shape: readonly number[], dtype: DType): Tensor {
  const one = kind === "ones";
  const value =
    dtype.name === "string" ? "" : dtype.isBool ? one : dtype.name === "int64" ? BigInt(one ? 1 : 0) : one ? 1 : 0;
  return opScope(undefined, kind, [], (scope) => {
    if (size(shape) < 1000) return constantOp(value as ArrayValue, dtype, [...shape], scope);
    // array_ops.py: fill(shape, constant(zero, dtype=dtype), name=name) for shapes of 1000 elements or more
    const shapeT = constantOp([...shape], "int32", null, "shape_as_tensor");
    const valueT = constantOp(value as ArrayValue, dtype, null, opDefs.Const.type);
    return shapeT.graph.createOp(opDefs.Fill, [shapeT, valueT], {
      name: scope,
      attrs: { T: dtype, index_type: shapeT.dtype },
      shapes: [[...shape]],
    }).outputs[0];
  });
}

export interface SeedOptions {
  seed?: number | null;
  dtype?: DTypeLike;
}

function filledInitializer(className: string, kind: "zeros" | "ones", dtype: DTypeLike | undefined): Initializer {
  return makeInitializer(
    className,
    { dtype: dtype ?? "float32" },
    (s, d) => filled(kind, s, d),
    asDType(dtype ?? float32),
  );
}

/** init_ops.py: Zeros(dtype=float32) */
export function zeros(options: { dtype?: DTypeLike } = {}): Initializer {
  return filledInitializer("Zeros", "zeros", options.dtype);
}

/** init_ops.py: Ones(dtype=float32) */
export function ones(options: { dtype?: DTypeLike } = {}): Initializer {
  return filledInitializer("Ones", "ones", options.dtype);
}

/** init_ops.py: Constant(value=0, dtype=float32): a Const named `Const` of the variable's shape. */
export function constant(value: ArrayValue = 0, options: { dtype?: DTypeLike } = {}): Initializer {
  return makeInitializer(
    "Constant",
    { value, dtype: options.dtype ?? "float32" },
    (s, d) => constantOp(value, d, [...s], opDefs.Const.type),
    asDType(options.dtype ?? float32),
  );
}

/** init_ops.py: RandomUniform(minval=0, maxval=None, seed=None, dtype=float32) */
export function randomUniformInitializer(
  options: SeedOptions & { minval?: number; maxval?: number | null } = {},
): Initializer {
  const { minval = 0, maxval = null, seed = null } = options;
  return makeInitializer(
    opDefs.RandomUniform.type,
    { minval, maxval, seed, dtype: options.dtype ?? "float32" },
    (s, d) => randomUniform(s, { minval, maxval, dtype: d, seed }),
    asDType(options.dtype ?? float32),
  );
}

/** init_ops.py: RandomNormal(mean=0.0, stddev=1.0, seed=None, dtype=float32) */
export function randomNormalInitializer(options: SeedOptions & { mean?: number; stddev?: number } = {}): Initializer {
  const { mean = 0.0, stddev = 1.0, seed = null } = options;
  return makeInitializer(
    "RandomNormal",
    { mean, stddev, seed, dtype: options.dtype ?? "float32" },
    (s, d) => randomNormal(s, { mean, stddev, dtype: floatDtype(d), seed }),
    asDType(options.dtype ?? float32),
  );
}

/** init_ops.py: TruncatedNormal(mean=0.0, stddev=1.0, seed=None, dtype=float32) */
export function truncatedNormalInitializer(
  options: SeedOptions & { mean?: number; stddev?: number } = {},
): Initializer {
  const { mean = 0.0, stddev = 1.0, seed = null } = options;
  return makeInitializer(
    opDefs.TruncatedNormal.type,
    { mean, stddev, seed, dtype: options.dtype ?? "float32" },
    (s, d) => truncatedNormal(s, { mean, stddev, dtype: floatDtype(d), seed }),
    asDType(options.dtype ?? float32),
  );
}

/** init_ops.py: _compute_fans */
export function computeFans(shape: readonly number[]): [number, number] {
  if (shape.length < 1) return [1, 1];
  if (shape.length === 1) return [shape[0], shape[0]];
  if (shape.length === 2) return [shape[0], shape[1]];
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive];
}

export type FanMode = "fan_in" | "fan_out" | "fan_avg";
export type Distribution = "normal" | "uniform" | "truncated_normal" | "untruncated_normal";

/** init_ops.py: VarianceScaling(scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None, dtype=float32) */
export function varianceScaling(
  options: SeedOptions & { scale?: number; mode?: FanMode; distribution?: Distribution } = {},
): Initializer {
  const { scale = 1.0, mode = "fan_in", distribution = "truncated_normal", seed = null } = options;
  if (scale <= 0) {
    // init_ops.py: VarianceScaling.__init__
    throw new ValueError("`scale` must be positive float.");
  }
  if (!["fan_in", "fan_out", "fan_avg"].includes(mode)) {
    // init_ops.py: VarianceScaling.__init__ (ValueError("Invalid `mode` argument:", mode))
    throw new ValueError(`('Invalid \`mode\` argument:', '${mode}')`);
  }
  if (!["normal", "uniform", "truncated_normal", "untruncated_normal"].includes(distribution)) {
    // init_ops.py: VarianceScaling.__init__
    throw new ValueError(`('Invalid \`distribution\` argument:', '${distribution}')`);
  }
  return makeInitializer(
    "VarianceScaling",
    { scale, mode, distribution, seed, dtype: options.dtype ?? "float32" },
    (shape, d, partitionInfo) => {
      const dtype = floatDtype(d);
      // init_ops.py: VarianceScaling.__call__: a partition's fans are the full variable's.
      const fullShape = (partitionInfo as { fullShape?: readonly number[] } | null | undefined)?.fullShape;
      const [fanIn, fanOut] = computeFans(fullShape ?? shape);
      let s = scale;
      if (mode === "fan_in") s /= Math.max(1, fanIn);
      else if (mode === "fan_out") s /= Math.max(1, fanOut);
      else s /= Math.max(1, (fanIn + fanOut) / 2);
      if (distribution === "normal" || distribution === "truncated_normal") {
        // scipy.stats.truncnorm.std(a=-2, b=2, loc=0., scale=1.)
        const stddev = Math.sqrt(s) / 0.8796256610342398;
        return truncatedNormal(shape, { mean: 0.0, stddev, dtype, seed });
      }
      if (distribution === "untruncated_normal") {
        return randomNormal(shape, { mean: 0.0, stddev: Math.sqrt(s), dtype, seed });
      }
      const limit = Math.sqrt(3.0 * s);
      return randomUniform(shape, { minval: -limit, maxval: limit, dtype, seed });
    },
    asDType(options.dtype ?? float32),
  );
}

/** init_ops.py: glorot_uniform_initializer(seed=None, dtype=float32): VarianceScaling(1.0, "fan_avg", "uniform") */
export function glorotUniform(options: SeedOptions = {}): Initializer {
  return varianceScaling({ ...options, scale: 1.0, mode: "fan_avg", distribution: "uniform" });
}

/** init_ops.py: glorot_normal_initializer(seed=None, dtype=float32): VarianceScaling(1.0, "fan_avg", "truncated_normal") */
export function glorotNormal(options: SeedOptions = {}): Initializer {
  return varianceScaling({ ...options, scale: 1.0, mode: "fan_avg", distribution: "truncated_normal" });
}

/** init_ops.py: lecun_normal(seed=None): VarianceScaling(1.0, "fan_in", "truncated_normal"). */
export function lecunNormal(options: SeedOptions = {}): Initializer {
  return varianceScaling({ ...options, scale: 1.0, mode: "fan_in", distribution: "truncated_normal" });
}

/** init_ops.py: lecun_uniform(seed=None): VarianceScaling(1.0, "fan_in", "uniform"). */
export function lecunUniform(options: SeedOptions = {}): Initializer {
  return varianceScaling({ ...options, scale: 1.0, mode: "fan_in", distribution: "uniform" });
}

/** init_ops.py: he_normal(seed=None): VarianceScaling(2.0, "fan_in", "truncated_normal"). */
export function heNormal(options: SeedOptions = {}): Initializer {
  return varianceScaling({ ...options, scale: 2.0, mode: "fan_in", distribution: "truncated_normal" });
}

/** init_ops.py: he_uniform(seed=None): VarianceScaling(2.0, "fan_in", "uniform"). */
export function heUniform(options: SeedOptions = {}): Initializer {
  return varianceScaling({ ...options, scale: 2.0, mode: "fan_in", distribution: "uniform" });
}

/** `tf.initializers` (TF1's tf.compat.v1.initializers namespace). */
export const initializers = {
  zeros,
  ones,
  constant,
  randomUniform: randomUniformInitializer,
  randomNormal: randomNormalInitializer,
  truncatedNormal: truncatedNormalInitializer,
  varianceScaling,
  glorotUniform,
  glorotNormal,
  orthogonal,
  heNormal,
  heUniform,
  lecunNormal,
  lecunUniform,
} as const;

export function isInitializer(value: unknown): value is Initializer {
  return typeof value === "function" && typeof (value as Initializer).className === "string";
}
