// array_ops.py / gen_array_ops.py: split (a `Split` for a count, a `SplitV` for sizes) and one_hot (a `OneHot`),
// with array_ops.cc's shape functions.
import { ValueError } from "../errors";
import { asDType, type DType, type DTypeLike, float32, int32, int64, uint8 } from "../framework/dtypes";
import type { Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { constantValue, shapeError } from "./shape-inference";

/** shape_inference.cc: MakeDimForScalarInputWithNegativeIndexing: the axis in [0, rank), or null when unknown. */
function splitAxis(axis: Tensor, rank: number | null, index: number, opName: string, type: string, inputs: Tensor[]) {
  const value = constantValue(axis)?.[0];
  if (value === undefined || rank === null) return null;
  if (value < -rank || value >= rank) {
    // shape_inference.cc: InferenceContext::MakeDimForScalarInputWithNegativeIndexing
    throw shapeError(
      `Dimension size, given by scalar input ${index} must be in range [${-rank}, ${rank})`,
      opName,
      type,
      inputs,
      { tensors: [[index, value]] },
    );
  }
  return value < 0 ? value + rank : value;
}

/** gen_array_ops.py: split(axis, value, num_split): a `Split` with inputs split_dim, value. */
function splitOp(value: TensorLike, num: number, axis: TensorLike, scope: string): Tensor[] {
  const splitDim = convertToTensor(axis, { name: "split_dim", dtype: int32 });
  const x = convertToTensor(value, { name: "value" });
  const opName = scope.slice(0, -1);
  if (!Number.isInteger(num) || num < 1) {
    // op_def_library.py: _apply_op_helper (attr num_split: int >= 1)
    throw new ValueError(`Attr 'num_split' of '${opDefs.Split.type}' Op passed ${num} less than minimum 1.`);
  }
  const rank = x.shape === null ? null : x.shape.length;
  const ax = splitAxis(splitDim, rank, 0, opName, opDefs.Split.type, [splitDim, x]);
  let shape: Shape = rank === null ? null : new Array(rank).fill(null);
  if (ax !== null && x.shape !== null) {
    const d = x.shape[ax];
    if (d !== null && d % num !== 0) {
      // array_ops.cc: Split shape function (InferenceContext::Divide, evenly_divisible)
      throw shapeError(
        `Dimension size must be evenly divisible by ${num} but is ${d}\n\tNumber of ways to split should evenly divide the split dimension`,
        opName,
        opDefs.Split.type,
        [splitDim, x],
        { tensors: [[0, ax]] },
      );
    }
    shape = x.shape.map((s, i) => (i === ax ? (s === null ? null : s / num) : s));
  }
  return createOp(opDefs.Split, [splitDim, x], {
    name: scope,
    attrs: { num_split: num, T: x.dtype },
    shapes: Array.from({ length: num }, () => shape),
  }).outputs;
}

/** gen_array_ops.py: split_v(value, size_splits, axis, num_split): a `SplitV`; one size may be -1. */
function splitVOp(value: TensorLike, sizes: Tensor, num: number, axis: TensorLike, scope: string): Tensor[] {
  const x = convertToTensor(value, { name: "value" });
  const splitDim = convertToTensor(axis, { name: "split_dim", dtype: int32 });
  const opName = scope.slice(0, -1);
  const inputs = [x, sizes, splitDim];
  if (sizes.dtype !== int32 && sizes.dtype !== int64) {
    // op_def_library.py: _SatisfiesTypeConstraint (Tlen: {int32, int64})
    throw new TypeError(
      `Value passed to parameter 'size_splits' has DataType ${sizes.dtype.name} not in list of allowed values: int32, int64`,
    );
  }
  const rank = x.shape === null ? null : x.shape.length;
  // array_ops.cc: SplitV shape function
  if (rank === 0) throw shapeError("Can't split scalars", opName, opDefs.SplitV.type, inputs);
  const ax = splitAxis(splitDim, rank, 2, opName, opDefs.SplitV.type, inputs);
  const data = constantValue(sizes);
  let shapes: Shape[] = new Array(num).fill(rank === null ? null : new Array(rank).fill(null));
  if (rank !== null && ax !== null && x.shape !== null) {
    if (data === null) {
      shapes = shapes.map(() => x.shape!.map((d, i) => (i === ax ? null : d)));
    } else {
      if (data.length !== num) {
        throw shapeError("Length of size_splits should be equal to num_outputs", opName, opDefs.SplitV.type, inputs);
      }
      const negOnes = data.filter((d) => d === -1).length;
      if (negOnes > 1) throw shapeError("size_splits can only have one -1", opName, opDefs.SplitV.type, inputs);
      const total = data.reduce((acc, d) => (d === -1 ? acc : acc + d), 0);
      const dim = x.shape[ax];
      if (dim !== null && (negOnes ? total > dim : total !== dim)) {
        throw shapeError(
          `Determined shape must either match input shape along split_dim exactly if fully specified, or be less than the size of the input along split_dim if not fully specified.  Got: ${total}`,
          opName,
          opDefs.SplitV.type,
          inputs,
        );
      }
      shapes = data.map((d) =>
        x.shape!.map((s, i) => (i !== ax ? s : d === -1 ? (dim === null ? null : dim - total) : d)),
      );
    }
  }
  return createOp(opDefs.SplitV, inputs, {
    name: scope,
    attrs: { num_split: num, T: x.dtype, Tlen: sizes.dtype },
    shapes: shapes.map((shape) => shape),
  }).outputs;
}

/**
 * array_ops.py: split(value, num_or_size_splits, axis=0, num=None, name="split"). As in TF, num_or_size_splits is
 * converted first, outside the op's scope (so a `Const` appears also for a count); an integer scalar makes a `Split`,
 * a vector of sizes a `SplitV`.
 */
export function split(
  value: TensorLike,
  numOrSizeSplits: TensorLike,
  axis: TensorLike = 0,
  name = "split",
  num?: number | null,
): Tensor[] {
  const sizes = convertToTensor(numOrSizeSplits);
  if (sizes.shape !== null && sizes.shape.length === 0 && sizes.dtype.isInteger) {
    const n = typeof numOrSizeSplits === "number" ? numOrSizeSplits : (constantValue(sizes)?.[0] ?? Number.NaN);
    return opScope(name, opDefs.Split.type, [value, axis], (scope) => splitOp(value, n, axis, scope));
  }
  const count = num ?? (sizes.shape !== null && sizes.shape.length > 0 ? sizes.shape[0] : null);
  if (count === null || count === undefined) {
    // array_ops.py: split
    throw new ValueError(
      `Cannot infer num from shape ${sizes.shape === null ? "<unknown>" : JSON.stringify(numOrSizeSplits)}`,
    );
  }
  return opScope(name, opDefs.SplitV.type, [value, sizes, axis], (scope) => splitVOp(value, sizes, count, axis, scope));
}

export interface OneHotOptions {
  onValue?: TensorLike | null;
  offValue?: TensorLike | null;
  axis?: number | null;
  dtype?: DTypeLike | null;
  name?: string;
}

const dtypeText = (d: DType) => `<dtype: '${d.name}'>`;

/**
 * array_ops.py: one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None): a `OneHot`
 * in scope `one_hot`; on_value and off_value default to 1 and 0 of `dtype` (float32 when nothing says otherwise).
 */
export function oneHot(indices: TensorLike, depth: TensorLike, options: OneHotOptions = {}): Tensor {
  const { onValue, offValue } = options;
  return opScope(options.name, "one_hot", [indices, depth, onValue, offValue], (scope) => {
    let dtype = options.dtype ? asDType(options.dtype) : null;
    const onExists = onValue !== undefined && onValue !== null;
    const offExists = offValue !== undefined && offValue !== null;
    let onDtype = onExists ? convertToTensor(onValue).dtype : null;
    let offDtype = offExists ? convertToTensor(offValue).dtype : null;
    if (onExists || offExists) {
      if (dtype !== null) {
        // array_ops.py: one_hot
        if (onExists && onDtype !== dtype) {
          throw new TypeError(
            `dtype ${dtypeText(onDtype!)} of on_value does not match dtype parameter ${dtypeText(dtype)}`,
          );
        }
        if (offExists && offDtype !== dtype) {
          throw new TypeError(
            `dtype ${dtypeText(offDtype!)} of off_value does not match dtype parameter ${dtypeText(dtype)}`,
          );
        }
      } else dtype = (onExists ? onDtype : offDtype) as DType;
    } else if (dtype === null) dtype = float32;
    let on = onValue as TensorLike;
    let off = offValue as TensorLike;
    if (!onExists) {
      on = convertToTensor(1, { dtype, name: "on_value" });
      onDtype = dtype;
    }
    if (!offExists) {
      off = convertToTensor(0, { dtype, name: "off_value" });
      offDtype = dtype;
    }
    if (onDtype !== offDtype) {
      // array_ops.py: one_hot
      throw new TypeError(
        `dtype ${dtypeText(onDtype!)} of on_value does not match dtype ${dtypeText(offDtype!)} of off_value`,
      );
    }
    return oneHotOp(indices, depth, on, off, options.axis ?? -1, scope);
  });
}

/** gen_array_ops.py: one_hot(indices, depth, on_value, off_value, axis=-1): a `OneHot`. */
function oneHotOp(
  indices: TensorLike,
  depth: TensorLike,
  on: TensorLike,
  off: TensorLike,
  axis: number,
  scope: string,
) {
  const idx = convertToTensor(indices, { name: "indices" });
  const d = convertToTensor(depth, { name: "depth", dtype: int32 });
  const onT = convertToTensor(on, { name: "on_value" });
  const offT = convertToTensor(off, { name: "off_value", dtype: onT.dtype });
  const opName = scope.slice(0, -1);
  const inputs = [idx, d, onT, offT];
  if (![uint8, int32, int64].includes(idx.dtype)) {
    // op_def_library.py: _SatisfiesTypeConstraint (TI: {uint8, int32, int64})
    throw new TypeError(
      `Value passed to parameter 'indices' has DataType ${idx.dtype.name} not in list of allowed values: uint8, int32, int64`,
    );
  }
  if (offT.dtype !== onT.dtype) {
    // op_def_library.py: _apply_op_helper
    throw new TypeError(
      `Input 'off_value' of '${opDefs.OneHot.type}' Op has type ${offT.dtype.name} that does not match type ${onT.dtype.name} of argument 'on_value'.`,
    );
  }
  // array_ops.cc: OneHot shape function
  if (axis < -1) throw shapeError("axis must be >= -1", opName, opDefs.OneHot.type, inputs);
  const depthValue = constantValue(d)?.[0] ?? null;
  if (depthValue !== null && depthValue < 0) {
    // shape_inference.cc: InferenceContext::MakeDimForScalarInput
    throw shapeError(
      `Dimension size, given by scalar input 1, must be non-negative but is ${depthValue}`,
      opName,
      opDefs.OneHot.type,
      inputs,
      { tensors: [[1, depthValue]] },
    );
  }
  let shape: Shape = null;
  if (idx.shape !== null) {
    const newRank = idx.shape.length + 1;
    const at = (axis + newRank) % newRank;
    shape = [...idx.shape.slice(0, at), depthValue, ...idx.shape.slice(at)];
  }
  return createOp(opDefs.OneHot, inputs, {
    name: scope,
    attrs: { axis, T: onT.dtype, TI: idx.dtype },
    shapes: [shape],
  }).outputs[0];
}
