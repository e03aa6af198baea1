// random_ops.py: random_uniform, random_normal, truncated_normal as TF1 builds them (shape, min/max or
// mean/stddev constants, the random op with seed/seed2, then mul and add).
import { ValueError } from "../errors";
import { asDType, type DType, type DTypeLike, float32, int32 } from "../framework/dtypes";
import type { Shape } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { getSeed } from "../variables/random-seed";
import { add } from "./math-ops";
import { constantOp, convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { type OpType, opDefs } from "./op-defs";
import { mul, sub } from "./operators";
import { constantValueAsShape, shapeError } from "./shape-inference";

export interface RandomOptions {
  dtype?: DTypeLike;
  seed?: number | null;
  name?: string;
}

/** tensor_util.py: shape_tensor: a shape Tensor as is, else the `shape` Const (int32, also when empty). */
function shapeTensor(shape: readonly number[] | Tensor): Tensor {
  return shape instanceof Tensor ? shape : constantOp([...shape], int32, null, "shape");
}

/** The static output shape: the list itself, or what constant_value_as_shape reads from a shape Tensor. */
function staticShape(shape: readonly number[] | Tensor): Shape {
  return shape instanceof Tensor ? constantValueAsShape(shape) : [...shape];
}

function randomOp(type: OpType, shapeT: Tensor, shape: Shape, dtype: DType, seed: number | null | undefined): Tensor {
  const [seed1, seed2] = getSeed(seed);
  return createOp(opDefs[type], [shapeT], {
    attrs: { seed: seed1, seed2, dtype, T: shapeT.dtype },
    shapes: [shape],
  }).outputs[0];
}

const UNIFORM_TYPES = ["float16", "float32", "float64", "int32", "int64"];

/** random_ops.py: random_uniform(shape, minval=0, maxval=None, dtype=float32, seed=None, name=None); shape a list or a 1-D int Tensor. */
export function randomUniform(
  shape: readonly number[] | Tensor,
  options: RandomOptions & { minval?: TensorLike; maxval?: TensorLike | null } = {},
): Tensor {
  const dtype = asDType(options.dtype ?? float32);
  if (!UNIFORM_TYPES.includes(dtype.name)) {
    // random_ops.py: random_uniform ("%r" of a DType is its repr, `tf.int32`)
    throw new ValueError(`Invalid dtype tf.${dtype.name}`);
  }
  let maxval = options.maxval ?? null;
  if (maxval === null) {
    if (dtype.isInteger) {
      // random_ops.py: random_uniform
      throw new ValueError(`Must specify maxval for integer dtype tf.${dtype.name}`);
    }
    maxval = 1;
  }
  const minvalIn = options.minval ?? 0;
  return opScope(options.name, "random_uniform", [minvalIn, maxval], (scope) => {
    const shapeT = shapeTensor(shape);
    const minT = convertToTensor(minvalIn, { dtype, name: "min" });
    const maxT = convertToTensor(maxval, { dtype, name: "max" });
    if (dtype.isInteger) {
      for (const bound of [minT, maxT]) {
        if (bound.shape !== null && bound.shape.length !== 0) {
          // random_ops.cc: RandomUniformInt shape function (WithRank(minval, 0), WithRank(maxval, 0))
          throw shapeError(
            `Shape must be rank 0 but is rank ${bound.shape.length}`,
            scope.slice(0, -1),
            opDefs.RandomUniformInt.type,
            [shapeT, minT, maxT],
          );
        }
      }
      const [seed1, seed2] = getSeed(options.seed);
      return createOp(opDefs.RandomUniformInt, [shapeT, minT, maxT], {
        name: scope,
        attrs: { seed: seed1, seed2, Tout: dtype, T: shapeT.dtype },
        shapes: [staticShape(shape)],
      }).outputs[0];
    }
    const rnd = randomOp(opDefs.RandomUniform.type, shapeT, staticShape(shape), dtype, options.seed);
    return add(mul(rnd, sub(maxT, minT)), minT, scope);
  });
}

function normalLike(
  kind: "random_normal" | "truncated_normal",
  opType: OpType,
  shape: readonly number[],
  options: RandomOptions & { mean?: TensorLike; stddev?: TensorLike },
): Tensor {
  const dtype = asDType(options.dtype ?? float32);
  const mean = options.mean ?? 0.0;
  const stddev = options.stddev ?? 1.0;
  return opScope(options.name, kind, [mean, stddev], (scope) => {
    const shapeT = shapeTensor(shape);
    const meanT = convertToTensor(mean, { dtype, name: "mean" });
    const stddevT = convertToTensor(stddev, { dtype, name: "stddev" });
    const rnd = randomOp(opType, shapeT, [...shape], dtype, options.seed);
    return add(mul(rnd, stddevT), meanT, scope);
  });
}

/** random_ops.py: random_normal(shape, mean=0.0, stddev=1.0, dtype=float32, seed=None, name=None) */
export function randomNormal(
  shape: readonly number[],
  options: RandomOptions & { mean?: TensorLike; stddev?: TensorLike } = {},
): Tensor {
  return normalLike("random_normal", opDefs.RandomStandardNormal.type, shape, options);
}

/** random_ops.py: truncated_normal(shape, mean=0.0, stddev=1.0, dtype=float32, seed=None, name=None) */
export function truncatedNormal(
  shape: readonly number[],
  options: RandomOptions & { mean?: TensorLike; stddev?: TensorLike } = {},
): Tensor {
  return normalLike("truncated_normal", opDefs.TruncatedNormal.type, shape, options);
}
