// gen_array_ops.py: space_to_batch_nd, batch_to_space_nd (array_ops.cc: SpaceToBatchShapeHelper,
// BatchToSpaceShapeHelper); array_ops.py: required_space_to_batch_paddings for constant inputs.
import type { DType } from "../framework/dtypes";
import { int32 } from "../framework/dtypes";
import { type Dim, inferenceShapeString, type Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { useSpaceToBatchKernels } from "../kernels/reference/space-to-batch";
import { rankAtLeastMessage } from "./nn-messages";
import { constantOp, convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { add, mod, sub } from "./operators";
import { constantValue, shapeError } from "./shape-inference";
import { stack, stridedSlice } from "./slicing-ops";
import { indexTensor } from "./tensor-index";

type Kind = typeof opDefs.SpaceToBatchND.type | typeof opDefs.BatchToSpaceND.type;

/** array_ops.cc: SpaceToBatchShapeHelper / BatchToSpaceShapeHelper: the static output shape, or TF's error. */
function blockShapeFn(kind: Kind, opName: string, inputs: Tensor[]): Shape {
  const [x, b, p] = inputs;
  const blockValue = constantValue(b);
  const pairValue = constantValue(p);
  const tensors: [number, number[]][] = [];
  if (blockValue !== null) tensors.push([1, blockValue]);
  if (pairValue !== null) tensors.push([2, pairValue]);
  const fail = (message: string) => shapeError(message, opName, kind, inputs, { tensors });
  const what = kind === opDefs.SpaceToBatchND.type ? "paddings" : "crops";
  // array_ops.cc: SpaceToBatchShapeHelper / BatchToSpaceShapeHelper
  if (b.shape === null || b.shape.length !== 1) throw fail("block_shape must have rank 1.");
  const m = b.shape[0];
  if (m === null) throw fail("block_shape must have known size.");
  if (x.shape !== null && x.shape.length < m + 1) throw fail(rankAtLeastMessage(m + 1, x.shape.length));
  const expected = [m, 2];
  if (p.shape !== null) {
    // shape_inference.cc: InferenceContext::Merge of two shapes
    if (p.shape.length !== 2) throw fail(`Shapes must be equal rank, but are ${p.shape.length} and 2`);
    const i = p.shape.findIndex((d, k) => d !== null && d !== expected[k]);
    if (i >= 0) {
      throw fail(
        `Dimension ${i} in both shapes must be equal, but are ${p.shape[i]} and ${expected[i]}. Shapes are ${inferenceShapeString(p.shape)} and ${inferenceShapeString(expected)}.`,
      );
    }
  }
  const dim = (i: number): Dim => (x.shape === null ? null : x.shape[i]);
  let batch: Dim = dim(0);
  if (blockValue !== null) {
    for (const v of blockValue) {
      if (v < 1) throw fail("block_shape must be positive");
      if (batch === null) continue;
      if (kind === opDefs.SpaceToBatchND.type) batch *= v;
      else if (batch % v !== 0) throw fail(`Dimension size must be evenly divisible by ${v} but is ${batch}`);
      else batch /= v;
    }
  } else if (m > 0) batch = null;
  const out: Dim[] = [batch, ...new Array<Dim>(m).fill(null)];
  if (pairValue !== null) {
    for (let i = 0; i < m; i++) {
      const [start, end] = [pairValue[2 * i], pairValue[2 * i + 1]];
      if (start < 0 || end < 0) throw fail(`${what} cannot be negative`);
      const size = dim(i + 1);
      if (blockValue === null || size === null) continue;
      const block = blockValue[i];
      if (kind === opDefs.SpaceToBatchND.type) {
        const padded = size + start + end;
        if (padded % block !== 0) throw fail(`Dimension size must be evenly divisible by ${block} but is ${padded}`);
        out[i + 1] = padded / block;
      } else {
        const cropped = size * block;
        // shape_inference.cc: InferenceContext::Subtract
        if (cropped < start) throw fail(`Negative dimension size caused by subtracting ${start} from ${cropped}`);
        if (cropped - start < end)
          throw fail(`Negative dimension size caused by subtracting ${end} from ${cropped - start}`);
        out[i + 1] = cropped - start - end;
      }
    }
  }
  return x.shape === null ? null : [...out, ...x.shape.slice(m + 1)];
}

function blockOp(kind: Kind, input: TensorLike, blockShape: TensorLike, pairs: TensorLike, name?: string): Tensor {
  const pairName = kind === opDefs.SpaceToBatchND.type ? "paddings" : "crops";
  return opScope(name, kind, [input, blockShape, pairs], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    const b = convertToTensor(blockShape, { name: "block_shape", preferredDtype: int32 });
    const p = convertToTensor(pairs, { name: pairName, preferredDtype: int32 });
    const shape = blockShapeFn(kind, scope.slice(0, -1), [x, b, p]);
    const attrs: Record<string, DType> = { T: x.dtype, Tblock_shape: b.dtype };
    attrs[kind === opDefs.SpaceToBatchND.type ? "Tpaddings" : "Tcrops"] = p.dtype;
    useSpaceToBatchKernels();
    return createOp(opDefs[kind], [x, b, p], { name: scope, attrs, shapes: [shape] }).outputs[0];
  });
}

/** gen_array_ops.py: space_to_batch_nd(input, block_shape, paddings, name=None): a `SpaceToBatchND`. */
export function spaceToBatchNd(input: TensorLike, blockShape: TensorLike, paddings: TensorLike, name?: string): Tensor {
  return blockOp(opDefs.SpaceToBatchND.type, input, blockShape, paddings, name);
}

/** gen_array_ops.py: batch_to_space_nd(input, block_shape, crops, name=None): a `BatchToSpaceND`. */
export function batchToSpaceNd(input: TensorLike, blockShape: TensorLike, crops: TensorLike, name?: string): Tensor {
  return blockOp(opDefs.BatchToSpaceND.type, input, blockShape, crops, name);
}

/**
 * array_ops.py: required_space_to_batch_paddings(input_shape, block_shape, base_paddings) where every input is
 * constant (numpy arithmetic in TF): the `input_shape` and `base_paddings` conversions, then `paddings` and `crops`
 * as Consts, under `required_space_to_batch_paddings/`. Returns their values with the tensors.
 */
export function requiredSpaceToBatchPaddings(
  inputShape: readonly number[],
  blockShape: Tensor,
  basePaddings: Tensor | readonly number[][],
): { paddings: number[][]; crops: number[][] } {
  return opScope(null, "required_space_to_batch_paddings", [blockShape], () => {
    convertToTensor([...inputShape], { dtype: int32, name: "input_shape" });
    const block = constantValue(blockShape) as number[];
    const base = Array.isArray(basePaddings)
      ? (basePaddings as number[][])
      : pairsOf(constantValue(basePaddings as Tensor) as number[]);
    if (Array.isArray(basePaddings)) convertToTensor(base, { dtype: int32, name: "base_paddings" });
    const paddings: number[][] = [];
    const crops: number[][] = [];
    block.forEach((b, i) => {
      const [start, end] = base[i];
      const full = inputShape[i] + start + end;
      const extra = (b - (full % b)) % b;
      paddings.push([start, end + extra]);
      crops.push([0, extra]);
    });
    constantOp(paddings, int32, [block.length, 2], "paddings");
    constantOp(crops, int32, [block.length, 2], "crops");
    return { paddings, crops };
  });
}

/**
 * array_ops.py: required_space_to_batch_paddings where the input's spatial shape is a tensor (known only when the
 * graph runs): the same expression as the constant case, built as ops under `required_space_to_batch_paddings/`:
 * the base paddings' columns (`base_paddings[:, 0]`, `[:, 1]`), `full = input_shape + pad_start + orig_pad_end`,
 * `pad_end_extra = (block_shape - full % block_shape) % block_shape`, and `paddings` and `crops` packed pair by pair
 * as ops.convert_to_tensor packs nested lists (Packs `paddings/0`, `paddings/1`, ..., `paddings`; `crops/0/0` Consts).
 */
export function requiredSpaceToBatchPaddingsTensors(
  inputShape: Tensor,
  blockShape: Tensor,
  basePaddings: Tensor | readonly number[][],
): { paddings: Tensor; crops: Tensor } {
  return opScope(null, "required_space_to_batch_paddings", [inputShape, blockShape], () => {
    const count = constantValue(blockShape)?.length ?? blockShape.shape?.[0] ?? 0;
    const base = Array.isArray(basePaddings)
      ? convertToTensor(basePaddings as number[][], { dtype: int32, name: "base_paddings" })
      : (basePaddings as Tensor);
    const padStart = column(base, 0);
    const origPadEnd = column(base, 1);
    const full = add(add(inputShape, padStart), origPadEnd);
    const padEndExtra = mod(sub(blockShape, mod(full, blockShape)), blockShape);
    const padEnd = add(origPadEnd, padEndExtra);
    const pairs = Array.from({ length: count }, (_, i) => [indexTensor(padStart, i), indexTensor(padEnd, i)]);
    const paddings = packPairs(pairs, "paddings");
    const cropPairs = Array.from({ length: count }, (_, i): TensorLike[] => [0, indexTensor(padEndExtra, i)]);
    const crops = packPairs(cropPairs, "crops");
    return { paddings, crops };
  });
}

/** `t[:, j]` (array_ops.py: _slice_helper): begin [0, j], end [0, j + 1], begin_mask and end_mask 1, shrink 2. */
function column(t: Tensor, j: number): Tensor {
  return opScope(null, "strided_slice", [t], (scope) =>
    stridedSlice(t, stack([0, j], 0, "stack"), stack([0, j + 1], 0, "stack_1"), stack([1, 1], 0, "stack_2"), {
      beginMask: 1,
      endMask: 1,
      shrinkAxisMask: 2,
      name: scope,
    }),
  );
}

/** array_ops.py: _autopacking_helper on a list of pairs: a Pack per pair (`<name>/<i>`), then one of them all. */
function packPairs(pairs: TensorLike[][], name: string): Tensor {
  return opScope(name, "packed", [], (scope) => {
    const rows = pairs.map((pair, i) => stack(pair, 0, String(i)));
    return stack(rows, 0, scope);
  });
}

/** A flat [M * 2] list as M pairs. */
export function pairsOf(flat: readonly number[]): number[][] {
  return Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i], flat[2 * i + 1]]);
}
