// tensor_shape.py: TensorShape as a plain array, `null` for an unknown dimension, `null` for an unknown rank.

export type Dim = number | null;
/** A static shape: dims (null where unknown), or null when even the rank is unknown. */
export type Shape = Dim[] | null;
export type ShapeLike = readonly Dim[] | null | undefined;

export function asShape(shape: ShapeLike): Shape {
  if (shape === null || shape === undefined) return null;
  return shape.map((d) => (d === null || d === undefined || d < 0 ? null : d));
}

export function isFullyDefined(shape: Shape): shape is number[] {
  return shape !== null && shape.every((d) => d !== null);
}

export function numElements(shape: Shape): number | null {
  if (!isFullyDefined(shape)) return null;
  return shape.reduce((a, b) => a * b, 1);
}

/** tensor_shape.py: TensorShape.is_compatible_with */
export function isCompatible(a: Shape, b: Shape): boolean {
  if (a === null || b === null) return true;
  if (a.length !== b.length) return false;
  return a.every((d, i) => d === null || b[i] === null || d === b[i]);
}

/** tensor_shape.py: TensorShape.merge_with; throws ValueError-like message on conflict (caller wraps). */
export function mergeShapes(a: Shape, b: Shape): Shape | undefined {
  if (a === null) return b;
  if (b === null) return a;
  if (a.length !== b.length) return undefined;
  const out: Dim[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== null && b[i] !== null && a[i] !== b[i]) return undefined;
    out.push(a[i] ?? b[i]);
  }
  return out;
}

/** tensor_shape.cc: PartialTensorShape::DebugString: `[?,3]`, `[]` for a scalar, `<unknown>` for an unknown rank. */
export function shapeDebugString(shape: Shape | readonly number[]): string {
  return shape === null ? "<unknown>" : dimsDebugString(shape);
}

/** shape_inference.cc: InferenceContext::DebugString, shape-function messages: as above, `?` for an unknown rank. */
export function inferenceShapeString(shape: Shape): string {
  return shape === null ? "?" : dimsDebugString(shape);
}

function dimsDebugString(dims: readonly Dim[]): string {
  return `[${dims.map((d) => (d === null || d < 0 ? "?" : String(d))).join(",")}]`;
}

/** Python's str(TensorShape): `(2, 3)`, `(?, 3)`, `()`, `<unknown>`; TF's messages quote shapes this way. */
export function shapeToString(shape: Shape): string {
  if (shape === null) return "<unknown>";
  const dims = shape.map((d) => (d === null ? "?" : String(d)));
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(", ")})`;
}

/** numpy broadcasting of two static shapes; undefined when they cannot broadcast. */
export function broadcastShapes(a: Shape, b: Shape): Shape | undefined {
  if (a === null || b === null) return null;
  const result = broadcastStatic(a, b);
  return "dims" in result ? result.dims : undefined;
}

/**
 * common_shapes.cc: BroadcastBinaryOpOutputShapeFnHelper on two static shapes of known rank: the broadcast dims, or
 * the first pair of known dims (from the left) that are neither equal nor 1, for the caller's message.
 */
export function broadcastStatic(
  a: readonly Dim[],
  b: readonly Dim[],
): { dims: Dim[] } | { conflict: [number, number] } {
  const rank = Math.max(a.length, b.length);
  const dims: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    if (da === 1) dims.push(db);
    else if (db === 1) dims.push(da);
    else if (da === null || db === null) dims.push(da ?? db);
    else if (da === db) dims.push(da);
    else return { conflict: [da, db] };
  }
  return { dims };
}
