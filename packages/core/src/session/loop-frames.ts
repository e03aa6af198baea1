// executor.cc (FrameState, IterationState, ExecutorState::ProcessOutputs / PropagateOutputs), reduced to one
// thread: a while loop's ops form a frame (an Enter pushes into the child frame named by frame_name, an Exit returns
// to the parent frame, a NextIteration feeds the loop's Merge in the next iteration). A loop runs as one step of
// its parent: its ops are interpreted iteration by iteration in a fixed order (the back edge aside), with the
// dead-tensor rules of conds; constant Enters are read each iteration; stateful ops run once per iteration. Loops
// always run on host (reference) kernels: the planned wasm path never sees a step inside a loop.
import { FailedPreconditionError, InternalError } from "../errors";
import { NDArray } from "../framework/ndarray";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import { kernelFor } from "../kernels/backend-registry";
import { type KernelContext, type OpKernel, runEager, type VariableState } from "../kernels/contract";
import { referenceBackend } from "../kernels/reference/index";
import { opDefs } from "../ops/op-defs";
import { isMerge, refRootOf, requestedInputName } from "./dead-tensors";

export function isEnter(op: Operation): boolean {
  return op.def === opDefs.Enter || op.def === opDefs.RefEnter;
}
export function isExit(op: Operation): boolean {
  return op.def === opDefs.Exit || op.def === opDefs.RefExit;
}
export function isNextIteration(op: Operation): boolean {
  return op.def === opDefs.NextIteration || op.def === opDefs.RefNextIteration;
}

/** A frame: the root (null parent) or a loop's, keyed by its parent's key and the Enters' frame_name. */
interface Frame {
  readonly key: string;
  readonly parent: Frame | null;
}

/** A loop as its parent frame runs it: its ops and nested loops in order, its Exits, the outer tensors it reads. */
export interface LoopNode {
  readonly frame: Frame;
  readonly nodes: (Operation | LoopNode)[];
  readonly exits: Operation[];
  /** Tensors of the parent frame read by the loop (its Enters' inputs). */
  readonly inputs: Tensor[];
}

/** The root frame's ops and top-level loops in an order that runs each after what it reads. */
export interface FramePlan {
  readonly nodes: (Operation | LoopNode)[];
  readonly hasLoops: boolean;
}

const ROOT: Frame = { key: "", parent: null };

/** Groups the ops of a run (in execution order, back edges aside) by frame; a plan without Enters is unchanged. */
export function planFrames(ops: readonly Operation[], fed: ReadonlySet<Tensor>): FramePlan {
  if (!ops.some(isEnter)) return { nodes: [...ops], hasLoops: false };
  const frameOf = new Map<Operation, Frame>();
  const frames = new Map<string, Frame>();
  const outFrame = (op: Operation): Frame => {
    const f = frameOf.get(op) ?? ROOT;
    return isExit(op) ? (f.parent ?? ROOT) : f;
  };
  for (const op of ops) {
    let frame = ROOT;
    if (isEnter(op)) {
      const parent = fed.has(op.inputs[0]) ? ROOT : outFrame(op.inputs[0].op);
      const key = `${parent.key}/${String(op.attrs.frame_name)}`;
      frame = frames.get(key) ?? { key, parent };
      frames.set(key, frame);
    } else {
      const deps = [...op.inputs.filter((t) => !fed.has(t)).map((t) => t.op), ...op.controlInputs];
      for (const dep of deps) {
        if (!frameOf.has(dep) || (isMerge(op) && isNextIteration(dep))) continue;
        frame = outFrame(dep);
        break;
      }
    }
    frameOf.set(op, frame);
  }
  // Each frame's members in execution order; a child loop becomes one node of its parent.
  const loops = new Map<Frame, LoopNode>();
  const loopOf = (frame: Frame): LoopNode => {
    let loop = loops.get(frame);
    if (loop === undefined) {
      loop = { frame, nodes: [], exits: [], inputs: [] };
      loops.set(frame, loop);
    }
    return loop;
  };
  const members = new Map<Frame, (Operation | LoopNode)[]>([[ROOT, []]]);
  const add = (frame: Frame, node: Operation | LoopNode) => {
    const list = members.get(frame) ?? [];
    if (!list.includes(node)) list.push(node);
    members.set(frame, list);
  };
  for (const op of ops) {
    const frame = frameOf.get(op) ?? ROOT;
    add(frame, op);
    if (frame === ROOT) continue;
    const loop = loopOf(frame);
    if (isExit(op)) loop.exits.push(op);
    if (isEnter(op) && !loop.inputs.includes(op.inputs[0])) loop.inputs.push(op.inputs[0]);
    for (let f: Frame = frame; f.parent !== null; f = f.parent) add(f.parent, loopOf(f));
  }
  // Order each frame's members: an op after what it reads (through the Exits of child loops), back edges aside.
  const nodeIn = (frame: Frame, op: Operation): Operation | LoopNode | undefined => {
    let f: Frame = frameOf.get(op) ?? ROOT;
    if (f === frame) return op;
    while (f.parent !== null && f.parent !== frame) f = f.parent;
    return f.parent === frame ? loops.get(f) : undefined;
  };
  const orderFrame = (frame: Frame, list: (Operation | LoopNode)[]): (Operation | LoopNode)[] => {
    const depsOf = (node: Operation | LoopNode): (Operation | LoopNode)[] => {
      const result: (Operation | LoopNode)[] = [];
      const reads =
        "frame" in node
          ? node.inputs.filter((t) => !fed.has(t)).map((t) => t.op)
          : [
              ...node.inputs.filter((t) => !fed.has(t) && !(isMerge(node) && isNextIteration(t.op))).map((t) => t.op),
              ...node.controlInputs,
            ];
      for (const op of reads) {
        const dep = nodeIn(frame, op);
        if (dep !== undefined && dep !== node) result.push(dep);
      }
      return result;
    };
    const order: (Operation | LoopNode)[] = [];
    const done = new Set<Operation | LoopNode>();
    const visit = (node: Operation | LoopNode) => {
      if (done.has(node)) return;
      done.add(node);
      for (const dep of depsOf(node)) if (list.includes(dep)) visit(dep);
      order.push(node);
    };
    for (const node of list) visit(node);
    return order;
  };
  for (const [frame, list] of members) {
    const ordered = orderFrame(frame, list);
    if (frame === ROOT) list.splice(0, list.length, ...ordered);
    else loopOf(frame).nodes.push(...ordered);
  }
  return { nodes: members.get(ROOT) ?? [], hasLoops: true };
}

/** The value of a dead tensor inside a loop (an untaken Switch output, the body after the last iteration). */
export const LOOP_DEAD = new NDArray("float32", [0]);
const EMPTY_REF = new NDArray("float32", [0]);

/** Runs loops on the reference kernels, with one KernelContext per op. */
export class LoopRunner {
  private readonly kernels = new Map<Operation, [OpKernel, KernelContext]>();

  constructor(
    private readonly variables: VariableState,
    private readonly contextFor: (op: Operation) => KernelContext,
  ) {}

  /** Runs `loop` reading its outer tensors through `readOuter`; returns each Exit's value (LOOP_DEAD if none). */
  run(loop: LoopNode, readOuter: (t: Tensor) => NDArray): NDArray[] {
    const exitValues = new Map<Operation, NDArray>();
    let carried = new Map<Operation, NDArray>();
    for (let iteration = 0; ; iteration++) {
      const values = new Map<Tensor, NDArray>();
      const deadOps = new Set<Operation>();
      const next = new Map<Operation, NDArray>();
      const valueIn = (t: Tensor): NDArray => values.get(t) ?? readOuter(t);
      for (const node of loop.nodes) {
        if ("frame" in node) {
          const outputs = this.run(node, valueIn);
          node.exits.forEach((e, i) => values.set(e.outputs[0], outputs[i]));
          continue;
        }
        const op = node;
        if (isEnter(op)) {
          // executor.cc: a constant Enter's value is in every iteration; a loop variable's only in the first.
          if (op.attrs.is_constant === true || iteration === 0) values.set(op.outputs[0], readOuter(op.inputs[0]));
          continue;
        }
        if (isMerge(op)) {
          let chosen = -1;
          let value: NDArray | undefined;
          for (let i = 0; i < op.inputs.length && chosen < 0; i++) {
            const input = op.inputs[i];
            const v = isNextIteration(input.op) ? carried.get(input.op) : values.get(input);
            if (v !== undefined && v !== LOOP_DEAD) {
              chosen = i;
              value = v;
            }
          }
          if (value === undefined) this.markDead(op, values, deadOps);
          else {
            values.set(op.outputs[0], value);
            values.set(op.outputs[1], new NDArray("int32", [], new Int32Array([chosen])));
          }
          continue;
        }
        // executor.cc: a ControlTrigger is never dead (the gradient loop's f_sync / b_sync follow pushes and pops
        // of both branches of a cond).
        const dead =
          op.def !== opDefs.ControlTrigger &&
          (op.inputs.some((t) => !t.op.def.isVariable && valueIn(t) === LOOP_DEAD) ||
            op.controlInputs.some((c) => deadOps.has(c)));
        if (isNextIteration(op)) {
          next.set(op, dead ? LOOP_DEAD : valueIn(op.inputs[0]));
          continue;
        }
        if (isExit(op)) {
          if (!dead) exitValues.set(op, valueIn(op.inputs[0]));
          continue;
        }
        if (dead) {
          this.markDead(op, values, deadOps);
          continue;
        }
        const [kernel, ctx] = this.kernelOf(op);
        const inputs = op.inputs.map((t, i) => this.read(t, op, i, valueIn));
        const outputs = runEager(kernel, inputs, ctx);
        op.outputs.forEach((t, i) => {
          const v = outputs[i];
          values.set(t, v === undefined ? LOOP_DEAD : v.device !== undefined ? v.toHost() : v);
        });
      }
      // executor.cc: the frame is done when no NextIteration carries a live value into another iteration.
      if (![...next.values()].some((v) => v !== LOOP_DEAD)) break;
      carried = next;
    }
    return loop.exits.map((e) => exitValues.get(e) ?? LOOP_DEAD);
  }

  private markDead(op: Operation, values: Map<Tensor, NDArray>, deadOps: Set<Operation>): void {
    deadOps.add(op);
    for (const t of op.outputs) values.set(t, LOOP_DEAD);
  }

  private kernelOf(op: Operation): [OpKernel, KernelContext] {
    let entry = this.kernels.get(op);
    if (entry === undefined) {
      const dtypes = op.inputs.map((t) => t.dtype);
      entry = [kernelFor(op.type, op.name, referenceBackend, dtypes, op.attrs), this.contextFor(op)];
      this.kernels.set(op, entry);
    }
    return entry;
  }

  /** An input's value: variables and references to them are read from the store when the op runs. */
  private read(t: Tensor, consumer: Operation, index: number, valueIn: (t: Tensor) => NDArray): NDArray {
    const root = t.op.def.isVariable ? t.op : t.isRef ? refRootOf(t) : undefined;
    if (root === undefined) {
      const v = valueIn(t);
      return v.device !== undefined ? v.toHost() : v;
    }
    const current = this.variables.get(root.name);
    if (current !== undefined) return current.device !== undefined ? current.toHost() : current;
    if (consumer.def.refInputs.includes(index)) return EMPTY_REF;
    // Failed precondition from VariableOp::Compute (variable_ops.cc)
    throw new FailedPreconditionError(
      `Attempting to use uninitialized value ${t.op.def.isVariable ? root.name : requestedInputName(t)}\n\t [[{{node ${consumer.name}}}]]`,
    );
  }
}

/** A loop's outer tensors as the step that runs it received them. */
export function outerReader(loop: LoopNode, inputs: readonly NDArray[]): (t: Tensor) => NDArray {
  return (t) => {
    const i = loop.inputs.indexOf(t);
    if (i < 0) throw new InternalError(`no value for ${t.name} outside the loop`);
    return inputs[i];
  };
}
