// array_ops.py (TF 1.15): boolean_mask(tensor, mask, name="boolean_mask", axis=None), built op for op as TF builds it:
// the masked dims folded into one by a Reshape, then Where / Squeeze / GatherV2 on the flattened mask.
import { ValueError } from "../errors";
import { bool } from "../framework/dtypes";
import { isCompatible, numElements, type Shape, shapeToString } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { reshape, shape, squeeze } from "./array-ops";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { reduceProd } from "./reduction-ops";
import { concat, gather, stack } from "./slicing-ops";
import { sliceRange } from "./tensor-index";

/** array_ops.py: where(condition) with x and y None: a `Where` (indices of the true entries, int64 [n, rank]). */
export function whereIndices(condition: TensorLike, name?: string): Tensor {
  return opScope(name, opDefs.Where.type, [condition], (scope) => {
    const c = convertToTensor(condition, { name: "condition", preferredDtype: bool });
    const rank = c.shape === null ? null : c.shape.length;
    return createOp(opDefs.Where, [c], { name: scope, attrs: { T: c.dtype }, shapes: [[null, rank]] }).outputs[0];
  });
}

/** array_ops.py: boolean_mask: `tensor[mask]`, the entries of `tensor` where the K-D `mask` is true. */
export function booleanMask(
  tensor: TensorLike,
  mask: TensorLike,
  name: string | null = "boolean_mask",
  axis: number | null = null,
): Tensor {
  return opScope(name, "boolean_mask", [tensor, mask], () => {
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
    const ax = axis ?? 0;
    const ndimsMask = shapeMask.length;
    const maskedDims: Shape = shapeTensor === null ? null : shapeTensor.slice(ax, ax + ndimsMask);
    // tensor_shape.py: TensorShape.assert_is_compatible_with (an unknown rank is compatible with anything).
    if (maskedDims !== null && !isCompatible(maskedDims, shapeMask)) {
      throw new ValueError(`Shapes ${shapeToString(maskedDims)} and ${shapeToString(shapeMask)} are incompatible`);
    }
    const leadingSize = reduceProd(sliceRange(shape(t), ax, ax + ndimsMask), [0]);
    const before = sliceRange(shape(t), null, ax);
    const after = sliceRange(shape(t), ax + ndimsMask, null);
    // concat's list input packs `[leading_size]` as `concat/values_1` inside concat's scope.
    const newShape = opScope("concat", "concat", [], (scope) =>
      concat([before, stack([leadingSize], 0, "values_1"), after], 0, scope),
    );
    t = reshape(t, newShape);
    if (shapeTensor !== null) {
      const firstDim = maskedDims === null ? null : numElements(maskedDims);
      t.setShape([...shapeTensor.slice(0, ax), firstDim, ...shapeTensor.slice(ax + ndimsMask)]);
    }
    m = reshape(m, [-1]);
    // _apply_mask_1d
    const indices = squeeze(whereIndices(m), [1]);
    return gather(t, indices, { axis: ax });
  });
}
