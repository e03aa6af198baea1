// array_ops.py (TF 1.15): sequence_mask (Max, Maximum, Range, ExpandDims, Cast, Less under `SequenceMask/`) and
// boolean_mask (Prod, Reshape, Where, Squeeze, GatherV2 under `boolean_mask/`), built as TF's Python builds them.
import { ValueError } from "../errors";
import { asDType, bool, type DTypeLike } from "../framework/dtypes";
import { isCompatible, type Shape, shapeToString } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { constant, expandDims, reshape, shape, squeeze } from "./array-ops";
import { less, maximum } from "./math-ops";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { positionalArgs } from "./positional-args";
import { reduceMax, reduceProd } from "./reduction-ops";
import { constantValue } from "./shape-inference";
import { concat, gather, stack } from "./slicing-ops";
import { sliceRange } from "./tensor-index";

/** gen_math_ops.cast: always a `Cast` op (math_ops.cast skips a same-dtype cast; the generated op does not). */
function rawCast(x: Tensor, dtype: DTypeLike): Tensor {
  const dst = asDType(dtype);
  return opScope(null, opDefs.Cast.type, [x], (scope) =>
    createOp(opDefs.Cast, [x], {
      name: scope,
      attrs: { SrcT: x.dtype, DstT: dst, Truncate: false },
      shapes: [x.shape],
    }),
  ).outputs[0];
}

export interface SequenceMaskOptions {
  maxlen?: TensorLike | null;
  dtype?: DTypeLike;
  name?: string | null;
}

/**
 * array_ops.py: sequence_mask(lengths, maxlen=None, dtype=tf.bool, name=None): `range(maxlen) < lengths[..., None]`
 * in scope `SequenceMask`, maxlen defaulting to max(0, max(lengths)).
 */
export function sequenceMask(
  lengths: TensorLike,
  maxlen?: TensorLike | null | SequenceMaskOptions,
  dtype?: DTypeLike | SequenceMaskOptions,
  name?: string | null | SequenceMaskOptions,
): Tensor {
  const opts = positionalArgs<SequenceMaskOptions>("sequence_mask", ["maxlen", "dtype", "name"], [maxlen, dtype, name]);
  return opScope(opts.name, "SequenceMask", [lengths, opts.maxlen], () => {
    const l = convertToTensor(lengths);
    let m: Tensor;
    // The C++ shape refiner folds max(0, max(lengths)) of constant lengths into Range's static size.
    let maxlenStatic: number | null = null;
    if (opts.maxlen === null || opts.maxlen === undefined) {
      m = reduceMax(l);
      m = maximum(constant(0, { dtype: m.dtype }), m);
      const values = constantValue(l);
      if (values !== null) maxlenStatic = Math.max(0, ...values);
    } else {
      m = convertToTensor(opts.maxlen);
      maxlenStatic = constantValue(m)?.[0] ?? null;
    }
    if (m.shape !== null && m.shape.length !== 0) {
      // array_ops.py: sequence_mask
      throw new ValueError("maxlen must be scalar for sequence_mask");
    }
    const start = constant(0, { dtype: m.dtype });
    const delta = constant(1, { dtype: m.dtype });
    const rowVector = opScope(null, opDefs.Range.type, [start, m, delta], (scope) =>
      createOp(opDefs.Range, [start, m, delta], {
        name: scope,
        attrs: { Tidx: m.dtype },
        shapes: [[maxlenStatic]],
      }),
    ).outputs[0];
    const matrix = rawCast(expandDims(l, -1), m.dtype);
    const result = less(rowVector, matrix);
    const target = asDType(opts.dtype ?? bool);
    return target === result.dtype ? result : rawCast(result, target);
  });
}

/** array_ops.py: where(condition) with x and y None: scope `Where`, a `Where` of the true coordinates (int64). */
function whereIndices(condition: Tensor): Tensor {
  return opScope(null, opDefs.Where.type, [condition], (scope) =>
    createOp(opDefs.Where, [condition], {
      name: scope,
      attrs: { T: condition.dtype },
      shapes: [[null, condition.shape === null ? null : condition.shape.length]],
    }),
  ).outputs[0];
}

export interface BooleanMaskOptions {
  name?: string;
  axis?: number | null;
}

/**
 * array_ops.py: boolean_mask(tensor, mask, name="boolean_mask", axis=None): the masked dims (from `axis`) flattened
 * into one, then a GatherV2 of the `Where` of the flattened mask.
 */
export function booleanMask(
  tensor: TensorLike,
  mask: TensorLike,
  name?: string | BooleanMaskOptions,
  axis?: number | null | BooleanMaskOptions,
): Tensor {
  const opts = positionalArgs<BooleanMaskOptions>("boolean_mask", ["name", "axis"], [name, axis]);
  return opScope(opts.name ?? "boolean_mask", "boolean_mask", [tensor, mask], () => {
    let t = convertToTensor(tensor, { name: "tensor" });
    let m = convertToTensor(mask, { name: "mask" });
    const shapeMask = m.shape;
    const shapeTensor = t.shape;
    if (shapeMask !== null && shapeMask.length === 0) throw new ValueError("mask cannot be scalar.");
    if (shapeMask === null) {
      throw new ValueError(
        "Number of mask dimensions must be specified, even if some dimensions are None.  E.g. shape=[None] is ok, but shape=None is not.",
      );
    }
    const ax = opts.axis ?? 0;
    const ndimsMask = shapeMask.length;
    const masked: Shape = shapeTensor === null ? null : shapeTensor.slice(ax, ax + ndimsMask);
    if (!isCompatible(masked, shapeMask)) {
      // tensor_shape.py: TensorShape.assert_is_compatible_with
      throw new ValueError(`Shapes ${shapeToString(masked)} and ${shapeToString(shapeMask)} are incompatible`);
    }
    const leadingSize = reduceProd(sliceRange(shape(t), ax, ax + ndimsMask), [0]);
    const head = sliceRange(shape(t), null, ax);
    const tail = sliceRange(shape(t), ax + ndimsMask, null);
    // `[leading_size]` is auto-packed where concat converts its values: a Pack `concat/values_1`.
    const newShape = opScope(null, "concat", [], (scope) =>
      concat([head, stack([leadingSize], 0, "values_1"), tail], 0, scope),
    );
    t = reshape(t, newShape);
    if (shapeTensor !== null) {
      const firstDim = masked?.every((d) => d !== null) ? masked.reduce((a: number, d) => a * (d as number), 1) : null;
      t.setShape([...shapeTensor.slice(0, ax), firstDim, ...shapeTensor.slice(ax + ndimsMask)]);
    }
    m = reshape(m, [-1]);
    // array_ops.py: _apply_mask_1d
    const indices = squeeze(whereIndices(m), [1]);
    return gather(t, indices, { axis: ax });
  });
}
