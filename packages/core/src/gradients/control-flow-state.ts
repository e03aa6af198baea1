// control_flow_state.py: ZerosLikeOutsideLoop: the zero gradient of an output nothing differentiates through.
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import { identity, shape, zeros, zerosLike } from "../ops/array-ops";
import { CondContext } from "../ops/cond-context";
import { switch_ } from "../ops/control-flow-switch";
import { opDefs } from "../ops/op-defs";

/**
 * ZerosLikeOutsideLoop(op, index): `zeros_like(output, optimize=False)`; for the untaken output of a cond's Switch,
 * zeros made only when that branch is not taken: a Switch of the Switch's input on the predicate, an Identity pivot
 * of it, and `zeros(Shape)` after the pivot.
 */
export function zerosLikeOutsideLoop(op: Operation, index: number): Tensor {
  const val = op.outputs[index];
  const ctxt = op.controlFlowContext;
  if ((op.def !== opDefs.Switch && op.def !== opDefs.RefSwitch) || !(ctxt instanceof CondContext)) {
    return zerosLike(val, { optimize: false });
  }
  const switchVal = switch_(op.inputs[0], ctxt.pred)[1 - ctxt.branch];
  // Control dependencies are on the whole op, so the pivot's op is what runs on the branch taken.
  const pivot = identity(switchVal);
  const zerosShape = shape(switchVal, { optimize: false });
  return op.graph.controlDependencies([pivot], () => zeros(zerosShape, val.dtype));
}
