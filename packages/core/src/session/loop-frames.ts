// executor.cc (FrameState, IterationState, ExecutorState::ProcessOutputs / PropagateOutputs), reduced to one
// thread: a while loop's ops form a frame (an Enter pushes into the child frame named by frame_name, an Exit returns
// to the parent frame, a NextIteration feeds the loop's Merge in the next iteration). A loop runs as one step of
// its parent: its ops are interpreted iteration by iteration in a fixed order (the back edge aside), with the
// dead-tensor rules of conds; constant Enters are read each iteration; stateful ops run once per iteration. Loop
// ops run on the Session's backend with values kept on its device across iterations (LoopRunner); a loop is never
// part of a bound plan.
import { FailedPreconditionError, InternalError } from "../errors";
import { type Device, NDArray } from "../framework/ndarray";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import { kernelFor, runsNatively } from "../kernels/backend-registry";
import { type Backend, type KernelContext, type OpKernel, runEager, type VariableState } from "../kernels/contract";
import { referenceBackend } from "../kernels/reference/index";
import { opDefs } from "../ops/op-defs";
import { isMerge, refRootOf, requestedInputName } from "./dead-tensors";
import { detachFromDevice, foldableOps } from "./device-values";
import type { StepContainer } from "./step-container";

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

/** How a loop op's kernel gets device values: as they are (native, or host kernels reading in place) or copied. */
type InputMode = "native" | "in-place" | "copy";

interface LoopKernel {
  readonly kernel: OpKernel;
  readonly ctx: KernelContext;
  readonly mode: InputMode;
}

/**
 * Runs loops on the Session's backend: ops with a kernel of the backend run natively on device values, the others
 * on reference kernels. Values stay where their kernel made them: device values are retained while an iteration
 * (or the next one, through NextIteration) holds them and released after, so nothing crosses to JS per iteration
 * except what a host kernel that writes a variable reads. Ops that compute the same value in every iteration from
 * constants (foldableOps) run once per Program; their device copies are kept until `dispose`.
 */
export class LoopRunner {
  private readonly kernels = new Map<Operation, LoopKernel>();
  private readonly folded = new Map<LoopNode, Set<Operation>>();
  /** Outputs of folded ops, computed on the host once. */
  private readonly foldedValues = new Map<Tensor, NDArray>();
  /** Device copies of folded values (held until `dispose`). */
  private readonly foldedOnDevice = new Map<NDArray, NDArray>();
  private readonly device: Device | undefined;

  constructor(
    private readonly variables: VariableState,
    private readonly contextFor: (op: Operation) => KernelContext,
    private readonly backend: Backend,
    private readonly step: StepContainer,
  ) {
    this.device = backend.device;
  }

  /** Releases the device copies of folded values. */
  dispose(): void {
    for (const value of this.foldedOnDevice.values()) value.device?.release(value);
    this.foldedOnDevice.clear();
  }

  /**
   * Runs `loop` reading its outer tensors through `readOuter`; returns each Exit's value (LOOP_DEAD if none). Device
   * values returned are handed over (the caller retains them, then settles the step container).
   */
  run(loop: LoopNode, readOuterValue: (t: Tensor) => NDArray): NDArray[] {
    const exitValues = new Map<Operation, NDArray>();
    let carried = new Map<Operation, NDArray>();
    let next = new Map<Operation, NDArray>();
    /** Device values this iteration's `values` hold (one retain each). */
    let held: NDArray[] = [];
    /** Device copies of host values read by native kernels during this run (outer tensors above all). */
    const uploads = new Map<NDArray, NDArray>();
    const folded = this.foldedOf(loop);
    const retain = (v: NDArray) => v.device?.retain(v);
    const release = (v: NDArray) => v.device?.release(v);
    // Outer values are held for the whole run: a variable the loop assigns may drop the value its Enter read.
    const outer = new Map<Tensor, NDArray>();
    const readOuter = (t: Tensor): NDArray => {
      let v = outer.get(t);
      if (v === undefined) {
        v = readOuterValue(t);
        retain(v);
        outer.set(t, v);
      }
      return v;
    };
    let completed = false;
    try {
      for (let iteration = 0; ; iteration++) {
        const values = new Map<Tensor, NDArray>();
        const deadOps = new Set<Operation>();
        next = new Map<Operation, NDArray>();
        const set = (t: Tensor, v: NDArray) => {
          values.set(t, v);
          if (v.device !== undefined) {
            v.device.retain(v);
            held.push(v);
          }
        };
        const valueIn = (t: Tensor): NDArray => values.get(t) ?? readOuter(t);
        for (const node of loop.nodes) {
          if ("frame" in node) {
            const outputs = this.run(node, valueIn);
            node.exits.forEach((e, i) => set(e.outputs[0], outputs[i]));
            this.step.settle();
            continue;
          }
          const op = node;
          if (isEnter(op)) {
            // executor.cc: a constant Enter's value is in every iteration; a loop variable's only in the first.
            if (op.attrs.is_constant === true || iteration === 0) set(op.outputs[0], readOuter(op.inputs[0]));
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
              set(op.outputs[0], value);
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
            const v = dead ? LOOP_DEAD : valueIn(op.inputs[0]);
            retain(v);
            next.set(op, v);
            continue;
          }
          if (isExit(op)) {
            if (!dead) {
              const v = valueIn(op.inputs[0]);
              retain(v);
              const old = exitValues.get(op);
              if (old !== undefined) release(old);
              exitValues.set(op, v);
            }
            continue;
          }
          if (dead) {
            this.markDead(op, values, deadOps);
            continue;
          }
          if (folded.has(op)) {
            op.outputs.forEach((t, i) => set(t, this.foldedValue(op, i)));
            continue;
          }
          const { kernel, ctx, mode } = this.kernelOf(op);
          const inputs = op.inputs.map((t, i) => this.input(this.read(t, op, i, valueIn), mode, uploads));
          let outputs: (NDArray | undefined)[] = runEager(kernel, inputs, ctx);
          if (mode === "in-place" && this.device !== undefined) outputs = detachFromDevice(outputs, this.device);
          op.outputs.forEach((t, i) => {
            const v = outputs[i];
            if (v === undefined) values.set(t, LOOP_DEAD);
            else set(t, v);
          });
          this.step.settle();
        }
        // The iteration's values are dropped; what the next iteration reads was retained in `next`.
        for (const v of held) release(v);
        held = [];
        for (const v of carried.values()) release(v);
        carried = new Map();
        // executor.cc: the frame is done when no NextIteration carries a live value into another iteration.
        if (![...next.values()].some((v) => v !== LOOP_DEAD)) break;
        carried = next;
        next = new Map();
      }
      const results = loop.exits.map((e) => exitValues.get(e) ?? LOOP_DEAD);
      for (const v of results) this.step.handOver(v);
      completed = true;
      return results;
    } finally {
      for (const v of uploads.values()) release(v);
      for (const v of outer.values()) release(v);
      if (!completed) {
        for (const v of held) release(v);
        for (const v of carried.values()) release(v);
        for (const v of next.values()) release(v);
        for (const v of exitValues.values()) release(v);
      }
    }
  }

  /** A kernel input as `mode` takes it: host values uploaded once per run for native kernels, device values copied out for "copy". */
  private input(value: NDArray, mode: InputMode, uploads: Map<NDArray, NDArray>): NDArray {
    const device = this.device;
    if (mode === "in-place" || device === undefined || value === EMPTY_REF) return value;
    if (mode === "copy") return value.device !== undefined ? value.toHost() : value;
    if (value.device === device || value.dtype.name === "string") return value;
    const fixed = this.foldedOnDevice.get(value);
    if (fixed !== undefined) return fixed;
    let onDevice = uploads.get(value);
    if (onDevice === undefined) {
      onDevice = device.upload(value.device === undefined ? value : value.toHost());
      device.retain(onDevice);
      uploads.set(value, onDevice);
    }
    return onDevice;
  }

  /** The folded ops of `loop`'s own frame, found once. */
  private foldedOf(loop: LoopNode): Set<Operation> {
    let folded = this.folded.get(loop);
    if (folded === undefined) {
      folded = foldableOps(loop.nodes.filter((n): n is Operation => !("frame" in n)));
      this.folded.set(loop, folded);
    }
    return folded;
  }

  /** Output `index` of a folded op: computed on the reference kernels the first time; on the device when native ops read it. */
  private foldedValue(op: Operation, index: number): NDArray {
    const tensor = op.outputs[index];
    let value = this.foldedValues.get(tensor);
    if (value === undefined) {
      const kernel = kernelFor(
        op.type,
        op.name,
        referenceBackend,
        op.inputs.map((t) => t.dtype),
        op.attrs,
      );
      const inputs = op.inputs.map((t) => this.foldedValues.get(t) as NDArray);
      const outputs = runEager(kernel, inputs, this.kernelOf(op).ctx);
      op.outputs.forEach((t, i) => this.foldedValues.set(t, outputs[i]));
      value = outputs[index];
      const device = this.device;
      if (device !== undefined) {
        for (const v of outputs) {
          if (v.dtype.name === "string" || v.device !== undefined) continue;
          const copy = device.upload(v);
          device.retain(copy);
          this.foldedOnDevice.set(v, copy);
        }
      }
    }
    return value;
  }

  private markDead(op: Operation, values: Map<Tensor, NDArray>, deadOps: Set<Operation>): void {
    deadOps.add(op);
    for (const t of op.outputs) values.set(t, LOOP_DEAD);
  }

  private kernelOf(op: Operation): LoopKernel {
    let entry = this.kernels.get(op);
    if (entry === undefined) {
      const dtypes = op.inputs.map((t) => t.dtype);
      const native = this.device !== undefined && runsNatively(op.type, dtypes, this.backend, op.attrs);
      const mode: InputMode = native ? "native" : op.def.refInputs.length > 0 ? "copy" : "in-place";
      const kernel = kernelFor(op.type, op.name, native ? this.backend : referenceBackend, dtypes, op.attrs);
      entry = { kernel, ctx: this.contextFor(op), mode };
      this.kernels.set(op, entry);
    }
    return entry;
  }

  /** An input's value: variables and references to them are read from the store when the op runs. */
  private read(t: Tensor, consumer: Operation, index: number, valueIn: (t: Tensor) => NDArray): NDArray {
    const root = t.op.def.isVariable ? t.op : t.isRef ? refRootOf(t) : undefined;
    if (root === undefined) return valueIn(t);
    const current = this.variables.get(root.name);
    if (current !== undefined) return current;
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
