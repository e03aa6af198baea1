// scatter_op.cc (ScatterUpdate/Add/Sub), unique_op.cc (Unique), training_ops.cc (SparseApplyMomentumOp): row updates
// of a variable read from and written to the Session's store through ctx.refName.
import { FailedPreconditionError, InvalidArgumentError } from "../../errors";
import { NDArray } from "../../framework/ndarray";
import type { Kernel, KernelContext } from "../contract";
import { sliceDebugString } from "./array";

type Numbers = Float32Array | Float64Array | Int32Array;

function stored(ctx: KernelContext, i: number): { name: string; value: NDArray } {
  const name = ctx.refName(i);
  const value = name === undefined ? undefined : ctx.variables.get(name);
  if (name === undefined || value === undefined) {
    // scatter_op.cc / training_ops.cc: OP_REQUIRES(params.IsInitialized())
    throw new FailedPreconditionError(
      `Attempting to use uninitialized value ${name ?? `input ${i}`}\n\t [[{{node ${ctx.opName}}}]]`,
    );
  }
  return { name, value };
}

function copy(a: NDArray): NDArray {
  return new NDArray(a.dtype, a.shape, a.data.slice() as NDArray["data"]);
}

/**
 * The row indices as numbers, each checked against [0, rows): scatter_op.cc's message by default, training_ops.cc's
 * SparseApply* message with `sparseApply`.
 */
export function rowIndices(ctx: KernelContext, indices: NDArray, rows: number, sparseApply = false): number[] {
  const out = Array.from(indices.data as ArrayLike<number | bigint>, Number);
  out.forEach((r, k) => {
    if (r < 0 || r >= rows) {
      const message = sparseApply
        ? // training_ops.cc: SparseApply*Op::Compute
          `Index ${r} at offset ${k} in indices is out of range`
        : // scatter_op.cc: ScatterUpdateOp::DoCompute
          `indices${sliceDebugString(indices.shape, k)} = ${r} is not in [0, ${rows})`;
      throw new InvalidArgumentError(`${message}\n\t [[{{node ${ctx.opName}}}]]`);
    }
  });
  return out;
}

/** training_ops.cc: SparseApply*Op::Compute: indices a vector with one row of grad each. */
export function checkSparseGrad(ctx: KernelContext, grad: NDArray, indices: NDArray): void {
  if (indices.shape.length !== 1) {
    throw new InvalidArgumentError(`indices must be one-dimensional\n\t [[{{node ${ctx.opName}}}]]`);
  }
  if (grad.shape[0] !== indices.shape[0]) {
    throw new InvalidArgumentError(
      `grad must be the same size as indices in the first dimension.\n\t [[{{node ${ctx.opName}}}]]`,
    );
  }
}

function scatter(mode: "update" | "add" | "sub"): Kernel {
  return (inputs, ctx) => {
    const ref = stored(ctx, 0);
    const [, indices, updates] = inputs;
    const rows = ref.value.shape[0] ?? 0;
    const rowSize = ref.value.shape.slice(1).reduce((a, b) => a * b, 1);
    const expected = [...indices.shape, ...ref.value.shape.slice(1)];
    if (updates.shape.length !== expected.length || updates.shape.some((d, k) => d !== expected[k])) {
      // scatter_op.cc: ValidateShapes
      throw new InvalidArgumentError(
        `Must have updates.shape = indices.shape + params.shape[1:] or updates.shape = [], got updates.shape [${updates.shape.join(",")}], indices.shape [${indices.shape.join(",")}], params.shape [${ref.value.shape.join(",")}]\n\t [[{{node ${ctx.opName}}}]]`,
      );
    }
    const idx = rowIndices(ctx, indices, rows);
    const next = copy(ref.value);
    const out = next.data as Numbers;
    const u = updates.data as Numbers;
    idx.forEach((r, k) => {
      for (let j = 0; j < rowSize; j++) {
        const at = r * rowSize + j;
        const value = u[k * rowSize + j];
        out[at] = mode === "update" ? value : mode === "add" ? out[at] + value : out[at] - value;
      }
    });
    ctx.variables.set(ref.name, next);
    return [next];
  };
}

export const sparseUpdateKernels = {
  ScatterUpdate: scatter("update"),
  ScatterAdd: scatter("add"),
  ScatterSub: scatter("sub"),
  /** unique_op.cc: the distinct values in order of first appearance, and each element's position among them. */
  Unique: (inputs, ctx) => {
    const [x] = inputs;
    if (x.shape.length !== 1) {
      // unique_op.cc: OP_REQUIRES(TensorShapeUtils::IsVector(input.shape()))
      throw new InvalidArgumentError(`unique expects a 1D vector.\n\t [[{{node ${ctx.opName}}}]]`);
    }
    const seen = new Map<unknown, number>();
    const values: unknown[] = [];
    const idx = new NDArray(ctx.outputDtypes[1], x.shape);
    const idxData = idx.data as Int32Array | BigInt64Array;
    Array.from(x.data as ArrayLike<unknown>).forEach((v, k) => {
      let at = seen.get(v);
      if (at === undefined) {
        at = values.length;
        seen.set(v, at);
        values.push(v);
      }
      if (idxData instanceof BigInt64Array) idxData[k] = BigInt(at);
      else idxData[k] = at;
    });
    const y = new NDArray(x.dtype, [values.length]);
    values.forEach((v, k) => {
      (y.data as unknown as unknown[])[k] = v;
    });
    return [y, idx];
  },
  /**
   * training_ops.cc: SparseApplyMomentumOp: per row i, accum[r] = accum[r] * momentum + grad[i]; then var[r] -=
   * lr * accum[r], or with Nesterov var[r] -= grad[i] * lr + accum[r] * momentum * lr (r = indices[i]).
   */
  SparseApplyMomentum: (inputs, ctx) => {
    const v = stored(ctx, 0);
    const a = stored(ctx, 1);
    const lr = Number(inputs[2].data[0]);
    const grad = inputs[3];
    const momentum = Number(inputs[5].data[0]);
    const rows = v.value.shape[0] ?? 0;
    const rowSize = v.value.shape.slice(1).reduce((x, y) => x * y, 1);
    checkSparseGrad(ctx, grad, inputs[4]);
    const idx = rowIndices(ctx, inputs[4], rows, true);
    const nesterov = ctx.attrs.use_nesterov === true;
    const nextVar = copy(v.value);
    const nextAccum = copy(a.value);
    const w = nextVar.data as Numbers;
    const acc = nextAccum.data as Numbers;
    const g = grad.data as Numbers;
    idx.forEach((r, k) => {
      for (let j = 0; j < rowSize; j++) {
        const at = r * rowSize + j;
        const gi = g[k * rowSize + j];
        acc[at] = acc[at] * momentum + gi;
        w[at] -= nesterov ? gi * lr + acc[at] * momentum * lr : acc[at] * lr;
      }
    });
    ctx.variables.set(v.name, nextVar);
    ctx.variables.set(a.name, nextAccum);
    return [nextVar];
  },
} satisfies Record<string, Kernel>;
