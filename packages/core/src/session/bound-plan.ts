// direct_session.cc (one executor per run signature) with XLA-style static buffer assignment, reduced to what a
// planned run needs: after a run has shown every output's dtype and shape, the steps whose kernels can be fixed
// (prepared once for those shapes, giving output specs and `bind`) get device buffers assigned once (blocks reused between tensors whose lifetimes do not overlap)
// and become direct calls over fixed pointers. Later runs of the signature copy feeds into their buffers and call
// those steps with no lookups, allocations or wrappers; steps that cannot be fixed run as before, in order.
// Steps whose outputs cannot change between the runs a plan accepts (constant-folding.ts) are folded: their recorded
// outputs become constant blocks, so a planned run does no shape arithmetic. Optimizer updates whose kernels write
// in place (`inPlace`) are bound over the variables' own blocks, so a training step stays on the plan.
import { allocData, type DType } from "../framework/dtypes";
import { type Device, NDArray, sizeOf } from "../framework/ndarray";
import type {
  BoundKernel,
  KernelContext,
  OpKernel,
  PreparedKernel,
  TensorSpec,
  VariableState,
} from "../kernels/contract";
import type { FoldKind } from "./constant-folding";

const NOOP = () => {};

/** What the planner needs of a compiled step (the executor's Step). */
export interface PlannedStep {
  readonly kernel: OpKernel;
  readonly native: boolean;
  readonly ctx: KernelContext;
  readonly sources: readonly PlannedSource[];
  readonly outputSlots: Int32Array;
  /** The step may be dead in some run (downstream of a Switch): it runs through the executor, never bound. */
  readonly mayDie: boolean;
  /** Whether its outputs may be folded into constants of the plan, and on what they depend. */
  readonly fold?: FoldKind;
}

export type PlannedSource =
  /** `refRoot`: a reference to that variable forwarded by RefSwitch (a write through it changes the variable). */
  | { readonly kind: "slot"; readonly slot: number; readonly refRoot?: string }
  | { readonly kind: "fixed"; readonly value: NDArray }
  | { readonly kind: "variable"; readonly name: string; readonly ref: boolean };

export interface BindOptions {
  readonly steps: readonly PlannedStep[];
  readonly slotCount: number;
  readonly fedSlots: Int32Array;
  /** Slots read by fetches (copied out after the run, so they must survive to its end). */
  readonly fetchedSlots: readonly number[];
  /** Each step's outputs in the run that was just made (undefined for steps that did not run). */
  readonly recorded: readonly (readonly NDArray[] | undefined)[];
  /** Host copies of the recorded outputs of steps that may fold (constant-folding.ts: snapshotOutputs). */
  readonly snapshots?: readonly (readonly NDArray[] | undefined)[];
  readonly feeds: readonly NDArray[];
  readonly device: Device;
  readonly variables: VariableState;
}

/** The fixed part of a Program for one run signature; `accepts` says whether a run may use it. */
export class BoundPlan {
  /**
   * The run as a list of calls alone, when every step is bound and every fetched slot is a buffer of the plan
   * (filled by a call, not a feed): then a run needs no slots, no dead-tensor tracking and no per-step checks.
   * Folded and relabelling steps (no-ops) are left out.
   */
  readonly straight: readonly (() => void)[] | undefined;

  private constructor(
    /** Per step: the direct call, or undefined where the step runs through the executor. */
    readonly calls: ((() => void) | undefined)[],
    /** Per slot: the buffer its producing bound step writes (undefined for slots the executor fills). */
    readonly buffers: (NDArray | undefined)[],
    /** Per feed: the buffer its value is copied into, or undefined when the executor takes the feed as is. */
    private readonly fedBuffers: (NDArray | undefined)[],
    /** Variables bound steps read by pointer: the plan holds while each is still the same value. */
    private readonly guards: readonly { readonly name: string; readonly value: NDArray }[],
    private readonly bound: readonly BoundKernel[],
    private readonly prepared: readonly PreparedKernel[],
    private readonly blocks: readonly NDArray[],
    private readonly device: Device,
    fetchedSlots: readonly number[],
    fedSlots: Int32Array,
  ) {
    const whole =
      calls.every((call) => call !== undefined) &&
      fetchedSlots.every((slot) => buffers[slot] !== undefined && !fedSlots.includes(slot));
    this.straight = whole ? (calls as (() => void)[]).filter((call) => call !== NOOP) : undefined;
  }

  /** Whether feeds have the planned dtypes and shapes and read variables still hold the planned values. */
  accepts(feeds: readonly NDArray[], variables: VariableState): boolean {
    const fedBuffers = this.fedBuffers;
    for (let i = 0; i < fedBuffers.length; i++) {
      const buffer = fedBuffers[i];
      if (buffer !== undefined && !sameLayout(buffer, feeds[i])) return false;
    }
    const guards = this.guards;
    for (let i = 0; i < guards.length; i++) if (variables.get(guards[i].name) !== guards[i].value) return false;
    return true;
  }

  /** Copies the feeds that bound steps read into their buffers. */
  writeFeeds(feeds: readonly NDArray[]): void {
    const fedBuffers = this.fedBuffers;
    for (let i = 0; i < fedBuffers.length; i++) {
      const buffer = fedBuffers[i];
      if (buffer !== undefined && buffer.size > 0) (buffer.data as Float32Array).set(feeds[i].data as Float32Array);
    }
  }

  /** Gives the buffers, the kernels' descriptors and their prepared calls back. */
  release(): void {
    for (const bound of this.bound) bound.release();
    for (const prepared of this.prepared) prepared.release?.();
    for (const block of this.blocks) this.device.release(block);
  }

  /** Binds what can be bound, or returns undefined when no step can be. */
  static create(options: BindOptions): BoundPlan | undefined {
    const { steps } = options;
    const prepared: (PreparedKernel | undefined)[] = new Array(steps.length).fill(undefined);
    let plan: BoundPlan | undefined;
    try {
      plan = BoundPlan.plan(options, prepared);
      return plan;
    } finally {
      // Prepared calls the plan does not run are released now; the plan releases its own.
      for (let s = 0; s < steps.length; s++) if (plan?.calls[s] === undefined) prepared[s]?.release?.();
    }
  }

  private static plan(options: BindOptions, prepared: (PreparedKernel | undefined)[]): BoundPlan | undefined {
    const { steps, recorded, snapshots } = options;
    const eligible = steps.map(
      (step, s) =>
        step.native &&
        !step.mayDie &&
        recorded[s] !== undefined &&
        recorded[s].length === step.outputSlots.length &&
        recorded[s].every((value) => value.dtype.name !== "string"),
    );
    const folded = steps.map(
      (step, s) => step.fold !== undefined && !step.mayDie && snapshots?.[s]?.length === step.outputSlots.length,
    );
    const candidate = eligible.map((e, s) => e && !folded[s]);
    const use = slotUse(options);
    const recordedValue = slotValues(options);
    for (;;) {
      if (!narrow(options, use, { candidate, folded, eligible })) return undefined;
      // Each remaining candidate is prepared once; one that gives no output specs or no bind is left out.
      let dropped = false;
      for (let s = 0; s < steps.length; s++) {
        if (!candidate[s] || prepared[s] !== undefined) continue;
        prepared[s] = prepareStep(options, s, recordedValue);
        if (prepared[s] === undefined) {
          candidate[s] = false;
          dropped = true;
        }
      }
      if (dropped) continue;
      const plan = BoundPlan.assign(options, use, { candidate, folded, eligible }, prepared as PreparedKernel[]);
      if (plan instanceof BoundPlan) return plan;
      candidate[plan] = false; // its kernel declined this call: plan again without it
    }
  }

  /** Assigns buffers in step order and binds the candidates; returns the index of a step whose bind declined. */
  private static assign(
    options: BindOptions,
    use: SlotUse,
    state: PlanState,
    prepared: readonly PreparedKernel[],
  ): BoundPlan | number {
    const { steps, slotCount, fedSlots, feeds, device, variables } = options;
    const { candidate, folded } = state;
    const buffers: (NDArray | undefined)[] = new Array(slotCount).fill(undefined);
    const lastRead = new Array<number>(slotCount).fill(-1);
    for (let s = 0; s < steps.length; s++) {
      if (!candidate[s]) continue;
      for (const source of steps[s].sources) if (source.kind === "slot") lastRead[source.slot] = s;
    }
    for (const slot of options.fetchedSlots) lastRead[slot] = Number.POSITIVE_INFINITY;
    // A relabel of a slot (Identity, Reshape of a tensor the run computes) shares its block: the block then lives
    // until the last read of the slot or of any relabel of it.
    const root = Int32Array.from({ length: slotCount }, (_, i) => i);
    for (let s = 0; s < steps.length; s++) {
      const source = steps[s].sources[0];
      const out = steps[s].outputSlots[0];
      if (!candidate[s] || prepared[s].alias !== true || source?.kind !== "slot" || steps[s].outputSlots.length !== 1)
        continue;
      if (out < 0) continue;
      root[out] = root[source.slot];
      lastRead[root[out]] = Math.max(lastRead[root[out]], lastRead[out]);
    }
    const blocks: NDArray[] = [];
    const free = new Map<number, NDArray[]>();
    const take = (dtype: DType, shape: readonly number[]): NDArray => {
      const reused = free.get(byteSize(dtype, shape))?.pop();
      if (reused !== undefined) return NDArray.onDevice(device, dtype, shape, reused.byteOffset);
      const block = device.upload(new NDArray(dtype, shape));
      device.retain(block);
      blocks.push(block);
      return block;
    };
    const aliased: boolean[] = new Array(slotCount).fill(false);
    const giveBack = (value: NDArray) => {
      const bytes = byteSize(value.dtype, value.shape);
      const list = free.get(bytes);
      if (list === undefined) free.set(bytes, [value]);
      else list.push(value);
    };
    const fedBuffers = feeds.map((feed, i) => {
      const slot = fedSlots[i];
      if (!planned(use, state, slot)) return undefined;
      const buffer = take(feed.dtype, feed.shape);
      buffers[slot] = buffer;
      return buffer;
    });
    const calls: ((() => void) | undefined)[] = new Array(steps.length).fill(undefined);
    const bound: BoundKernel[] = [];
    const preparedCalls: PreparedKernel[] = [];
    const unwind = () => {
      for (const b of bound) b.release();
      for (const block of blocks) device.release(block);
    };
    const guards: { name: string; value: NDArray }[] = [];
    const guard = (name: string): NDArray => {
      const value = variables.get(name) as NDArray;
      if (!guards.some((g) => g.name === name)) guards.push({ name, value });
      return value;
    };
    // Folded outputs: constant blocks for the plan's life, uploaded once; a fold over a variable's shape guards it.
    const writers = new Map<string, number[]>();
    for (let s = 0; s < steps.length; s++) {
      if (folded[s]) {
        calls[s] = NOOP;
        for (const source of steps[s].sources) if (source.kind === "variable") guard(source.name);
        const values = options.snapshots?.[s] as readonly NDArray[];
        steps[s].outputSlots.forEach((slot, i) => {
          if (slot < 0) return;
          const block = device.upload(values[i]);
          device.retain(block);
          blocks.push(block);
          buffers[slot] = block;
          aliased[slot] = true;
        });
      }
      if (!candidate[s]) continue;
      for (const source of steps[s].sources) {
        if (source.kind !== "variable" || !source.ref) continue;
        const list = writers.get(source.name);
        if (list === undefined) writers.set(source.name, [s]);
        else list.push(s);
      }
    }
    /** Whether a step in (from, to] writes `name` in place (an alias of it read up to `to` would see the write). */
    const writtenBetween = (name: string, from: number, to: number) =>
      writers.get(name)?.some((w) => w > from && w <= to) === true;
    for (let s = 0; s < steps.length; s++) {
      if (!candidate[s]) continue;
      const step = steps[s];
      const inputs = step.sources.map((source) => {
        if (source.kind === "slot") return buffers[source.slot] as NDArray;
        if (source.kind === "fixed") return source.value;
        return guard(source.name);
      });
      const outSlot = step.outputSlots[0];
      const source = step.sources[0];
      const call = prepared[s];
      const specs = call.outputs as readonly TensorSpec[];
      preparedCalls.push(call);
      const retire = () => {
        for (const source of step.sources) {
          if (source.kind !== "slot") continue;
          // The slot read, and the slot whose block it relabels (read last through the relabel).
          for (const slot of [source.slot, root[source.slot]]) {
            if (lastRead[slot] === s && buffers[slot] !== undefined) {
              lastRead[slot] = -2; // given back once, even when read twice by this step
              if (!aliased[slot]) giveBack(buffers[slot] as NDArray);
            }
          }
        }
        for (const slot of step.outputSlots)
          if (slot >= 0 && lastRead[slot] === -1 && !aliased[slot]) giveBack(buffers[slot] as NDArray);
      };
      if (
        outSlot >= 0 &&
        root[outSlot] !== outSlot &&
        specs[0].dtype === inputs[0].dtype &&
        sizeOf(specs[0].shape) === inputs[0].size
      ) {
        // A relabel of a computed tensor: a view of its block, which lives as long as this slot is read.
        buffers[outSlot] = NDArray.onDevice(device, specs[0].dtype, specs[0].shape, inputs[0].byteOffset);
        aliased[outSlot] = true;
        calls[s] = NOOP;
        retire();
        continue;
      }
      if (
        call.alias === true &&
        step.outputSlots.length === 1 &&
        outSlot >= 0 &&
        source !== undefined &&
        source.kind !== "slot" &&
        !(source.kind === "variable" && writtenBetween(source.name, s, lastRead[outSlot])) &&
        specs[0].dtype === inputs[0].dtype &&
        sizeOf(specs[0].shape) === inputs[0].size
      ) {
        // A relabel of a value that stays put for the plan's life: a view of its bytes, never given back.
        buffers[outSlot] = NDArray.onDevice(device, specs[0].dtype, specs[0].shape, inputs[0].byteOffset);
        aliased[outSlot] = true;
        calls[s] = NOOP;
        continue;
      }
      const scratch: NDArray[] = [];
      let outputs: NDArray[];
      if (call.inPlace === true) {
        // TF's `out` ref: output 0 is var's own bytes, which the call updates.
        const out = NDArray.onDevice(device, inputs[0].dtype, inputs[0].shape, inputs[0].byteOffset);
        if (outSlot >= 0) {
          buffers[outSlot] = out;
          aliased[outSlot] = true;
        }
        outputs = [out];
      } else {
        outputs = specs.map((spec, i) => {
          const buffer = take(spec.dtype, spec.shape);
          const slot = step.outputSlots[i];
          if (slot >= 0) buffers[slot] = buffer;
          else scratch.push(buffer);
          return buffer;
        });
      }
      const fixed = call.bind?.(inputs, outputs);
      if (fixed === undefined) {
        unwind();
        return s;
      }
      bound.push(fixed);
      calls[s] = fixed.run;
      for (const buffer of scratch) giveBack(buffer);
      retire();
    }
    // Slots given back stay in `buffers` only for fetches; nothing reads them after their last reader.
    return new BoundPlan(
      calls,
      buffers,
      fedBuffers,
      guards,
      bound,
      preparedCalls,
      blocks,
      device,
      options.fetchedSlots,
      fedSlots,
    );
  }
}

/** Which steps a plan binds (`candidate`), which it folds into constants, and which could be bound at all. */
interface PlanState {
  readonly candidate: boolean[];
  readonly folded: boolean[];
  readonly eligible: readonly boolean[];
}

/**
 * Drops candidates until every remaining one reads only fixed values (planned or folded slots, device constants,
 * variables no step outside the plan writes), takes graph constants or folded values where its kernel reads values
 * when it prepares (`valueInputs`: axes, shapes), and writes only planned slots; a ref input (an optimizer update)
 * needs a kernel that writes it in place and every reader of that variable in the plan. A fold holds while its
 * inputs cannot change between accepted runs: constants and folds (both kinds), and for a shape op also candidates'
 * outputs, planned feeds and variables (their shapes). A dropped fold becomes an ordinary step. Returns whether any
 * step remains bound or folded.
 */
function narrow(options: BindOptions, use: SlotUse, state: PlanState): boolean {
  const { steps, device, variables } = options;
  const { candidate, folded, eligible } = state;
  const readers = new Map<string, number[]>();
  steps.forEach((step, s) => {
    for (const source of step.sources) {
      if (source.kind !== "variable" || source.ref) continue;
      const list = readers.get(source.name);
      if (list === undefined) readers.set(source.name, [s]);
      else list.push(s);
    }
  });
  const inPlan = (s: number) => candidate[s] || folded[s];
  const foldedSlot = (slot: number) => use.producer[slot] >= 0 && folded[use.producer[slot]];
  for (let changed = true; changed; ) {
    changed = false;
    const unplanned = unplannedWrites(steps, candidate);
    for (let s = 0; s < steps.length; s++) {
      const step = steps[s];
      if (folded[s]) {
        const shapes = step.fold === "shapes";
        const holds =
          step.sources.every((source) => {
            if (source.kind === "fixed") return true;
            if (source.kind === "variable") return shapes && !unplanned.has(source.name);
            if (source.refRoot !== undefined) return false;
            const producer = use.producer[source.slot];
            if (producer >= 0) return folded[producer] || (shapes && candidate[producer]);
            return shapes && producer === FED && planned(use, state, source.slot);
          }) && Array.from(step.outputSlots).every((slot) => slot < 0 || use.readers[slot].every(inPlan));
        if (!holds) {
          folded[s] = false;
          candidate[s] = eligible[s];
          changed = true;
        }
        continue;
      }
      if (!candidate[s]) continue;
      const constantInputs = step.kernel.valueInputs;
      const fixed =
        (constantInputs === undefined ||
          constantInputs.every((i) => {
            const source = step.sources[i < 0 ? step.sources.length + i : i];
            return source?.kind === "fixed" || (source?.kind === "slot" && foldedSlot(source.slot));
          })) &&
        step.sources.every((source) =>
          source.kind === "slot"
            ? planned(use, state, source.slot)
            : source.kind === "fixed"
              ? source.value.device === device
              : !unplanned.has(source.name) &&
                variables.get(source.name)?.device === device &&
                (!source.ref || (step.kernel.inPlace === true && (readers.get(source.name) ?? []).every(inPlan))),
        ) &&
        Array.from(step.outputSlots).every((slot) => slot < 0 || planned(use, state, slot));
      if (!fixed) {
        candidate[s] = false;
        changed = true;
      }
    }
  }
  return candidate.some(Boolean) || folded.some(Boolean);
}

/** Variables that steps outside the plan write (an update it does not bind, a write through a forwarded ref). */
function unplannedWrites(steps: readonly PlannedStep[], candidate: readonly boolean[]): Set<string> {
  const written = new Set<string>();
  steps.forEach((step, s) => {
    for (const source of step.sources) {
      if (source.kind === "variable" && source.ref && !candidate[s]) written.add(source.name);
      if (source.kind === "slot" && source.refRoot !== undefined) written.add(source.refRoot);
    }
  });
  return written;
}

/**
 * Each slot's value in the recorded run (a step's output, or a feed): what a step is prepared for. Only dtypes and
 * shapes are read, except value inputs, which `narrow` has made graph constants or folded values (host snapshots).
 */
function slotValues(options: BindOptions): (NDArray | undefined)[] {
  const { steps, slotCount, fedSlots, recorded, feeds, snapshots } = options;
  const values: (NDArray | undefined)[] = new Array(slotCount).fill(undefined);
  for (let i = 0; i < fedSlots.length; i++) values[fedSlots[i]] = feeds[i];
  for (let s = 0; s < steps.length; s++) {
    const snapshot = snapshots?.[s];
    const outputs = snapshot?.length === steps[s].outputSlots.length ? snapshot : recorded[s];
    if (outputs === undefined) continue;
    steps[s].outputSlots.forEach((slot, i) => {
      if (slot >= 0) values[slot] = outputs[i];
    });
  }
  return values;
}

/**
 * Step `s` prepared for the shapes of its recorded inputs, or undefined when it cannot be fixed: its prepare throws,
 * gives no output specs or no `bind`, or gives specs other than the outputs the recorded run made.
 */
function prepareStep(options: BindOptions, s: number, recordedValue: readonly (NDArray | undefined)[]) {
  const step = options.steps[s];
  const inputs: NDArray[] = [];
  for (const source of step.sources) {
    const value =
      source.kind === "slot"
        ? recordedValue[source.slot]
        : source.kind === "fixed"
          ? source.value
          : options.variables.get(source.name);
    if (value === undefined) return undefined;
    inputs.push(value);
  }
  let prepared: PreparedKernel;
  try {
    prepared = step.kernel.prepare(inputs, step.ctx);
  } catch {
    return undefined;
  }
  const specs = prepared.outputs;
  const made = options.recorded[s] as readonly NDArray[];
  const updates = step.sources.some((source) => source.kind === "variable" && source.ref);
  if (
    prepared.bind === undefined ||
    (prepared.inPlace === true) !== updates ||
    specs === undefined ||
    specs.length !== made.length ||
    !specs.every((spec, i) => spec.dtype === made[i].dtype && sameShape(spec.shape, made[i].shape))
  ) {
    prepared.release?.();
    return undefined;
  }
  return prepared;
}

/** Who makes and who reads each slot: a step index, FED for a feed, -1 for nothing. */
interface SlotUse {
  readonly producer: Int32Array;
  readonly readers: number[][];
}

const FED = -2;

function slotUse(options: BindOptions): SlotUse {
  const { steps, slotCount, fedSlots, feeds } = options;
  const producer = new Int32Array(slotCount).fill(-1);
  const readers: number[][] = Array.from({ length: slotCount }, () => []);
  for (let i = 0; i < fedSlots.length; i++) if (feeds[i].dtype.name !== "string") producer[fedSlots[i]] = FED;
  for (let s = 0; s < steps.length; s++) {
    for (const slot of steps[s].outputSlots) if (slot >= 0) producer[slot] = s;
    for (const source of steps[s].sources) if (source.kind === "slot") readers[source.slot].push(s);
  }
  return { producer, readers };
}

/**
 * A slot gets a buffer when a candidate makes it or a fold gives it (or it is a feed some step reads) and only
 * candidates and folds read it.
 */
function planned(use: SlotUse, state: PlanState, slot: number): boolean {
  const { candidate, folded } = state;
  const producer = use.producer[slot];
  const readers = use.readers[slot];
  if (producer === FED ? readers.length === 0 : producer < 0 || !(candidate[producer] || folded[producer]))
    return false;
  for (const reader of readers) if (!candidate[reader] && !folded[reader]) return false;
  return true;
}

function sameLayout(buffer: NDArray, value: NDArray): boolean {
  return buffer.dtype === value.dtype && sameShape(buffer.shape, value.shape);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function byteSize(dtype: DType, shape: readonly number[]): number {
  return sizeOf(shape) * (allocData(dtype, 0) as Float32Array).BYTES_PER_ELEMENT;
}
