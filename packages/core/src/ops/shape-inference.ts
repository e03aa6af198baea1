// shape_refiner.cc / shape_inference.cc (InferenceContext::AttachContext) and tensor_util.py (constant_value):
// the graph-time error context TF appends to shape-function errors, and the constant values shape functions read.
import { ValueError } from "../errors";
import type { NDArray } from "../framework/ndarray";
import { inferenceShapeString, isFullyDefined, mergeShapes, type Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { opDefs } from "./op-defs";

export interface ErrorContext {
  /** Inputs a shape function read as values (`input[1] = <0 1>`). */
  tensors?: [number, readonly number[] | number][];
  /** Inputs a shape function read as shapes (`input[1] = [4]`). */
  partialShapes?: [number, Shape][];
}

/**
 * shape_inference.cc: InferenceContext::AttachContext: `<message> for 'name' (op: 'Type') with input shapes: ...`,
 * plus the inputs the shape function evaluated. Thrown as ValueError, as ops.py's _create_c_op re-raises it.
 */
export function shapeError(
  message: string,
  opName: string,
  opType: string,
  inputs: readonly (Tensor | Shape)[],
  context: ErrorContext = {},
): ValueError {
  const shapes = inputs
    .map((t) => inferenceShapeString(t === null || Array.isArray(t) ? (t as Shape) : (t as Tensor).shape))
    .join(", ");
  let text = `${message} for '${opName}' (op: '${opType}') with input shapes: ${shapes}`;
  if (context.tensors?.length) {
    const values = context.tensors.map(([i, v]) => `input[${i}] = <${Array.isArray(v) ? v.join(" ") : v}>`);
    text += ` and with computed input tensors: ${values.join(", ")}`;
  }
  if (context.partialShapes?.length) {
    const values = context.partialShapes.map(([i, s]) => `input[${i}] = ${inferenceShapeString(s)}`);
    text += ` and with input tensors computed as partial shapes: ${values.join(",")}`;
  }
  return new ValueError(`${text}.`);
}

/**
 * tensor_util.py: constant_value for the cases shape functions need: a `Const`, the `Shape`/`Size`/`Rank` of a
 * statically known input, and a `Pack` or `Cast` of those. `null` when not known at graph-build time.
 */
export function constantValue(t: Tensor): number[] | null {
  const op = t.op;
  switch (op.type) {
    case opDefs.Const.type:
      return Array.from((op.attrs.value as NDArray).data as ArrayLike<number | bigint>, Number);
    case opDefs.Shape.type: {
      const s = op.inputs[0].shape;
      return isFullyDefined(s) ? s : null;
    }
    case opDefs.Size.type: {
      const s = op.inputs[0].shape;
      return isFullyDefined(s) ? [s.reduce((a, b) => a * b, 1)] : null;
    }
    case opDefs.Rank.type:
      return op.inputs[0].shape === null ? null : [op.inputs[0].shape.length];
    case opDefs.Identity.type:
    case opDefs.Cast.type:
    case opDefs.ExpandDims.type: // the flat values are unchanged
      return constantValue(op.inputs[0]);
    case opDefs.Fill.type: {
      const dims = constantValue(op.inputs[0]);
      const value = constantValue(op.inputs[1]);
      return dims && value && dims.length === 1 ? new Array(dims[0]).fill(value[0]) : null;
    }
    case opDefs.StridedSlice.type: {
      const whole = constantValue(op.inputs[0]);
      return (whole && sliceVector(op, whole)) ?? null;
    }
    case opDefs.Pack.type: {
      const parts = op.inputs.map(constantValue);
      return parts.every((p) => p !== null && p.length === 1) ? parts.map((p) => p![0]) : null;
    }
    default:
      return null;
  }
}

/** tensor_util.py: constant_value_as_shape: a shape from a 1-D shape tensor, -1 (or an unknown element) as null. */
export function constantValueAsShape(t: Tensor): Shape {
  const value = constantValue(t);
  if (value !== null) return value.map((d) => (d < 0 ? null : d));
  const s = t.shape;
  if (s !== null && s.length === 1 && s[0] !== null) {
    if (t.op.type === opDefs.Shape.type) return t.op.inputs[0].shape;
    if (t.op.type === opDefs.Pack.type) {
      // tensor_util.py: constant_value_as_shape (Pack): a negative or unknown element is an unknown dim.
      return t.op.inputs.map((x) => {
        const v = constantValue(x)?.[0];
        return v === undefined || v < 0 ? null : v;
      });
    }
    if (t.op.type === opDefs.ConcatV2.type) {
      // tensor_util.py: constant_value_as_shape (ConcatV2): the parts' shapes joined.
      const parts = t.op.inputs.slice(0, -1).map(constantValueAsShape);
      if (parts.every((p) => p !== null)) return parts.flat();
    }
    const sliced = slicedShape(t);
    if (sliced !== undefined) return sliced;
    return new Array(s[0]).fill(null);
  }
  return null;
}

/**
 * A 1-D `x[begin:end]` as a StridedSlice builds it (constant begin/end, stride 1, only begin_mask and end_mask set)
 * applied to `whole`; undefined for any other slice.
 */
function sliceVector<T>(op: Tensor["op"], whole: readonly T[]): T[] | undefined {
  const [begin, end, strides] = op.inputs.slice(1).map(constantValue);
  const masks = ["ellipsis_mask", "new_axis_mask", "shrink_axis_mask"].map((k) => Number(op.attrs[k] ?? 0));
  if (!begin || !end || !strides || begin.length !== 1 || strides[0] !== 1 || masks.some((m) => m !== 0)) {
    return undefined;
  }
  const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + whole.length : v, 0), whole.length);
  const from = Number(op.attrs.begin_mask ?? 0) & 1 ? 0 : clamp(begin[0]);
  const to = Number(op.attrs.end_mask ?? 0) & 1 ? whole.length : clamp(end[0]);
  return whole.slice(from, to);
}

/** tensor_util.py: constant_value_as_shape (StridedSlice): `tf.shape(x)[:1]` of a partly known shape. */
function slicedShape(t: Tensor): Shape | undefined {
  if (t.op.type !== opDefs.StridedSlice.type || t.op.inputs[0].op.type !== opDefs.Shape.type) return undefined;
  const whole = t.op.inputs[0].op.inputs[0].shape;
  return whole === null ? undefined : sliceVector(t.op, whole);
}

/** shape_inference.cc: InferenceContext::Merge's message for two shapes that disagree. */
export function mergeError(a: Shape, b: Shape): string {
  if (a !== null && b !== null && a.length !== b.length)
    return `Shapes must be equal rank, but are ${a.length} and ${b.length}`;
  const i = a!.findIndex((d, k) => d !== null && b![k] !== null && d !== b![k]);
  return `Dimension ${i} in both shapes must be equal, but are ${a![i]} and ${b![i]}. Shapes are ${inferenceShapeString(a)} and ${inferenceShapeString(b)}.`;
}

/**
 * array_ops.cc: Pack's shape function: the inputs' shapes merged (ValueError naming `opName` where two disagree), the
 * count inserted at `axis`; null when no input's rank is known.
 */
export function packShape(xs: readonly Tensor[], axis: number, opName: string): Shape {
  let shape: Shape | undefined = xs[0].shape;
  for (const x of xs) {
    const merged: Shape | undefined = mergeShapes(shape as Shape, x.shape);
    if (merged === undefined) throw shapeError(mergeError(shape as Shape, x.shape), opName, opDefs.Pack.type, xs);
    shape = merged;
  }
  if (!shape) return null;
  const ax = axis < 0 ? axis + shape.length + 1 : axis;
  return [...shape.slice(0, ax), xs.length, ...shape.slice(ax)];
}
