// array_grad.py (TF 1.15): gradients of the array ops, building the same ops under the same names.
import { int32 } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import { IndexedSlices } from "../framework/indexed-slices";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import type { GradFn, GradTable } from "../gradients/grad-types";
import { expandDims, invertPermutation, rank, reshape, shape, size, squeeze, transpose, zerosLike } from "./array-ops";
import { binaryOp } from "./elementwise";
import { gatherNd, scatterNd } from "./gather-scatter-nd-ops";
import { cast, range } from "./math-ops";
import { createOp, opScope } from "./op-builder";
import { opDefs } from "./op-defs";
import { sub } from "./operators";
import { reduceProd, reduceSum } from "./reduction-ops";
import { constantValue } from "./shape-inference";
import {
  concat,
  concatOffset,
  dynamicPartition,
  gather,
  pad,
  parallelDynamicStitch,
  slice,
  stack,
  stridedSlice,
  stridedSliceGrad,
  unstack,
} from "./slicing-ops";

/** array_grad.py: _ReshapeToInput */
const reshapeToInput: GradFn = (op, [grad]) => [
  reshape(grad, shape(op.inputs[0])),
  ...op.inputs.slice(1).map(() => null),
];

/** gen_array_ops.py: shape_n(input): a `ShapeN` with one shape per input. */
function shapeN(inputs: Tensor[]): Tensor[] {
  return opScope(
    null,
    opDefs.ShapeN.type,
    inputs,
    (scope) =>
      createOp(opDefs.ShapeN, inputs, {
        name: scope,
        attrs: { N: inputs.length, T: inputs[0].dtype, out_type: int32 },
        shapes: inputs.map((x) => [x.shape === null ? null : x.shape.length]),
      }).outputs,
  );
}

/** array_grad.py: _ConcatGradHelper._ExtractInputShapes: Consts while static, else one `ShapeN`. */
function extractInputShapes(inputs: Tensor[]): Tensor[] {
  const sizes: Tensor[] = [];
  for (const x of inputs) {
    const s = shape(x);
    if (s.op.type !== opDefs.Const.type) return shapeN(inputs);
    sizes.push(s);
  }
  return sizes;
}

/** array_grad.py: _ConcatGradV2 (_ConcatGradHelper with dim_index -1): a `Slice` of grad per input. */
const concatV2Grad: GradFn = (op, [grad]) => {
  if (op.inputs.length === 2) return [grad, null];
  const concatDim = op.inputs[op.inputs.length - 1];
  const values = op.inputs.slice(0, -1);
  const nonNegDim = binaryOp(opDefs.FloorMod.type, concatDim, rank(values[0]), null, { operatorName: "mod" });
  const sizes = extractInputShapes(values);
  const offsets = concatOffset(nonNegDim, sizes);
  return [...offsets.map((begin, i) => slice(grad, begin, sizes[i])), null];
};

/** array_grad.py: _SliceGrad: the gradient padded back to the input's shape. */
const sliceGrad: GradFn = (op, [grad]) => {
  const [input, begin] = op.inputs;
  const inputRank = rank(input);
  const sliceSize = shape(op.outputs[0]);
  const padShape = stack([inputRank, 1]);
  const beforePad = reshape(begin, padShape);
  const afterPad = reshape(sub(sub(shape(input), sliceSize), begin), padShape);
  const paddings = concat([beforePad, afterPad], 1);
  return [pad(grad, paddings), null, null];
};

/** array_grad.py: _StridedSliceGrad: a `StridedSliceGrad` with the forward op's masks. */
const stridedSliceGradFn: GradFn = (op, [grad]) => {
  const [input, begin, end, strides] = op.inputs;
  const x = shape(input, { outType: begin.dtype });
  const a = op.attrs;
  const dx = stridedSliceGrad(x, begin, end, strides, grad, {
    beginMask: a.begin_mask as number,
    endMask: a.end_mask as number,
    ellipsisMask: a.ellipsis_mask as number,
    newAxisMask: a.new_axis_mask as number,
    shrinkAxisMask: a.shrink_axis_mask as number,
  });
  return [dx, null, null, null];
};

/**
 * array_grad.py: _GatherV2Grad for axis 0: IndexedSlices(values, indices, params_shape), values the gradient
 * reshaped to [size(indices), params_shape[1:]], params_shape the int64 Shape cast to int32 (colocated with params).
 */
const gatherV2Grad: GradFn = (op, [grad]) => {
  const [params, indices, axis] = op.inputs;
  if (constantValue(axis)?.[0] !== 0) return [null, null, null];
  const paramsShape = getDefaultGraph().colocateWith(params.op, () => cast(shape(params, { outType: "int64" }), int32));
  const indicesSize = expandDims(size(indices), 0);
  const tail = stridedSlice(paramsShape, [1], [0], [1], { endMask: 1 });
  const valuesShape = concat([indicesSize, tail], 0);
  const values = reshape(grad, valuesShape);
  const flatIndices = reshape(indices, indicesSize);
  return [new IndexedSlices(values, flatIndices, paramsShape), null, null];
};

/**
 * array_grad.py: _GatherNdGrad: a ScatterNd of grad into params' shape (typed as indices); for indices of shape
 * [n, 1] an IndexedSlices of the squeezed indices instead.
 */
const gatherNdGrad: GradFn = (op, [grad]) => {
  const [ref, indices] = op.inputs;
  const refShape = shape(ref, { outType: indices.dtype });
  const ref2d = indices.shape?.length === 2 && indices.shape[1] === 1;
  const refGrad = ref2d ? new IndexedSlices(grad, squeeze(indices, -1), refShape) : scatterNd(indices, grad, refShape);
  return [refGrad, null];
};

/** array_grad.py: _TileGrad: grad reshaped to interleave (multiple, dim) pairs, summed over the multiples. */
const tileGrad: GradFn = (op, [grad]) => {
  const inputShape = shape(op.inputs[0]);
  const splitShape = reshape(transpose(stack([op.inputs[1], inputShape])), [-1]);
  const axes = range(0, size(splitShape), 2);
  const inputGrad = reduceSum(reshape(grad, splitShape), axes);
  inputGrad.setShape(op.inputs[0].shape);
  return [inputGrad, null];
};

/** array_grad.py: _PadGrad: the slice of grad the input occupies. */
const padGrad: GradFn = (op, [grad]) => {
  const [x, a] = op.inputs;
  const padBefore = slice(a, [0, 0], stack([rank(x), 1]));
  const begin = reshape(padBefore, [-1]);
  const sizes = shape(x);
  return [slice(grad, begin, sizes), ...op.inputs.slice(1).map(() => null)];
};

/** data_flow_grad.py: _DynamicStitchGrads: each data input's rows gathered back from the gradient. */
const dynamicStitchGrad: GradFn = (op, [grad]) => {
  const n = op.inputs.length / 2;
  const asInt32 = (x: Tensor) => (op.inputs[0].dtype === int32 ? x : cast(x, int32));
  const inputs = op.inputs.slice(0, n).map(asInt32);
  return [...inputs.map(() => null), ...inputs.map((inp) => gather(grad, inp))];
};

/** data_flow_grad.py: _DynamicPartitionGrads: the partitions' gradients stitched back into data's shape. */
const dynamicPartitionGrad: GradFn = (op, grads) => {
  const [data, indices] = op.inputs;
  const prefixShape = shape(indices);
  const originalIndices = reshape(range(reduceProd(prefixShape)), prefixShape);
  const partitioned = dynamicPartition(originalIndices, indices, Number(op.attrs.num_partitions));
  const reconstructed = parallelDynamicStitch(partitioned, grads);
  return [reshape(reconstructed, shape(data)), null];
};

const passGrad: GradFn = (_op: Operation, [grad]) => [grad];

export const arrayGrads: GradTable = {
  Identity: passGrad,
  // array_grad.py: _IdentityNGrad
  IdentityN: (_op, grads) => grads,
  Snapshot: passGrad,
  Reshape: reshapeToInput,
  ExpandDims: reshapeToInput,
  Squeeze: reshapeToInput,
  Transpose: (op, [grad]) => [transpose(grad, invertPermutation(op.inputs[1])), null],
  ConcatV2: concatV2Grad,
  Slice: sliceGrad,
  StridedSlice: stridedSliceGradFn,
  GatherV2: gatherV2Grad,
  DynamicStitch: dynamicStitchGrad,
  ParallelDynamicStitch: dynamicStitchGrad,
  DynamicPartition: dynamicPartitionGrad,
  GatherNd: gatherNdGrad,
  // array_grad.py: _SparseToDenseGrad: the values' gradient gathered at the indices; the default value's is the rest.
  SparseToDense: (op, [grad]) => {
    const [sparseIndices, outputShape] = op.inputs;
    const sparseValuesGrad = gatherNd(grad, sparseIndices);
    const defaultValueGrad = sub(reduceSum(grad), reduceSum(sparseValuesGrad));
    return [zerosLike(sparseIndices), zerosLike(outputShape), sparseValuesGrad, defaultValueGrad];
  },
  // array_grad.py: _ScatterNdGrad: the gradient gathered back at the indices.
  ScatterNd: (op, [grad]) => [null, gatherNd(grad, op.inputs[0]), null],
  Fill: (_op, [grad]) => [null, reduceSum(grad)],
  Tile: tileGrad,
  Pad: padGrad,
  // array_grad.py: _SplitGrad / _SplitVGrad: the gradients concatenated back along the split axis.
  Split: (op, grads) => [null, concat(grads, op.inputs[0])],
  SplitV: (op, grads) => [concat(grads, op.inputs[2]), null, null],
  Pack: (op, [grad]) => unstack(grad, op.attrs.N as number, op.attrs.axis as number),
  Unpack: (op, grads) => [stack(grads, op.attrs.axis as number)],
  // array_grad.py / array_ops.py: ops.NotDifferentiable
  StopGradient: null,
  Shape: null,
  ShapeN: null,
  Size: null,
  Rank: null,
  ZerosLike: null,
  OnesLike: null,
  BroadcastGradientArgs: null,
  InvertPermutation: null,
  ConcatOffset: null,
  OneHot: null,
};
