// direct_session.cc (GetOrCreateExecutors) and executor.cc (ExecutorState::Process), reduced to one thread:
// a RunPlan is compiled once per run signature into steps that hold their kernel, their KernelContext and the
// slots they read and write, so that a planned run is a loop over arrays with no per-op lookups or allocations
// besides the kernel's own. With a backend that has a device (wasm linear memory), values stay on it from the
// kernel that makes them to their last use; bytes cross to JS at feeds, fetches and fallback (reference) kernels,
// except the host kernels that only forward, store or measure values (frames, TensorArrays, stacks, Shape:
// device-values.ts), and loops, whose runner keeps values on the device across iterations (loop-frames.ts).
// After the first run of a device plan, the steps whose kernels can be fixed become direct calls over buffers
// assigned once: that is the backend's session handler's (device-handler.ts, bound-plan.ts); the loop below then
// only runs those calls and the steps that could not be fixed. Without a device, the Program is the plain loop.
// Dead tensors (a cond's untaken branch, dead-tensors.ts) are marked in their slots; steps that may be dead are
// checked before they run and are never bound.
import { FailedPreconditionError, InvalidArgumentError } from "../errors";
import { type Device, NDArray } from "../framework/ndarray";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import type { FileSystem } from "../io/file-system";
import { kernelFor, runsNatively } from "../kernels/backend-registry";
import {
  type Backend,
  eagerKernel,
  type KernelContext,
  type OpKernel,
  runEager,
  type VariableState,
} from "../kernels/contract";
import { opDefs } from "../ops/op-defs";
import type { BoundPlan } from "./bound-plan";
import { type FoldKind, foldKind, snapshotOutputs } from "./constant-folding";
import { isMerge, opsThatMayDie, refRootOf, requestedInputName } from "./dead-tensors";
import { type DeviceSessionHandler, sessionHandlerFor } from "./device-handler";
import { passesDeviceValues } from "./device-values";
import { isEnter, LOOP_DEAD, type LoopNode, LoopRunner, outerReader, planFrames } from "./loop-frames";
import type { RunPlan } from "./run-plan";
import { StepContainer } from "./step-container";

/**
 * Where a kernel input comes from: a slot filled earlier in the run, a fixed value, or a variable's store entry.
 * A slot holding a reference forwarded by RefSwitch names its variable (`refRoot`): it is read from the store.
 */
type Source =
  | {
      readonly kind: "slot";
      readonly slot: number;
      readonly tensor: Tensor;
      readonly refRoot?: string;
      readonly ref?: boolean;
    }
  | { readonly kind: "fixed"; readonly value: NDArray }
  | { readonly kind: "variable"; readonly name: string; readonly variableOp: Operation; readonly ref: boolean };

interface Step {
  readonly op: Operation;
  readonly kernel: OpKernel;
  /** The kernel is the backend's own and takes device arrays; otherwise device inputs are copied to the host. */
  readonly native: boolean;
  /** A host kernel that forwards, stores or measures its inputs (device-values.ts), or a loop: device inputs as they are. */
  readonly passThrough: boolean;
  readonly ctx: KernelContext;
  readonly sources: readonly Source[];
  /** One per output; -1 where the output is not needed (or the tensor is fed). */
  readonly outputSlots: Int32Array;
  /** Slots whose last reader is this step: released right after it. */
  readonly lastUses: Int32Array;
  /** The step may be dead in some run (it is downstream of a Switch): checked before it runs, never bound. */
  readonly mayDie: boolean;
  /** A Merge: runs on its first live data input, whatever its control inputs. */
  readonly merge: boolean;
  /** Whether a plan may fold its outputs into constants (constant-folding.ts). */
  readonly fold: FoldKind | undefined;
  /** Steps of control inputs that may be dead: a dead one makes this step dead (not a Merge). */
  readonly controlSteps: Int32Array;
}

/** A fetch: the slot or fixed value it reads, and whether the value is shared storage that must be copied out. */
type SlotOf<S> = Extract<S, { readonly kind: "slot" }>;

interface FetchBinding {
  readonly source: Source;
  readonly shared: boolean;
  readonly reader: Operation;
  /** Its position among the run's distinct fetched tensor names, sorted (direct_session.cc's call frame). */
  readonly retval: number;
}

/** Variable values of one Session, keyed by the variable op's name; device values are retained while stored. */
export class SessionVariables implements VariableState {
  private readonly values = new Map<string, NDArray>();
  get(name: string): NDArray | undefined {
    return this.values.get(name);
  }
  set(name: string, value: NDArray): void {
    const old = this.values.get(name);
    if (old === value) return;
    value.device?.retain(value);
    this.values.set(name, value);
    old?.device?.release(old);
  }
  /** Releases device values (Session.close). */
  clear(): void {
    for (const value of this.values.values()) value.device?.release(value);
    this.values.clear();
  }
}

const EMPTY_REF = new NDArray("float32", [0]);
/** The value of a dead slot (executor.cc: an Entry without a value). */
const DEAD = new NDArray("float32", [0]);

export interface ProgramOptions {
  readonly plan: RunPlan;
  readonly fed: readonly Tensor[];
  readonly fetches: readonly (Tensor | Operation)[];
  readonly backend: Backend;
  readonly variables: SessionVariables;
  readonly fileSystem: FileSystem | undefined;
}

/** A RunPlan compiled against one backend. `run` executes it; `dispose` releases the device constants it holds. */
export class Program {
  readonly backend: Backend;
  private readonly device: Device | undefined;
  /** Device constants and planned runs, for a backend with a device; undefined: the plain loop. */
  private readonly handler: DeviceSessionHandler | undefined;
  private readonly steps: Step[] = [];
  private readonly slotCount: number;
  private readonly fedSlots: Int32Array;
  private readonly fetchBindings: (FetchBinding | null)[];
  /** Whether every fetch reads a slot the run computes (no variable, constant or forwarded reference). */
  private readonly slotFetches: boolean;
  private readonly variables: SessionVariables;
  /** The run's TensorArrays and stacks, and the device values their kernels hand over. */
  private readonly step = new StepContainer();
  private readonly loopRunner: LoopRunner | undefined;

  constructor(options: ProgramOptions) {
    const { plan, backend, variables } = options;
    this.backend = backend;
    this.device = backend.device;
    this.variables = variables;
    const handler = sessionHandlerFor(backend, variables);
    this.handler = handler;
    const slotOf = new Map<Tensor, number>();
    const lastUse: number[] = [];
    const slotFor = (tensor: Tensor): number => {
      let slot = slotOf.get(tensor);
      if (slot === undefined) {
        slot = slotOf.size;
        slotOf.set(tensor, slot);
        lastUse.push(-1);
      }
      return slot;
    };
    this.fedSlots = Int32Array.from(options.fed, slotFor);
    const fedSet = new Set(options.fed);
    // While loops run as one step each (loop-frames.ts); a loop stands as its Exits for dead-tensor analysis.
    const frames = planFrames(plan.ops, fedSet);
    const loopInputs = new Map<Operation, readonly Tensor[]>();
    for (const node of frames.nodes) if ("frame" in node) for (const e of node.exits) loopInputs.set(e, node.inputs);
    const rootOps = frames.nodes.flatMap((node) => ("frame" in node ? node.exits : [node]));
    const mayDie = opsThatMayDie(rootOps, fedSet, loopInputs);
    const step = this.step;
    const loopRunner = frames.hasLoops
      ? new LoopRunner(variables, (op) => contextFor(op, variables, options.fileSystem, step), backend, step)
      : undefined;
    this.loopRunner = loopRunner;
    // Const outputs are evaluated here, once: their kernel is pure. Native readers get the handler's device copy.
    const constants = new Map<Tensor, NDArray>();
    const sourceOf = (tensor: Tensor, op: Operation, index: number, native: boolean, stepIndex: number): Source => {
      if (tensor.op.def.isVariable && !fedSet.has(tensor)) {
        return { kind: "variable", name: tensor.op.name, variableOp: tensor.op, ref: op.def.refInputs.includes(index) };
      }
      const constant = fedSet.has(tensor) ? undefined : constants.get(tensor);
      if (constant !== undefined) {
        if (!native || handler === undefined) return { kind: "fixed", value: constant };
        return { kind: "fixed", value: handler.constant(tensor, constant) };
      }
      const slot = slotFor(tensor);
      lastUse[slot] = Math.max(lastUse[slot], stepIndex);
      const root = tensor.isRef && !fedSet.has(tensor) ? refRootOf(tensor) : undefined;
      if (root === undefined) return { kind: "slot", slot, tensor };
      return { kind: "slot", slot, tensor, refRoot: root.name, ref: op.def.refInputs.includes(index) };
    };
    const stepOf = new Map<Operation, number>();

    for (const node of frames.nodes) {
      if ("frame" in node) {
        if (loopRunner !== undefined) this.addLoopStep(node, loopRunner, sourceOf, slotFor, stepOf, options);
        continue;
      }
      const op = node;
      if (op.def.isVariable) continue; // read where consumed, so an Assign earlier in the run is seen
      const ctx = contextFor(op, variables, options.fileSystem, step);
      // A Const under a cond's pivot (a control input that may be dead) runs as a step, so it can be dead too.
      if (op.type === opDefs.Const.type && op.inputs.length === 0 && !mayDie.has(op)) {
        const kernel = kernelFor(op.type, op.name, backend, []);
        const values = runEager(kernel, [], ctx);
        for (let i = 0; i < values.length; i++) constants.set(op.outputs[i], values[i]);
        continue;
      }
      const dtypes = op.inputs.map((t) => t.dtype);
      const native = this.device !== undefined && runsNatively(op.type, dtypes, backend, op.attrs);
      const kernel = kernelFor(op.type, op.name, backend, dtypes, op.attrs);
      const stepIndex = this.steps.length;
      const sources = op.inputs.map((t, i) => sourceOf(t, op, i, native, stepIndex));
      const outputSlots = Int32Array.from(op.outputs, (t) => (fedSet.has(t) ? -1 : slotFor(t)));
      const controlSteps = Int32Array.from(
        op.controlInputs.filter((c) => mayDie.has(c)),
        (c) => stepOf.get(c) as number,
      );
      stepOf.set(op, stepIndex);
      this.steps.push({
        op,
        kernel,
        native,
        passThrough: !native && this.device !== undefined && passesDeviceValues(op),
        ctx,
        sources,
        outputSlots,
        lastUses: new Int32Array(0),
        mayDie: mayDie.has(op),
        merge: isMerge(op),
        fold: foldKind(op),
        controlSteps,
      });
    }
    const retvals = [...new Set(options.fetches.filter((t) => "valueIndex" in t).map((t) => t.name))].sort();
    this.fetchBindings = options.fetches.map((target) => {
      if (!("valueIndex" in target)) return null;
      const source = sourceOf(target, target.op, -1, false, Number.POSITIVE_INFINITY);
      const shared = target.op.def.isVariable || target.op.def === opDefs.Const || target.isRef;
      return { source, shared, reader: target.op, retval: retvals.indexOf(target.name) };
    });
    this.slotFetches = this.fetchBindings.every(
      (b) => b === null || (b.source.kind === "slot" && b.source.refRoot === undefined),
    );
    this.slotCount = slotOf.size;
    // A slot is released after its last reader; slots nobody reads, after the step that writes them.
    const releases: number[][] = this.steps.map(() => []);
    for (const [tensor, slot] of slotOf) {
      const last = lastUse[slot];
      if (last === Number.POSITIVE_INFINITY) continue;
      if (last >= 0) releases[last].push(slot);
      else {
        const producer = this.steps.findIndex((s) => s.op === tensor.op);
        if (producer >= 0) releases[producer].push(slot);
      }
    }
    this.steps = this.steps.map((step, i) => ({ ...step, lastUses: Int32Array.from(releases[i]) }));
  }

  /** A while loop as one step: it reads the tensors its Enters read and writes its Exits; never bound, never native. */
  private addLoopStep(
    loop: LoopNode,
    runner: LoopRunner,
    sourceOf: (tensor: Tensor, op: Operation, index: number, native: boolean, stepIndex: number) => Source,
    slotFor: (tensor: Tensor) => number,
    stepOf: Map<Operation, number>,
    options: ProgramOptions,
  ): void {
    const op = loop.exits[0];
    if (op === undefined) return; // nothing outside the loop reads it
    const stepIndex = this.steps.length;
    const sources = loop.inputs.map((t) => {
      const reader = loop.nodes.find((n): n is Operation => !("frame" in n) && isEnter(n) && n.inputs[0] === t);
      return sourceOf(t, reader ?? op, 0, false, stepIndex);
    });
    const fed = new Set(options.fed);
    const kernel = eagerKernel(
      (inputs) =>
        runner.run(loop, outerReader(loop, inputs)).map((v) => (v === LOOP_DEAD ? undefined : v)) as NDArray[],
    );
    for (const e of loop.exits) stepOf.set(e, stepIndex);
    this.steps.push({
      op,
      kernel,
      native: false,
      passThrough: true,
      ctx: contextFor(op, this.variables, options.fileSystem, this.step),
      sources,
      outputSlots: Int32Array.from(loop.exits, (e) => (fed.has(e.outputs[0]) ? -1 : slotFor(e.outputs[0]))),
      lastUses: new Int32Array(0),
      mayDie: true,
      merge: false,
      fold: undefined,
      controlSteps: new Int32Array(0),
    });
  }

  /** Runs the steps with `feeds` (in the order of `fed`) and returns the fetched values (null for operations). */
  run(feeds: readonly NDArray[]): (NDArray | null)[] {
    const handler = this.handler;
    const bound = handler?.begin(feeds);
    if (bound?.straight !== undefined && this.slotFetches) return this.runStraight(bound, bound.straight);
    const calls = bound?.calls;
    const recorded: NDArray[][] | undefined = handler?.recording ? new Array(this.steps.length) : undefined;
    const snapshots: (NDArray[] | undefined)[] | undefined = recorded && new Array(this.steps.length);
    const slots: (NDArray | undefined)[] = new Array(this.slotCount);
    const device = this.device;
    const fedSlots = this.fedSlots;
    for (let i = 0; i < fedSlots.length; i++) slots[fedSlots[i]] = feeds[i];
    const steps = this.steps;
    const dead = new Uint8Array(steps.length);
    try {
      for (let s = 0; s < steps.length; s++) {
        const call = calls?.[s];
        if (call !== undefined) {
          call();
          continue;
        }
        const step = steps[s];
        if (step.mayDie && isDead(step, slots, dead)) {
          // executor.cc: a dead node is not run; its outputs are dead.
          dead[s] = 1;
          const outputSlots = step.outputSlots;
          for (let i = 0; i < outputSlots.length; i++) if (outputSlots[i] >= 0) slots[outputSlots[i]] = DEAD;
          continue;
        }
        const sources = step.sources;
        const inputs: NDArray[] = new Array(sources.length);
        for (let i = 0; i < sources.length; i++) {
          const source = sources[i];
          // A Merge sees a dead input as an empty entry.
          if (step.merge && source.kind === "slot" && slots[source.slot] === DEAD) continue;
          let value = this.read(source, slots, step.op);
          if (step.native) {
            if (value.device !== device && device !== undefined && value !== EMPTY_REF)
              value = this.upload(sources[i], value, slots, device);
          } else if (value.device !== undefined && !step.passThrough) {
            value = value.toHost();
          }
          inputs[i] = value;
        }
        const outputs = runEager(step.kernel, inputs, step.ctx);
        if (recorded !== undefined) {
          recorded[s] = outputs;
          if (step.fold !== undefined && snapshots !== undefined) snapshots[s] = snapshotOutputs(outputs);
        }
        const outputSlots = step.outputSlots;
        for (let i = 0; i < outputSlots.length; i++) {
          const slot = outputSlots[i];
          if (slot < 0) continue;
          const value = outputs[i];
          if (value === undefined) {
            slots[slot] = DEAD; // a Switch's untaken output
            continue;
          }
          value.device?.retain(value);
          slots[slot] = value;
        }
        this.step.settle();
        const lastUses = step.lastUses;
        for (let i = 0; i < lastUses.length; i++) {
          const value = slots[lastUses[i]];
          if (value !== undefined) {
            slots[lastUses[i]] = undefined;
            value.device?.release(value);
          }
        }
      }
      const results = this.fetchBindings.map((binding) =>
        binding === null ? null : this.fetchValue(binding, slots, bound),
      );
      if (recorded !== undefined) this.bind(recorded, snapshots as (NDArray[] | undefined)[], feeds);
      return results;
    } finally {
      this.step.end();
      for (let i = 0; i < slots.length; i++) {
        const value = slots[i];
        if (value?.device !== undefined) value.device.release(value);
      }
    }
  }

  /** A run that is the bound plan's calls alone (BoundPlan.straight): the fetches are copies of their buffers. */
  private runStraight(bound: BoundPlan, calls: readonly (() => void)[]): (NDArray | null)[] {
    try {
      for (let i = 0; i < calls.length; i++) calls[i]();
      const bindings = this.fetchBindings;
      const results: (NDArray | null)[] = new Array(bindings.length);
      for (let i = 0; i < bindings.length; i++) {
        const source = bindings[i]?.source;
        results[i] = source === undefined ? null : (bound.buffers[(source as SlotOf<Source>).slot] as NDArray).toHost();
      }
      return results;
    } finally {
      this.step.end();
    }
  }

  /** Releases the device copies of constants and the bound plan's buffers. */
  dispose(): void {
    this.handler?.dispose();
    this.loopRunner?.dispose();
  }

  /** Hands a complete recorded run to the handler, which fixes what can be fixed. */
  private bind(recorded: NDArray[][], snapshots: (NDArray[] | undefined)[], feeds: readonly NDArray[]): void {
    const fetchedSlots: number[] = [];
    for (const binding of this.fetchBindings)
      if (binding?.source.kind === "slot") fetchedSlots.push(binding.source.slot);
    this.handler?.end({
      steps: this.steps,
      slotCount: this.slotCount,
      fedSlots: this.fedSlots,
      fetchedSlots,
      recorded,
      snapshots,
      feeds,
    });
  }

  private read(source: Source, slots: (NDArray | undefined)[], consumer: Operation): NDArray {
    if (source.kind === "slot") {
      const value = slots[source.slot];
      if (value === undefined) {
        throw new InvalidArgumentError(
          `Internal: no value computed for ${source.tensor.name} (needed by ${consumer.name})`,
        );
      }
      if (source.refRoot === undefined) return value;
      // A reference forwarded by RefSwitch: the variable's current value, as reading through TF's ref aliases it.
      const current = this.variables.get(source.refRoot);
      if (current !== undefined) return current;
      if (source.ref) return EMPTY_REF;
      // executor.cc: ExecutorState::PrepareInputs names the input as the NodeDef spells it.
      throw new FailedPreconditionError(
        `Attempting to use uninitialized value ${requestedInputName(source.tensor)}\n\t [[{{node ${consumer.name}}}]]`,
      );
    }
    if (source.kind === "fixed") return source.value;
    const value = this.variables.get(source.name);
    if (value !== undefined) return value;
    if (source.ref) return EMPTY_REF;
    // Failed precondition from VariableOp::Compute (variable_ops.cc)
    throw new FailedPreconditionError(
      `Attempting to use uninitialized value ${source.name}\n\t [[{{node ${consumer.name}}}]]`,
    );
  }

  /** Copies a host input of a native kernel to the device once: later readers of the slot or variable reuse it. */
  private upload(source: Source, value: NDArray, slots: (NDArray | undefined)[], device: Device): NDArray {
    const onDevice = device.upload(value.device === undefined ? value : value.toHost());
    if (source.kind === "slot") {
      device.retain(onDevice);
      slots[source.slot] = onDevice;
      value.device?.release(value);
    } else if (source.kind === "variable") {
      this.variables.set(source.name, onDevice);
    }
    return onDevice;
  }

  /** A fetched value the caller may keep: device data, variable storage and Const attrs are copied, never shared. */
  private fetchValue(binding: FetchBinding, slots: (NDArray | undefined)[], bound: BoundPlan | undefined): NDArray {
    const source = binding.source;
    const buffer = bound !== undefined && source.kind === "slot" ? bound.buffers[source.slot] : undefined;
    if (buffer !== undefined && slots[(source as { slot: number }).slot] === undefined) return buffer.toHost();
    if (source.kind === "slot" && slots[source.slot] === DEAD) {
      // direct_session.cc: a dead fetch (FunctionCallFrame::ConsumeRetvals' Internal error, reported as InvalidArgument).
      throw new InvalidArgumentError(`Retval[${binding.retval}] does not have value`);
    }
    const value = this.read(source, slots, binding.reader);
    if (value.device !== undefined) return value.toHost();
    return binding.shared ? new NDArray(value.dtype, value.shape, value.data.slice() as NDArray["data"]) : value;
  }
}

/** executor.cc: whether a step that may be dead is: a dead data input (all of them for a Merge) or control input. */
function isDead(step: Step, slots: readonly (NDArray | undefined)[], dead: Uint8Array): boolean {
  const sources = step.sources;
  if (step.merge) {
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i];
      if (source.kind !== "slot" || slots[source.slot] !== DEAD) return false;
    }
    return true;
  }
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i];
    if (source.kind === "slot" && slots[source.slot] === DEAD) return true;
  }
  const controls = step.controlSteps;
  for (let i = 0; i < controls.length; i++) if (dead[controls[i]] === 1) return true;
  return false;
}

function contextFor(
  op: Operation,
  variables: VariableState,
  fileSystem: FileSystem | undefined,
  step: StepContainer,
): KernelContext {
  const refNames = op.inputs.map((input) => (input.isRef ? refRootOf(input)?.name : undefined));
  return {
    opName: op.name,
    opType: op.type,
    attrs: op.attrs,
    outputDtypes: op.outputs.map((t) => t.dtype),
    refName: (i: number) => refNames[i],
    variables,
    fileSystem,
    step,
  };
}
