// control_flow_state.py: _ControlFlowState (one per tf.gradients call that goes through while loops: the
// _GradLoopState of each loop, ops/grad-loop-state.ts) and ZerosLikeOutsideLoop.

import type { Operation } from "../framework/operation";
import { isFullyDefined } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { identity, shape, zeros, zerosLike } from "../ops/array-ops";
import { CondContext } from "../ops/cond-context";
import { switch_, switchRefOrTensor } from "../ops/control-flow-switch";
import { GradLoopState } from "../ops/grad-loop-state";
import { constantOp } from "../ops/op-builder";
import { opDefs } from "../ops/op-defs";
import { enclosingWhileContext, isLoopExit, nextIteration, WhileContext, whileContextOf } from "../ops/while-context";

/** control_flow_util.py: IsSwitch */
function isSwitch(op: Operation): boolean {
  return op.def === opDefs.Switch || op.def === opDefs.RefSwitch;
}

/** control_flow_util.py: IsCondSwitch: a Switch all of whose consumers are in cond contexts. */
function isCondSwitch(op: Operation): boolean {
  if (!isSwitch(op) || op.outputs.length === 0) return false;
  return op.outputs.every((o) =>
    o.consumerOps.every((c) => {
      const ctxt = isLoopEnter(c) ? (c.controlFlowContext?.outerContext ?? null) : c.controlFlowContext;
      return ctxt instanceof CondContext;
    }),
  );
}

/** control_flow_util.py: IsLoopSwitch: a Switch of a while loop (not of a cond). */
export function isLoopSwitch(op: Operation): boolean {
  return isSwitch(op) && op.controlFlowContext instanceof WhileContext && !isCondSwitch(op);
}

/** control_flow_util.py: IsLoopEnter */
function isLoopEnter(op: Operation): boolean {
  return op.def === opDefs.Enter || op.def === opDefs.RefEnter;
}

/** control_flow_state.py: _ControlFlowState: the grad state of each forward loop one tf.gradients call goes through. */
export class ControlFlowState {
  private readonly states = new Map<WhileContext, GradLoopState>();

  /** GetGradState: the grad state of the loop `op` is in (for an Exit before its gradient, the loop around it). */
  gradStateOf(op: Operation, before: boolean): GradLoopState | null {
    let forwardCtxt: WhileContext | null;
    if (before && isLoopExit(op)) {
      forwardCtxt = enclosingWhileContext(op.controlFlowContext?.outerContext ?? null);
    } else {
      forwardCtxt = whileContextOf(op);
    }
    return forwardCtxt === null ? null : (this.states.get(forwardCtxt) ?? null);
  }

  /**
   * ProcessUnusedLoopExits: the exits of the loops no gradient reaches (they get zeros, or none); a loop's Enters
   * are kept in the walk.
   */
  processUnusedLoopExits(pendingCount: Map<Operation, number>, toOps: ReadonlySet<Operation>): Tensor[] {
    const loopExits: Tensor[] = [];
    for (const state of this.states.values()) {
      for (const y of state.forwardLoopExits) {
        if ((pendingCount.get(y.op) ?? 0) === 0) {
          state.pendingExitsCount -= 1;
          if (!toOps.has(y.op)) state.unusedExits.push(y);
          if (state.pendingExitsCount === 0) loopExits.push(...state.unusedExits);
        }
      }
      for (const y of state.forwardContext.loopEnters) {
        if ((pendingCount.get(y.op) ?? 0) === 0) pendingCount.set(y.op, 1);
      }
    }
    return loopExits;
  }

  /** EnterGradWhileContext */
  enterGradWhileContext(op: Operation, before: boolean): void {
    this.gradStateOf(op, before)?.gradContext.enter();
  }

  /** ExitGradWhileContext */
  exitGradWhileContext(op: Operation, before: boolean): void {
    this.gradStateOf(op, before)?.gradContext.exit();
  }

  /** AddWhileContext: a grad state for the loop of `op` (an Exit); all of the loop's exits join the walk. */
  addWhileContext(op: Operation, betweenList: Operation[], between: Set<Operation>): void {
    const forwardCtxt = whileContextOf(op) as WhileContext;
    if (this.states.has(forwardCtxt)) return;
    const outerForwardCtxt = enclosingWhileContext(forwardCtxt.outerContext);
    const outerState = outerForwardCtxt === null ? null : (this.states.get(outerForwardCtxt) ?? null);
    const state = new GradLoopState(forwardCtxt, outerState);
    this.states.set(forwardCtxt, state);
    for (const loopExit of state.forwardLoopExits) {
      if (!between.has(loopExit.op)) {
        between.add(loopExit.op);
        betweenList.push(loopExit.op);
      }
    }
  }

  /** ZerosLikeForExit: the zero gradient of a loop exit nothing differentiates through. */
  zerosLikeForExit(val: Tensor): Tensor {
    const forwardCtxt = val.op.controlFlowContext as WhileContext;
    const outerForwardCtxt = enclosingWhileContext(forwardCtxt.outerContext);
    const outerState = outerForwardCtxt === null ? null : (this.states.get(outerForwardCtxt) ?? null);
    const known = isFullyDefined(val.shape);
    if (outerState === null)
      return known ? zeros(val.shape as number[], val.dtype) : zerosLike(val, { optimize: false });
    // A nested loop: zeros in the outer gradient loop, shaped from the stack when the shape is not static.
    if (known) return withContext(outerState.gradContext, () => zeros(val.shape as number[], val.dtype));
    const valShape = withContext(forwardCtxt.outerContext as WhileContext, () => shape(val, { optimize: false }));
    const historyShape = outerState.addForwardAccumulator(valShape);
    return withContext(outerState.gradContext, () =>
      zeros(outerState.addBackpropAccumulatedValue(historyShape, valShape), val.dtype),
    );
  }

  /** ZerosLike: the zero gradient of `op`'s output `index`, made in the gradient loop when `op` is in a loop. */
  zerosLike(op: Operation, index: number): Tensor | null {
    if (isLoopSwitch(op)) return null;
    const deadBranch = isSwitch(op);
    const forwardCtxt = whileContextOf(op);
    const state = forwardCtxt === null ? undefined : this.states.get(forwardCtxt);
    if (state === undefined) return zerosLikeOutsideLoop(op, index);
    const opCtxt = op.controlFlowContext as WhileContext | CondContext;
    const val = op.outputs[index];
    if (isFullyDefined(val.shape)) {
      let result = constantOp(0, val.dtype, val.shape as number[], opDefs.Const.type);
      if (deadBranch) {
        const condCtxt = opCtxt as CondContext;
        const pred = state.historyMap.get(condCtxt.pred.name) as Tensor;
        result = switchRefOrTensor(result, pred)[1 - condCtxt.branch];
      }
      return result;
    }
    let zerosShape: Tensor;
    if (deadBranch) {
      const condCtxt = opCtxt as CondContext;
      const outer = condCtxt.outerContext as WhileContext | CondContext;
      const [deadVal, dims] = withContext(outer, () => {
        const v = switchRefOrTensor(op.inputs[0], condCtxt.pred)[1 - condCtxt.branch];
        return [v, shape(v, { optimize: false })];
      });
      deadVal.op.controlFlowContext = condCtxt;
      dims.op.controlFlowContext = condCtxt;
      zerosShape = dims;
    } else {
      zerosShape = withContext(opCtxt, () => shape(val, { optimize: false }));
    }
    state.gradContext.exit();
    const historyShape = state.addForwardAccumulator(zerosShape, deadBranch);
    state.gradContext.enter();
    return zeros(state.addBackpropAccumulatedValue(historyShape, zerosShape, deadBranch), val.dtype);
  }

  /**
   * PostProcessing: a loop variable whose next value does not depend on its current one gets zeros as its
   * gradient for every iteration but the first (its `b_switch` Merge still reads its Enter twice).
   */
  postProcessing(): void {
    for (const state of this.states.values()) {
      for (const bMerge of state.switchMap.values()) {
        const [first, second] = bMerge.op.inputs;
        if (first !== second) continue;
        const graph = bMerge.graph;
        let nextGradVal: Tensor;
        if (isFullyDefined(first.shape)) {
          nextGradVal = withContext(state.gradContext, () =>
            nextIteration(constantOp(0, first.dtype, first.shape as number[], opDefs.Const.type)),
          );
        } else {
          const outerGradCtxt = state.gradContext.outerContext as WhileContext | CondContext | null;
          const enterGrad = first.op.inputs[0];
          const gradVal = withContext(outerGradCtxt, () => zeros(shape(enterGrad, { optimize: false })));
          nextGradVal = withContext(state.gradContext, () => nextIteration(gradVal));
        }
        graph.updateInput(bMerge.op, 1, nextGradVal);
      }
    }
  }
}

function withContext<T>(ctxt: WhileContext | CondContext | null, body: () => T): T {
  if (ctxt === null) return body();
  ctxt.enter();
  try {
    return body();
  } finally {
    ctxt.exit();
  }
}

/**
 * control_flow_state.py: MaybeCreateControlFlowState: the state of the while loops whose Exits lie between xs and
 * ys, or null when there are none.
 */
export function maybeCreateControlFlowState(
  betweenList: Operation[],
  between: Set<Operation>,
): ControlFlowState | null {
  let state: ControlFlowState | null = null;
  // The list grows as loops add their exits: those are visited too.
  for (let i = 0; i < betweenList.length; i++) {
    const op = betweenList[i];
    if (isLoopExit(op)) {
      state ??= new ControlFlowState();
      state.addWhileContext(op, betweenList, between);
    }
  }
  return state;
}

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
