// gradients_util.py: _GradientsHelper (tf.gradients): pending counts, the reverse walk, _AggregatedGrads, _DefaultGradYs.
import { ValueError } from "../errors";
import type { DType } from "../framework/dtypes";
import { type Graph, isTensorConvertible, type TensorConvertible } from "../framework/graph";
import { IndexedSlices } from "../framework/indexed-slices";
import type { Operation } from "../framework/operation";
import { shapeToString } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { fill, identity, shape } from "../ops/array-ops";
import { aggregateIndexedSlicesGradients, denseOf } from "../ops/indexed-slices-ops";
import { addN } from "../ops/math-ops";
import { constantOp, convertToTensor, opScope, type TensorLike } from "../ops/op-builder";
import { opDefs } from "../ops/op-defs";
import { isLoopExit, WhileContext } from "../ops/while-context";
import {
  type ControlFlowState,
  isLoopSwitch,
  maybeCreateControlFlowState,
  zerosLikeOutsideLoop,
} from "./control-flow-state";
import { LookupError, messages } from "./messages";
import { acceptsIndexedSlices, gradientFunctionOf, passesIndexedSlices } from "./registry";
import { tuple } from "./support-ops";

/** A gradient: dense, or the IndexedSlices a gather's gradient is (TF's _GatherV2Grad). */
export type Gradient = Tensor | IndexedSlices;

/** What may be differentiated: a Tensor, or a Variable (its VariableV2 output, as TF's as_ref conversion gives). */
export type GradientTarget = Tensor | TensorConvertible;

export interface GradientsOptions {
  /** Initial gradients of `ys`, one per y (`null` for the default, ones shaped like y). */
  gradYs?: TensorLike | null | readonly (TensorLike | null)[];
  /** Tensors held constant: no gradient flows back through them. */
  stopGradients?: GradientTarget | readonly GradientTarget[];
  /** The name scope of the gradient ops; default `gradients` (then `gradients_1`, ...). */
  name?: string;
  /**
   * TF's gate_gradients: when an op's gradient has several inputs, they pass through `control_flow_ops.tuple`
   * (`<op>_grad/tuple/control_dependency`), so none is used before all are computed. Optimizers set it (GATE_OP).
   */
  gateGradients?: boolean;
}

/**
 * gradients_impl.py: gradients(ys, xs, grad_ys=None, name="gradients", stop_gradients=None): the symbolic partial
 * derivatives of sum(ys) with respect to each x. Returns one entry per x, `null` where x is not connected to ys,
 * an IndexedSlices where TF's is one (a gather's params).
 */
export function gradients(
  ys: TensorLike | readonly TensorLike[],
  xs: GradientTarget | readonly GradientTarget[],
  options: GradientsOptions = {},
): (Gradient | null)[] {
  const yList = asList(ys);
  const xList = asList(xs);
  const stopList = options.stopGradients === undefined ? [] : asList(options.stopGradients);
  const gradYList: (TensorLike | null)[] =
    options.gradYs === undefined || options.gradYs === null ? yList.map(() => null) : asList(options.gradYs);
  const values = [...yList, ...xList, ...stopList, ...gradYList.filter((g) => g !== null)];
  return opScope(options.name, "gradients", values, (_scope, graph) => {
    graph.uniqueName("uid"); // gradient_uid: marks `gradients/uid` as used, as TF does
    const yTensors = yList.map((y, i) => convertToTensor(y, { name: `y_${i}` }));
    const xTensors = xList.map((x, i) => convertToTensor(x as TensorLike, { name: `x_${i}`, asRef: true }));
    const initialGrads = defaultGradYs(gradYList, yTensors);
    const stopOps = stopList.map((s) => (isTensorConvertible(s) ? s.asGraphElement().op : s.op));
    return new GradientWalk(graph, yTensors, xTensors, stopOps, options.gateGradients ?? false).run(initialGrads);
  });
}

function asList<T>(value: T | readonly T[]): T[] {
  return Array.isArray(value) ? [...(value as readonly T[])] : [value as T];
}

/** gradients_util.py: IsTrainable: the dtypes gradients flow through. */
function isTrainable(dtype: DType): boolean {
  return dtype.isFloating;
}

/** gradients_util.py: _DefaultGradYs: ones shaped like y (`Shape`, `grad_ys_<i>`, `Fill`), or `grad_ys_<i>` identities. */
function defaultGradYs(gradYs: (TensorLike | null)[], ys: Tensor[]): Tensor[] {
  if (gradYs.length !== ys.length) {
    // gradients_util.py: _DefaultGradYs
    throw new ValueError(messages.gradYsCount(gradYs.length, ys.length));
  }
  // convert_n_to_tensor_or_indexed_slices(grad_ys, name="grad_y"); scopeflow prefers y's dtype for plain values.
  const converted = gradYs.map((g, i) =>
    g === null ? null : convertToTensor(g, { name: `grad_y_${i}`, preferredDtype: ys[i].dtype }),
  );
  return ys.map((y, i) => {
    const gradY = converted[i];
    if (gradY === null) {
      const dims = shape(y);
      const one = constantOp(1, y.dtype, null, `grad_ys_${i}`);
      return fill(dims, one);
    }
    const yNumeric = y.dtype.isFloating || y.dtype.isInteger;
    if (!yNumeric) {
      // gradients_util.py: _DefaultGradYs
      throw new TypeError(messages.yNotNumeric(String(y), y.dtype.name));
    }
    if (!gradY.dtype.isFloating && !gradY.dtype.isInteger) {
      // gradients_util.py: _DefaultGradYs
      throw new TypeError(messages.gradYNotNumeric(gradY.dtype.name, String(y), y.dtype.name));
    }
    return identity(gradY, `grad_ys_${i}`);
  });
}

/** What _GradientsHelper's `grads` holds per output: the gradients received, or their aggregate once visited. */
type OutputGrads = Gradient[] | Gradient | null;

/** The state of one _GradientsHelper call: which ops lie between xs and ys, and the gradients collected so far. */
class GradientWalk {
  /** Per op, per output: the gradients received (a list until the op is visited, then the aggregate). */
  private readonly grads = new Map<Operation, OutputGrads[]>();
  private readonly pendingCount = new Map<Operation, number>();
  private readonly reachableToOps = new Set<Operation>();
  private loopState: ControlFlowState | null = null;

  constructor(
    private readonly graph: Graph,
    private readonly ys: Tensor[],
    private readonly xs: Tensor[],
    private readonly stopGradientOps: Operation[],
    private readonly gateGradients: boolean,
  ) {}

  run(initialGrads: Tensor[]): (Gradient | null)[] {
    const toOps = this.ys.map((y) => y.op);
    const fromOps = this.xs.map((x) => x.op);
    this.countPending(toOps, fromOps);
    this.ys.forEach((y, i) => {
      this.setGrad(y, initialGrads[i]);
    });

    const queue: Operation[] = [];
    const toOpsSet = new Set<Operation>();
    for (const op of toOps) {
      // 'ready' handles the case where one output gradient relies on another output's gradient.
      const ready = this.pending(op) === 0;
      if (ready && !toOpsSet.has(op) && this.reachableToOps.has(op)) {
        toOpsSet.add(op);
        queue.push(op);
      }
    }
    const loopState = this.loopState;
    if (loopState !== null) {
      for (const y of loopState.processUnusedLoopExits(this.pendingCount, toOpsSet)) {
        if (isTrainable(y.dtype)) this.setGrad(y, loopState.zerosLikeForExit(y));
        queue.push(y.op);
      }
    }
    const stopOps = this.stopOps(fromOps);
    for (let head = 0; head < queue.length; head++) {
      const op = queue[head];
      this.backprop(op, stopOps.has(op), fromOps);
      this.updatePendingAndEnqueueReady(op, queue);
    }
    loopState?.postProcessing();
    return this.xs.map((x) => this.getGrad(x));
  }

  private pending(op: Operation): number {
    return this.pendingCount.get(op) ?? 0;
  }

  /** gradients_util.py: _PendingCount (with _MarkReachedOps): the ops on a backpropagatable path from xs to ys. */
  private countPending(toOps: Operation[], fromOps: Operation[]): void {
    const reached = new Set<Operation>();
    const queue = [...fromOps];
    for (let head = 0; head < queue.length; head++) {
      const op = queue[head];
      if (reached.has(op)) continue;
      reached.add(op);
      for (const output of op.outputs) {
        if (isTrainable(output.dtype)) queue.push(...output.consumerOps);
      }
    }
    for (const op of toOps) if (reached.has(op)) this.reachableToOps.add(op);

    const between = new Set<Operation>();
    const betweenList: Operation[] = [];
    const walk = [...toOps];
    for (let head = 0; head < walk.length; head++) {
      const op = walk[head];
      if (!reached.has(op)) continue;
      between.add(op);
      betweenList.push(op);
      reached.delete(op);
      for (const input of op.inputs) walk.push(input.op);
    }
    // 'loopState' is null if there are no while loops.
    this.loopState = maybeCreateControlFlowState(betweenList, between);
    for (const op of betweenList) {
      for (const input of op.inputs) {
        if (between.has(input.op)) this.pendingCount.set(input.op, this.pending(input.op) + 1);
      }
    }
  }

  /** gradients_util.py: _StopOps: xs with no x upstream, plus the stop_gradients ops. */
  private stopOps(fromOps: Operation[]): Set<Operation> {
    const stop = new Set<Operation>();
    for (const op of fromOps) {
      if (op.inputs.every((input) => this.pending(input.op) <= 0)) stop.add(op);
    }
    for (const op of this.stopGradientOps) stop.add(op);
    return stop;
  }

  /** The body of _GradientsHelper's loop for one op: aggregate, look up the GradFn, call it, hand grads to inputs. */
  private backprop(op: Operation, isStopOp: boolean, fromOps: Operation[]): void {
    const loopState = this.loopState;
    loopState?.enterGradWhileContext(op, true);
    let outGrads: (Gradient | null)[];
    try {
      outGrads = this.aggregate(op);
    } finally {
      loopState?.exitGradWhileContext(op, true);
    }
    const hasOutGrads = outGrads.some((g) => g !== null);
    let gradFn = null;
    if (hasOutGrads && !isStopOp) {
      gradFn = gradientFunctionOf(op);
      if (gradFn === undefined) {
        // gradients_util.py: _GradientsHelper (ops.get_gradient_function raised LookupError)
        throw new LookupError(messages.noGradient(op.name, op.type));
      }
    }
    loopState?.enterGradWhileContext(op, false);
    try {
      // Gradients are taken within one iteration of a loop, never through a loop variable's initial value.
      const opCtxt = op.controlFlowContext;
      if (isSwitchOp(op) && opCtxt instanceof WhileContext && opCtxt === this.graph.getControlFlowContext()) {
        throw new ValueError(messages.noGradWrtInitialLoopVal(nearestFromOp(op, fromOps).name));
      }
      let inGrads: (Gradient | null)[];
      if (gradFn && hasOutGrads) {
        // If _AggregatedGrads has nothing for output i, the cost does not depend on it: its gradient is 0.
        outGrads.forEach((g, i) => {
          if (g === null && isTrainable(op.outputs[i].dtype)) {
            outGrads[i] = loopState !== null ? loopState.zerosLike(op, i) : zerosLikeOutsideLoop(op, i);
          }
        });
        const fn = gradFn;
        const sparseIn = passesIndexedSlices(op.type);
        const rawIn = acceptsIndexedSlices(op.type);
        inGrads = this.graph.nameScope(`${op.name}_grad`, () => {
          // TF's GradFns convert an IndexedSlices where they use it as a tensor; Identity passes it through.
          const computed: (Gradient | null | undefined)[] =
            sparseIn && outGrads[0] instanceof IndexedSlices
              ? [outGrads[0]]
              : fn(op, outGrads.map((g) => (g === null || rawIn ? g : denseOf(g))) as Tensor[]);
          if (computed.length !== op.inputs.length) {
            // gradients_util.py: _VerifyGeneratedGradients
            throw new ValueError(messages.gradCount(computed.length, op.name, op.inputs.length));
          }
          const count = computed.filter((g) => g !== null && g !== undefined).length;
          const present = computed.map((g) => g ?? null);
          return this.gateGradients && count > 1 ? tuple(present) : present;
        });
      } else {
        inGrads = op.inputs.map(() => null);
      }
      op.inputs.forEach((input, i) => {
        const inGrad = inGrads[i];
        if (inGrad === null || inGrad === undefined) return;
        // gradients_util.py: only a Tensor's shape is set.
        if (!(inGrad instanceof IndexedSlices)) this.checkShape(op, i, input, inGrad);
        this.setGrad(input, inGrad);
      });
    } finally {
      loopState?.exitGradWhileContext(op, false);
    }
  }

  /**
   * gradients_util.py: _UpdatePendingAndEnqueueReady: an input op is ready when all its consumers on the path are
   * done (a loop's Switch also as soon as its Exit's gradient is in); a loop's exits are deferred until all of them
   * are ready, then go on together (those without a gradient with zeros, when one of them has one).
   */
  private updatePendingAndEnqueueReady(op: Operation, queue: Operation[]): void {
    const loopState = this.loopState;
    for (const input of op.inputs) {
      const x = input.op;
      const count = this.pending(x) - 1;
      this.pendingCount.set(x, count);
      let ready = count === 0;
      if (loopState !== null && !ready) ready = count > 0 && isLoopSwitch(x);
      if (!ready) continue;
      if (loopState === null || !isLoopExit(x)) {
        queue.push(x);
        continue;
      }
      const state = loopState.gradStateOf(x, false);
      if (state === null) {
        queue.push(x);
        continue;
      }
      state.deferredExits.push(input);
      state.pendingExitsCount -= 1;
      if (state.pendingExitsCount !== 0) continue;
      let hasNotNoneGrad = false;
      for (const y of state.deferredExits) {
        if (this.hasAnyNotNoneGrads(y.op)) {
          hasNotNoneGrad = true;
          queue.push(y.op);
        } else {
          state.unusedExits.push(y);
        }
      }
      for (const y of state.unusedExits) {
        if (hasNotNoneGrad && isTrainable(y.dtype)) this.setGrad(y, loopState.zerosLikeForExit(y));
        queue.push(y.op);
      }
    }
  }

  /** gradients_util.py: _HasAnyNotNoneGrads */
  private hasAnyNotNoneGrads(op: Operation): boolean {
    const outGrads = this.grads.get(op) ?? [];
    return outGrads.some((g) => (Array.isArray(g) ? g.length > 0 : g !== null));
  }

  private checkShape(op: Operation, i: number, input: Tensor, inGrad: Tensor): void {
    try {
      inGrad.setShape(input.shape);
    } catch {
      // gradients_util.py: _GradientsHelper
      throw new ValueError(
        messages.incompatibleShapes(op.name, i, shapeToString(input.shape), shapeToString(inGrad.shape)),
      );
    }
  }

  /** gradients_util.py: _SetGrad (a loop Switch's output aggregated on its first visit takes the later gradient). */
  private setGrad(t: Tensor, grad: Gradient): void {
    let opGrads = this.grads.get(t.op);
    if (!opGrads) {
      opGrads = t.op.outputs.map(() => []);
      this.grads.set(t.op, opGrads);
    }
    const tGrads = opGrads[t.valueIndex];
    if (Array.isArray(tGrads)) tGrads.push(grad);
    else opGrads[t.valueIndex] = grad;
  }

  /**
   * gradients_util.py: _AggregatedGrads with AggregationMethod.ADD_N: one gradient is used as is, several are
   * summed by an `AddN` (colocated with the first, as _MultiDeviceAddN does), none is `null`; several of which one
   * is an IndexedSlices are concatenated (_AggregateIndexedSlicesGradients). The aggregate replaces the list.
   */
  private aggregate(op: Operation): (Gradient | null)[] {
    let opGrads = this.grads.get(op);
    if (!opGrads) {
      opGrads = op.outputs.map(() => []);
      this.grads.set(op, opGrads);
    }
    const lists = opGrads;
    lists.forEach((list, i) => {
      if (!Array.isArray(list)) return;
      if (list.length === 0) lists[i] = null;
      else if (list.length === 1) lists[i] = list[0];
      else if (list.some((g) => g instanceof IndexedSlices)) lists[i] = aggregateIndexedSlicesGradients(list);
      else lists[i] = this.graph.colocateWith(list[0].op, () => addN(list as Tensor[]));
    });
    return [...(lists as (Gradient | null)[])];
  }

  /** gradients_util.py: _GetGrad with UnconnectedGradients.NONE. */
  private getGrad(x: Tensor): Gradient | null {
    if (!this.grads.has(x.op)) return null;
    return this.aggregate(x.op)[x.valueIndex];
  }
}

function isSwitchOp(op: Operation): boolean {
  return op.def === opDefs.Switch || op.def === opDefs.RefSwitch;
}

/** gradients_util.py: _RaiseNoGradWrtInitialLoopValError: the nearest of `fromOps` upstream of `op`. */
function nearestFromOp(op: Operation, fromOps: Operation[]): Operation {
  const visited = new Set<Operation>();
  const queue = [op];
  for (let head = 0; head < queue.length; head++) {
    const curr = queue[head];
    if (visited.has(curr)) continue;
    visited.add(curr);
    if (fromOps.includes(curr)) return curr;
    queue.push(...curr.inputs.map((t) => t.op));
  }
  return op;
}
