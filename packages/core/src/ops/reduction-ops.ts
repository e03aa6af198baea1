// math_ops.py: reduce_sum/mean/max/min/prod/all/any (_ReductionDims, _may_reduce_to_scalar), argmax/argmin;
// common_shapes.cc: ReductionShape; math_ops.cc: ArgOpShape.

import type { AttrValue } from "../framework/attr-value";
import { asDType, bool, type DTypeLike, int32, int64 } from "../framework/dtypes";
import type { Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { range } from "./math-ops";
import { constantOp, convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { type OpType, opDefs } from "./op-defs";
import { constantValue, shapeError } from "./shape-inference";

export type Axis = number | readonly number[] | Tensor | null | undefined;

/** math_ops.py: _ReductionDims: the axes as given, else a `Const` of all dims (or `range(0, rank(x))`). */
function reductionDims(x: Tensor, axis: Axis): TensorLike {
  if (axis !== null && axis !== undefined) return axis as TensorLike;
  if (x.shape !== null)
    return constantOp(
      x.shape.map((_, i) => i),
      int32,
      [x.shape.length],
      opDefs.Const.type,
    );
  // The unknown-rank path: `range(0, array_ops.rank(x))`.
  const rank = opScope(
    null,
    opDefs.Rank.type,
    [x],
    (scope) => createOp(opDefs.Rank, [x], { name: scope, attrs: { T: x.dtype }, shapes: [[]] }).outputs[0],
  );
  return range(0, rank);
}

/** common_shapes.cc: ReductionShape. */
function reductionShape(x: Tensor, axes: Tensor, keepDims: boolean, opName: string, opType: string): Shape {
  const value = constantValue(axes);
  const input = x.shape;
  if (value === null) {
    if (keepDims && input !== null) return input.map(() => null);
    return null;
  }
  if (input === null) return null;
  const rank = input.length;
  const reduced = new Set<number>();
  for (const a of value) {
    if (a < -rank || a >= rank) {
      // common_shapes.cc: ReductionShape
      const shown = axes.shape !== null && axes.shape.length === 0 ? value[0] : value;
      throw shapeError(
        `Invalid reduction dimension ${a} for input with ${rank} dimensions`,
        opName,
        opType,
        [x, axes],
        {
          tensors: [[1, shown]],
        },
      );
    }
    reduced.add(a < 0 ? a + rank : a);
  }
  return keepDims ? input.map((d, i) => (reduced.has(i) ? 1 : d)) : input.filter((_, i) => !reduced.has(i));
}

export function reduction(
  type: OpType,
  input: TensorLike,
  axis: Axis,
  keepDims: boolean | undefined,
  name: string | undefined,
  boolOnly = false,
): Tensor {
  const keep = keepDims ?? false;
  const x0 = convertToTensor(input, { name: "input_tensor" });
  const dims = reductionDims(x0, axis);
  return opScope(name, type, [x0, dims], (scope) => {
    const x = x0;
    if (boolOnly && x.dtype !== bool) {
      // op_def_library.py: _apply_op_helper
      throw new TypeError(
        `Input 'input' of '${type}' Op has type ${x.dtype.name} that does not match expected type of bool.`,
      );
    }
    const axes = convertToTensor(dims, { name: "reduction_indices", preferredDtype: int32 });
    const opName = scope.slice(0, -1);
    let shape = reductionShape(x, axes, keep, opName, type);
    // math_ops.py: _may_reduce_to_scalar
    if (shape === null && !keep && (axis === null || axis === undefined)) shape = [];
    const attrs: Record<string, AttrValue> = boolOnly
      ? { keep_dims: keep, Tidx: axes.dtype }
      : { keep_dims: keep, T: x.dtype, Tidx: axes.dtype };
    return createOp(opDefs[type], [x, axes], { name: scope, attrs, shapes: [shape] }).outputs[0];
  });
}

/** math_ops.py: reduce_sum(input_tensor, axis=None, keepdims=None, name=None): a `Sum`. */
export function reduceSum(x: TensorLike, axis?: Axis, keepDims?: boolean, name?: string): Tensor {
  return reduction(opDefs.Sum.type, x, axis, keepDims, name);
}
/** math_ops.py: reduce_mean: a `Mean`. */
export function reduceMean(x: TensorLike, axis?: Axis, keepDims?: boolean, name?: string): Tensor {
  return reduction(opDefs.Mean.type, x, axis, keepDims, name);
}
/** math_ops.py: reduce_max: a `Max`. */
export function reduceMax(x: TensorLike, axis?: Axis, keepDims?: boolean, name?: string): Tensor {
  return reduction(opDefs.Max.type, x, axis, keepDims, name);
}
/** math_ops.py: reduce_min: a `Min`. */
export function reduceMin(x: TensorLike, axis?: Axis, keepDims?: boolean, name?: string): Tensor {
  return reduction(opDefs.Min.type, x, axis, keepDims, name);
}
/** math_ops.py: reduce_prod: a `Prod`. */
export function reduceProd(x: TensorLike, axis?: Axis, keepDims?: boolean, name?: string): Tensor {
  return reduction(opDefs.Prod.type, x, axis, keepDims, name);
}
/** math_ops.py: reduce_all: an `All` over bools. */
export function reduceAll(x: TensorLike, axis?: Axis, keepDims?: boolean, name?: string): Tensor {
  return reduction(opDefs.All.type, x, axis, keepDims, name, true);
}
/** math_ops.py: reduce_any: an `Any` over bools. */
export function reduceAny(x: TensorLike, axis?: Axis, keepDims?: boolean, name?: string): Tensor {
  return reduction(opDefs.Any.type, x, axis, keepDims, name, true);
}

export interface ArgOptions {
  outputType?: DTypeLike;
  name?: string;
}

function argOp(
  type: typeof opDefs.ArgMax.type | typeof opDefs.ArgMin.type,
  input: TensorLike,
  axis: number | Tensor | null | undefined,
  options: ArgOptions | string,
): Tensor {
  const opts = typeof options === "string" ? { name: options } : options;
  const outputType = asDType(opts.outputType ?? int64);
  return opScope(opts.name, type, [input], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    const dimension = convertToTensor(axis ?? 0, { name: "dimension", dtype: int32 });
    const value = constantValue(dimension);
    let shape: Shape = null;
    if (x.shape !== null && value !== null) {
      const rank = x.shape.length;
      const d = value[0];
      if (d < -rank || d >= rank) {
        // math_ops.cc: ArgOpShape
        throw shapeError(
          `Expected dimension in the range [${-rank}, ${rank}), but got ${d}`,
          scope.slice(0, -1),
          type,
          [x, dimension],
          {
            tensors: [[1, d]],
          },
        );
      }
      const a = d < 0 ? d + rank : d;
      shape = x.shape.filter((_, i) => i !== a);
    } else if (x.shape !== null) {
      shape = x.shape.length === 0 ? null : new Array(x.shape.length - 1).fill(null);
    }
    return createOp(opDefs[type], [x, dimension], {
      name: scope,
      attrs: { T: x.dtype, Tidx: int32, output_type: outputType },
      shapes: [shape],
    }).outputs[0];
  });
}

/** math_ops.py: argmax(input, axis=None, name=None, output_type=tf.int64): an `ArgMax` (axis defaults to 0). */
export function argmax(x: TensorLike, axis?: number | Tensor | null, options: ArgOptions | string = {}): Tensor {
  return argOp(opDefs.ArgMax.type, x, axis, options);
}
/** math_ops.py: argmin: an `ArgMin`. */
export function argmin(x: TensorLike, axis?: number | Tensor | null, options: ArgOptions | string = {}): Tensor {
  return argOp(opDefs.ArgMin.type, x, axis, options);
}
