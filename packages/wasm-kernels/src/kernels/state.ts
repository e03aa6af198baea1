// Variable updates (assign_op.h, dense_update_ops.cc): Assign, AssignAdd, AssignSub. As the optimizer updates
// (training.ts), the ref input is named by ctx.refName(0) and the new value is stored through ctx.variables; on the
// device an update writes the variable's own block when the store is its only holder, else a fresh block, so a read
// of the old value that is still alive keeps it.
import type { InputSpec, Kernel, KernelContext, NDArray, PreparedKernel } from "@scopeflow/core/kernels";
import { bytesOf, kernelError, type NativeKernel, native, type Runtime, sizeOf, suffixOf, tfError } from "../runtime";

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

function refNameOf(ctx: KernelContext): string {
  const name = ctx.refName(0);
  if (name === undefined) {
    throw kernelError(
      ctx,
      "InvalidArgumentError",
      `${ctx.opType} '${ctx.opName}' needs a variable reference as input 0`,
    );
  }
  return name;
}

/** dense_update_ops.cc: DenseUpdateOp::DoCompute (OP_REQUIRES IsInitialized), in the reference kernel's words. */
function uninitialized(ctx: KernelContext, name: string): Error {
  return tfError(
    "FailedPreconditionError",
    `Attempting to use uninitialized value ${name}\n\t [[{{node ${ctx.opName}}}]]`,
  );
}

/** The variable's block when this runtime's device holds it and the store is its only holder (TF reuses a ref's buffer). */
function ownBlock(rt: Runtime, old: NDArray | undefined, dtype: NDArray["dtype"], size: number): number | undefined {
  if (old === undefined || old.device !== rt.device) return undefined;
  if (old.dtype !== dtype || old.size !== size || rt.mem.refs(old.byteOffset, 0) > 1) return undefined;
  return old.byteOffset;
}

/** Byte copies: every dtype the device holds (float64 data is not copied into linear memory). */
const COPYABLE = ["float32", "int32", "int64", "bool", "uint8"];

const NOOP = () => {};

/**
 * An update whose every eager call is `body` (checks included), and which a planned run binds when the variable is
 * already initialized with the value's dtype and shape: `update(var, value)` over pointers then writes the variable's
 * own block in place (output 0 is that block, TF's `out` ref).
 */
function inPlaceUpdate(
  rt: Runtime,
  body: Kernel,
  make: (dtype: NDArray["dtype"], n: number) => ((pv: number, pvalue: number) => void) | undefined,
  options: { dtypes: readonly string[] },
): NativeKernel {
  const kernel = native(
    ([ref, value]: readonly InputSpec[], ctx): PreparedKernel => {
      const run = (inputs: NDArray[]) => body(inputs, ctx);
      const n = sizeOf(value.shape);
      const sameLayout = ref.dtype === value.dtype && sameShape(ref.shape, value.shape);
      const update = sameLayout && n > 0 ? make(value.dtype, n) : undefined;
      if (update === undefined) return { run };
      return {
        outputs: [{ dtype: value.dtype, shape: value.shape }],
        inPlace: true,
        run,
        bind: (inputs, outputs) => {
          const [pv, pvalue] = inputs.map((x) => x.byteOffset);
          if (inputs.some((x) => x.device !== rt.device) || outputs[0]?.byteOffset !== pv) return undefined;
          return { run: () => update(pv, pvalue), release: NOOP };
        },
      };
    },
    [],
    options,
  );
  return { ...kernel, inPlace: true };
}

/** assign_op.h: AssignOp::Compute; validate_shape (default true) requires the shapes to match an initialized lhs. */
function assign(rt: Runtime): NativeKernel {
  return inPlaceUpdate(
    rt,
    ([, value], ctx) => {
      const name = refNameOf(ctx);
      const old = ctx.variables.get(name);
      if (ctx.attrs.validate_shape !== false && old !== undefined && !sameShape(old.shape, value.shape)) {
        // assign_op.h: AssignOp::Compute
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `Assign requires shapes of both tensors to match. lhs shape= [${old.shape.join(",")}] rhs shape= [${value.shape.join(",")}]`,
        );
      }
      if (!COPYABLE.includes(value.dtype.name)) {
        throw kernelError(ctx, "UnimplementedError", `Assign has no wasm kernel for ${value.dtype.name}`);
      }
      let stored: NDArray;
      if (value.size === 0) {
        stored = new rt.NDArray(value.dtype, value.shape);
      } else {
        stored = rt.scoped(() => {
          const ptr = ownBlock(rt, old, value.dtype, value.size) ?? rt.output(value.dtype, value.size);
          rt.fn.assignBytes(ptr, rt.input(value), value.size * bytesOf(value.dtype));
          return rt.result(value.dtype, value.shape, ptr);
        });
      }
      ctx.variables.set(name, stored);
      return [stored];
    },
    (dtype, n) => {
      if (!COPYABLE.includes(dtype.name)) return undefined;
      const bytes = n * bytesOf(dtype);
      return (pv, pvalue) => rt.fn.assignBytes(pv, pvalue, bytes);
    },
    { dtypes: COPYABLE },
  );
}

/** dense_update_ops.cc: DenseUpdateOp<ADD|SUB>: the initialized variable plus or minus a same-shape value. */
function update(rt: Runtime, op: "assignAdd" | "assignSub"): NativeKernel {
  return inPlaceUpdate(
    rt,
    ([, delta], ctx) => {
      const name = refNameOf(ctx);
      const old = ctx.variables.get(name);
      if (old === undefined) throw uninitialized(ctx, name);
      if (!sameShape(old.shape, delta.shape)) {
        // dense_update_ops.cc: DenseUpdateOp::DoCompute
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `Must have the same size and shape on both sides of the update: [${old.shape.join(",")}] vs [${delta.shape.join(",")}]`,
        );
      }
      const wide = old.dtype.name === "int64";
      const suffix = suffixOf(old.dtype);
      if ((suffix === undefined && !wide) || delta.dtype !== old.dtype) {
        throw kernelError(ctx, "UnimplementedError", `${ctx.opType} has no wasm kernel for ${old.dtype.name}`);
      }
      if (old.size === 0) return [old];
      const next = rt.scoped(() => {
        const pv = rt.inPlace(old);
        if (wide) rt.fn.assignUpdateI64(pv, rt.input(delta), old.size, op === "assignSub" ? 1 : 0);
        else rt.fn[`${op}${suffix}`](pv, rt.input(delta), old.size);
        return rt.result(old.dtype, old.shape, pv);
      });
      ctx.variables.set(name, next);
      return [next];
    },
    (dtype, n) => {
      if (dtype.name === "int64") {
        const subtract = op === "assignSub" ? 1 : 0;
        return (pv, pdelta) => rt.fn.assignUpdateI64(pv, pdelta, n, subtract);
      }
      const suffix = suffixOf(dtype);
      if (suffix === undefined) return undefined;
      const fn = rt.fn[`${op}${suffix}`];
      return (pv, pdelta) => fn(pv, pdelta, n);
    },
    { dtypes: ["float32", "int32", "int64"] },
  );
}

export function stateKernels(rt: Runtime) {
  return {
    Assign: assign(rt),
    AssignAdd: update(rt, "assignAdd"),
    AssignSub: update(rt, "assignSub"),
  };
}
