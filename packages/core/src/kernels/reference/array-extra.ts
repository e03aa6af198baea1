// sequence_ops.cc (LinSpaceOp), roll_op.cc (RollOp) and broadcast_to_op.cc (BroadcastToOp), TF 1.15.
import { InvalidArgumentError } from "../../errors";
import { sizeOf } from "../../framework/ndarray";
import type { Kernel, KernelContext } from "../contract";
import { registerKernels } from "../lazy-kernel-registry";
import { broadcastIndex, dimsText, fromNumbers, intList, mapIndices, numberAt, stridesOf, take } from "./strided";

function invalid(message: string, ctx: KernelContext): never {
  throw new InvalidArgumentError(`${message}\n\t [[{{node ${ctx.opName}}}]]`);
}

/** sequence_ops.cc: LinSpaceOp::Compute */
const linSpace: Kernel = ([start, stop, numArray], ctx) => {
  if (start.rank !== 0) invalid(`start must be a scalar, not shape ${dimsText(start.shape)}`, ctx);
  if (stop.rank !== 0) invalid(`stop must be a scalar, not shape ${dimsText(stop.shape)}`, ctx);
  if (numArray.rank !== 0) invalid(`num must be a scalar, not shape ${dimsText(numArray.shape)}`, ctx);
  const num = numberAt(numArray, 0);
  if (num <= 0) invalid(`Requires num > 0: ${num}`, ctx);
  const a = numberAt(start, 0);
  const b = numberAt(stop, 0);
  const values = new Float64Array(num);
  if (num === 1) values[0] = a;
  else {
    // In T's precision, as the kernel computes it; the last value is `stop` exactly.
    const round = start.dtype.name === "float32" ? Math.fround : (v: number) => v;
    const step = round((b - a) / (num - 1));
    for (let i = 0; i < num - 1; i++) values[i] = round(a + round(step * i));
    values[num - 1] = b;
  }
  return [fromNumbers(start.dtype, [num], values)];
};

/** roll_op.cc: RollOp::Compute: the shifts summed per axis modulo its size, then each element moved. */
const roll: Kernel = ([input, shift, axis], ctx) => {
  if (input.rank < 1) invalid("input must be 1-D or higher", ctx);
  if (shift.rank > 1) invalid(`shift must be a scalar or a 1-D vector. Found: ${dimsText(shift.shape)}`, ctx);
  if (axis.rank > 1) invalid(`axis must be a scalar or a 1-D vector. Found: ${dimsText(axis.shape)}`, ctx);
  if (dimsText(shift.shape) !== dimsText(axis.shape)) invalid("shift and axis must have the same size", ctx);
  const shifts = intList(shift);
  const axes = intList(axis);
  const sums = new Array<number>(input.rank).fill(0);
  axes.forEach((a0, i) => {
    const a = a0 < 0 ? a0 + input.rank : a0;
    if (a < 0 || a >= input.rank) invalid(`axis ${a} is out of range`, ctx);
    const ds = Math.max(input.shape[a], 1);
    sums[a] = ((((sums[a] + shifts[i]) % ds) + ds) % ds) as number;
  });
  const strides = stridesOf(input.shape);
  const from = mapIndices(input.shape, (o) =>
    o.reduce((acc, v, d) => acc + ((v - sums[d] + input.shape[d]) % Math.max(input.shape[d], 1)) * strides[d], 0),
  );
  return [take(input, input.shape, from)];
};

/** broadcast_to_op.cc: BroadcastToOp::Compute: BCast of the two shapes, whose result must be the asked shape. */
const broadcastTo: Kernel = ([input, shapeArray], ctx) => {
  const out = intList(shapeArray);
  const inShape = input.shape;
  const rank = Math.max(out.length, inShape.length);
  const at = (s: readonly number[], i: number) => (i < rank - s.length ? 1 : s[i - (rank - s.length)]);
  const result: number[] = [];
  for (let i = 0; i < rank; i++) {
    const [a, b] = [at(inShape, i), at(out, i)];
    if (a !== b && a !== 1 && b !== 1) invalid(`Incompatible shapes: ${dimsText(inShape)} vs. ${dimsText(out)}`, ctx);
    result.push(a === 1 ? b : a);
  }
  if (dimsText(result) !== dimsText(out)) {
    invalid(`Unable to broadcast tensor of shape ${dimsText(inShape)} to tensor of shape ${dimsText(out)}`, ctx);
  }
  return [take(input, out, sizeOf(out) === 0 ? [] : broadcastIndex(out, inShape))];
};

export const arrayExtraKernels = {
  LinSpace: linSpace,
  Roll: roll,
  BroadcastTo: broadcastTo,
} satisfies Record<string, Kernel>;

/** Makes this family run in every Session (idempotent): the module that builds its ops calls it when loaded. */
export function useArrayExtraKernels(): void {
  registerKernels(arrayExtraKernels);
}
