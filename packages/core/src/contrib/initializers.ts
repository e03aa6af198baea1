// contrib/layers/python/layers/initializers.py (TF 1.15): xavier_initializer, variance_scaling_initializer.
import { asDType, type DTypeLike, float32 } from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import { randomUniform, truncatedNormal } from "../ops/random-ops";
import type { Initializer } from "../variables/initializers";

export type FanMode = "FAN_IN" | "FAN_OUT" | "FAN_AVG";

export interface VarianceScalingOptions {
  factor?: number;
  mode?: FanMode | string;
  uniform?: boolean;
  seed?: number | null;
  dtype?: DTypeLike;
}

const NON_FLOAT = "Cannot create initializer for non-floating point type.";

/**
 * initializers.py: variance_scaling_initializer(factor=2.0, mode='FAN_IN', uniform=False, seed=None, dtype=float32):
 * uniform in ±sqrt(3 * factor / n), else a truncated normal of stddev sqrt(1.3 * factor / n), where n is fan_in,
 * fan_out or their mean as estimated from the shape.
 */
export function varianceScalingInitializer(options: VarianceScalingOptions = {}): Initializer {
  const { factor = 2.0, mode = "FAN_IN", uniform = false, seed = null } = options;
  const defaultDtype = asDType(options.dtype ?? float32);
  if (!defaultDtype.isFloating) {
    // initializers.py: variance_scaling_initializer
    throw new TypeError(NON_FLOAT);
  }
  if (!["FAN_IN", "FAN_OUT", "FAN_AVG"].includes(mode)) {
    // initializers.py: raise TypeError('Unknown mode %s [FAN_IN, FAN_OUT, FAN_AVG]', mode): prints as a tuple
    throw new TypeError(`('Unknown mode %s [FAN_IN, FAN_OUT, FAN_AVG]', '${mode}')`);
  }
  const fn = (shape: readonly number[], dtype?: DTypeLike | null, _partitionInfo?: unknown): Tensor => {
    const d = dtype ? asDType(dtype) : defaultDtype;
    if (!d.isFloating) {
      // initializers.py: variance_scaling_initializer._initializer
      throw new TypeError(NON_FLOAT);
    }
    // Estimating fan_in and fan_out is not possible to do perfectly, but TF tries (as here).
    let fanIn = 1.0;
    let fanOut = 1.0;
    if (shape.length > 0) {
      fanIn = shape.length > 1 ? shape[shape.length - 2] : shape[shape.length - 1];
      fanOut = shape[shape.length - 1];
    }
    for (const dim of shape.slice(0, -2)) {
      fanIn *= dim;
      fanOut *= dim;
    }
    const n = mode === "FAN_IN" ? fanIn : mode === "FAN_OUT" ? fanOut : (fanIn + fanOut) / 2.0;
    if (uniform) {
      const limit = Math.sqrt((3.0 * factor) / n);
      return randomUniform(shape, { minval: -limit, maxval: limit, dtype: d, seed });
    }
    const truncStddev = Math.sqrt((1.3 * factor) / n);
    return truncatedNormal(shape, { mean: 0.0, stddev: truncStddev, dtype: d, seed });
  };
  Object.defineProperty(fn, "name", { value: "_initializer" });
  return Object.assign(fn, {
    className: "variance_scaling_initializer",
    config: { factor, mode, uniform, seed, dtype: defaultDtype.name },
  }) as Initializer;
}

/** initializers.py: xavier_initializer(uniform=True, seed=None, dtype=float32): variance scaling 1.0, FAN_AVG. */
export function xavierInitializer(
  options: { uniform?: boolean; seed?: number | null; dtype?: DTypeLike } = {},
): Initializer {
  return varianceScalingInitializer({
    factor: 1.0,
    mode: "FAN_AVG",
    uniform: options.uniform ?? true,
    seed: options.seed ?? null,
    dtype: options.dtype ?? float32,
  });
}
