// control_flow_ops.py: WhileContext.AddBackpropAccumulator: the gradient loop's sum of a loop invariant's
// gradients over the iterations (`b_acc`), which _EnterGrad returns.

import type { Operation } from "../framework/operation";
import { isFullyDefined } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { shape, zeros } from "./array-ops";
import type { CondContext } from "./cond-context";
import { merge, switch_ } from "./control-flow-switch";
import type { GradLoopState } from "./grad-loop-state";
import { add } from "./math-ops";
import { constantOp } from "./op-builder";
import { enter, exit, nextIteration, WhileContext } from "./while-context";

type Context = WhileContext | CondContext;

function within<T>(ctxt: Context | null, body: () => T): T {
  if (ctxt === null) return body();
  ctxt.enter();
  try {
    return body();
  } finally {
    ctxt.exit();
  }
}

/**
 * WhileContext.AddBackpropAccumulator(op, grad) for the gradient loop `ctxt`: a loop variable starting at zeros
 * (shaped like the invariant `op` enters) that adds `grad` each iteration; returns its Exit.
 */
export function addBackpropAccumulator(ctxt: WhileContext, op: Operation, grad: Tensor): Tensor {
  const outer = ctxt.outerContext as Context | null;
  const state = ctxt.gradState as GradLoopState;
  ctxt.exit();
  let acc: Tensor;
  if (isFullyDefined(grad.shape)) {
    acc = within(outer, () => constantOp(0, grad.dtype, grad.shape as number[], "b_acc"));
  } else {
    const value = op.inputs[0];
    if (outer instanceof WhileContext && outer.gradState !== null) {
      // A nested loop: the shape of each run of the inner loop comes back from the outer loop's stack.
      const forwardOuter = state.forwardContext.outerContext as Context;
      const zerosShape = within(forwardOuter, () => shape(value, { optimize: false }));
      const outerState = state.outerGradState as GradLoopState;
      const history = outerState.addForwardAccumulator(zerosShape);
      acc = within(outer, () => zeros(outerState.addBackpropAccumulatedValue(history, zerosShape), grad.dtype));
    } else {
      acc = within(outer, () => zeros(shape(value, { optimize: false }), grad.dtype));
    }
  }
  ctxt.enter();
  ctxt.addName(acc.name);
  const enterAcc = enter(acc, ctxt.name, false, ctxt.parallelIterations, true, "b_acc");
  ctxt.loopEnters.push(enterAcc);
  const mergeAcc = merge([enterAcc, enterAcc], "b_acc")[0];
  const [switchFalse, switchTrue] = switch_(mergeAcc, ctxt.pivot as Tensor);
  const addAcc = add(switchTrue, grad);
  const nextAcc = nextIteration(addAcc);
  ctxt.loopGraph.updateInput(mergeAcc.op, 1, nextAcc);
  const resultAcc = exit(switchFalse, "b_acc");
  ctxt.loopExits.push(resultAcc);
  ctxt.exitResult([resultAcc]);
  return resultAcc;
}
