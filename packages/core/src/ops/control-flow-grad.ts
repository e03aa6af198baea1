// control_flow_grad.py: the gradients of the v1 control flow ops, for conds (CondContext) and while loops
// (WhileContext: the gradient while loop of ops/grad-loop-state.ts, built while the walker is in its context).

import { IndexedSlices } from "../framework/indexed-slices";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import type { GradFn, GradTable } from "../gradients/grad-types";
import { CondContext } from "./cond-context";
import { merge, switch_, switchRefOrTensor } from "./control-flow-switch";
import type { GradLoopState } from "./grad-loop-state";
import { denseOf } from "./indexed-slices-ops";
import { equal } from "./math-ops";
import { enclosingWhileContext, enter, exit, outputContextOf, WhileContext } from "./while-context";
import { addBackpropAccumulator, addBackpropIndexedSlicesAccumulator } from "./while-grad-ops";
import { addNextAndBackEdge } from "./while-loop";

/** The gradient while loop the walker is building in, and its state (null outside one). */
function gradLoop(op: Operation): [WhileContext, GradLoopState] | [null, null] {
  const ctxt = enclosingWhileContext(op.graph.getControlFlowContext());
  return ctxt?.gradState ? [ctxt, ctxt.gradState as GradLoopState] : [null, null];
}

/**
 * _SwitchGrad: in a while loop, the first visit (from the Exit) makes the `b_switch` Merge, the second (from the
 * body) closes its back edge; in a cond, a `cond_grad` Merge of the taken branch's gradient and the zeros the walker
 * made for the other output (guarded by a Switch on the same predicate); elsewhere, each gradient switched to its
 * output's side.
 */
const switchGrad: GradFn = (op, grads) => {
  const ctxt = op.controlFlowContext;
  if (ctxt instanceof WhileContext) {
    const [, state] = gradLoop(op);
    const mergeGrad = state?.switchMap.get(op);
    if (mergeGrad !== undefined) {
      if (grads[1] !== null) addNextAndBackEdge(mergeGrad, grads[1], false);
      return [null, null];
    }
    if (grads[0] !== null && state !== null) {
      const m = merge([grads[0], grads[0]], "b_switch")[0];
      state.switchMap.set(op, m);
      return [m, null];
    }
    return [null, null];
  }
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
 * _MergeGrad: in a while loop, the gradient switched on the gradient loop's predicate; in a cond, switched on the
 * predicate (`cond_grad`; inside a gradient loop, the predicate of each forward iteration, from its stack);
 * elsewhere, to the input whose index the Merge forwarded.
 */
const mergeGrad: GradFn = (op, [grad]) => {
  const opCtxt = outputContextOf(op.inputs[0].op);
  const [gradCtxt, state] = gradLoop(op);
  if (opCtxt instanceof WhileContext && gradCtxt !== null) return switchRefOrTensor(grad, gradCtxt.pivot as Tensor);
  if (opCtxt instanceof CondContext) {
    let pred = opCtxt.pred;
    if (state !== null) {
      let realPred = state.historyMap.get(pred.name);
      if (realPred === undefined) {
        // Remember the predicate of every forward iteration.
        state.gradContext.exit();
        const historyPred = state.addForwardAccumulator(pred);
        state.gradContext.enter();
        realPred = state.addBackpropAccumulatedValue(historyPred, pred);
        state.historyMap.set(pred.name, realPred);
      }
      pred = realPred;
    }
    return switchRefOrTensor(grad, pred, "cond_grad");
  }
  return op.inputs.map((_, i) => switchRefOrTensor(grad, equal(op.outputs[1], i))[1]);
};

/** _ExitGrad: the gradient enters the gradient loop (`b_exit`). */
const exitGrad: GradFn = (op, [grad]) => {
  const [gradCtxt] = gradLoop(op);
  if (gradCtxt === null || !gradCtxt.backProp) return [null];
  const opCtxt = op.controlFlowContext as WhileContext;
  // control_flow_grad.py: _ExitGrad
  if (opCtxt.gradState !== null) throw new TypeError("Second-order gradient for while loops not supported.");
  gradCtxt.addName(grad.name);
  gradCtxt.enter();
  try {
    const result = enter(grad, gradCtxt.name, false, gradCtxt.parallelIterations, true, "b_exit");
    gradCtxt.loopEnters.push(result);
    return [result];
  } finally {
    gradCtxt.exit();
  }
};

/** _NextIterationGrad: the gradient passes; the gradient loop's NextIteration is made by _SwitchGrad. */
const nextIterationGrad: GradFn = (_op, [grad]) => [grad];

/**
 * _EnterGrad: a loop variable's gradient leaves the gradient loop through an Exit; a loop invariant's gradients
 * are summed over the iterations by an accumulator loop variable (`b_acc`), or concatenated by three when they are
 * IndexedSlices (the walker hands an Enter its IndexedSlices as they are).
 */
const enterGrad: GradFn = (op, [grad]) => {
  const [gradCtxt] = gradLoop(op);
  if (gradCtxt === null || !gradCtxt.backProp) return [grad];
  const slices = grad as Tensor | IndexedSlices;
  if (op.attrs.is_constant === true) {
    if (slices instanceof IndexedSlices) return [addBackpropIndexedSlicesAccumulator(gradCtxt, op, slices)];
    return [addBackpropAccumulator(gradCtxt, op, grad)];
  }
  // A loop variable's Enter feeds a Merge, whose gradient is dense.
  const result = exit(denseOf(grad));
  gradCtxt.loopExits.push(result);
  gradCtxt.exitResult([result]);
  return [result];
};

/** array_grad.py: _RefIdentityGrad */
const refIdentityGrad: GradFn = (_op, [grad]) => [grad];

export const controlFlowGrads: GradTable = {
  RefIdentity: refIdentityGrad,
  Exit: exitGrad,
  RefExit: exitGrad,
  Enter: enterGrad,
  RefEnter: enterGrad,
  NextIteration: nextIterationGrad,
  RefNextIteration: nextIterationGrad,
  LoopCond: null,
  Switch: switchGrad,
  RefSwitch: switchGrad,
  Merge: mergeGrad,
  RefMerge: mergeGrad,
};
