// Which host (reference) kernels may see device values without a copy, and what loops may compute once. On a backend
// with a device, a value crosses to JS only where a host kernel needs its bytes in JS memory: kernels that forward a
// value (frames, Switch, Merge), store it (TensorArrays, stacks) or read only its shape take device values as they
// are, and inside loops any host kernel without ref inputs reads device memory in place (outputs that merely view
// that memory are copied out, so nothing host-side aliases a block the device may free).

import type { Device, NDArray } from "../framework/ndarray";
import { NDArray as NDArrayClass } from "../framework/ndarray";
import type { OpDef } from "../framework/op-def";
import type { Operation } from "../framework/operation";
import { opDefs } from "../ops/op-defs";

const PASS_THROUGH: ReadonlySet<OpDef> = new Set<OpDef>([
  opDefs.Switch,
  opDefs.Merge,
  opDefs.Enter,
  opDefs.Exit,
  opDefs.NextIteration,
  opDefs.LoopCond,
  opDefs.ControlTrigger,
  opDefs.Shape,
  opDefs.ShapeN,
  opDefs.Size,
  opDefs.Rank,
  opDefs.StackV2,
  opDefs.StackPushV2,
  opDefs.StackPopV2,
  opDefs.StackCloseV2,
  opDefs.TensorArrayV3,
  opDefs.TensorArrayWriteV3,
  opDefs.TensorArrayReadV3,
  opDefs.TensorArrayGatherV3,
  opDefs.TensorArrayScatterV3,
  opDefs.TensorArrayConcatV3,
  opDefs.TensorArraySplitV3,
  opDefs.TensorArrayGradV3,
  opDefs.TensorArraySizeV3,
  opDefs.TensorArrayCloseV3,
]);

/** The op's host kernel forwards, stores or measures its inputs: device values reach it as they are. */
export function passesDeviceValues(op: Operation): boolean {
  return PASS_THROUGH.has(op.def);
}

/**
 * Pure ops a loop may evaluate once when every data input is a constant of the loop body (shape arithmetic of
 * gradient loops: ConcatOffset, FloorMod, BroadcastGradientArgs of constant shapes); Const itself. Never stateful.
 */
const FOLDABLE: ReadonlySet<OpDef> = new Set<OpDef>([
  opDefs.Const,
  opDefs.Identity,
  opDefs.Shape,
  opDefs.ShapeN,
  opDefs.Size,
  opDefs.Rank,
  opDefs.ConcatOffset,
  opDefs.BroadcastGradientArgs,
  opDefs.FloorMod,
  opDefs.FloorDiv,
  opDefs.Add,
  opDefs.AddV2,
  opDefs.Sub,
  opDefs.Mul,
  opDefs.Maximum,
  opDefs.Minimum,
  opDefs.Cast,
  opDefs.Pack,
  opDefs.Range,
  opDefs.Fill,
  opDefs.Reshape,
  opDefs.ExpandDims,
  opDefs.Squeeze,
]);

/** Ops of `ops` (one frame, in execution order) whose outputs are the same in every iteration and every run. */
export function foldableOps(ops: readonly Operation[]): Set<Operation> {
  const folded = new Set<Operation>();
  for (const op of ops) {
    if (!FOLDABLE.has(op.def)) continue;
    if (op.def === opDefs.Const ? op.inputs.length === 0 : op.inputs.every((t) => folded.has(t.op))) folded.add(op);
  }
  return folded;
}

/**
 * A host kernel's outputs made safe to keep: device arrays stay device values (a forwarded input), and a host array
 * whose elements view the device's memory (a relabel of a device input) becomes a copy of them.
 */
export function detachFromDevice(outputs: (NDArray | undefined)[], device: Device): (NDArray | undefined)[] {
  for (let i = 0; i < outputs.length; i++) {
    const value = outputs[i];
    if (value === undefined || value.device !== undefined) continue;
    const data = value.data as { buffer?: ArrayBufferLike; slice?: () => NDArray["data"] };
    if (ArrayBuffer.isView(data) && data.buffer === device.buffer) {
      outputs[i] = new NDArrayClass(value.dtype, value.shape, (data as Float32Array).slice() as NDArray["data"]);
    }
  }
  return outputs;
}
