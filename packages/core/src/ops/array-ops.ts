// array_ops.py / constant_op.py / gen_array_ops.py: constant, placeholder, identity, stop_gradient, reshape, transpose,
// expand_dims, squeeze, shape/size/rank, fill, zeros/ones(_like), invert_permutation, setdiff1d, broadcast_gradient_args.

import type { AttrValue } from "../framework/attr-value";
import { asDType, bool, type DTypeLike, float32, int32, string } from "../framework/dtypes";
import {
  asShape,
  inferenceShapeString,
  isFullyDefined,
  numElements,
  type Shape,
  type ShapeLike,
} from "../framework/shape";
import { Tensor } from "../framework/tensor";
import type { ArrayValue } from "../framework/tensor-value";
import { convertSameTypeInputs } from "./convert-inputs";
import { constantOp, convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { type OpType, opDefs } from "./op-defs";
import { sub } from "./operators";
import { positionalArgs } from "./positional-args";
import { constantValue, constantValueAsShape, shapeError } from "./shape-inference";

export interface ConstantOptions {
  dtype?: DTypeLike;
  shape?: readonly number[];
  name?: string;
}

/**
 * constant_op.py: constant(value, dtype=None, shape=None, name="Const"), positionally in TF's order
 * (`tf.constant([1, 2], tf.float32)`) or with a trailing options object (`tf.constant(1, { dtype, name })`).
 */
export function constant(
  value: ArrayValue,
  ...args: (DTypeLike | readonly number[] | string | ConstantOptions | null | undefined)[]
): Tensor {
  const opts = positionalArgs<ConstantOptions>("constant", ["dtype", "shape", "name"], args);
  return constantOp(value, opts.dtype, opts.shape ?? null, opts.name ?? opDefs.Const.type);
}

/** array_ops.py: placeholder(dtype, shape=None, name=None); a null shape is unknown rank. */
export function placeholder(dtype: DTypeLike, shape?: ShapeLike, name?: string): Tensor {
  const type = asDType(dtype);
  const static_ = asShape(shape);
  return opScope(
    name,
    opDefs.Placeholder.type,
    [],
    (scope) =>
      createOp(opDefs.Placeholder, [], {
        name: scope,
        attrs: { dtype: type, shape: { shape: static_ } },
        shapes: [static_],
      }).outputs[0],
  );
}

/** A one-input op whose output has the input's dtype and `shape` (default: the input's). */
function passThrough(type: OpType, input: TensorLike, name: string | null | undefined, argName = "input"): Tensor {
  return opScope(name, type, [input], (scope) => {
    const x = convertToTensor(input, { name: argName });
    return createOp(opDefs[type], [x], {
      name: scope,
      attrs: { T: x.dtype },
      shapes: [x.shape],
    }).outputs[0];
  });
}

/** array_ops.py: identity(input, name=None) */
export function identity(input: TensorLike, name?: string): Tensor {
  return passThrough(opDefs.Identity.type, input, name);
}

/** gen_array_ops.py: identity_n(input, name=None): one `IdentityN` passing every input through. */
export function identityN(input: readonly TensorLike[], name?: string): Tensor[] {
  return opScope(name, opDefs.IdentityN.type, [...input], (scope) => {
    const values = input.map((x) => convertToTensor(x, { name: "input" }));
    return createOp(opDefs.IdentityN, values, {
      name: scope,
      attrs: { T: values.map((x) => x.dtype) },
      shapes: values.map((x) => x.shape),
    }).outputs;
  });
}

/** array_ops.py: stop_gradient(input, name=None): a `StopGradient`. */
export function stopGradient(input: TensorLike, name?: string): Tensor {
  return passThrough(opDefs.StopGradient.type, input, name);
}

/** array_ops.py: reshape(tensor, shape, name=None): a `Reshape` with its shape as input `shape`. */
export function reshape(tensor: TensorLike, shape: TensorLike, name?: string): Tensor {
  return opScope(name, opDefs.Reshape.type, [tensor, shape], (scope) => {
    const x = convertToTensor(tensor, { name: "tensor" });
    const s = convertToTensor(shape, { name: "shape", preferredDtype: int32 });
    const opName = scope.slice(0, -1);
    const target = constantValueAsShape(s);
    const value = constantValue(s);
    let out: Shape = target;
    const inElems = numElements(x.shape);
    if (value !== null && target !== null) {
      const unknown = value.filter((d) => d === -1).length;
      const known = target.reduce<number>((acc, d) => acc * (d ?? 1), 1);
      const fail = () =>
        // array_ops.cc: SetOutputShapeForReshape
        shapeError(
          `Cannot reshape a tensor with ${inElems} elements to shape ${inferenceShapeString(target)} (${known} elements)`,
          opName,
          opDefs.Reshape.type,
          [x, s],
          {
            partialShapes: [[1, target]],
          },
        );
      if (unknown === 0 && inElems !== null && inElems !== known) throw fail();
      if (unknown === 1 && inElems !== null) {
        if (known === 0 ? inElems !== 0 : inElems % known !== 0) throw fail();
        out = target.map((d) => d ?? (known === 0 ? 0 : inElems / known));
      }
    }
    return createOp(opDefs.Reshape, [x, s], {
      name: scope,
      attrs: { T: x.dtype, Tshape: s.dtype },
      shapes: [out],
    }).outputs[0];
  });
}

/** array_ops.py: transpose(a, perm=None, name="transpose"): perm defaults to the reversed dims. */
export function transpose(a: TensorLike, perm?: TensorLike | null, name = "transpose"): Tensor {
  return opScope(name, "transpose", [a], (scope) => {
    const x = convertToTensor(a, { name: "a" });
    let p: TensorLike;
    if (perm !== undefined && perm !== null) p = perm;
    else if (x.shape === null || x.shape.length === 0) {
      const r = createOp(opDefs.Rank, [x], {
        name: opDefs.Rank.type,
        attrs: { T: x.dtype },
        shapes: [[]],
      }).outputs[0];
      p = sub(sub(r, 1), rangeOp(0, r, 1));
    } else {
      p = x.shape.map((_, i, all) => all.length - 1 - i);
    }
    const pt = convertToTensor(p, { name: "perm", preferredDtype: int32 });
    const pv = constantValue(pt);
    let shape: Shape = x.shape === null ? null : x.shape.map(() => null);
    if (pv !== null && x.shape !== null) {
      if (pv.length !== x.shape.length) {
        // array_ops.cc: TransposeShapeFn
        throw shapeError(
          `Dimension must be ${x.shape.length} but is ${pv.length}`,
          scope.slice(0, -1),
          opDefs.Transpose.type,
          [x, pt],
          { tensors: [[1, pv]] },
        );
      }
      shape = pv.map((i) => x.shape![i] ?? null);
    }
    return createOp(opDefs.Transpose, [x, pt], {
      name: scope,
      attrs: { T: x.dtype, Tperm: pt.dtype },
      shapes: [shape],
    }).outputs[0];
  });
}

// gen_math_ops._range, as the unknown-rank transpose builds it.
function rangeOp(start: number, limit: Tensor, delta: number): Tensor {
  return opScope(null, opDefs.Range.type, [limit], (scope) => {
    const s = convertToTensor(start, { name: "start" });
    const d = convertToTensor(delta, { name: "delta" });
    return createOp(opDefs.Range, [s, limit, d], {
      name: scope,
      attrs: { Tidx: int32 },
      shapes: [[null]],
    }).outputs[0];
  });
}

/** array_ops.py: expand_dims(input, axis, name=None): an `ExpandDims` with input `dim`. */
export function expandDims(input: TensorLike, axis: TensorLike, name?: string): Tensor {
  return opScope(name, opDefs.ExpandDims.type, [input, axis], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    const dim = convertToTensor(axis, { name: "dim", preferredDtype: int32 });
    const d = constantValue(dim)?.[0];
    let shape: Shape = null;
    if (x.shape !== null && d !== undefined) {
      const rank = x.shape.length;
      if (d < -rank - 1 || d > rank) {
        // array_ops.cc: ExpandDims shape function
        throw shapeError(
          `Tried to expand dim index ${d} for tensor with ${rank} dimensions`,
          scope.slice(0, -1),
          opDefs.ExpandDims.type,
          [x, dim],
          {
            tensors: [[1, d]],
          },
        );
      }
      shape = [...x.shape];
      shape.splice(d < 0 ? d + rank + 1 : d, 0, 1);
    }
    return createOp(opDefs.ExpandDims, [x, dim], {
      name: scope,
      attrs: { T: x.dtype, Tdim: dim.dtype },
      shapes: [shape],
    }).outputs[0];
  });
}

/** array_ops.py: squeeze(input, axis=None, name=None): a `Squeeze` with attr `squeeze_dims`. */
export function squeeze(input: TensorLike, axis?: number | readonly number[] | null, name?: string): Tensor {
  const dims = axis === undefined || axis === null ? [] : typeof axis === "number" ? [axis] : [...axis];
  return opScope(name, opDefs.Squeeze.type, [input], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    let shape: Shape = null;
    if (x.shape !== null) {
      const rank = x.shape.length;
      const canon = dims.map((d) => {
        if (d < -rank || d >= rank) {
          // array_ops.cc: Squeeze shape function
          throw shapeError(
            `Tried to squeeze dim index ${d} for tensor with ${rank} dimensions.`,
            scope.slice(0, -1),
            opDefs.Squeeze.type,
            [x],
          );
        }
        return d < 0 ? d + rank : d;
      });
      for (const d of canon) {
        const size = x.shape[d];
        if (size !== null && size !== 1) {
          throw shapeError(
            `Can not squeeze dim[${d}], expected a dimension of 1, got ${size}`,
            scope.slice(0, -1),
            opDefs.Squeeze.type,
            [x],
          );
        }
      }
      if (canon.length === 0 && x.shape.includes(null)) shape = null;
      else shape = x.shape.filter((d, i) => (canon.length === 0 ? d !== 1 : !canon.includes(i)));
    }
    return createOp(opDefs.Squeeze, [x], {
      name: scope,
      attrs: { T: x.dtype, squeeze_dims: dims },
      shapes: [shape],
    }).outputs[0];
  });
}

export interface ShapeOptions {
  outType?: DTypeLike;
  name?: string;
  /** array_ops.py: shape_internal(optimize=False) always builds the op, even for a static shape. */
  optimize?: boolean;
}

function shapeFamily(
  kind: typeof opDefs.Shape.type | typeof opDefs.Size.type | typeof opDefs.Rank.type,
  input: TensorLike,
  options: ShapeOptions | string = {},
): Tensor {
  const opts = typeof options === "string" ? { name: options } : options;
  const outType = kind === opDefs.Rank.type ? int32 : asDType(opts.outType ?? int32);
  return opScope(opts.name, kind, [input], (scope) => {
    const x = convertToTensor(input);
    const s = x.shape;
    // array_ops.py: shape_internal / size_internal / rank_internal with optimize=True: a Const when static.
    const optimize = opts.optimize ?? true;
    if (optimize && kind === opDefs.Shape.type && isFullyDefined(s)) return constantOp(s, outType, [s.length], scope);
    if (optimize && kind === opDefs.Size.type && isFullyDefined(s))
      return constantOp(numElements(s)!, outType, null, scope);
    if (optimize && kind === opDefs.Rank.type && s !== null) return constantOp(s.length, int32, null, scope);
    const outShape: Shape = kind === opDefs.Shape.type ? [s === null ? null : s.length] : [];
    const attrs: Record<string, AttrValue> =
      kind === opDefs.Rank.type ? { T: x.dtype } : { T: x.dtype, out_type: outType };
    return createOp(opDefs[kind], [x], { name: scope, attrs, shapes: [outShape] }).outputs[0];
  });
}

/** array_ops.py: shape(input, name=None, out_type=tf.int32) */
export const shape = (input: TensorLike, options?: ShapeOptions | string) =>
  shapeFamily(opDefs.Shape.type, input, options);
/** array_ops.py: size(input, name=None, out_type=tf.int32) */
export const size = (input: TensorLike, options?: ShapeOptions | string) =>
  shapeFamily(opDefs.Size.type, input, options);
/** array_ops.py: rank(input, name=None) */
export const rank = (input: TensorLike, name?: string) => shapeFamily(opDefs.Rank.type, input, name);
/** array_ops.py: rank_internal(input, name=None, optimize=True) */
export const rankInternal = (input: TensorLike, options: Omit<ShapeOptions, "outType">) =>
  shapeFamily(opDefs.Rank.type, input, options);

/** array_ops.py: fill(dims, value, name=None): a `Fill`. */
export function fill(dims: TensorLike, value: TensorLike, name?: string): Tensor {
  return opScope(name, opDefs.Fill.type, [dims, value], (scope) => {
    const d = convertToTensor(dims, { name: "dims", preferredDtype: int32 });
    const v = convertToTensor(value, { name: "value" });
    if (v.shape !== null && v.shape.length !== 0) {
      // array_ops.cc: Fill shape function (WithRank(value, 0))
      throw shapeError(`Shape must be rank 0 but is rank ${v.shape.length}`, scope.slice(0, -1), opDefs.Fill.type, [
        d,
        v,
      ]);
    }
    const shape = constantValueAsShape(d);
    return createOp(opDefs.Fill, [d, v], {
      name: scope,
      attrs: { T: v.dtype, index_type: d.dtype },
      shapes: [shape],
    }).outputs[0];
  });
}

function zeroOf(dtype: ReturnType<typeof asDType>, one: boolean): ArrayValue {
  if (dtype === bool) return one;
  if (dtype === string) return one ? "1" : "";
  return one ? 1 : 0;
}

/** array_ops.py: zeros / ones: a `Const` when small (< 1000 elements), else a `Fill`. */
function filled(
  kind: "zeros" | "ones",
  shape: TensorLike | readonly number[],
  dtype: DTypeLike,
  name?: string,
): Tensor {
  const type = asDType(dtype);
  return opScope(name, kind, [shape], (scope) => {
    const value = zeroOf(type, kind === "ones");
    let dims: Tensor;
    if (!(shape instanceof Tensor)) {
      const list = Array.isArray(shape) ? (shape as number[]) : [shape as number];
      if (list.reduce((a, b) => a * b, 1) < 1000) return constantOp(value, type, list, scope);
      dims = constantOp(list, int32, [list.length], "shape_as_tensor");
    } else {
      dims = shape.shape !== null && shape.shape.length === 0 ? reshape(shape, [-1]) : shape;
    }
    return fill(dims, constantOp(value, type, null, opDefs.Const.type), scope);
  });
}

/** array_ops.py: zeros(shape, dtype=tf.float32, name=None) */
export function zeros(shape: TensorLike | readonly number[], dtype: DTypeLike = float32, name?: string): Tensor {
  return filled("zeros", shape, dtype, name);
}
/** array_ops.py: ones(shape, dtype=tf.float32, name=None) */
export function ones(shape: TensorLike | readonly number[], dtype: DTypeLike = float32, name?: string): Tensor {
  return filled("ones", shape, dtype, name);
}

export interface LikeOptions {
  dtype?: DTypeLike;
  name?: string;
  optimize?: boolean;
}

/** array_ops.py: zeros_like(tensor, dtype=None, name=None, optimize=True) */
export function zerosLike(tensor: TensorLike, options: LikeOptions | string = {}): Tensor {
  const opts = typeof options === "string" ? { name: options } : options;
  return opScope(opts.name, "zeros_like", [tensor], (scope) => {
    const x = convertToTensor(tensor, { name: "tensor" });
    const dtype = opts.dtype ? asDType(opts.dtype) : undefined;
    const optimize = opts.optimize ?? true;
    if (optimize && isFullyDefined(x.shape)) return zeros(x.shape, dtype ?? x.dtype, scope);
    if (dtype && dtype !== x.dtype) return zeros(shapeFamily(opDefs.Shape.type, x), dtype, scope);
    return createOp(opDefs.ZerosLike, [x], {
      name: scope,
      attrs: { T: x.dtype },
      shapes: [x.shape],
    }).outputs[0];
  });
}

/** array_ops.py: ones_like(tensor, dtype=None, name=None, optimize=True): `ones(shape(tensor))`, a `Fill`. */
export function onesLike(tensor: TensorLike, options: LikeOptions | string = {}): Tensor {
  const opts = typeof options === "string" ? { name: options } : options;
  return opScope(opts.name, "ones_like", [tensor], (scope) => {
    const x = convertToTensor(tensor, { name: "tensor" });
    const dims = shapeFamily(opDefs.Shape.type, x);
    const out = ones(dims, opts.dtype ?? x.dtype, scope);
    out.setShape(x.shape);
    return out;
  });
}

/** gen_array_ops.py: invert_permutation(x): an `InvertPermutation`. */
export function invertPermutation(x: TensorLike, name?: string): Tensor {
  return opScope(name, opDefs.InvertPermutation.type, [x], (scope) => {
    const t = convertToTensor(x, { name: "x", preferredDtype: int32 });
    return createOp(opDefs.InvertPermutation, [t], {
      name: scope,
      attrs: { T: t.dtype },
      shapes: [t.shape],
    }).outputs[0];
  });
}

/** array_ops.py: setdiff1d(x, y, index_dtype=tf.int32): a `ListDiff` with outputs out and idx (math_grad.py's _ProdGrad). */
export function setdiff1d(
  x: TensorLike,
  y: TensorLike,
  indexDtype: DTypeLike = int32,
  name?: string,
): [Tensor, Tensor] {
  return opScope(name, opDefs.ListDiff.type, [x, y], (scope) => {
    const [a, b] = convertSameTypeInputs(opDefs.ListDiff.type, [x, y], ["x", "y"]);
    const outIdx = asDType(indexDtype);
    const op = createOp(opDefs.ListDiff, [a, b], {
      name: scope,
      attrs: { T: a.dtype, out_idx: outIdx },
      shapes: [[null], [null]],
    });
    return [op.outputs[0], op.outputs[1]];
  });
}

/** gen_array_ops.py: broadcast_gradient_args(s0, s1): a `BroadcastGradientArgs` with outputs r0, r1. */
export function broadcastGradientArgs(s0: Tensor, s1: Tensor, name?: string): [Tensor, Tensor] {
  return opScope(name, opDefs.BroadcastGradientArgs.type, [s0, s1], (scope) => {
    if (s0.dtype !== s1.dtype) {
      // op_def_library.py: _apply_op_helper
      throw new TypeError(
        `Input 's1' of '${opDefs.BroadcastGradientArgs.type}' Op has type ${s1.dtype.name} that does not match type ${s0.dtype.name} of argument 's0'.`,
      );
    }
    const op = createOp(opDefs.BroadcastGradientArgs, [s0, s1], {
      name: scope,
      attrs: { T: s0.dtype },
      shapes: [[null], [null]],
    });
    return [op.outputs[0], op.outputs[1]];
  });
}
