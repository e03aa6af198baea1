// variable_ops.cc, assign_op.h, dense_update_ops.cc, is_variable_initialized_op.cc: the variable kernels.
// The Session passes a ref input as the variable's current value and names it through ctx.refName.
import { FailedPreconditionError, InvalidArgumentError } from "../../errors";
import { NDArray } from "../../framework/ndarray";
import type { Kernel, KernelContext } from "../contract";

function refNameOf(ctx: KernelContext): string {
  const name = ctx.refName(0);
  if (name === undefined) {
    throw new InvalidArgumentError(`${ctx.opType} '${ctx.opName}' needs a variable reference as input 0`);
  }
  return name;
}

function current(ctx: KernelContext, name: string): NDArray {
  const value = ctx.variables.get(name);
  if (!value) {
    // dense_update_ops.cc: DenseUpdateOp::DoCompute (OP_REQUIRES IsInitialized)
    throw new FailedPreconditionError(`Attempting to use uninitialized value ${name}\n\t [[{{node ${ctx.opName}}}]]`);
  }
  return value;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function update(sign: 1 | -1): Kernel {
  return (inputs, ctx) => {
    const name = refNameOf(ctx);
    const old = current(ctx, name);
    const delta = inputs[1];
    if (!sameShape(old.shape, delta.shape)) {
      // dense_update_ops.cc: DenseUpdateOp::DoCompute
      throw new InvalidArgumentError(
        `Must have the same size and shape on both sides of the update: [${old.shape.join(",")}] vs [${delta.shape.join(",")}]`,
      );
    }
    const data = old.data.slice() as NDArray["data"];
    for (let i = 0; i < data.length; i++) {
      if (typeof data[i] === "bigint") (data as BigInt64Array)[i] += BigInt(sign) * (delta.data[i] as bigint);
      else (data as Float32Array)[i] += sign * (delta.data[i] as number);
    }
    const next = new NDArray(old.dtype, old.shape, data);
    ctx.variables.set(name, next);
    return [next];
  };
}

export const stateKernels = {
  /** variable_ops.cc: VariableOp: its output is the stored value (the Session reads it where it is consumed). */
  VariableV2: (_inputs, ctx) => [current(ctx, ctx.opName)],
  /** assign_op.h: AssignOp: stores a copy of the value (validate_shape checks the shapes match). */
  Assign: (inputs, ctx) => {
    const name = refNameOf(ctx);
    const value = inputs[1];
    const old = ctx.variables.get(name);
    if (ctx.attrs.validate_shape !== false && old && !sameShape(old.shape, value.shape)) {
      // assign_op.h: AssignOp::Compute
      throw new InvalidArgumentError(
        `Assign requires shapes of both tensors to match. lhs shape= [${old.shape.join(",")}] rhs shape= [${value.shape.join(",")}]\n\t [[{{node ${ctx.opName}}}]]`,
      );
    }
    const stored = new NDArray(value.dtype, value.shape, value.data.slice() as NDArray["data"]);
    ctx.variables.set(name, stored);
    return [stored];
  },
  AssignAdd: update(1),
  AssignSub: update(-1),
  /** is_variable_initialized_op.cc */
  IsVariableInitialized: (_inputs, ctx) => {
    const initialized = ctx.variables.get(refNameOf(ctx)) !== undefined;
    return [new NDArray("bool", [], new Uint8Array([initialized ? 1 : 0]))];
  },
  NoOp: () => [],
} satisfies Record<string, Kernel>;
