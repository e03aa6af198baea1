// control_flow_grad.py: _SwitchGrad and _MergeGrad for conds (and for Switch/Merge built by hand); while loops'
// cases (WhileContext, grad_state) are not built by scopeflow yet: their frame ops raise a clear error.

import { UnimplementedError } from "../errors";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import type { GradFn, GradTable } from "../gradients/grad-types";
import { CondContext } from "./cond-context";
import { merge, switch_, switchRefOrTensor } from "./control-flow-switch";
import { equal } from "./math-ops";
import { WhileContext } from "./while-context";

/** control_flow_util.py: GetOutputContext (no loop exits here): the context an op's outputs belong to. */
function outputContext(op: Operation): CondContext | null {
  const ctxt = op.controlFlowContext;
  return ctxt instanceof CondContext ? ctxt : null;
}

/**
 * _SwitchGrad: in a cond, a `cond_grad` Merge of the taken branch's gradient and the zeros the walker made for the
 * other output (guarded by a Switch on the same predicate); elsewhere, each gradient switched to its output's side.
 */
const switchGrad: GradFn = (op, grads) => {
  const ctxt = op.controlFlowContext;
  if (ctxt instanceof CondContext) {
    // A non-trainable dtype gets no zeros on the other branch: no gradient.
    if ((grads[1 - ctxt.branch] as Tensor | null) === null) return [null, null];
    return [merge(grads, "cond_grad")[0], null];
  }
  const falseGrad = switch_(grads[0], op.inputs[1])[0];
  const trueGrad = switch_(grads[1], op.inputs[1])[1];
  return [merge([falseGrad, trueGrad])[0], null];
};

/**
 * _MergeGrad: in a cond, the gradient switched on the predicate (`cond_grad`: output_false to the false branch's
 * input, output_true to the true one's); elsewhere, to the input whose index the Merge forwarded.
 */
const mergeGrad: GradFn = (op, [grad]) => {
  const ctxt = outputContext(op.inputs[0].op);
  if (ctxt !== null) return switchRefOrTensor(grad, ctxt.pred, "cond_grad");
  return op.inputs.map((_, i) => switchRefOrTensor(grad, equal(op.outputs[1], i))[1]);
};

/**
 * _ExitGrad, _EnterGrad, _NextIterationGrad: the gradient while loop (GradLoopState, stacks of forward values) is
 * not built by scopeflow yet: reaching a loop's frame ops is a clear error naming the loop.
 */
const whileGrad: GradFn = (op) => {
  const ctxt = op.controlFlowContext;
  const loop = ctxt instanceof WhileContext ? ctxt.name : String(op.attrs.frame_name ?? op.name);
  throw new UnimplementedError(
    `scopeflow: gradients through while loops are not implemented yet (tf.gradients reached ${op.type} '${op.name}' of the loop '${loop}')`,
  );
};

export const controlFlowGrads: GradTable = {
  Exit: whileGrad,
  RefExit: whileGrad,
  Enter: whileGrad,
  RefEnter: whileGrad,
  NextIteration: whileGrad,
  RefNextIteration: whileGrad,
  LoopCond: null,
  Switch: switchGrad,
  RefSwitch: switchGrad,
  Merge: mergeGrad,
  RefMerge: mergeGrad,
};
