// control_flow_state.py: _GradLoopState, and control_flow_ops.py's WhileContext.AddForwardLoopCounter and
// AddBackpropLoopCounter: for each while loop tf.gradients goes through, a counter added to the forward loop
// (`gradients/f_count`), the gradient while loop that runs as many iterations backwards (`gradients/b_count`, frame
// `gradients/<loop>/while_context`), and the stacks (`f_acc`: StackV2, StackPushV2 in the forward loop, StackPopV2 in
// the gradient loop) that hand each forward value the gradient reads back, last iteration first.
import type { ControlFlowContext } from "../framework/control-flow-context";
import { int32 } from "../framework/dtypes";
import type { NDArray } from "../framework/ndarray";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import { CondContext } from "./cond-context";
import { merge, switch_, switchRefOrTensor } from "./control-flow-switch";
import { add, greaterEqual, subtract } from "./math-ops";
import { constantOp, createOp, opScope } from "./op-builder";
import { opDefs } from "./op-defs";
import {
  enter,
  exit,
  type LoopGradState,
  loopCond,
  loopConstantEnterOf,
  nextIteration,
  outputContextOf,
  WhileContext,
} from "./while-context";

type Context = WhileContext | CondContext;

/** control_flow_state.py: _GradLoopState */
export class GradLoopState implements LoopGradState {
  readonly forwardContext: WhileContext;
  /** The forward counter's NextIteration: the value of the counter for the next iteration. */
  readonly forwardIndex: Tensor;
  readonly gradContext: WhileContext;
  /** The gradient counter's NextIteration. */
  readonly gradIndex: Tensor;
  /** Forward tensor name -> the value the gradient loop reads for it (a stack pop, an Enter, a cloned Const). */
  readonly historyMap = new Map<string, Tensor>();
  /** Forward loop Switch -> the `b_switch` Merge its first gradient visit made. */
  readonly switchMap = new Map<Operation, Tensor>();
  readonly unusedExits: Tensor[] = [];
  readonly deferredExits: Tensor[] = [];
  readonly forwardLoopExits: Tensor[];
  /** The exits whose gradients are still to come. */
  pendingExitsCount: number;
  private forwardSyncOp: Operation | null = null;
  private gradSyncOp: Operation | null = null;

  constructor(
    forwardCtxt: WhileContext,
    readonly outerGradState: GradLoopState | null,
  ) {
    this.forwardLoopExits = [...forwardCtxt.loopExits];
    this.pendingExitsCount = this.forwardLoopExits.length;
    this.forwardContext = forwardCtxt;
    const outerForwardCtxt = (outerGradState?.forwardContext ?? forwardCtxt.outerContext) as Context | null;
    const [cnt, forwardIndex] = within(outerForwardCtxt, () => addForwardLoopCounter(forwardCtxt, outerGradState));
    this.forwardIndex = forwardIndex;
    const newGradContext = () =>
      new WhileContext(
        forwardCtxt.loopGraph,
        forwardCtxt.maximumIterations,
        forwardCtxt.parallelIterations,
        forwardCtxt.backProp,
        forwardCtxt.swapMemory,
        forwardCtxt.name,
        this,
      );
    if (outerGradState !== null) {
      // A nested loop: the outer loops remember how many iterations each run of this one made.
      (outerForwardCtxt as Context).addName(cnt.name);
      const historyCnt = outerGradState.addForwardAccumulator(cnt);
      [this.gradContext, this.gradIndex] = within(outerGradState.gradContext, () => {
        const gradContext = newGradContext();
        const realCnt = outerGradState.addBackpropAccumulatedValue(historyCnt, cnt);
        return [gradContext, addBackpropLoopCounter(gradContext, realCnt, outerGradState)];
      });
    } else {
      [this.gradContext, this.gradIndex] = within(outerForwardCtxt, () => {
        const gradContext = newGradContext();
        return [gradContext, addBackpropLoopCounter(gradContext, cnt, null)];
      });
    }
  }

  private get graph() {
    return this.forwardContext.loopGraph;
  }

  /** A ControlTrigger (`f_sync`) that keeps a cond's stack pushes ordered before the forward counter steps on. */
  get forwardSync(): Operation {
    if (this.forwardSyncOp === null) {
      const sync = this.graph.controlDependencies(null, () => controlTrigger("f_sync"));
      sync.controlFlowContext = this.forwardContext;
      this.graph.addControlInput(this.forwardIndex.op, sync);
      this.forwardSyncOp = sync;
    }
    return this.forwardSyncOp;
  }

  /** A ControlTrigger (`b_sync`) that keeps the stack pops ordered before the gradient counter steps on. */
  get gradSync(): Operation {
    if (this.gradSyncOp === null) {
      const sync = this.graph.controlDependencies(null, () => controlTrigger("b_sync"));
      sync.controlFlowContext = this.gradContext;
      this.graph.addControlInput(this.gradIndex.op, sync);
      (this.gradContext.outerContext as Context | null)?.addInnerOp(sync);
      this.gradSyncOp = sync;
    }
    return this.gradSyncOp;
  }

  /** _GradLoopState.AddForwardAccumulator: a stack (`f_acc`) and, in the forward loop, a push of `value`. */
  addForwardAccumulator(value: Tensor, deadBranch = false): Tensor {
    const graph = this.graph;
    const currCtxt = graph.getControlFlowContext() as Context | null;
    return graph.controlDependencies(null, () => {
      const acc = within(currCtxt, () =>
        graph.colocateWith(value.op, () => {
          const maxSize = constantOp(-1, int32, null, opDefs.Const.type);
          return stackV2(maxSize, value, "f_acc");
        }),
      );
      const enterAcc = this.forwardContext.addValue(acc);
      const valueCtxt = outputContextOf(value.op);
      let push: Tensor;
      if (valueCtxt === this.forwardContext) {
        push = within(this.forwardContext, () => stackPushV2(enterAcc, value, this.forwardContext.swapMemory));
        graph.addControlInput(this.forwardIndex.op, push.op);
      } else {
        if (!(valueCtxt instanceof CondContext)) {
          // control_flow_state.py: _GradLoopState.AddForwardAccumulator
          throw new TypeError(`value_ctxt is not a CondContext: ${String(valueCtxt)}`);
        }
        if (deadBranch) {
          push = within(valueCtxt.outerContext as Context, () =>
            stackPushV2(enterAcc, value, this.forwardContext.swapMemory),
          );
          push.op.controlFlowContext = valueCtxt;
        } else {
          push = within(valueCtxt, () => stackPushV2(enterAcc, value, this.forwardContext.swapMemory));
        }
        graph.addControlInput(this.forwardSync, push.op);
      }
      // The push runs after the counter's successor is computed.
      graph.addControlInput(push.op, this.forwardIndex.op.inputs[0].op);
      return acc;
    });
  }

  /** _GradLoopState.AddBackpropAccumulatedValue: the pop, in the gradient loop, of what `history` accumulated. */
  addBackpropAccumulatedValue(historyValue: Tensor, value: Tensor, deadBranch = false): Tensor {
    const historyCtxt = historyValue.op.controlFlowContext;
    let condCtxt: CondContext | null = null;
    for (let c = value.op.controlFlowContext; c !== null && c !== historyCtxt; c = c.outerContext) {
      if (c instanceof CondContext) {
        condCtxt = c;
        break;
      }
    }
    const pop = this.graph.controlDependencies(null, () =>
      within(this.gradContext, () => {
        let history = historyValue;
        if (condCtxt !== null) {
          // The pop of a value made in a cond runs only on the branch the forward iteration took.
          let pred: Tensor | undefined;
          for (let s: GradLoopState | null = this; pred === undefined && s !== null; s = s.outerGradState) {
            pred = s.historyMap.get(condCtxt.pred.name);
          }
          const branch = deadBranch ? 1 - condCtxt.branch : condCtxt.branch;
          history = switchRefOrTensor(history, pred ?? condCtxt.pred)[branch];
        }
        const popped = stackPopV2(history, value);
        popped.setShape(value.shape);
        return popped;
      }),
    );
    if (this.gradContext.parallelIterations > 1) this.graph.addControlInput(this.gradSync, pop.op);
    return pop;
  }

  /**
   * _GradLoopState.GetRealValue: what the gradient loop reads for the forward value `value`: a loop invariant
   * entered into the gradient loop, a clone of a constant, or the pop of a stack the forward loop pushes it on.
   */
  getRealValue(value: Tensor): Tensor {
    const known = this.historyMap.get(value.name);
    if (known !== undefined) return known;
    let realValue: Tensor | null = null;
    let curValue = value;
    let curGradState: GradLoopState = this;
    let historyValue: Tensor | null = null;
    for (;;) {
      const enterOp = loopConstantEnterOf(curValue);
      if (enterOp !== null) {
        curValue = enterOp.inputs[0];
        const outer = curGradState.outerGradState;
        if (outer === null) {
          // Outside every loop of this gradient: a loop invariant, entered into the gradient loop.
          realValue = this.gradContext.addValue(curValue);
          break;
        }
        curGradState = outer;
      } else if (curValue.op.type === opDefs.Const.type) {
        realValue = constantOp(curValue.op.attrs.value as NDArray, curValue.dtype, null, opDefs.Const.type);
        break;
      } else {
        this.gradContext.exit();
        historyValue = curGradState.addForwardAccumulator(curValue);
        this.gradContext.enter();
        break;
      }
    }
    if (realValue === null) {
      realValue = curGradState.addBackpropAccumulatedValue(historyValue as Tensor, curValue);
      if (curGradState !== this) realValue = this.gradContext.addValue(realValue);
    }
    this.historyMap.set(value.name, realValue);
    return realValue;
  }
}

/** Runs `body` with `ctxt` entered (ControlFlowContext.Enter / Exit), or as is for no context. */
function within<T>(ctxt: Context | ControlFlowContext | null, body: () => T): T {
  if (ctxt === null) return body();
  const c = ctxt as Context;
  c.enter();
  try {
    return body();
  } finally {
    c.exit();
  }
}

/** gen_control_flow_ops.py: control_trigger */
function controlTrigger(name: string): Operation {
  return createOp(opDefs.ControlTrigger, [], { name });
}

/** gen_data_flow_ops.py: stack_v2(max_size, elem_type, name): a stack of `like`'s dtype. */
function stackV2(maxSize: Tensor, like: Tensor, name: string): Tensor {
  return opScope(name, opDefs.StackV2.type, [maxSize], (scope) =>
    createOp(opDefs.StackV2, [maxSize], {
      name: scope,
      attrs: { elem_type: like.dtype, stack_name: "" },
      shapes: [[2]],
    }),
  ).outputs[0];
}

/** gen_data_flow_ops.py: stack_push_v2(handle, elem, swap_memory) */
function stackPushV2(handle: Tensor, elem: Tensor, swapMemory: boolean): Tensor {
  return opScope(undefined, opDefs.StackPushV2.type, [handle, elem], (scope) =>
    createOp(opDefs.StackPushV2, [handle, elem], {
      name: scope,
      attrs: { T: elem.dtype, swap_memory: swapMemory },
      shapes: [elem.shape],
    }),
  ).outputs[0];
}

/** gen_data_flow_ops.py: stack_pop_v2(handle, elem_type) */
function stackPopV2(handle: Tensor, like: Tensor): Tensor {
  return opScope(undefined, opDefs.StackPopV2.type, [handle], (scope) =>
    createOp(opDefs.StackPopV2, [handle], { name: scope, attrs: { elem_type: like.dtype }, shapes: [null] }),
  ).outputs[0];
}

/**
 * WhileContext.AddForwardLoopCounter: a loop variable counting the forward loop's iterations (`f_count`); returns
 * its Exit (the count) and its NextIteration (the forward index).
 */
function addForwardLoopCounter(ctxt: WhileContext, outerGradState: GradLoopState | null): [Tensor, Tensor] {
  const graph = ctxt.loopGraph;
  const n = constantOp(0, int32, null, "f_count");
  // The pushes of the i-th run of an inner loop come before those of the (i+1)-th.
  if (outerGradState !== null) graph.addControlInput(n.op, outerGradState.forwardIndex.op.inputs[0].op);
  return within(ctxt, () => {
    ctxt.addName(n.name);
    const enterN = enter(n, ctxt.name, false, ctxt.parallelIterations, true, "f_count");
    ctxt.loopEnters.push(enterN);
    const mergeN = merge([enterN, enterN])[0];
    const switchN = switch_(mergeN, ctxt.pivot as Tensor);
    const index = add(switchN[1], 1);
    const nextN = nextIteration(index);
    graph.updateInput(mergeN.op, 1, nextN);
    const totalIterations = exit(switchN[0], "f_count");
    ctxt.loopExits.push(totalIterations);
    ctxt.exitResult([totalIterations]);
    return [totalIterations, nextN];
  });
}

/**
 * WhileContext.AddBackpropLoopCounter: the gradient loop's own counter (`b_count`), from `count` down to 1; it is
 * the gradient loop's predicate and pivots. Returns its NextIteration (the gradient index).
 */
function addBackpropLoopCounter(ctxt: WhileContext, count: Tensor, outerGradState: GradLoopState | null): Tensor {
  const graph = ctxt.loopGraph;
  const one = constantOp(1, int32, null, "b_count");
  return within(ctxt, () => {
    ctxt.addName(count.name);
    const enterCount = enter(count, ctxt.name, false, ctxt.parallelIterations, true, "b_count");
    ctxt.loopEnters.push(enterCount);
    const mergeCount = merge([enterCount, enterCount])[0];
    ctxt.pivotForPred = mergeCount;
    const pred = greaterEqual(mergeCount, one);
    ctxt.pivot = loopCond(pred, "b_count");
    const switchCount = switch_(mergeCount, ctxt.pivot);
    const index = subtract(switchCount[1], one);
    ctxt.pivotForBody = index;
    const nextCount = nextIteration(index);
    graph.updateInput(mergeCount.op, 1, nextCount);
    const finalZero = exit(switchCount[0], "b_count");
    ctxt.loopExits.push(finalZero);
    // The pops of the i-th run of an inner loop come before those of the (i+1)-th.
    if (outerGradState !== null) graph.addControlInput(outerGradState.gradSync, finalZero.op);
    ctxt.exitResult([finalZero]);
    return nextCount;
  });
}
