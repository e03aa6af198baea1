// The planner of planned runs (bound-plan.ts) on its own, over a fake device: buffer lifetimes and reuse, aliasing
// of constants and unwritten variables, variables a step writes, fetched slots kept alive, a kernel that declines,
// and the feed checks that decide whether a later run may use the plan.
import { describe, expect, it } from "vitest";
import { float32 } from "../framework/dtypes";
import { type Device, NDArray } from "../framework/ndarray";
import type { BoundKernel, Kernel, KernelContext } from "../kernels/contract";
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
function addOne(calls: string[], name: string, decline = false): Kernel {
  const kernel: Kernel = (inputs) => [inputs[0]];
  return Object.assign(kernel, {
    planCall: (inputs: readonly NDArray[], outputs: readonly NDArray[]): BoundKernel | undefined => {
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
  });
}

/** Identity: a relabel the planner may alias to a value that stays put. */
function identity(calls: string[]): Kernel {
  return Object.assign(addOne(calls, "copy"), { planAlias: true });
}

const ctx = { opName: "op", opType: "Op", attrs: {}, outputDtypes: [float32] } as unknown as KernelContext;
const slot = (n: number): PlannedSource => ({ kind: "slot", slot: n });

function step(kernel: Kernel, sources: PlannedSource[], outputs: number[]): PlannedStep {
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
