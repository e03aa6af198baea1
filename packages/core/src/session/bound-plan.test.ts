// The planner of planned runs (bound-plan.ts) on its own, over a fake device: buffer lifetimes and reuse, aliasing
// of constants and unwritten variables, variables a step writes, fetched slots kept alive, a kernel that declines,
// and the feed checks that decide whether a later run may use the plan.
import { describe, expect, it } from "vitest";
import { type DType, float32 } from "../framework/dtypes";
import { type Device, NDArray } from "../framework/ndarray";
import type { BoundKernel, KernelContext, OpKernel } from "../kernels/contract";
import { BoundPlan, type PlannedSource, type PlannedStep } from "./bound-plan";

/** A device with a bump allocator over one ArrayBuffer and a reference count per block. */
class FakeDevice implements Device {
  readonly name = "fake";
  readonly buffer = new ArrayBuffer(1 << 16);
  private next = 0;
  readonly holders = new Map<number, number>();
  readonly uploads: number[] = [];
  upload(value: NDArray): NDArray {
    const offset = this.next;
    this.next += Math.max(value.size * 4, 4);
    const array = NDArray.onDevice(this, value.dtype, value.shape, offset);
    (array.data as Float32Array).set(value.data as Float32Array);
    this.holders.set(offset, 0);
    this.uploads.push(offset);
    return array;
  }
  alloc(dtype: DType, shape: readonly number[]): NDArray {
    return this.upload(new NDArray(dtype, shape));
  }
  retain(value: NDArray): void {
    this.holders.set(value.byteOffset, (this.holders.get(value.byteOffset) ?? 0) + 1);
  }
  release(value: NDArray): void {
    this.holders.set(value.byteOffset, (this.holders.get(value.byteOffset) ?? 0) - 1);
  }
  /** Blocks still held by someone. */
  held(): number[] {
    return [...this.holders].filter(([, n]) => n > 0).map(([offset]) => offset);
  }
}

/** A kernel adding 1 to its first input, bindable unless `decline`; records the buffers it was bound to. */
function addOne(calls: string[], name: string, decline = false, alias = false): OpKernel {
  return {
    prepare: ([x]) => ({
      outputs: [{ dtype: x.dtype, shape: x.shape }],
      alias,
      run: (inputs) => [inputs[0]],
      bind: (inputs: readonly NDArray[], outputs: readonly NDArray[]): BoundKernel | undefined => {
        if (decline) return undefined;
        calls.push(`${name}: ${inputs.map((a) => a.byteOffset).join(",")} -> ${outputs.map((a) => a.byteOffset)}`);
        return {
          run: () => {
            const x = inputs[0].data as Float32Array;
            const y = outputs[0].data as Float32Array;
            for (let i = 0; i < y.length; i++) y[i] = x[i] + 1;
          },
          release: () => {},
        };
      },
    }),
  };
}

/** Identity: a relabel the planner may alias to a value that stays put. */
function identity(calls: string[]): OpKernel {
  return addOne(calls, "copy", false, true);
}

const ctx = { opName: "op", opType: "Op", attrs: {}, outputDtypes: [float32] } as unknown as KernelContext;
const slot = (n: number): PlannedSource => ({ kind: "slot", slot: n });

function step(kernel: OpKernel, sources: PlannedSource[], outputs: number[]): PlannedStep {
  return { kernel, native: true, mayDie: false, ctx, sources, outputSlots: Int32Array.from(outputs) };
}

const values = (n: number, shape = [4]) => new NDArray(float32, shape, new Float32Array(shape[0]).fill(n));

describe("BoundPlan: the planned-run planner over a fake device", () => {
  it("a chain of four steps reuses blocks whose tensors are dead: the feed's block and one more, ping-pong", () => {
    const device = new FakeDevice();
    const calls: string[] = [];
    const steps = [0, 1, 2, 3].map((i) => step(addOne(calls, `s${i}`), [slot(i)], [i + 1]));
    const plan = BoundPlan.create({
      steps,
      slotCount: 5,
      fedSlots: Int32Array.from([0]),
      fetchedSlots: [4],
      recorded: steps.map(() => [values(0)]),
      feeds: [values(1)],
      device,
      variables: { get: () => undefined, set: () => {} },
    }) as BoundPlan;
    expect(plan).toBeDefined();
    // The feed (at 0) is written at the start of each run and dead after s0, so s1 already reuses its block.
    expect(calls).toEqual(["s0: 0 -> 16", "s1: 16 -> 0", "s2: 0 -> 16", "s3: 16 -> 0"]);
    expect(device.uploads.length).toBe(2);
    plan.writeFeeds([values(1)]);
    for (const call of plan.calls) call?.();
    expect(Array.from(plan.buffers[4]?.data as Float32Array)).toEqual([5, 5, 5, 5]);
    plan.release();
    expect(device.held()).toEqual([]);
  });

  it("a fetched slot keeps its buffer to the end of the run: nothing later reuses it", () => {
    const device = new FakeDevice();
    const calls: string[] = [];
    const steps = [0, 1, 2].map((i) => step(addOne(calls, `s${i}`), [slot(i)], [i + 1]));
    BoundPlan.create({
      steps,
      slotCount: 4,
      fedSlots: Int32Array.from([0]),
      fetchedSlots: [1, 3],
      recorded: steps.map(() => [values(0)]),
      feeds: [values(1)],
      device,
      variables: { get: () => undefined, set: () => {} },
    });
    // slot 1 (at 16) is fetched: after s1 frees nothing of it, s2 needs a third block.
    expect(calls).toEqual(["s0: 0 -> 16", "s1: 16 -> 0", "s2: 0 -> 32"]);
  });

  it("a relabel of a device constant or an unwritten variable aliases its bytes and calls nothing", () => {
    const device = new FakeDevice();
    const calls: string[] = [];
    const constant = device.upload(values(7));
    const variable = device.upload(values(9));
    const steps = [
      step(identity(calls), [{ kind: "fixed", value: constant }], [0]),
      step(identity(calls), [{ kind: "variable", name: "v", ref: false }], [1]),
      step(addOne(calls, "after"), [slot(1)], [2]),
    ];
    const plan = BoundPlan.create({
      steps,
      slotCount: 3,
      fedSlots: new Int32Array(0),
      fetchedSlots: [0, 2],
      recorded: steps.map(() => [values(0)]),
      feeds: [],
      device,
      variables: { get: (name) => (name === "v" ? variable : undefined), set: () => {} },
    }) as BoundPlan;
    expect(plan.buffers[0]?.byteOffset).toBe(constant.byteOffset);
    expect(plan.buffers[1]?.byteOffset).toBe(variable.byteOffset);
    expect(calls).toEqual([`after: ${variable.byteOffset} -> ${plan.buffers[2]?.byteOffset}`]);
    // The plan holds while the variable is the same value, and not after it is replaced.
    expect(plan.accepts([], { get: () => variable, set: () => {} })).toBe(true);
    expect(plan.accepts([], { get: () => device.upload(values(9)), set: () => {} })).toBe(false);
  });

  it("a variable some step writes (a ref input) is never read by pointer: its readers stay unbound", () => {
    const device = new FakeDevice();
    const calls: string[] = [];
    const variable = device.upload(values(1));
    const steps = [
      step(addOne(calls, "read"), [{ kind: "variable", name: "v", ref: false }], [0]),
      step(addOne(calls, "assign"), [{ kind: "variable", name: "v", ref: true }], [1]),
    ];
    const plan = BoundPlan.create({
      steps,
      slotCount: 2,
      fedSlots: new Int32Array(0),
      fetchedSlots: [0, 1],
      recorded: steps.map(() => [values(0)]),
      feeds: [],
      device,
      variables: { get: () => variable, set: () => {} },
    });
    expect(plan).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it("a kernel that declines its call is left to the executor and the rest is planned again without it", () => {
    const device = new FakeDevice();
    const calls: string[] = [];
    const steps = [
      step(addOne(calls, "a"), [slot(0)], [1]),
      step(addOne(calls, "no", true), [slot(1)], [2]),
      step(addOne(calls, "c"), [slot(4)], [3]),
    ];
    const plan = BoundPlan.create({
      steps,
      slotCount: 5,
      fedSlots: Int32Array.from([0, 4]),
      fetchedSlots: [2, 3],
      recorded: steps.map(() => [values(0)]),
      feeds: [values(1), values(2)],
      device,
      variables: { get: () => undefined, set: () => {} },
    }) as BoundPlan;
    // `a` feeds only the declined step, so it is unbound too; `c` reads its own feed and stays bound.
    expect(plan.calls.map((c) => c !== undefined)).toEqual([false, false, true]);
    expect(calls.at(-1)).toMatch(/^c: /);
  });

  it("accepts a run only with feeds of the planned dtypes and shapes, and copies feeds into their buffers", () => {
    const device = new FakeDevice();
    const steps = [step(addOne([], "s"), [slot(0)], [1])];
    const plan = BoundPlan.create({
      steps,
      slotCount: 2,
      fedSlots: Int32Array.from([0]),
      fetchedSlots: [1],
      recorded: [[values(0)]],
      feeds: [values(1)],
      device,
      variables: { get: () => undefined, set: () => {} },
    }) as BoundPlan;
    const none = { get: () => undefined, set: () => {} };
    expect(plan.accepts([values(3)], none)).toBe(true);
    expect(plan.accepts([values(3, [5])], none)).toBe(false);
    plan.writeFeeds([values(3)]);
    plan.calls[0]?.();
    expect(Array.from(plan.buffers[1]?.data as Float32Array)).toEqual([4, 4, 4, 4]);
  });
});

describe("BoundPlan: a run of bound calls alone (straight)", () => {
  const plan = (steps: PlannedStep[], fedSlots: number[], fetchedSlots: number[], slotCount: number) =>
    BoundPlan.create({
      steps,
      slotCount,
      fedSlots: Int32Array.from(fedSlots),
      fetchedSlots,
      recorded: steps.map(() => [values(0)]),
      feeds: fedSlots.map(() => values(1)),
      device: new FakeDevice(),
      variables: { get: () => undefined, set: () => {} },
    }) as BoundPlan;

  it("every step bound and every fetch a computed buffer: the calls in order, without the relabels' no-ops", () => {
    const calls: string[] = [];
    const steps = [
      step(addOne(calls, "a"), [slot(0)], [1]),
      step(identity(calls), [slot(1)], [2]),
      step(addOne(calls, "b"), [slot(2)], [3]),
    ];
    const bound = plan(steps, [0], [3], 4);
    expect(bound.calls.every((c) => c !== undefined)).toBe(true);
    expect(bound.straight).toEqual([bound.calls[0], bound.calls[2]]);
    bound.writeFeeds([values(1)]);
    for (const call of bound.straight ?? []) call();
    expect(Array.from(bound.buffers[3]?.data as Float32Array)).toEqual([3, 3, 3, 3]);
  });

  it("a step left to the executor, or a fetch of a feed, keeps the run on the executor's loop", () => {
    const declined = [step(addOne([], "a"), [slot(0)], [1]), step(addOne([], "no", true), [slot(2)], [3])];
    expect(plan(declined, [0, 2], [1, 3], 4).straight).toBeUndefined();
    const fetchesFeed = [step(addOne([], "a"), [slot(0)], [1])];
    expect(plan(fetchesFeed, [0], [0, 1], 2).straight).toBeUndefined();
    expect(plan(fetchesFeed, [0], [1], 2).straight).toHaveLength(1);
  });
});

describe("BoundPlan: a slot read by an unbound step is never planned", () => {
  it("a feed that an unbound step also reads leaves its other readers unbound: nothing is planned", () => {
    const device = new FakeDevice();
    const calls: string[] = [];
    const steps = [step(addOne(calls, "no", true), [slot(0)], [1]), step(addOne(calls, "c"), [slot(0)], [2])];
    const plan = BoundPlan.create({
      steps,
      slotCount: 3,
      fedSlots: Int32Array.from([0]),
      fetchedSlots: [1, 2],
      recorded: steps.map(() => [values(0)]),
      feeds: [values(1)],
      device,
      variables: { get: () => undefined, set: () => {} },
    });
    expect(plan).toBeUndefined();
    expect(device.held()).toEqual([]);
  });
});

describe("BoundPlan: steps that may be dead (inside a cond) are never bound", () => {
  it("a step marked mayDie runs through the executor, and so does what reads it", () => {
    const device = new FakeDevice();
    const calls: string[] = [];
    const steps = [
      { ...step(addOne(calls, "branch"), [slot(0)], [1]), mayDie: true },
      step(addOne(calls, "after"), [slot(1)], [2]),
      step(addOne(calls, "free"), [slot(3)], [4]),
    ];
    const plan = BoundPlan.create({
      steps,
      slotCount: 5,
      fedSlots: Int32Array.from([0, 3]),
      fetchedSlots: [2, 4],
      recorded: steps.map(() => [values(0)]),
      feeds: [values(1), values(2)],
      device,
      variables: { get: () => undefined, set: () => {} },
    }) as BoundPlan;
    expect(plan.calls.map((c) => c !== undefined)).toEqual([false, false, true]);
    expect(calls.map((c) => c.split(":")[0])).toEqual(["free"]);
  });
});

/** A kernel that records what it was prepared for and released, reading input `valueInput`'s elements if given. */
function tracked(log: string[], name: string, valueInput?: number): OpKernel {
  const base = addOne(log, name);
  return {
    valueInputs: valueInput === undefined ? undefined : [valueInput],
    prepare: (inputs, ctx) => {
      const value = valueInput === undefined ? "" : ` value ${Array.from(inputs[valueInput].data as Float32Array)}`;
      log.push(`prepare ${name}: [${inputs.map((x) => x.shape.join("x")).join(" ")}]${value}`);
      const prepared = base.prepare(inputs, ctx);
      return { ...prepared, release: () => log.push(`release ${name}`) };
    },
  };
}

const noVariables = { get: () => undefined, set: () => {} };

describe("BoundPlan: prepared calls", () => {
  it("prepares each bound step once for its buffers' shapes, binds it, and releases the prepared calls with the plan", () => {
    const device = new FakeDevice();
    const log: string[] = [];
    const steps = [step(tracked(log, "s0"), [slot(0)], [1]), step(tracked(log, "s1"), [slot(1)], [2])];
    const plan = BoundPlan.create({
      steps,
      slotCount: 3,
      fedSlots: Int32Array.from([0]),
      fetchedSlots: [2],
      recorded: steps.map(() => [values(0)]),
      feeds: [values(1)],
      device,
      variables: noVariables,
    }) as BoundPlan;
    expect(log).toEqual(["prepare s0: [4]", "prepare s1: [4]", "s0: 0 -> 16", "s1: 16 -> 0"]);
    for (let run = 0; run < 3; run++) for (const call of plan.calls) call?.();
    expect(log.filter((l) => l.startsWith("prepare")).length).toBe(2);
    plan.release();
    expect(log.slice(-2)).toEqual(["release s0", "release s1"]);
    expect(device.held()).toEqual([]);
  });

  it("a value input from a device constant is read when the step prepares; from a run's slot, the step is unbound", () => {
    const device = new FakeDevice();
    const log: string[] = [];
    const axes = device.upload(new NDArray(float32, [2], new Float32Array([0, 1])));
    const steps = [
      step(tracked(log, "constant axes", 1), [slot(0), { kind: "fixed", value: axes }], [1]),
      step(tracked(log, "slot axes", 1), [slot(1), slot(2)], [3]),
    ];
    const plan = BoundPlan.create({
      steps,
      slotCount: 4,
      fedSlots: Int32Array.from([0, 2]),
      fetchedSlots: [3],
      recorded: steps.map(() => [values(0)]),
      feeds: [values(1), values(2, [2])],
      device,
      variables: noVariables,
    });
    // The second step's axes come from a feed, so it is unbound, and so is the first (its output's reader is).
    expect(plan).toBeUndefined();
    expect(log).toEqual([]);
    // Without the unbound reader of its output, the step with constant axes is bound, prepared with their values.
    const alone = BoundPlan.create({
      steps: [steps[0]],
      slotCount: 2,
      fedSlots: Int32Array.from([0]),
      fetchedSlots: [1],
      recorded: [[values(0)]],
      feeds: [values(1)],
      device,
      variables: noVariables,
    }) as BoundPlan;
    expect(alone.calls.map((c) => c !== undefined)).toEqual([true]);
    expect(log[0]).toBe("prepare constant axes: [4 2] value 0,1");
  });

  it("a kernel whose prepare throws for the recorded shapes is left to the executor; the others prepare once", () => {
    const device = new FakeDevice();
    const log: string[] = [];
    const throwing: OpKernel = {
      prepare: () => {
        throw new Error("In[0] and In[1] must be matrices");
      },
    };
    const steps = [step(tracked(log, "a"), [slot(0)], [1]), step(throwing, [slot(2)], [3])];
    const plan = BoundPlan.create({
      steps,
      slotCount: 4,
      fedSlots: Int32Array.from([0, 2]),
      fetchedSlots: [1, 3],
      recorded: steps.map(() => [values(0)]),
      feeds: [values(1), values(2)],
      device,
      variables: noVariables,
    }) as BoundPlan;
    expect(plan.calls.map((c) => c !== undefined)).toEqual([true, false]);
    expect(log.filter((l) => l.startsWith("prepare") || l.startsWith("release"))).toEqual(["prepare a: [4]"]);
    plan.release();
    expect(device.held()).toEqual([]);
  });
});

describe("BoundPlan: output specs come from prepare", () => {
  const plan = (kernel: OpKernel, recordedShape: number[]) =>
    BoundPlan.create({
      steps: [step(kernel, [slot(0)], [1])],
      slotCount: 2,
      fedSlots: Int32Array.from([0]),
      fetchedSlots: [1],
      recorded: [[values(0, recordedShape)]],
      feeds: [values(1)],
      device: new FakeDevice(),
      variables: noVariables,
    });

  it("a prepared call without output specs (values decide them: Where, Unique) is never bound", () => {
    const log: string[] = [];
    const base = addOne(log, "where");
    const noSpecs: OpKernel = { prepare: (inputs, ctx) => ({ ...base.prepare(inputs, ctx), outputs: undefined }) };
    expect(plan(noSpecs, [4])).toBeUndefined();
    expect(log).toEqual([]);
  });

  it("output specs other than the recorded run's outputs leave the step to the executor", () => {
    const log: string[] = [];
    expect(plan(addOne(log, "s"), [4, 1])).toBeUndefined();
    expect(plan(addOne(log, "s"), [4])?.calls.length).toBe(1);
    expect(log).toEqual(["s: 0 -> 16"]);
  });
});

describe("BoundPlan: lifetimes, aliasing and in-place updates", () => {
  it("a tensor read by two later steps keeps its block until its last reader, then the block is reused", () => {
    const device = new FakeDevice();
    const calls: string[] = [];
    const steps = [
      step(addOne(calls, "x"), [slot(0)], [1]),
      step(addOne(calls, "y"), [slot(1)], [2]),
      step(addOne(calls, "z"), [slot(1)], [3]),
      step(addOne(calls, "w"), [slot(3)], [4]),
    ];
    BoundPlan.create({
      steps,
      slotCount: 5,
      fedSlots: Int32Array.from([0]),
      fetchedSlots: [2, 4],
      recorded: steps.map(() => [values(0)]),
      feeds: [values(1)],
      device,
      variables: noVariables,
    });
    // Slot 1 (at 16) lives until z reads it; y's output takes the feed's freed block (0), z a new one (32), and w
    // the block of slot 1 (16), free after z.
    expect(calls).toEqual(["x: 0 -> 16", "y: 16 -> 0", "z: 16 -> 32", "w: 32 -> 16"]);
  });

  it("a relabel of a tensor the run computes shares its block, which lives until the relabel's last reader", () => {
    const device = new FakeDevice();
    const calls: string[] = [];
    const steps = [
      step(addOne(calls, "x"), [slot(0)], [1]),
      step(identity(calls), [slot(1)], [2]),
      step(addOne(calls, "y"), [slot(2)], [3]),
      step(addOne(calls, "z"), [slot(3)], [4]),
    ];
    const plan = BoundPlan.create({
      steps,
      slotCount: 5,
      fedSlots: Int32Array.from([0]),
      fetchedSlots: [4],
      recorded: steps.map(() => [values(0)]),
      feeds: [values(1)],
      device,
      variables: noVariables,
    }) as BoundPlan;
    // No copy: slot 2 is slot 1's block (16). y may not write there; after y, the block is free again for z.
    expect(calls).toEqual(["x: 0 -> 16", "y: 16 -> 0", "z: 0 -> 16"]);
    expect(plan.buffers[2]?.byteOffset).toBe(plan.buffers[1]?.byteOffset);
    plan.writeFeeds([values(1)]);
    for (const call of plan.calls) call?.();
    expect(Array.from(plan.buffers[4]?.data as Float32Array)).toEqual([4, 4, 4, 4]);
  });

  it("an in-place update through a reference RefSwitch forwards keeps that variable's readers unbound", () => {
    const device = new FakeDevice();
    const calls: string[] = [];
    const variable = device.upload(values(1));
    const steps = [
      step(identity(calls), [{ kind: "variable", name: "v", ref: false }], [0]),
      // A step writing through a forwarded reference (an AssignAdd after a RefSwitch, so inside a cond): it writes
      // `v` in place and runs through the executor.
      { ...step(addOne(calls, "update"), [{ kind: "slot", slot: 2, refRoot: "v" }], [1]), mayDie: true },
      step(addOne(calls, "other"), [slot(3)], [4]),
    ];
    const plan = BoundPlan.create({
      steps,
      slotCount: 5,
      fedSlots: Int32Array.from([2, 3]),
      fetchedSlots: [0, 1, 4],
      recorded: steps.map(() => [values(0)]),
      feeds: [values(0), values(2)],
      device,
      variables: { get: () => variable, set: () => {} },
    }) as BoundPlan;
    // The read of v is not aliased to its bytes (the update would show through); `other` is still planned.
    expect(plan.calls.map((c) => c !== undefined)).toEqual([false, false, true]);
    expect(plan.buffers[0]).toBeUndefined();
    expect(calls.map((c) => c.split(":")[0])).toEqual(["other"]);
  });

  it("a feed's buffer is written in place each run: a bound step reads the new values without binding again", () => {
    const device = new FakeDevice();
    const steps = [step(addOne([], "s"), [slot(0)], [1])];
    const plan = BoundPlan.create({
      steps,
      slotCount: 2,
      fedSlots: Int32Array.from([0]),
      fetchedSlots: [1],
      recorded: [[values(0)]],
      feeds: [values(1)],
      device,
      variables: noVariables,
    }) as BoundPlan;
    const out = plan.buffers[1] as NDArray;
    for (const n of [5, 8]) {
      plan.writeFeeds([values(n)]);
      plan.calls[0]?.();
      expect(Array.from(out.data as Float32Array)).toEqual([n + 1, n + 1, n + 1, n + 1]);
    }
  });
});

/** A step the planner may fold (constant-folding.ts), run natively or not. */
function foldable(
  kernel: OpKernel,
  fold: "shapes" | "values",
  sources: PlannedSource[],
  outputs: number[],
  native = true,
) {
  return { ...step(kernel, sources, outputs), fold, native };
}

/** The plan of `steps` after one recorded run, feeding slot 0 with `values(1)`. */
function planOf(
  steps: PlannedStep[],
  options: { slotCount: number; fetchedSlots: number[]; snapshots?: (NDArray[] | undefined)[] },
) {
  return BoundPlan.create({
    steps,
    slotCount: options.slotCount,
    fedSlots: Int32Array.from([0]),
    fetchedSlots: options.fetchedSlots,
    recorded: steps.map(() => [values(0)]),
    snapshots: options.snapshots,
    feeds: [values(1)],
    device: new FakeDevice(),
    variables: noVariables,
  });
}

describe("BoundPlan: constant folding (grappler's constant_folding.cc, at plan time)", () => {
  it("a shape op over a bound step's output folds into a constant block, and its reader prepares from those values", () => {
    const log: string[] = [];
    const snapshot = new NDArray(float32, [2], new Float32Array([4, 1]));
    const steps = [
      step(tracked(log, "s0"), [slot(0)], [1]),
      foldable(tracked(log, "shape"), "shapes", [slot(1)], [2]),
      step(tracked(log, "reshape", 1), [slot(1), slot(2)], [3]),
    ];
    const plan = planOf(steps, { slotCount: 4, fetchedSlots: [2, 3], snapshots: [undefined, [snapshot]] }) as BoundPlan;
    // The shape step is never prepared or bound: its call does nothing, its slot holds the recorded values.
    expect(log.filter((l) => l.startsWith("prepare"))).toEqual(["prepare s0: [4]", "prepare reshape: [4 2] value 4,1"]);
    expect(plan.calls.every((c) => c !== undefined)).toBe(true);
    expect(Array.from(plan.buffers[2]?.data as Float32Array)).toEqual([4, 1]);
    for (let run = 0; run < 2; run++) for (const call of plan.calls) call?.();
    expect(Array.from(plan.buffers[2]?.data as Float32Array)).toEqual([4, 1]);
    plan.release();
  });

  it("a value fold over constants chains: its output folds the next value fold", () => {
    const log: string[] = [];
    const two = new NDArray(float32, [1], new Float32Array([2]));
    const steps = [
      foldable(tracked(log, "sub"), "values", [{ kind: "fixed", value: two }], [1]),
      foldable(tracked(log, "pack"), "values", [slot(1)], [2], false),
      step(tracked(log, "slice", 1), [slot(0), slot(2)], [3]),
    ];
    const snapshots = [[values(1, [1])], [values(1, [1])]];
    const plan = planOf(steps, { slotCount: 4, fetchedSlots: [3], snapshots }) as BoundPlan;
    // A non-native fold (the reference Pack) costs nothing either: nothing of it runs.
    expect(plan.calls.every((c) => c !== undefined)).toBe(true);
    expect(log.filter((l) => l.startsWith("prepare"))).toEqual(["prepare slice: [4 1] value 1"]);
  });

  it("a value fold over a feed is no constant: it stays a step, bound like any other", () => {
    const log: string[] = [];
    const steps = [foldable(tracked(log, "cast"), "values", [slot(0)], [1])];
    const plan = planOf(steps, { slotCount: 2, fetchedSlots: [1], snapshots: [[values(1)]] }) as BoundPlan;
    expect(log).toEqual(["prepare cast: [4]", "cast: 0 -> 16"]);
    plan.writeFeeds([values(7)]);
    plan.calls[0]?.();
    expect(Array.from(plan.buffers[1]?.data as Float32Array)).toEqual([8, 8, 8, 8]);
  });

  it("a shape op over the output of a step outside the plan does not fold (that shape may change)", () => {
    const log: string[] = [];
    const steps = [
      { ...step(tracked(log, "where"), [slot(0)], [1]), native: false },
      foldable(tracked(log, "shape"), "shapes", [slot(1)], [2], false),
    ];
    expect(
      planOf(steps, { slotCount: 3, fetchedSlots: [2], snapshots: [undefined, [values(4, [1])]] }),
    ).toBeUndefined();
  });

  it("a fold read by a step outside the plan is not folded: that step reads its slot from the run", () => {
    const log: string[] = [];
    const device = new FakeDevice();
    const constant = device.upload(values(3));
    const steps = [
      step(tracked(log, "s0"), [slot(0)], [1]),
      foldable(tracked(log, "shape"), "shapes", [{ kind: "fixed", value: constant }], [2], false),
      { ...step(tracked(log, "print"), [slot(2)], [3]), native: false },
    ];
    const plan = BoundPlan.create({
      steps,
      slotCount: 4,
      fedSlots: Int32Array.from([0]),
      fetchedSlots: [1, 3],
      recorded: steps.map(() => [values(0)]),
      snapshots: [undefined, [values(4, [1])]],
      feeds: [values(1)],
      device,
      variables: noVariables,
    }) as BoundPlan;
    expect(plan.calls.map((c) => c !== undefined)).toEqual([true, false, false]);
    expect(plan.buffers[2]).toBeUndefined();
  });
});

/** An optimizer update bound in place: adds input 1 to input 0's own block; `inPlace` false: an ordinary kernel. */
function update(calls: string[], inPlace = true): OpKernel {
  return {
    inPlace,
    prepare: ([v]) => ({
      outputs: [{ dtype: v.dtype, shape: v.shape }],
      inPlace,
      run: (inputs) => [inputs[0]],
      bind: (inputs, outputs) => {
        calls.push(`update: ${inputs.map((a) => a.byteOffset).join(",")} -> ${outputs.map((a) => a.byteOffset)}`);
        return {
          run: () => {
            const v = inputs[0].data as Float32Array;
            const d = inputs[1].data as Float32Array;
            for (let i = 0; i < v.length; i++) v[i] += d[i];
          },
          release: () => {},
        };
      },
    }),
  };
}

describe("BoundPlan: optimizer updates in place (training_ops.cc's ref updates)", () => {
  const variable = (device: FakeDevice) => {
    const value = device.upload(values(10));
    return { value, state: { get: (name: string) => (name === "v" ? value : undefined), set: () => {} } };
  };
  const read: PlannedSource = { kind: "variable", name: "v", ref: false };
  const write: PlannedSource = { kind: "variable", name: "v", ref: true };

  it("binds the update over the variable's block; a read before it stays an alias, one read after it a copy", () => {
    const device = new FakeDevice();
    const calls: string[] = [];
    const { value, state } = variable(device);
    const steps = [
      step(identity(calls), [read], [1]), // w/read, used before the update only
      step(identity(calls), [read], [2]), // a read whose reader runs after the update
      step(addOne(calls, "forward"), [slot(1)], [3]),
      step(update(calls), [write, slot(0)], [4]),
      step(addOne(calls, "after"), [slot(2)], [5]),
    ];
    const plan = BoundPlan.create({
      steps,
      slotCount: 6,
      fedSlots: Int32Array.from([0]),
      fetchedSlots: [3, 5],
      recorded: steps.map(() => [values(0)]),
      feeds: [values(1)],
      device,
      variables: state,
    }) as BoundPlan;
    const at = value.byteOffset;
    // Step 0 aliases v (no binding); step 1 copies it; the update writes v's block, its output a view of it.
    expect(calls[0]).toMatch(/^copy: 0 -> /);
    expect(calls).toContain(`forward: ${at} -> ${plan.buffers[3]?.byteOffset}`);
    expect(calls).toContain(`update: ${at},${plan.buffers[0]?.byteOffset} -> ${at}`);
    expect(plan.buffers[1]?.byteOffset).toBe(at);
    expect(plan.buffers[4]?.byteOffset).toBe(at);
    plan.writeFeeds([values(1)]);
    for (const call of plan.calls) call?.();
    expect(Array.from(value.data as Float32Array)).toEqual([11, 11, 11, 11]);
    expect(Array.from(plan.buffers[3]?.data as Float32Array)).toEqual([11, 11, 11, 11]); // read before: 10 + 1
    expect(Array.from(plan.buffers[5]?.data as Float32Array)).toEqual([12, 12, 12, 12]); // copy before: 10 + 1 + 1
    expect(plan.accepts([values(1)], state)).toBe(true);
  });

  it("an update whose kernel does not write in place stays unbound, and so do the variable's readers", () => {
    const device = new FakeDevice();
    const calls: string[] = [];
    const { state } = variable(device);
    const steps = [
      step(addOne(calls, "forward"), [read], [1]),
      step(update(calls, false), [write, slot(0)], [2]),
      step(addOne(calls, "other"), [{ kind: "fixed", value: device.upload(values(2)) }], [3]),
    ];
    const plan = BoundPlan.create({
      steps,
      slotCount: 4,
      fedSlots: Int32Array.from([0]),
      fetchedSlots: [1, 3],
      recorded: steps.map(() => [values(0)]),
      feeds: [values(1)],
      device,
      variables: state,
    }) as BoundPlan;
    expect(plan.calls.map((c) => c !== undefined)).toEqual([false, false, true]);
  });

  it("a reader of the variable outside the plan keeps the update (and so every reader) unbound", () => {
    const device = new FakeDevice();
    const calls: string[] = [];
    const { state } = variable(device);
    const steps = [
      { ...step(addOne(calls, "host"), [read], [1]), native: false },
      step(addOne(calls, "forward"), [read], [2]),
      step(update(calls), [write, { kind: "fixed", value: device.upload(values(2)) }], [3]),
      step(addOne(calls, "other"), [slot(0)], [4]),
    ];
    const plan = BoundPlan.create({
      steps,
      slotCount: 5,
      fedSlots: Int32Array.from([0]),
      fetchedSlots: [1, 2, 4],
      recorded: steps.map(() => [values(0)]),
      feeds: [values(1)],
      device,
      variables: state,
    }) as BoundPlan;
    expect(plan.calls.map((c) => c !== undefined)).toEqual([false, false, false, true]);
  });
});
