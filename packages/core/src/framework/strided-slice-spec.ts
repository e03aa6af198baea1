// strided_slice_op.cc / util/strided_slice_op.cc: ValidateStridedSliceOp, from the sparse spec (begin/end/strides
// with masks) to the dense per-dimension slice and the final shape. Shared by the kernels and graph-time shape inference.

export interface StridedSliceMasks {
  beginMask: number;
  endMask: number;
  ellipsisMask: number;
  newAxisMask: number;
  shrinkAxisMask: number;
}

export interface StridedSliceSpec {
  /** Per input dimension: first index, step, and number of elements taken (null when unknown at graph time). */
  begin: (number | null)[];
  strides: number[];
  sizes: (number | null)[];
  /** The output shape (new axes added, shrunk axes removed). */
  finalShape: (number | null)[];
}

const NEW_AXIS = -1;
const SHRINK_AXIS = -2;

/**
 * The dense slice of `shape` (dims may be null at graph time; begin/end null where unknown).
 * Returns an error message in TF's words instead of throwing, so callers raise their own error class.
 */
export function stridedSliceSpec(
  shape: readonly (number | null)[],
  beginIn: readonly (number | null)[],
  endIn: readonly (number | null)[],
  stridesIn: readonly number[],
  masks: StridedSliceMasks,
): StridedSliceSpec | { error: string } {
  if (beginIn.length !== endIn.length || beginIn.length !== stridesIn.length) {
    return {
      error: `Expected begin, end, and strides to be 1D equal size tensors, but got shapes [${beginIn.length}], [${endIn.length}], and [${stridesIn.length}] instead.`,
    };
  }
  let sparseDims = beginIn.length;
  let { ellipsisMask } = masks;
  if ((ellipsisMask & (ellipsisMask - 1)) !== 0) return { error: "Multiple ellipses in slice spec not allowed" };
  if (ellipsisMask === 0) {
    ellipsisMask |= 1 << sparseDims; // no ellipsis: an implicit one at the end
    sparseDims++;
  }
  const ellipsisAt = Math.log2(ellipsisMask & -ellipsisMask);
  let newAxesAfterEllipsis = 0;
  for (let i = ellipsisAt + 1; i < sparseDims; i++) if (masks.newAxisMask & (1 << i)) newAxesAfterEllipsis++;

  const rank = shape.length;
  const dense: {
    begin: number | null;
    end: number | null;
    stride: number;
    bm: boolean;
    em: boolean;
    shrink: boolean;
  }[] = [];
  const gather: number[] = [];
  for (let i = 0; i < sparseDims; i++) {
    if (ellipsisMask & (1 << i)) {
      const next = Math.min(rank - (sparseDims - i) + 1 + newAxesAfterEllipsis, rank);
      while (dense.length < next) {
        gather.push(dense.length);
        dense.push({ begin: 0, end: 0, stride: 1, bm: true, em: true, shrink: false });
      }
    } else if (masks.newAxisMask & (1 << i)) {
      gather.push(NEW_AXIS);
    } else {
      if (dense.length >= rank)
        return { error: `Index out of range using input dim ${dense.length}; input has only ${rank} dims` };
      const shrink = (masks.shrinkAxisMask & (1 << i)) !== 0;
      gather.push(shrink ? SHRINK_AXIS : dense.length);
      dense.push({
        begin: beginIn[i],
        end: endIn[i],
        stride: stridesIn[i],
        bm: (masks.beginMask & (1 << i)) !== 0,
        em: (masks.endMask & (1 << i)) !== 0,
        shrink,
      });
    }
  }
  while (dense.length < rank) dense.push({ begin: 0, end: 0, stride: 1, bm: true, em: true, shrink: false });

  const spec: StridedSliceSpec = { begin: [], strides: [], sizes: [], finalShape: [] };
  for (let i = 0; i < rank; i++) {
    const d = dense[i];
    const dim = shape[i];
    if (d.stride === 0) return { error: `strides[${i}] must be non-zero` };
    if (d.shrink) {
      if (d.begin === null) {
        spec.begin.push(null);
      } else {
        const x = d.begin < 0 && dim !== null ? d.begin + dim : d.begin;
        if (dim !== null && (x < 0 || x >= dim))
          return { error: `slice index ${d.begin} of dimension ${i} out of bounds.` };
        spec.begin.push(x);
      }
      spec.strides.push(1);
      spec.sizes.push(1);
      continue;
    }
    const canonical = (x: number | null, masked: boolean, isBegin: boolean): number | null => {
      if (masked) {
        if (d.stride > 0) return isBegin ? 0 : dim;
        return isBegin ? (dim === null ? null : dim - 1) : -1;
      }
      if (x === null || dim === null) return null;
      const fwd = x < 0 ? dim + x : x;
      return d.stride > 0 ? Math.min(Math.max(fwd, 0), dim) : Math.min(Math.max(fwd, -1), dim - 1);
    };
    const b = canonical(d.begin, d.bm, true);
    const e = canonical(d.end, d.em, false);
    spec.begin.push(b);
    spec.strides.push(d.stride);
    if (b === null || e === null) {
      spec.sizes.push(null);
    } else {
      const interval = e - b;
      spec.sizes.push(interval === 0 || interval < 0 !== d.stride < 0 ? 0 : Math.ceil(interval / d.stride));
    }
  }
  for (const g of gather) {
    if (g === NEW_AXIS) spec.finalShape.push(1);
    else if (g !== SHRINK_AXIS) spec.finalShape.push(spec.sizes[g]);
  }
  return spec;
}
