// stack_ops.cc: the StackV2 kernels. A stack lives as long as the run that made it: its state is keyed by the
// handle value StackV2 returns (a fresh one per run), which Enter forwards unchanged into loop frames. Device values
// (the forward loop's activations a gradient loop pops) stay on the device: retained while pushed, handed over when
// popped, released on close and when the run ends.
import { InvalidArgumentError } from "../../errors";
import { NDArray } from "../../framework/ndarray";
import type { Kernel, KernelContext } from "../contract";
import { hold, release } from "./held-values";

interface StackState {
  readonly name: string;
  readonly maxSize: number;
  readonly elements: NDArray[];
  closed: boolean;
}

const stacks = new WeakMap<NDArray, StackState>();
let counter = 0;

function stackOf(handle: NDArray, ctx: KernelContext): StackState {
  const state = stacks.get(handle);
  if (state === undefined) {
    // stack_ops.cc: GetStack (the handle names no stack of this run)
    throw new InvalidArgumentError(`Container does not contain a Stack\n\t [[{{node ${ctx.opName}}}]]`);
  }
  if (state.closed) {
    // stack_ops.cc: Stack::CheckNotClosed
    throw new InvalidArgumentError(`Stack[${state.name}] has already been closed.`);
  }
  return state;
}

function releaseAll(state: StackState): void {
  for (const value of state.elements.splice(0)) release(value);
}

export const stackKernels = {
  StackV2: ([maxSize], ctx) => {
    const stackName = String(ctx.attrs.stack_name ?? "");
    const name = `${stackName === "" ? ctx.opName : stackName}_${counter++}`;
    const encode = (s: string) => new TextEncoder().encode(s);
    const handle = new NDArray("string", [2], [encode("_stacks"), encode(name)]);
    const state: StackState = { name, maxSize: Number(maxSize.data[0]), elements: [], closed: false };
    stacks.set(handle, state);
    ctx.step?.onEnd(() => releaseAll(state));
    return [handle];
  },
  StackPushV2: ([handle, elem], ctx) => {
    const state = stackOf(handle, ctx);
    if (state.maxSize >= 0 && state.elements.length >= state.maxSize) {
      // stack_ops.cc: StackPushOp::ComputeAsync
      throw new InvalidArgumentError(`Stack[${state.name}] overflowed its max_size (${state.maxSize})`);
    }
    hold(elem);
    state.elements.push(elem);
    return [elem];
  },
  StackPopV2: ([handle], ctx) => {
    const state = stackOf(handle, ctx);
    const value = state.elements.pop();
    // stack_ops.cc: Stack::Pop
    if (value === undefined) throw new InvalidArgumentError(`Stack[${state.name}] is empty.`);
    if (ctx.step !== undefined) ctx.step.handOver(value);
    else release(value);
    return [value];
  },
  StackCloseV2: ([handle], ctx) => {
    const state = stackOf(handle, ctx);
    state.closed = true;
    releaseAll(state);
    return [];
  },
} satisfies Record<string, Kernel>;
