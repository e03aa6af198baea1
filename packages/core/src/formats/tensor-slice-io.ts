// save_restore_v2_ops.cc / save_restore_tensor.cc: how SaveV2 and RestoreV2 read one non-empty `shape_and_slices`
// entry, kept here so the kernels stay a thin loop over their inputs.
import { InvalidArgumentError } from "../errors";
import type { NDArray } from "../framework/ndarray";
import type { BundleSlice, TensorBundleReader } from "./tensor-bundle";
import { parseShapeAndSlice, shapeDebugString } from "./tensor-slice";

/** SaveV2Op: the slice `spec` names for `tensor`, which must have the slice's shape. */
export function saveSliceOf(name: string, spec: string, tensor: NDArray): BundleSlice {
  const { fullShape, slice, sliceShape } = parseShapeAndSlice(spec);
  if (sliceShape.length !== tensor.shape.length || sliceShape.some((d, i) => d !== tensor.shape[i])) {
    // save_restore_v2_ops.cc: SaveV2Op::Compute
    throw new InvalidArgumentError(
      `Slice in shape_and_slice specification does not match the shape of the tensor to  save: ${spec}, tensor: ${shapeDebugString(tensor.shape)}`,
    );
  }
  return { name, fullShape, slice, value: tensor };
}

/** RestoreTensorsV2: the slice `spec` names of the tensor under `name`, whose full shape must be the spec's. */
export function restoreSliceOf(reader: TensorBundleReader, name: string, spec: string): NDArray {
  const { fullShape, slice } = parseShapeAndSlice(spec);
  const stored = reader.info(name).shape;
  if (stored.length !== fullShape.length || stored.some((d, i) => d !== fullShape[i])) {
    // save_restore_tensor.cc: RestoreTensorsV2
    throw new InvalidArgumentError(
      `tensor_name = ${name}; shape in shape_and_slice spec ${shapeDebugString(fullShape)} does not match the shape stored in checkpoint: ${shapeDebugString(stored)}`,
    );
  }
  return reader.lookupSlice(name, slice);
}
