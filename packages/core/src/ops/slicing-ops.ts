// array_ops.py / gen_array_ops.py: concat, slice, strided_slice, gather, stack/unstack, tile, pad, and the ops their
// gradients use (ConcatOffset, StridedSliceGrad, DynamicStitch, UnsortedSegmentSum); shape functions of array_ops.cc.
import { ValueError } from "../errors";
import { int32 } from "../framework/dtypes";
import { isTensorConvertible } from "../framework/graph";
import { mergeShapes, type Shape } from "../framework/shape";
import { stridedSliceSpec } from "../framework/strided-slice-spec";
import { Tensor } from "../framework/tensor";
import type { ArrayValue } from "../framework/tensor-value";
import { identity, onesLike } from "./array-ops";
import { convertInputList, convertSameTypeInputs } from "./convert-inputs";
import { constantOp, convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { constantValue, constantValueAsShape, mergeError, packShape, shapeError } from "./shape-inference";

/** A value `stack` can make one `Const` of (ops.convert_to_tensor of the list succeeds): no Tensor, no Variable. */
const isConstant = (v: TensorLike) => !(v instanceof Tensor) && !isTensorConvertible(v);

/** array_ops.py: concat(values, axis, name="concat"): a `ConcatV2` (one value: an `Identity`). */
export function concat(values: readonly TensorLike[], axis: TensorLike, name = "concat"): Tensor {
  if (values.length === 1) {
    return opScope(name, "concat", [], (scope) => {
      convertToTensor(axis, { name: "concat_dim", dtype: int32 });
      return identity(values[0], scope);
    });
  }
  return opScope(name, opDefs.ConcatV2.type, [...values, axis], (scope) => {
    const xs = convertInputList(
      opDefs.ConcatV2.type,
      "values",
      values,
      values.map((_, i) => `values_${i}`),
    );
    const a = convertToTensor(axis, { name: "axis", preferredDtype: int32 });
    const dtype = xs[0].dtype;
    const opName = scope.slice(0, -1);
    const axisValue = constantValue(a)?.[0];
    const known = xs.find((x) => x.shape !== null)?.shape;
    let shape: Shape = known ? known.map(() => null) : null;
    if (axisValue !== undefined && known) {
      const rank = known.length;
      if (axisValue < -rank || axisValue >= rank) {
        // array_ops.cc: ConcatShapeHelper
        throw shapeError(
          `Expected concat_dim in the range [${-rank}, ${rank}), but got ${axisValue}`,
          opName,
          opDefs.ConcatV2.type,
          [...xs, a],
          {
            tensors: [[xs.length, axisValue]],
          },
        );
      }
      const ax = axisValue < 0 ? axisValue + rank : axisValue;
      let merged: Shape = known.map((d, i) => (i === ax ? null : d));
      let total: number | null = 0;
      for (const x of xs) {
        if (x.shape === null) {
          total = null;
          continue;
        }
        if (x.shape.length !== rank) {
          // array_ops.cc: ConcatShapeHelper (WithRank)
          throw shapeError(
            `Shape must be rank ${rank} but is rank ${x.shape.length}`,
            opName,
            opDefs.ConcatV2.type,
            [...xs, a],
            {
              tensors: [[xs.length, axisValue]],
            },
          );
        }
        const other = x.shape.map((d, i) => (i === ax ? null : d));
        const next: Shape | undefined = mergeShapes(merged, other);
        if (next === undefined) {
          throw shapeError(mergeError(merged, other), opName, opDefs.ConcatV2.type, [...xs, a], {
            tensors: [[xs.length, axisValue]],
          });
        }
        merged = next;
        total = total === null || x.shape[ax] === null ? null : total + (x.shape[ax] as number);
      }
      shape = merged!.map((d, i) => (i === ax ? total : d));
    }
    return createOp(opDefs.ConcatV2, [...xs, a], {
      name: scope,
      attrs: { N: xs.length, T: dtype, Tidx: a.dtype },
      shapes: [shape],
    }).outputs[0];
  });
}

/** gen_array_ops.py: concat_offset(concat_dim, shape): a `ConcatOffset` with one offset per shape. */
export function concatOffset(concatDim: Tensor, shapes: Tensor[], name?: string): Tensor[] {
  return opScope(
    name,
    opDefs.ConcatOffset.type,
    [concatDim, ...shapes],
    (scope) =>
      createOp(opDefs.ConcatOffset, [concatDim, ...shapes], {
        name: scope,
        attrs: { N: shapes.length },
        shapes: shapes.map((s) => s.shape),
      }).outputs,
  );
}

/** array_ops.py: slice(input_, begin, size, name=None): a `Slice`. */
export function slice(input: TensorLike, begin: TensorLike, size: TensorLike, name?: string): Tensor {
  return opScope(name, opDefs.Slice.type, [input, begin, size], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    const [b, s] = convertSameTypeInputs(opDefs.Slice.type, [begin, size], ["begin", "size"]);
    const bv = constantValue(b);
    const sv = constantValue(s);
    const opName = scope.slice(0, -1);
    let shape: Shape = x.shape === null ? (sv ? sv.map(() => null) : null) : x.shape.map(() => null);
    if (x.shape !== null && bv !== null && bv.length !== x.shape.length) {
      // array_ops.cc: Slice shape function (WithValue of the begin length)
      throw shapeError(`Dimension must be ${x.shape.length} but is ${bv.length}`, opName, opDefs.Slice.type, [x, b, s]);
    }
    if (sv !== null) {
      shape = sv.map((d, i) => {
        const dim = x.shape?.[i] ?? null;
        if (d !== -1) {
          if (dim !== null && bv !== null && (d < 0 || bv[i] + d > dim)) {
            // array_ops.cc: Slice shape function
            throw shapeError(
              `Expected size[${i}] in [0, ${dim - bv[i]}], but got ${d}`,
              opName,
              opDefs.Slice.type,
              [x, b, s],
              {
                tensors: [
                  [1, bv],
                  [2, sv],
                ],
              },
            );
          }
          return d;
        }
        return dim !== null && bv !== null ? dim - bv[i] : null;
      });
    }
    return createOp(opDefs.Slice, [x, b, s], {
      name: scope,
      attrs: { T: x.dtype, Index: b.dtype },
      shapes: [shape],
    }).outputs[0];
  });
}

export interface StridedSliceOptions {
  beginMask?: number;
  endMask?: number;
  ellipsisMask?: number;
  newAxisMask?: number;
  shrinkAxisMask?: number;
  name?: string;
}

function maskAttrs(o: StridedSliceOptions) {
  return {
    begin_mask: o.beginMask ?? 0,
    end_mask: o.endMask ?? 0,
    ellipsis_mask: o.ellipsisMask ?? 0,
    new_axis_mask: o.newAxisMask ?? 0,
    shrink_axis_mask: o.shrinkAxisMask ?? 0,
  };
}

/** The static output shape of a strided slice, or a ValueError in TF's words. */
function stridedShape(
  x: Tensor,
  b: Tensor,
  e: Tensor,
  s: Tensor,
  o: StridedSliceOptions,
  opName: string,
  opType: string,
  inputs: Tensor[],
): Shape {
  const [bv, ev, sv] = [constantValue(b), constantValue(e), constantValue(s)];
  if (x.shape === null || sv === null) return null;
  const n = sv.length;
  const spec = stridedSliceSpec(x.shape, bv ?? new Array(n).fill(null), ev ?? new Array(n).fill(null), sv, {
    beginMask: o.beginMask ?? 0,
    endMask: o.endMask ?? 0,
    ellipsisMask: o.ellipsisMask ?? 0,
    newAxisMask: o.newAxisMask ?? 0,
    shrinkAxisMask: o.shrinkAxisMask ?? 0,
  });
  if ("error" in spec) {
    const tensors: [number, number[]][] = [];
    [bv, ev, sv].forEach((v, i) => v && tensors.push([i + 1, v]));
    // array_ops.cc: StridedSlice shape function (ValidateStridedSliceOp)
    throw shapeError(spec.error, opName, opType, inputs, { tensors });
  }
  return spec.finalShape;
}

/** array_ops.py: strided_slice(input_, begin, end, strides=None, ...): strides default to `ones_like(begin)`. */
export function stridedSlice(
  input: TensorLike,
  begin: TensorLike,
  end: TensorLike,
  strides?: TensorLike | null,
  options: StridedSliceOptions = {},
): Tensor {
  const st = strides ?? onesLike(begin as TensorLike);
  return opScope(options.name, opDefs.StridedSlice.type, [input, begin, end, st], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    const [b, e, s] = convertSameTypeInputs(opDefs.StridedSlice.type, [begin, end, st], ["begin", "end", "strides"]);
    const shape = stridedShape(x, b, e, s, options, scope.slice(0, -1), opDefs.StridedSlice.type, [x, b, e, s]);
    return createOp(opDefs.StridedSlice, [x, b, e, s], {
      name: scope,
      attrs: { T: x.dtype, Index: b.dtype, ...maskAttrs(options) },
      shapes: [shape],
    }).outputs[0];
  });
}

/** gen_array_ops.py: strided_slice_grad(shape, begin, end, strides, dy, ...): a `StridedSliceGrad`. */
export function stridedSliceGrad(
  shape: Tensor,
  begin: Tensor,
  end: Tensor,
  strides: Tensor,
  dy: Tensor,
  options: StridedSliceOptions = {},
): Tensor {
  return opScope(
    options.name,
    opDefs.StridedSliceGrad.type,
    [shape, begin, end, strides, dy],
    (scope) =>
      createOp(opDefs.StridedSliceGrad, [shape, begin, end, strides, dy], {
        name: scope,
        attrs: { T: dy.dtype, Index: begin.dtype, ...maskAttrs(options) },
        shapes: [constantValueAsShape(shape)],
      }).outputs[0],
  );
}

export interface GatherOptions {
  axis?: TensorLike;
  name?: string;
}

/** array_ops.py: gather(params, indices, axis=None, name=None): a `GatherV2` with input `axis` (default 0). */
export function gather(params: TensorLike, indices: TensorLike, options: GatherOptions | string = {}): Tensor {
  const opts = typeof options === "string" ? { name: options } : options;
  return opScope(opts.name, opDefs.GatherV2.type, [params, indices, opts.axis ?? 0], (scope) => {
    const p = convertToTensor(params, { name: "params" });
    const i = convertToTensor(indices, { name: "indices", preferredDtype: int32 });
    const a = convertToTensor(opts.axis ?? 0, { name: "axis", preferredDtype: int32 });
    const av = constantValue(a)?.[0];
    let shape: Shape = null;
    if (p.shape !== null && i.shape !== null && av !== undefined) {
      const rank = p.shape.length;
      if (av < -rank || av >= rank) {
        // array_ops.cc: GatherV2 shape function
        throw shapeError(
          `Shape must be at least rank ${av < 0 ? -av : av + 1} but is rank ${rank}`,
          scope.slice(0, -1),
          opDefs.GatherV2.type,
          [p, i, a],
          {
            tensors: [[2, av]],
          },
        );
      }
      const ax = av < 0 ? av + rank : av;
      shape = [...p.shape.slice(0, ax), ...i.shape, ...p.shape.slice(ax + 1)];
    }
    return createOp(opDefs.GatherV2, [p, i, a], {
      name: scope,
      attrs: { Tparams: p.dtype, Tindices: i.dtype, Taxis: a.dtype },
      shapes: [shape],
    }).outputs[0];
  });
}

/** array_ops.py: stack(values, axis=0, name="stack"): a `Const` for plain values along axis 0, else a `Pack`. */
export function stack(values: readonly TensorLike[], axis = 0, name = "stack"): Tensor {
  if (axis === 0 && values.every(isConstant))
    return opScope(name, "stack", [], (scope) => constantOp(values as ArrayValue, null, null, scope));
  return opScope(name, opDefs.Pack.type, values, (scope) => {
    const xs = convertInputList(
      opDefs.Pack.type,
      "values",
      values,
      values.map((_, i) => String(i)),
    );
    const dtype = xs[0].dtype;
    return createOp(opDefs.Pack, xs, {
      name: scope,
      attrs: { N: xs.length, T: dtype, axis },
      shapes: [packShape(xs, axis, scope.slice(0, -1))],
    }).outputs[0];
  });
}

/** array_ops.py: unstack(value, num=None, axis=0, name="unstack"): an `Unpack`. */
export function unstack(value: TensorLike, num?: number | null, axis = 0, name = "unstack"): Tensor[] {
  return opScope(name, opDefs.Unpack.type, [value], (scope) => {
    const x = convertToTensor(value, { name: "value" });
    const rank = x.shape?.length ?? null;
    const ax = rank !== null && axis < 0 ? axis + rank : axis;
    const n = num ?? x.shape?.[ax] ?? null;
    if (n === null) throw new Error(`Cannot infer num from shape ${x.shape}`); // array_ops.py: unstack (ValueError)
    const shape: Shape = x.shape === null ? null : x.shape.filter((_, i) => i !== ax);
    return createOp(opDefs.Unpack, [x], {
      name: scope,
      attrs: { num: n, T: x.dtype, axis },
      shapes: Array.from({ length: n }, () => shape),
    }).outputs;
  });
}

/** array_ops.py: tile(input, multiples, name=None): a `Tile`. */
export function tile(input: TensorLike, multiples: TensorLike, name?: string): Tensor {
  return opScope(name, opDefs.Tile.type, [input, multiples], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    const m = convertToTensor(multiples, { name: "multiples", preferredDtype: int32 });
    const mv = constantValue(m);
    let shape: Shape = x.shape === null ? null : x.shape.map(() => null);
    if (mv !== null && x.shape !== null) {
      if (mv.length !== x.shape.length) {
        // array_ops.cc: Tile shape function
        throw shapeError(
          `Shape must be rank ${x.shape.length} but is rank ${mv.length}`,
          scope.slice(0, -1),
          opDefs.Tile.type,
          [x, m],
        );
      }
      shape = x.shape.map((d, i) => (d === null ? null : d * mv[i]));
    }
    return createOp(opDefs.Tile, [x, m], {
      name: scope,
      attrs: { T: x.dtype, Tmultiples: m.dtype },
      shapes: [shape],
    }).outputs[0];
  });
}

/** array_ops.py: pad(tensor, paddings, mode="CONSTANT", name=None) with zeros: a `Pad`. */
export function pad(tensor: TensorLike, paddings: TensorLike, name?: string): Tensor {
  return opScope(name, opDefs.Pad.type, [tensor, paddings], (scope) => {
    const x = convertToTensor(tensor, { name: "input" });
    const p = convertToTensor(paddings, { name: "paddings", preferredDtype: int32 });
    const pv = constantValue(p);
    const shape: Shape =
      x.shape === null
        ? null
        : x.shape.map((d, i) => (d === null || pv === null ? null : d + pv[2 * i] + pv[2 * i + 1]));
    return createOp(opDefs.Pad, [x, p], {
      name: scope,
      attrs: { T: x.dtype, Tpaddings: p.dtype },
      shapes: [shape],
    }).outputs[0];
  });
}

function stitch(
  def: typeof opDefs.DynamicStitch | typeof opDefs.ParallelDynamicStitch,
  indices: readonly Tensor[],
  data: readonly Tensor[],
  name?: string,
): Tensor {
  return opScope(name, def.type, [...indices, ...data], (scope) => {
    const tail = data[0].shape && indices[0].shape ? data[0].shape.slice(indices[0].shape.length) : null;
    return createOp(def, [...indices, ...data], {
      name: scope,
      attrs: { N: indices.length, T: data[0].dtype },
      shapes: [tail ? [null, ...tail] : null],
    }).outputs[0];
  });
}

/** gen_data_flow_ops.py: dynamic_stitch(indices, data): a `DynamicStitch`. */
export function dynamicStitch(indices: readonly Tensor[], data: readonly Tensor[], name?: string): Tensor {
  return stitch(opDefs.DynamicStitch, indices, data, name);
}

/** gen_data_flow_ops.py: parallel_dynamic_stitch(indices, data): a `ParallelDynamicStitch`. */
export function parallelDynamicStitch(indices: readonly Tensor[], data: readonly Tensor[], name?: string): Tensor {
  return stitch(opDefs.ParallelDynamicStitch, indices, data, name);
}

/**
 * gen_data_flow_ops.py: dynamic_partition(data, partitions, num_partitions): `num_partitions` tensors, the slices of
 * `data` whose int32 partition is 0, 1, ...; each [?] + data.shape[rank(partitions):].
 */
export function dynamicPartition(data: TensorLike, partitions: TensorLike, numPartitions: number, name?: string) {
  return opScope(name, opDefs.DynamicPartition.type, [data, partitions], (scope) => {
    const x = convertToTensor(data, { name: "data" });
    const p = convertToTensor(partitions, { name: "partitions", dtype: int32 });
    if (!Number.isInteger(numPartitions) || numPartitions < 1) {
      // op_def_library.py: _apply_op_helper (num_partitions: int >= 1)
      throw new ValueError(
        `Attr 'num_partitions' of '${opDefs.DynamicPartition.type}' Op passed ${numPartitions} less than minimum 1.`,
      );
    }
    const tail = x.shape && p.shape ? x.shape.slice(p.shape.length) : null;
    return createOp(opDefs.DynamicPartition, [x, p], {
      name: scope,
      attrs: { num_partitions: numPartitions, T: x.dtype },
      shapes: new Array(numPartitions).fill(tail ? [null, ...tail] : null),
    }).outputs;
  });
}

/** math_ops.py: unsorted_segment_sum(data, segment_ids, num_segments): an `UnsortedSegmentSum`. */
export function unsortedSegmentSum(data: Tensor, segmentIds: Tensor, numSegments: TensorLike, name?: string): Tensor {
  return opScope(name, opDefs.UnsortedSegmentSum.type, [data, segmentIds, numSegments], (scope) => {
    const n = convertToTensor(numSegments, { name: "num_segments", preferredDtype: int32 });
    const tail = data.shape && segmentIds.shape ? data.shape.slice(segmentIds.shape.length) : null;
    return createOp(opDefs.UnsortedSegmentSum, [data, segmentIds, n], {
      name: scope,
      attrs: { T: data.dtype, Tindices: segmentIds.dtype, Tnumsegments: n.dtype },
      shapes: [tail ? [constantValue(n)?.[0] ?? null, ...tail] : null],
    }).outputs[0];
  });
}
