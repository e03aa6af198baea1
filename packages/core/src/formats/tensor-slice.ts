// framework/tensor_slice.{h,cc} (TensorSlice: per dimension a start and a length, -1 meaning the whole dimension),
// util/saved_tensor_slice_util.cc (ParseShapeAndSlice, EncodeTensorNameSlice) and lib/strings/ordered_code.cc (the
// key encoding): how a partitioned variable's parts are described in SaveV2/RestoreV2's `shape_and_slices` and keyed
// in a checkpoint bundle.
import { InternalError, InvalidArgumentError } from "../errors";
import type { NDArray } from "../framework/ndarray";

/** tensor_slice.h: kFullExtent, the length of a dimension taken whole. */
export const FULL_EXTENT = -1;

/** TensorSlice: for each dimension, where the slice starts and how long it is (FULL_EXTENT: all of it). */
export interface TensorSlice {
  starts: number[];
  lengths: number[];
}

/** TensorSlice(int dim): the full slice of a rank-`rank` tensor. */
export function fullSlice(rank: number): TensorSlice {
  return { starts: new Array(rank).fill(0), lengths: new Array(rank).fill(FULL_EXTENT) };
}

/** TensorSlice::IsFullAt */
function isFullAt(slice: TensorSlice, d: number): boolean {
  return slice.lengths[d] === FULL_EXTENT && slice.starts[d] === 0;
}

/** TensorSlice::IsFull */
export function isFull(slice: TensorSlice): boolean {
  return slice.lengths.every((_, d) => isFullAt(slice, d));
}

/** TensorSlice::DebugString: `start,length` per dimension (`-` when full), joined by `:`. */
export function sliceDebugString(slice: TensorSlice): string {
  return slice.lengths.map((l, d) => (isFullAt(slice, d) ? "-" : `${slice.starts[d]},${l}`)).join(":");
}

/** TensorShape::DebugString */
export function shapeDebugString(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

/** TensorSlice::Parse: `-` or `start,length` per dimension, separated by `:`. */
export function parseSlice(text: string): TensorSlice {
  const slice: TensorSlice = { starts: [], lengths: [] };
  for (const item of text.split(":").filter((x) => x !== "")) {
    if (item === "-") {
      slice.starts.push(0);
      slice.lengths.push(FULL_EXTENT);
      continue;
    }
    const parts = item.split(",").filter((x) => x !== "");
    const [s, l] = parts.map((p) => (/^[-+]?\d+$/.test(p.trim()) ? Number(p) : Number.NaN));
    if (parts.length !== 2 || !Number.isSafeInteger(s) || !Number.isSafeInteger(l)) {
      throw new InvalidArgumentError(`Expected a pair of numbers or '-' but got '${item}': string = ${text}`);
    }
    if (s < 0 || l <= 0) {
      throw new InvalidArgumentError(
        `Expected non-negative start and positive length but got start = ${s}, length = ${l}: string = ${text}`,
      );
    }
    slice.starts.push(s);
    slice.lengths.push(l);
  }
  return slice;
}

/** TensorSlice::SliceTensorShape: the shape of `slice` taken from a tensor of `shape`. */
export function sliceTensorShape(slice: TensorSlice, shape: readonly number[]): number[] {
  if (shape.length !== slice.lengths.length) {
    throw new InternalError(
      `Mismatching ranks: shape = ${shapeDebugString(shape)}, slice = ${sliceDebugString(slice)}`,
    );
  }
  return shape.map((size, d) => {
    if (isFullAt(slice, d)) return size;
    if (slice.starts[d] + slice.lengths[d] <= size) return slice.lengths[d];
    throw new InternalError(
      `Extent in dimension ${d} out of bounds: shape = ${shapeDebugString(shape)}, slice = ${sliceDebugString(slice)}`,
    );
  });
}

/** tensor_bundle.cc: IsFullSlice: full, or covering all of `fullShape`. */
export function isFullSlice(slice: TensorSlice, fullShape: readonly number[]): boolean {
  if (isFull(slice)) return true;
  const sliced = sliceTensorShape(slice, fullShape);
  return sliced.every((d, i) => d === fullShape[i]);
}

/** The spec ParseShapeAndSlice reads: the full shape, the slice, and the slice's own shape. */
export interface ShapeAndSlice {
  fullShape: number[];
  slice: TensorSlice;
  sliceShape: number[];
}

/** saved_tensor_slice_util.cc: ParseShapeAndSlice: `dim0 dim1 ... <slice>`, e.g. "10 4 0,5:0,4". */
export function parseShapeAndSlice(spec: string): ShapeAndSlice {
  const splits = spec.split(" ");
  if (splits.length < 2) {
    throw new InvalidArgumentError(`Need least two elements in shape_and_slice specification: ${spec}`);
  }
  const slice = parseSlice(splits[splits.length - 1]);
  const fullShape = splits.slice(0, -1).map((s) => {
    const dim = /^[-+]?\d+$/.test(s) ? Number(s) : Number.NaN;
    if (!Number.isSafeInteger(dim)) {
      throw new InvalidArgumentError(`Non numerical dimension in shape_and_slice: ${spec}`);
    }
    return dim;
  });
  return { fullShape, slice, sliceShape: sliceTensorShape(slice, fullShape) };
}

/** variables.py: Variable.SaveSliceInfo.spec: "<full shape> <offset,length per dim joined by :>". */
export function saveSliceSpec(fullShape: readonly number[], varOffset: readonly number[], varShape: readonly number[]) {
  return `${fullShape.map((d) => `${d} `).join("")}${varOffset.map((o, i) => `${o},${varShape[i]}`).join(":")}`;
}

/** The slice as TensorSliceProto: an extent per dimension, start and length only where it is not full (AsProto). */
export function sliceToProto(slice: TensorSlice): { extent: { start?: number; length?: number }[] } {
  return {
    extent: slice.lengths.map((l, d) => (isFullAt(slice, d) ? {} : { start: slice.starts[d], length: l })),
  };
}

/** TensorSlice(const TensorSliceProto&): a missing length is the full extent. */
export function sliceFromProto(proto: { extent?: { start?: unknown; length?: unknown }[] }): TensorSlice {
  const extents = proto.extent ?? [];
  return {
    starts: extents.map((e) => Number(e.start ?? 0)),
    lengths: extents.map((e) => (e.length === undefined || e.length === null ? FULL_EXTENT : Number(e.length))),
  };
}

// --- ordered_code.cc -----------------------------------------------------------------------------------------------

/** OrderedCode::WriteNumIncreasing: a length byte, then the value big-endian without leading zero bytes. */
function numIncreasing(value: number): number[] {
  const bytes: number[] = [];
  for (let v = BigInt(value); v > 0n; v >>= 8n) bytes.unshift(Number(v & 0xffn));
  return [bytes.length, ...bytes];
}

/** OrderedCode::WriteString: 0x00 → 00 ff, 0xff → ff 00, then the separator 00 01. */
function orderedString(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (const b of bytes) {
    if (b === 0x00) out.push(0x00, 0xff);
    else if (b === 0xff) out.push(0xff, 0x00);
    else out.push(b);
  }
  out.push(0x00, 0x01);
  return out;
}

/** ordered_code.cc: kLengthToHeaderBits */
const LENGTH_TO_HEADER_BITS = [
  [0, 0],
  [0x80, 0],
  [0xc0, 0],
  [0xe0, 0],
  [0xf0, 0],
  [0xf8, 0],
  [0xfc, 0],
  [0xfe, 0],
  [0xff, 0],
  [0xff, 0x80],
  [0xff, 0xc0],
];

/**
 * OrderedCode::WriteSignedNumIncreasing: the sign bit, as many length bits as bytes follow the first, then the
 * two's-complement value; n bytes hold [-2^(7n-1), 2^(7n-1)).
 */
export function signedNumIncreasing(value: number): number[] {
  const val = BigInt.asIntN(64, BigInt(value));
  const x = val < 0n ? ~val : val;
  if (x < 64n) return [(0x80 ^ Number(BigInt.asUintN(8, val))) & 0xff];
  const bits = x.toString(2).length; // Log2Floor64(x) + 1
  const len = Math.floor(bits / 7) + 1; // kBitsToLength
  const sign = val < 0n ? 0xff : 0;
  const buf = [sign, sign];
  const u = BigInt.asUintN(64, val);
  for (let i = 0; i < 8; i++) buf.push(Number((u >> BigInt(56 - 8 * i)) & 0xffn));
  const begin = buf.slice(buf.length - len);
  begin[0] ^= LENGTH_TO_HEADER_BITS[len][0];
  begin[1] ^= LENGTH_TO_HEADER_BITS[len][1];
  return begin;
}

const encoder = new TextEncoder();

/**
 * saved_tensor_slice_util.cc: EncodeTensorNameSlice: the bundle key of one slice of `name`:
 * <0><name><rank><start, length per dimension>, in OrderedCode so slice keys sort before every variable name.
 */
export function encodeTensorNameSlice(name: string, slice: TensorSlice): Uint8Array {
  const parts: number[] = [...numIncreasing(0), ...orderedString(encoder.encode(name))];
  parts.push(...numIncreasing(slice.lengths.length));
  for (let d = 0; d < slice.lengths.length; d++) {
    parts.push(...signedNumIncreasing(slice.starts[d]), ...signedNumIncreasing(slice.lengths[d]));
  }
  return new Uint8Array(parts);
}

// --- copying between slices ----------------------------------------------------------------------------------------

/** The [start, end) of `slice` in dimension d of a tensor of `fullShape`. */
function range(slice: TensorSlice, fullShape: readonly number[], d: number): [number, number] {
  return isFullAt(slice, d) ? [0, fullShape[d]] : [slice.starts[d], slice.starts[d] + slice.lengths[d]];
}

/** TensorSlice::Intersect, as [start, end) ranges per dimension; null when the slices do not overlap. */
export function intersect(a: TensorSlice, b: TensorSlice, fullShape: readonly number[]): [number, number][] | null {
  const out: [number, number][] = [];
  for (let d = 0; d < fullShape.length; d++) {
    const [as, ae] = range(a, fullShape, d);
    const [bs, be] = range(b, fullShape, d);
    const s = Math.max(as, bs);
    const e = Math.min(ae, be);
    if (s >= e) return null;
    out.push([s, e]);
  }
  return out;
}

/**
 * tensor_slice_util.h: CopyDataFromTensorSliceToTensorSlice: the elements of `src` (holding `srcSlice` of a tensor
 * of `fullShape`) that fall inside `dstSlice` are copied into `dst` (holding `dstSlice`).
 */
export function copySliceToSlice(
  fullShape: readonly number[],
  srcSlice: TensorSlice,
  dstSlice: TensorSlice,
  src: NDArray,
  dst: NDArray,
): void {
  const box = intersect(srcSlice, dstSlice, fullShape);
  if (!box) return;
  const rank = fullShape.length;
  const srcStart = fullShape.map((_, d) => range(srcSlice, fullShape, d)[0]);
  const dstStart = fullShape.map((_, d) => range(dstSlice, fullShape, d)[0]);
  const strides = (shape: readonly number[]) => {
    const s = new Array<number>(rank).fill(1);
    for (let d = rank - 2; d >= 0; d--) s[d] = s[d + 1] * shape[d + 1];
    return s;
  };
  const srcStrides = strides(src.shape);
  const dstStrides = strides(dst.shape);
  const from = src.data as ArrayLike<unknown> & { subarray?: (s: number, e: number) => ArrayLike<unknown> };
  const to = dst.data as unknown as unknown[] & { set?: (values: ArrayLike<unknown>, offset: number) => void };
  if (rank === 0) {
    to[0] = from[0];
    return;
  }
  // Copies one run along the last dimension at a time (one `set` for typed arrays).
  const last = rank - 1;
  const run = box[last][1] - box[last][0];
  const index = box.map(([s]) => s);
  for (;;) {
    let si = 0;
    let di = 0;
    for (let d = 0; d < rank; d++) {
      si += (index[d] - srcStart[d]) * srcStrides[d];
      di += (index[d] - dstStart[d]) * dstStrides[d];
    }
    if (from.subarray && to.set) to.set(from.subarray(si, si + run), di);
    else for (let k = 0; k < run; k++) to[di + k] = from[si + k];
    let d = last - 1;
    while (d >= 0 && ++index[d] === box[d][1]) {
      index[d] = box[d][0];
      d--;
    }
    if (d < 0) return;
  }
}

/** The number of elements in the [start, end) box. */
export function boxSize(box: readonly [number, number][]): number {
  return box.reduce((n, [s, e]) => n * (e - s), 1);
}
