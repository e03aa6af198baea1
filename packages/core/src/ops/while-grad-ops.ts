// control_flow_ops.py: WhileContext.AddBackpropAccumulator and AddBackpropIndexedSlicesAccumulator: the gradient
// loop's sum of a loop invariant's gradients over the iterations (`b_acc`), which _EnterGrad returns: added up for a
// dense gradient, concatenated (indices and values) for an IndexedSlices one, so an embedding's gradient stays sparse.

import { IndexedSlices } from "../framework/indexed-slices";
import type { Operation } from "../framework/operation";
import { isFullyDefined } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { shape, zeros, zerosLike } from "./array-ops";
import type { CondContext } from "./cond-context";
import { merge, switch_ } from "./control-flow-switch";
import type { GradLoopState } from "./grad-loop-state";
import { add, maximum } from "./math-ops";
import { constantOp } from "./op-builder";
import { opDefs } from "./op-defs";
import { concat, stridedSlice } from "./slicing-ops";
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

/**
 * WhileContext.AddBackpropIndexedSlicesAccumulator(op, grad): loop variables for the indices, values and (the
 * largest) dense shape, starting from one zero row at index 0 and growing by `grad`'s slices each iteration;
 * returns the IndexedSlices of their Exits.
 */
export function addBackpropIndexedSlicesAccumulator(
  ctxt: WhileContext,
  op: Operation,
  grad: IndexedSlices,
): IndexedSlices {
  const { values, indices, denseShape } = grad;
  const outer = ctxt.outerContext as Context | null;
  ctxt.exit();
  const [valuesAcc, indicesAcc, shapeAcc] = within(outer, () => {
    let valuesAcc: Tensor;
    if (isFullyDefined(values.shape)) {
      const valuesShape = [1, ...(values.shape as number[]).slice(1)];
      valuesAcc = constantOp(0, values.dtype, valuesShape, "b_acc");
    } else {
      const tail = stridedSlice(shape(op.inputs[0], { optimize: false }), [1], [0], [1], { endMask: 1 });
      valuesAcc = zeros(concat([[1], tail], 0), values.dtype);
    }
    const indicesAcc = constantOp([0], indices.dtype, null, opDefs.Const.type);
    let shapeAcc: Tensor | null = null;
    if (denseShape !== null) {
      if (isFullyDefined(denseShape.shape)) {
        shapeAcc = constantOp(0, denseShape.dtype, denseShape.shape as number[], opDefs.Const.type);
      } else {
        const inputShape = shape(op.inputs[0], { optimize: false, outType: denseShape.dtype });
        shapeAcc = zerosLike(inputShape, { optimize: false });
      }
    }
    return [valuesAcc, indicesAcc, shapeAcc] as const;
  });
  ctxt.enter();
  ctxt.addName(valuesAcc.name);
  ctxt.addName(indicesAcc.name);
  const initAcc = [indicesAcc, valuesAcc];
  if (shapeAcc !== null) {
    ctxt.addName(shapeAcc.name);
    initAcc.push(shapeAcc);
  }
  // Not the input shape: the accumulators grow.
  const enterAcc = initAcc.map((x) => enter(x, ctxt.name, false, ctxt.parallelIterations, false, "b_acc"));
  enterAcc[0].setShape([null]);
  if (valuesAcc.shape !== null) enterAcc[1].setShape([null, ...valuesAcc.shape.slice(1)]);
  ctxt.loopEnters.push(...enterAcc);
  const mergeAcc = enterAcc.map((x) => merge([x, x], "b_acc")[0]);
  const switchAcc = mergeAcc.map((x) => switch_(x, ctxt.pivot as Tensor));
  const accumulated = [concat([switchAcc[0][1], indices], 0), concat([switchAcc[1][1], values], 0)];
  // Of the dense shapes, the largest.
  if (shapeAcc !== null) accumulated.push(maximum(denseShape as Tensor, switchAcc[2][1]));
  const nextAcc = accumulated.map((x) => nextIteration(x));
  mergeAcc.forEach((m, i) => ctxt.loopGraph.updateInput(m.op, 1, nextAcc[i]));
  const exitAcc = switchAcc.map(([f]) => exit(f, "b_acc"));
  ctxt.loopExits.push(...exitAcc);
  ctxt.exitResult(exitAcc);
  return new IndexedSlices(exitAcc[1], exitAcc[0], shapeAcc !== null ? exitAcc[2] : null);
}
