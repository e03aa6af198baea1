// Python's `reshape(x, [-1, t])` with a tensor in the list: convert_to_tensor autopacks the list
// (array_ops.py: _autopacking_helper) into the Pack `Reshape/shape`, its numbers the Consts `Reshape/shape/<i>`.
import type { Tensor } from "../../framework/tensor";
import { reshape } from "../../ops/array-ops";
import { opScope } from "../../ops/op-builder";
import { opDefs } from "../../ops/op-defs";
import { stack } from "../../ops/slicing-ops";

export function reshapeToPacked(x: Tensor, dims: readonly (number | Tensor)[]): Tensor {
  return opScope(null, opDefs.Reshape.type, [x], (scope) => reshape(x, stack([...dims], 0, "shape"), scope));
}
