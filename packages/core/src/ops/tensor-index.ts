// array_ops.py: _slice_helper for one integer index (`t[i]`) or a range (`t[a:b]`, `t[:b]`, `t[a:]`): a StridedSlice
// named `strided_slice` whose begin, end and strides are the Consts `strided_slice/stack`, `stack_1` and `stack_2`.
import type { Tensor } from "../framework/tensor";
import { opScope } from "./op-builder";
import { stack, stridedSlice } from "./slicing-ops";

/** Python's `t[i]` for an integer `i` (array_ops.py: _slice_helper): a `strided_slice` dropping axis 0. */
export function indexTensor(t: Tensor, i: number): Tensor {
  // _slice_helper packs begin, end (i + 1, also for i = -1: shrinking ignores it) and strides inside its scope.
  return opScope(null, "strided_slice", [t], (scope) =>
    stridedSlice(t, stack([i], 0, "stack"), stack([i + 1], 0, "stack_1"), stack([1], 0, "stack_2"), {
      shrinkAxisMask: 1,
      name: scope,
    }),
  );
}

/** Python's `t[begin:end]` on a vector (null for an omitted bound: begin_mask / end_mask). */
export function sliceRange(t: Tensor, begin: number | null, end: number | null): Tensor {
  return opScope(null, "strided_slice", [t], (scope) =>
    stridedSlice(t, stack([begin ?? 0], 0, "stack"), stack([end ?? 0], 0, "stack_1"), stack([1], 0, "stack_2"), {
      beginMask: begin === null ? 1 : 0,
      endMask: end === null ? 1 : 0,
      name: scope,
    }),
  );
}
