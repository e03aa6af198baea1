// array_ops.cc kernels (reshape_op.h, transpose_op.cc, concat_op.cc, slice_op.cc, strided_slice_op.cc, gather_op.cc,
// tile_ops.cc, pad_op.cc, pack_op.cc, dynamic_stitch_op.cc, segment_reduction_ops.cc, bcast_ops.cc) in plain TS.
import { InvalidArgumentError } from "../../errors";
import { int32 } from "../../framework/dtypes";
import { NDArray, sizeOf } from "../../framework/ndarray";
import { stridedSliceSpec } from "../../framework/strided-slice-spec";
import type { Kernel, KernelContext } from "../contract";
import {
  canonicalAxis,
  dimsText,
  dtypeAttr,
  fromNumbers,
  intList,
  mapIndices,
  numberAt,
  setNumber,
  stridesOf,
  take,
} from "./strided";

function invalid(message: string, ctx: KernelContext): never {
  throw new InvalidArgumentError(`${message}\n\t [[{{node ${ctx.opName}}}]]`);
}

/** The same elements under another shape (NDArray data is never mutated in place, so sharing is safe). */
function withShape(x: NDArray, shape: readonly number[]): NDArray {
  return new NDArray(x.dtype, shape, x.data);
}

/** reshape_op.h: ReshapeOp::Compute, one -1 inferred. */
const reshape: Kernel = ([x, shapeArray], ctx) => {
  const shape = intList(shapeArray);
  const unknown = shape.indexOf(-1);
  for (let d = 0; d < shape.length; d++) {
    // reshape_op.h: ReshapeOp::ValidateSizes
    if (shape[d] === -1 && d !== unknown) invalid(`Only one input size may be -1, not both ${unknown} and ${d}`, ctx);
    if (shape[d] < -1) invalid(`Size ${d} must be non-negative, not ${shape[d]}`, ctx);
  }
  const known = shape.reduce((acc, d, i) => (i === unknown ? acc : acc * d), 1);
  if (unknown >= 0) {
    if (known === 0 ? x.size !== 0 : x.size % known !== 0) {
      // reshape_op.h: ReshapeOp::Compute
      invalid(
        `Input to reshape is a tensor with ${x.size} values, but the requested shape requires a multiple of ${known}`,
        ctx,
      );
    }
    shape[unknown] = known === 0 ? 0 : x.size / known;
  } else if (known !== x.size) {
    // reshape_op.h: ReshapeOp::Compute
    invalid(`Input to reshape is a tensor with ${x.size} values, but the requested shape has ${known}`, ctx);
  }
  return [withShape(x, shape)];
};

/** transpose_op.cc: output dim i is input dim perm[i]. */
function transposeArray(x: NDArray, perm: number[]): NDArray {
  const outShape = perm.map((p) => x.shape[p]);
  const inStrides = stridesOf(x.shape);
  return take(
    x,
    outShape,
    mapIndices(outShape, (o) => o.reduce((acc, v, i) => acc + v * inStrides[perm[i]], 0)),
  );
}

const transpose: Kernel = ([x, permArray], ctx) => {
  const perm = intList(permArray);
  const seen = new Set(perm);
  if (perm.length !== x.rank)
    invalid(`transpose expects a vector of size ${x.rank}. But input(1) is a vector of size ${perm.length}`, ctx);
  if (seen.size !== perm.length || perm.some((p) => p < 0 || p >= x.rank)) {
    // transpose_op.cc: TransposeOp::Compute
    invalid(`${perm.join(",")} is not a valid permutation`, ctx);
  }
  return [transposeArray(x, perm)];
};

/** concat_op.cc: ConcatBaseOp (inputs..., axis). */
const concatV2: Kernel = (inputs, ctx) => {
  const values = inputs.slice(0, -1);
  const axisValue = intList(inputs[inputs.length - 1])[0];
  const rank = values[0].rank;
  const axis = canonicalAxis(axisValue, rank);
  if (axis === undefined)
    invalid(`ConcatOp : Expected concatenating dimensions in the range [${-rank}, ${rank}), but got ${axisValue}`, ctx);
  const outShape = [...values[0].shape];
  outShape[axis] = 0;
  values.forEach((v, i) => {
    if (v.rank !== rank || v.shape.some((d, j) => j !== axis && d !== values[0].shape[j])) {
      // concat_op.cc: ConcatBaseOp::Compute
      invalid(
        `ConcatOp : Dimensions of inputs should match: shape[0] = ${dimsText(values[0].shape)} vs. shape[${i}] = ${dimsText(v.shape)}`,
        ctx,
      );
    }
    outShape[axis] += v.shape[axis];
  });
  const out = new NDArray(values[0].dtype, outShape);
  const dst = out.data as unknown as unknown[];
  const outer = sizeOf(outShape.slice(0, axis));
  let k = 0;
  for (let o = 0; o < outer; o++) {
    for (const v of values) {
      const chunk = sizeOf(v.shape.slice(axis));
      const src = v.data as unknown as unknown[];
      for (let j = 0; j < chunk; j++) dst[k++] = src[o * chunk + j];
    }
  }
  return [out];
};

/** concat_op.cc: ConcatOffsetOp: where each input starts along the concat dim. */
const concatOffset: Kernel = (inputs) => {
  const axis = intList(inputs[0])[0];
  let offset = 0;
  return inputs.slice(1).map((shape) => {
    const dims = intList(shape);
    const out = dims.map((_, i) => (i === axis ? offset : 0));
    offset += dims[axis];
    return fromNumbers(int32, [dims.length], out);
  });
};

/** slice_op.cc: SliceOp (size -1 means "to the end"). */
const slice: Kernel = ([x, beginArray, sizeArray], ctx) => {
  const begin = intList(beginArray);
  const size = intList(sizeArray).map((s, i) => (s === -1 ? x.shape[i] - begin[i] : s));
  if (begin.length !== x.rank || size.length !== x.rank) {
    invalid(
      `Expected begin and size arguments to be 1-D tensors of size ${x.rank}, but got shapes ${dimsText(beginArray.shape)} and ${dimsText(sizeArray.shape)} instead.`,
      ctx,
    );
  }
  size.forEach((s, i) => {
    if (begin[i] < 0 || s < 0 || begin[i] + s > x.shape[i]) {
      // slice_op.cc: SharedValidation
      invalid(`Expected size[${i}] in [0, ${x.shape[i] - begin[i]}], but got ${intList(sizeArray)[i]}`, ctx);
    }
  });
  const strides = stridesOf(x.shape);
  return [
    take(
      x,
      size,
      mapIndices(size, (o) => o.reduce((acc, v, i) => acc + (v + begin[i]) * strides[i], 0)),
    ),
  ];
};

function sliceMasks(ctx: KernelContext) {
  const a = ctx.attrs;
  return {
    beginMask: Number(a.begin_mask ?? 0),
    endMask: Number(a.end_mask ?? 0),
    ellipsisMask: Number(a.ellipsis_mask ?? 0),
    newAxisMask: Number(a.new_axis_mask ?? 0),
    shrinkAxisMask: Number(a.shrink_axis_mask ?? 0),
  };
}

/** The flat input index of each element a strided slice takes, in output order, and the output shape. */
function stridedPlan(shape: number[], begin: NDArray, end: NDArray, strides: NDArray, ctx: KernelContext) {
  const spec = stridedSliceSpec(shape, intList(begin), intList(end), intList(strides), sliceMasks(ctx));
  // strided_slice_op.cc: ValidateStridedSliceOp
  if ("error" in spec) invalid(spec.error, ctx);
  const inStrides = stridesOf(shape);
  const sizes = spec.sizes as number[];
  const from = mapIndices(sizes, (p) =>
    p.reduce((acc, v, i) => acc + ((spec.begin[i] as number) + v * spec.strides[i]) * inStrides[i], 0),
  );
  return { from, finalShape: spec.finalShape as number[] };
}

const stridedSlice: Kernel = ([x, begin, end, strides], ctx) => {
  const plan = stridedPlan(x.shape, begin, end, strides, ctx);
  return [take(x, plan.finalShape, plan.from)];
};

/** strided_slice_op.cc: StridedSliceGradOp: dy scattered into zeros of the input's shape. */
const stridedSliceGrad: Kernel = ([shapeArray, begin, end, strides, dy], ctx) => {
  const shape = intList(shapeArray);
  const plan = stridedPlan(shape, begin, end, strides, ctx);
  const out = new NDArray(dy.dtype, shape);
  const dst = out.data as unknown as unknown[];
  const src = dy.data as unknown as unknown[];
  plan.from.forEach((to, k) => {
    dst[to] = src[k];
  });
  return [out];
};

/** gather_op.cc: GatherOp (params, indices, axis): params.shape[:axis] + indices.shape + params.shape[axis+1:]. */
const gatherV2: Kernel = ([params, indices, axisArray], ctx) => {
  const axisValue = intList(axisArray)[0];
  const axis = canonicalAxis(axisValue, params.rank);
  if (axis === undefined)
    invalid(`Expected axis in the range [${-params.rank}, ${params.rank}), but got ${axisValue}`, ctx);
  const idx = intList(indices);
  const limit = params.shape[axis];
  idx.forEach((v, k) => {
    if (v < 0 || v >= limit) {
      const at = indices.rank <= 1 ? String(k) : unravel(k, indices.shape).join(",");
      // gather_functor.h: HandleCopies (reported by GatherOp::Compute)
      invalid(`indices[${at}] = ${v} is not in [0, ${limit})`, ctx);
    }
  });
  const outer = sizeOf(params.shape.slice(0, axis));
  const inner = sizeOf(params.shape.slice(axis + 1));
  const outShape = [...params.shape.slice(0, axis), ...indices.shape, ...params.shape.slice(axis + 1)];
  const from = new Int32Array(sizeOf(outShape));
  let k = 0;
  for (let o = 0; o < outer; o++)
    for (const i of idx) for (let j = 0; j < inner; j++) from[k++] = (o * limit + i) * inner + j;
  return [take(params, outShape, from)];
};

function unravel(flat: number, shape: readonly number[]): number[] {
  return stridesOf(shape).map((s, i) => Math.floor(flat / s) % shape[i]);
}

/** constant_op.cc: FillOp */
const fill: Kernel = ([dims, value], ctx) => {
  const shape = intList(dims);
  if (value.size !== 1 || value.rank !== 0) invalid(`value must be a scalar, got shape ${dimsText(value.shape)}`, ctx);
  if (shape.some((d) => d < 0)) invalid(`dims must be non-negative, got ${dimsText(shape)}`, ctx);
  return [take(value, shape, new Int32Array(sizeOf(shape)))];
};

function likeKernel(one: boolean): Kernel {
  return ([x]) => {
    const out = new NDArray(x.dtype, x.shape);
    if (one) for (let k = 0; k < out.size; k++) setNumber(out, k, 1);
    return [out];
  };
}

const shapeKernel: Kernel = ([x], ctx) => [fromNumbers(dtypeAttr(ctx.attrs.out_type, int32), [x.rank], x.shape)];
const sizeKernel: Kernel = ([x], ctx) => [fromNumbers(dtypeAttr(ctx.attrs.out_type, int32), [], [x.size])];
const rankKernel: Kernel = ([x]) => [fromNumbers(int32, [], [x.rank])];

/** array_ops.cc: ExpandDims: dim in [-rank-1, rank]. */
const expandDims: Kernel = ([x, dimArray], ctx) => {
  const dim = intList(dimArray)[0];
  const at = dim < 0 ? dim + x.rank + 1 : dim;
  if (at < 0 || at > x.rank) invalid(`Tried to expand dim index ${dim} for tensor with ${x.rank} dimensions.`, ctx);
  const shape = [...x.shape];
  shape.splice(at, 0, 1);
  return [withShape(x, shape)];
};

/** array_ops.cc: Squeeze (squeeze_dims attr; empty = every size-1 dim). */
const squeeze: Kernel = ([x], ctx) => {
  const dims = ((ctx.attrs.squeeze_dims as number[] | undefined) ?? []).map((d) => {
    if (d < -x.rank || d >= x.rank)
      invalid(`Tried to squeeze dim index ${d} for tensor with ${x.rank} dimensions.`, ctx);
    return d < 0 ? d + x.rank : d;
  });
  for (const d of dims) {
    if (x.shape[d] !== 1) invalid(`Can not squeeze dim[${d}], expected a dimension of 1, got ${x.shape[d]}`, ctx);
  }
  return [
    withShape(
      x,
      x.shape.filter((d, i) => (dims.length === 0 ? d !== 1 : !dims.includes(i))),
    ),
  ];
};

/** tile_ops.cc: TileOp */
const tile: Kernel = ([x, multiplesArray], ctx) => {
  const multiples = intList(multiplesArray);
  if (multiples.length !== x.rank) {
    invalid(`Expected multiples argument to be a vector of length ${x.rank} but got length ${multiples.length}`, ctx);
  }
  const negative = multiples.findIndex((m) => m < 0);
  if (negative >= 0) invalid(`Expected multiples[${negative}] >= 0, but got ${multiples[negative]}`, ctx);
  const outShape = x.shape.map((d, i) => d * multiples[i]);
  const strides = stridesOf(x.shape);
  return [
    take(
      x,
      outShape,
      mapIndices(outShape, (o) => o.reduce((acc, v, i) => acc + (v % x.shape[i]) * strides[i], 0)),
    ),
  ];
};

/** pack_op.cc: PackOp (axis attr). */
const pack: Kernel = (values, ctx) => {
  const rank = values[0].rank + 1;
  const axisValue = Number(ctx.attrs.axis ?? 0);
  const axis = canonicalAxis(axisValue, rank);
  if (axis === undefined) invalid(`axis = ${axisValue} not in [${-rank}, ${rank})`, ctx);
  const expanded = values.map((v) => {
    const shape = [...v.shape];
    shape.splice(axis, 0, 1);
    return withShape(v, shape);
  });
  return concatV2([...expanded, fromNumbers(int32, [], [axis])], ctx);
};

/** unpack_op.cc: UnpackOp (num, axis attrs). */
const unpack: Kernel = ([x], ctx) => {
  const axis = canonicalAxis(Number(ctx.attrs.axis ?? 0), x.rank) as number;
  const shape = x.shape.filter((_, i) => i !== axis);
  const strides = stridesOf(x.shape);
  return Array.from({ length: x.shape[axis] }, (_, n) =>
    take(
      x,
      shape,
      mapIndices(shape, (o) => {
        const full = [...o.slice(0, axis), n, ...o.slice(axis)];
        return full.reduce((acc, v, i) => acc + v * strides[i], 0);
      }),
    ),
  );
};

/** pad_op.cc: PadOp with zeros (paddings is [rank, 2]). */
const pad: Kernel = ([x, paddingsArray, constant], ctx) => {
  const p = intList(paddingsArray);
  if (paddingsArray.rank !== 2 || paddingsArray.shape[0] !== x.rank || paddingsArray.shape[1] !== 2) {
    invalid(
      `The first dimension of paddings must be the rank of inputs[${paddingsArray.shape}] ${dimsText(x.shape)}`,
      ctx,
    );
  }
  const outShape = x.shape.map((d, i) => d + p[2 * i] + p[2 * i + 1]);
  const out = new NDArray(x.dtype, outShape);
  if (constant) for (let k = 0; k < out.size; k++) (out.data as unknown as unknown[])[k] = constant.data[0];
  const outStrides = stridesOf(outShape);
  const to = mapIndices(x.shape, (i) => i.reduce((acc, v, d) => acc + (v + p[2 * d]) * outStrides[d], 0));
  const src = x.data as unknown as unknown[];
  const dst = out.data as unknown as unknown[];
  to.forEach((t, k) => {
    dst[t] = src[k];
  });
  return [out];
};

/** array_ops.cc: InvertPermutation */
const invertPermutation: Kernel = ([x]) => {
  const perm = intList(x);
  const inverse: number[] = [];
  perm.forEach((p, i) => {
    inverse[p] = i;
  });
  return [fromNumbers(x.dtype, [perm.length], inverse)];
};

/** listdiff_op.cc: ListDiffOp: the values of x not in y, in order, and their positions in x. */
const listDiff: Kernel = ([x, y], ctx) => {
  if (x.rank !== 1) invalid("x should be a 1D vector.", ctx); // listdiff_op.cc: ListDiffOp::Compute
  if (y.rank !== 1) invalid("y should be a 1D vector.", ctx); // listdiff_op.cc: ListDiffOp::Compute
  // Elements compared by value: numbers and bigints by their text, strings (byte arrays) by their bytes.
  const keyOf = (v: unknown) => (typeof v === "object" ? Array.from(v as Uint8Array).join(",") : String(v));
  const drop = new Set(Array.from(y.data as ArrayLike<unknown>, keyOf));
  const idx: number[] = [];
  Array.from(x.data as ArrayLike<unknown>, keyOf).forEach((k, i) => {
    if (!drop.has(k)) idx.push(i);
  });
  const idxDtype = dtypeAttr(ctx.attrs.out_idx, int32);
  return [take(x, [idx.length], idx), fromNumbers(idxDtype, [idx.length], idx)];
};

/** dynamic_stitch_op.cc: merged[indices[m][i]] = data[m][i] (later inputs win). */
const dynamicStitch: Kernel = (inputs) => {
  const n = inputs.length / 2;
  const indices = inputs.slice(0, n);
  const data = inputs.slice(n);
  const first = Math.max(-1, ...indices.flatMap((ix) => intList(ix))) + 1;
  const slice = data[0].shape.slice(indices[0].rank);
  const chunk = sizeOf(slice);
  const out = new NDArray(data[0].dtype, [first, ...slice]);
  const dst = out.data as unknown as unknown[];
  indices.forEach((ix, m) => {
    const src = data[m].data as unknown as unknown[];
    intList(ix).forEach((at, i) => {
      for (let j = 0; j < chunk; j++) dst[at * chunk + j] = src[i * chunk + j];
    });
  });
  return [out];
};

/** dynamic_partition_op.cc: DynamicPartitionOp: the slices of `data` for each partition, in order. */
const dynamicPartition: Kernel = ([data, partitions], ctx) => {
  const count = Number(ctx.attrs.num_partitions);
  if (!partitions.shape.every((d, i) => data.shape[i] === d) || partitions.rank > data.rank) {
    invalid(
      `data.shape must start with partitions.shape, got data.shape = ${dimsText(data.shape)}, partitions.shape = ${dimsText(partitions.shape)}`,
      ctx,
    );
  }
  const slice = data.shape.slice(partitions.rank);
  const chunk = sizeOf(slice);
  const parts = intList(partitions);
  const members: number[][] = Array.from({ length: count }, () => []);
  parts.forEach((p, i) => {
    if (!(p >= 0 && p < count)) {
      // dynamic_partition_op.cc: ValidateAndAllocateOutputs (SliceDebugString of the flat index)
      const at = partitions.shape.map(
        (_, d) => Math.floor(i / sizeOf(partitions.shape.slice(d + 1))) % partitions.shape[d],
      );
      invalid(`partitions${dimsText(at)} = ${p} is not in [0, ${count})`, ctx);
    }
    members[p].push(i);
  });
  return members.map((rows) => {
    const from = rows.flatMap((r) => Array.from({ length: chunk }, (_, j) => r * chunk + j));
    return take(data, [rows.length, ...slice], from);
  });
};

/** tensor_shape.cc: SliceDebugString: the multi-index of flat element `flat` of `shape` ("" for a scalar). */
export function sliceDebugString(shape: readonly number[], flat: number): string {
  if (shape.length === 0) return "";
  const index: number[] = [];
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    index[d] = rest % shape[d];
    rest = Math.floor(rest / shape[d]);
  }
  return `[${index.join(",")}]`;
}

/**
 * segment_reduction_ops.cc: UnsortedSegmentSum (UnsortedSegmentReductionDoValidation, UnsortedSegmentFunctor on
 * CPU): a negative id drops its row (TF 1.15: `if (j < 0) continue`), an id >= num_segments is an error.
 */
const unsortedSegmentSum: Kernel = ([data, ids, numSegments], ctx) => {
  if (numSegments.rank > 1 || numSegments.size !== 1) {
    invalid(`num_segments should be a scalar, not shape ${dimsText(numSegments.shape)}`, ctx);
  }
  if (ids.rank > data.rank || ids.shape.some((d, i) => d !== data.shape[i])) {
    invalid(`data.shape = ${dimsText(data.shape)} does not start with segment_ids.shape = ${dimsText(ids.shape)}`, ctx);
  }
  const segments = intList(numSegments)[0];
  if (segments < 0) invalid(`Input num_segments == ${segments} must not be negative.`, ctx);
  const slice = data.shape.slice(ids.rank);
  const chunk = sizeOf(slice);
  const out = new NDArray(data.dtype, [segments, ...slice]);
  const idList = intList(ids);
  idList.forEach((s, i) => {
    if (s >= segments)
      invalid(`segment_ids${sliceDebugString(ids.shape, i)} = ${s} is out of range [0, ${segments})`, ctx);
  });
  idList.forEach((s, i) => {
    if (s < 0) return;
    for (let j = 0; j < chunk; j++)
      setNumber(out, s * chunk + j, numberAt(out, s * chunk + j) + numberAt(data, i * chunk + j));
  });
  return [out];
};

/**
 * bcast_ops.cc: BroadcastGradientArgs: for each input, the output dims it was broadcast along (dims where it is 1,
 * including dims where both are 1, as BCast reports them), ascending.
 */
const broadcastGradientArgs: Kernel = ([s0, s1], ctx) => {
  const a = intList(s0);
  const b = intList(s1);
  const rank = Math.max(a.length, b.length);
  const r0: number[] = [];
  const r1: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    if (da === 1) r0.push(i);
    if (db === 1) r1.push(i);
    // bcast_ops.cc: BCastGradArgsOp::Compute
    if (da !== db && da !== 1 && db !== 1) invalid(`Incompatible shapes: ${dimsText(a)} vs. ${dimsText(b)}`, ctx);
  }
  const dtype = ctx.outputDtypes[0] ?? s0.dtype;
  return [fromNumbers(dtype, [r0.length], r0), fromNumbers(dtype, [r1.length], r1)];
};

/** The slices of `x` along `axis` with these sizes (split_op.cc / split_v_op.cc). */
function splitAlong(x: NDArray, axis: number, sizes: number[]): NDArray[] {
  const inner = sizeOf(x.shape.slice(axis + 1));
  const n = x.shape[axis];
  const outer = sizeOf(x.shape.slice(0, axis));
  const src = x.data as unknown as unknown[];
  let start = 0;
  return sizes.map((size) => {
    const out = new NDArray(
      x.dtype,
      x.shape.map((d, i) => (i === axis ? size : d)),
    );
    const dst = out.data as unknown as unknown[];
    let k = 0;
    for (let o = 0; o < outer; o++) {
      const base = (o * n + start) * inner;
      for (let j = 0; j < size * inner; j++) dst[k++] = src[base + j];
    }
    start += size;
    return out;
  });
}

/** split_op.cc: SplitOp::Compute */
const split: Kernel = ([splitDim, x], ctx) => {
  const num = ctx.attrs.num_split as number;
  const orig = intList(splitDim)[0];
  const axis = orig < 0 ? orig + x.rank : orig;
  if (!(axis >= 0 && axis < x.rank)) {
    // split_op.cc: SplitOpBase::ComputeEasyCases
    invalid(`-input rank(-${x.rank}) <= split_dim < input rank (${x.rank}), but got ${orig}`, ctx);
  }
  if (x.shape[axis] % num !== 0) {
    invalid(
      `Number of ways to split should evenly divide the split dimension, but got split_dim ${axis} (size = ${x.shape[axis]}) and num_split ${num}`,
      ctx,
    );
  }
  return splitAlong(x, axis, new Array(num).fill(x.shape[axis] / num));
};

/** split_v_op.cc: SplitVOpBase::ComputeEasyCases: one size may be -1, the rest must fit. */
const splitV: Kernel = ([x, sizesArray, splitDim], ctx) => {
  const num = ctx.attrs.num_split as number;
  const orig = intList(splitDim)[0];
  const axis = orig < 0 ? orig + x.rank : orig;
  const sizes = intList(sizesArray);
  if (sizesArray.rank !== 1 || sizes.length !== num) {
    // split_v_op.cc: SplitVOpBase::ComputeEasyCases
    invalid(
      `size of the split_tensor must be 1-D and have the same elements as outputs got ${sizesArray.rank} -D and ${sizes.length} elements`,
      ctx,
    );
  }
  if (!(axis >= 0 && axis < x.rank)) {
    invalid(`-input rank(-${x.rank}) <= split_dim < input rank (${x.rank}), but got ${orig}`, ctx);
  }
  const dim = x.shape[axis];
  let negOne = -1;
  let determined = 0;
  sizes.forEach((s, i) => {
    if (s === -1) {
      if (negOne !== -1) invalid("There can only be one -1 in the input.", ctx);
      negOne = i;
    } else determined += s;
  });
  if (!((negOne === -1 && determined === dim) || (negOne >= 0 && determined <= dim))) {
    invalid(
      `Determined shape must either match input shape along split_dim exactly if fully specified, or be less than the size of the input along split_dim if not fully specified.  Got: ${determined}`,
      ctx,
    );
  }
  if (negOne >= 0) sizes[negOne] = dim - determined;
  return splitAlong(x, axis, sizes);
};

/** one_hot_op.cc: OneHotOp::Compute: on_value where index == j, off_value elsewhere (also for out-of-range indices). */
const oneHot: Kernel = ([indices, depthArray, on, off], ctx) => {
  for (const [arg, a] of [
    ["depth", depthArray],
    ["on_value", on],
    ["off_value", off],
  ] as const) {
    // one_hot_op.cc: OneHotOp::Compute
    if (a.rank !== 0) invalid(`${arg} must be a scalar, but got: ${dimsText(a.shape)}`, ctx);
  }
  const depth = intList(depthArray)[0];
  if (depth < 0) invalid(`depth must be non-negative, got: ${depth}`, ctx);
  const attrAxis = ctx.attrs.axis as number;
  const axis = attrAxis === -1 ? indices.rank : attrAxis;
  const outShape = [...indices.shape.slice(0, axis), depth, ...indices.shape.slice(axis)];
  const out = new NDArray(on.dtype, outShape);
  const dst = out.data as unknown as unknown[];
  const [onV, offV] = [on.data[0], off.data[0]];
  const inner = sizeOf(indices.shape.slice(axis));
  const idx = intList(indices);
  for (let k = 0; k < out.size; k++) {
    const o = Math.floor(k / (depth * inner));
    const j = Math.floor(k / inner) % depth;
    const i = k % inner;
    dst[k] = idx[o * inner + i] === j ? onV : offV;
  }
  return [out];
};

export const arrayKernels = {
  Split: split,
  SplitV: splitV,
  OneHot: oneHot,
  Reshape: reshape,
  Transpose: transpose,
  ConcatV2: concatV2,
  ConcatOffset: concatOffset,
  Slice: slice,
  StridedSlice: stridedSlice,
  StridedSliceGrad: stridedSliceGrad,
  GatherV2: gatherV2,
  Fill: fill,
  ZerosLike: likeKernel(false),
  OnesLike: likeKernel(true),
  Shape: shapeKernel,
  ShapeN: (inputs, ctx) => inputs.map((x) => fromNumbers(dtypeAttr(ctx.attrs.out_type, int32), [x.rank], x.shape)),
  Size: sizeKernel,
  Rank: rankKernel,
  ExpandDims: expandDims,
  Squeeze: squeeze,
  Tile: tile,
  Pack: pack,
  Unpack: unpack,
  Pad: pad,
  InvertPermutation: invertPermutation,
  ListDiff: listDiff,
  DynamicStitch: dynamicStitch,
  ParallelDynamicStitch: dynamicStitch,
  DynamicPartition: dynamicPartition,
  UnsortedSegmentSum: unsortedSegmentSum,
  BroadcastGradientArgs: broadcastGradientArgs,
  /** array_ops.cc: PlaceholderWithDefault: its input unless the tensor is fed (the Session then never runs it). */
  PlaceholderWithDefault: (inputs) => [inputs[0]],
} satisfies Record<string, Kernel>;
