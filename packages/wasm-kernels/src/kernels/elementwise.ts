// Binary elementwise ops and comparisons: NumPy broadcasting (TF's BCast) reduced to a 4-dim strided descriptor.
import type { KernelContext, NDArray } from "@scopeflow/core/kernels";
import {
  COPY_WORK,
  eager,
  kernelError,
  type NativeKernel,
  native,
  pointerCall,
  type Runtime,
  sizeOf,
  type Variant,
  variantOf,
} from "../runtime";

export interface Broadcast {
  outShape: number[];
  /** Collapsed dims with each operand's element strides (0 where it broadcasts), outermost first. */
  dims: number[];
  stridesA: number[];
  stridesB: number[];
}

/** TF's BCast: the broadcast shape of a and b, then adjacent dims merged wherever both operands stay contiguous. */
export function broadcast(ctx: KernelContext, a: readonly number[], b: readonly number[]): Broadcast {
  const rank = Math.max(a.length, b.length);
  const pa = [...Array(rank - a.length).fill(1), ...a];
  const pb = [...Array(rank - b.length).fill(1), ...b];
  const outShape: number[] = [];
  for (let i = 0; i < rank; i++) {
    if (pa[i] !== pb[i] && pa[i] !== 1 && pb[i] !== 1) {
      // bcast.h: BCast (via BinaryOpShared::BinaryOpState)
      throw kernelError(ctx, "InvalidArgumentError", `Incompatible shapes: [${a.join(",")}] vs. [${b.join(",")}]`);
    }
    outShape.push(pa[i] === 1 ? pb[i] : pa[i]);
  }
  const dims: number[] = [];
  const stridesA: number[] = [];
  const stridesB: number[] = [];
  let sa = 1;
  let sb = 1;
  const rawA: number[] = [];
  const rawB: number[] = [];
  for (let i = rank - 1; i >= 0; i--) {
    rawA[i] = pa[i] === 1 ? 0 : sa;
    rawB[i] = pb[i] === 1 ? 0 : sb;
    sa *= pa[i];
    sb *= pb[i];
  }
  for (let i = 0; i < rank; i++) {
    const d = outShape[i];
    if (d === 1) continue;
    const last = dims.length - 1;
    if (last >= 0 && stridesA[last] === rawA[i] * d && stridesB[last] === rawB[i] * d) {
      dims[last] *= d;
      stridesA[last] = rawA[i];
      stridesB[last] = rawB[i];
    } else {
      dims.push(d);
      stridesA.push(rawA[i]);
      stridesB.push(rawB[i]);
    }
  }
  return { outShape, dims, stridesA, stridesB };
}

/**
 * Runs a `(a, b, out, desc)` export over a broadcast: the innermost 4 collapsed dims go to the kernel; any further
 * leading dims (rare after collapsing) are walked here.
 */
export function runBinary(
  rt: Runtime,
  exportName: string,
  a: number,
  b: number,
  out: number,
  bc: Broadcast,
  outBytes: number,
): void {
  const k = Math.max(bc.dims.length - 4, 0);
  const pad = 4 - (bc.dims.length - k);
  const inner = (xs: number[], fill: number) => [...Array(pad).fill(fill), ...xs.slice(k)];
  const d = inner(bc.dims, 1);
  const desc = rt.writeDesc([...d, ...inner(bc.stridesA, 0), ...inner(bc.stridesB, 0)]);
  const fn = rt.fn[exportName];
  const innerSize = d[0] * d[1] * d[2] * d[3];
  const lead = bc.dims.slice(0, k);
  const count = sizeOf(lead);
  const index = lead.map(() => 0);
  for (let i = 0; i < count; i++) {
    let offA = 0;
    let offB = 0;
    for (let j = 0; j < k; j++) {
      offA += index[j] * bc.stridesA[j];
      offB += index[j] * bc.stridesB[j];
    }
    fn(a + offA * 4, b + offB * 4, out + i * innerSize * outBytes, desc);
    for (let j = k - 1; j >= 0; j--) {
      if (++index[j] < lead[j]) break;
      index[j] = 0;
    }
  }
}

/**
 * A binary call over a 4-dim descriptor ([dims, strides of a, strides of b]) split across threads along its
 * outermost dim longer than 1: each range gets its own descriptor (that dim cut to the range) in its thread's
 * block, and operand pointers advanced to the range's start. Elements are independent: any split, same bits.
 */
function splitBinary(
  rt: Runtime,
  exportName: string,
  desc: readonly number[],
  outBytes: number,
): (a: number, b: number, out: number) => void {
  const j = Math.max(
    0,
    desc.slice(0, 4).findIndex((d) => d > 1),
  );
  const rows = desc[j];
  let block = 1;
  for (let i = j + 1; i < 4; i++) block *= desc[i];
  const align = j === 3 ? 16 : 1;
  return (a, b, out) => {
    const parts = rt.threadsFor(rows * block * COPY_WORK, rows, align);
    if (parts === 1) {
      rt.fn[exportName](a, b, out, rt.writeDesc(desc));
      return;
    }
    rt.splitRows(exportName, rows, align, parts, (lo, hi, t) => {
      const d = rt.descOf(t);
      rt.mem.i32.set(desc, d >> 2);
      rt.mem.i32[(d >> 2) + j] = hi - lo;
      return [a + lo * desc[4 + j] * 4, b + lo * desc[8 + j] * 4, out + lo * block * outBytes, d];
    });
  };
}

/** A broadcast worked out once per op and input shapes; a planned Session run reuses it on every run. */
interface BinaryPlan {
  readonly a: readonly number[];
  readonly b: readonly number[];
  readonly bc: Broadcast;
  readonly size: number;
  /** The kernel descriptor when the broadcast fits in one export call, else null (runBinary walks the rest). */
  readonly desc: readonly number[] | null;
}

function sameShape(x: readonly number[], y: readonly number[]): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function binaryKernel(rt: Runtime, name: string, variants: readonly Variant[], compare: boolean): NativeKernel {
  // Keyed by the Session's per-op context, so each op of a plan keeps its own broadcast across eager runs.
  const plans = new WeakMap<KernelContext, BinaryPlan>();
  const planFor = (ctx: KernelContext, a: readonly number[], b: readonly number[]): BinaryPlan => {
    const cached = plans.get(ctx);
    if (cached !== undefined && sameShape(cached.a, a) && sameShape(cached.b, b)) return cached;
    const bc = broadcast(ctx, a, b);
    const pad = 4 - bc.dims.length;
    const desc =
      pad < 0
        ? null
        : [
            ...Array(pad).fill(1),
            ...bc.dims,
            ...Array(pad).fill(0),
            ...bc.stridesA,
            ...Array(pad).fill(0),
            ...bc.stridesB,
          ];
    const plan = { a: [...a], b: [...b], bc, size: sizeOf(bc.outShape), desc };
    plans.set(ctx, plan);
    return plan;
  };
  return native(([a, b], ctx) => {
    if (a.dtype !== b.dtype) {
      throw kernelError(
        ctx,
        "InvalidArgumentError",
        `${ctx.opType} expects both inputs of one dtype, got ${a.dtype.name} and ${b.dtype.name}`,
      );
    }
    const exportName = name + variantOf(ctx, a.dtype, variants);
    const plan = planFor(ctx, a.shape, b.shape);
    const outputs = [{ dtype: compare ? ctx.outputDtypes[0] : a.dtype, shape: plan.bc.outShape }];
    const fn = rt.fn[exportName];
    const desc = plan.desc;
    if (desc !== null) {
      const split = splitBinary(rt, exportName, desc, compare ? 1 : 4);
      return pointerCall(rt, outputs, desc, ([pa, pb, po], d) =>
        rt.neverSplits(plan.size * COPY_WORK, plan.size)
          ? () => fn(pa, pb, po, d)
          : () => {
              if (rt.threadsFor(plan.size * COPY_WORK, plan.size) === 1) fn(pa, pb, po, d);
              else split(pa, pb, po);
            },
      );
    }
    // More than 4 dims after collapsing: runBinary walks the leading ones (eager runs only, never bound).
    const eagerCall = pointerCall(
      rt,
      outputs,
      null,
      ([pa, pb, po]) =>
        () =>
          runBinary(rt, exportName, pa, pb, po, plan.bc, compare ? 1 : 4),
    );
    return { run: eagerCall.run };
  }, variants);
}

const BOTH = ["F32", "I32"] as const;
const FLOAT = ["F32"] as const;

export function elementwiseKernels(rt: Runtime) {
  return {
    Add: binaryKernel(rt, "add", BOTH, false),
    AddV2: binaryKernel(rt, "add", BOTH, false),
    Sub: binaryKernel(rt, "sub", BOTH, false),
    Mul: binaryKernel(rt, "mul", BOTH, false),
    RealDiv: binaryKernel(rt, "realDiv", FLOAT, false),
    Maximum: binaryKernel(rt, "maximum", BOTH, false),
    Minimum: binaryKernel(rt, "minimum", BOTH, false),
    Pow: binaryKernel(rt, "pow", FLOAT, false),
    DivNoNan: binaryKernel(rt, "divNoNan", FLOAT, false),
    SquaredDifference: binaryKernel(rt, "squaredDifference", BOTH, false),
    Equal: binaryKernel(rt, "equal", BOTH, true),
    NotEqual: binaryKernel(rt, "notEqual", BOTH, true),
    Less: binaryKernel(rt, "less", BOTH, true),
    LessEqual: binaryKernel(rt, "lessEqual", BOTH, true),
    Greater: binaryKernel(rt, "greater", BOTH, true),
    GreaterEqual: binaryKernel(rt, "greaterEqual", BOTH, true),
    /** AddN: a chain of same-shape adds in place in the accumulator (TF's AddNOp requires equal shapes). */
    AddN: eager((inputs: NDArray[], ctx: KernelContext) => {
      const first = inputs[0];
      const suffix = variantOf(ctx, first.dtype, BOTH);
      for (const x of inputs) {
        if (x.shape.join(",") !== first.shape.join(",")) {
          // aggregate_ops.cc: AddNOp::Compute
          throw kernelError(
            ctx,
            "InvalidArgumentError",
            `Inputs to operation ${ctx.opName} of type AddN must have the same size and shape.  Input 0: [${first.shape.join(",")}] != input : [${x.shape.join(",")}]`,
          );
        }
      }
      const n = first.size;
      return rt.scoped(() => {
        const acc = rt.output(first.dtype, n);
        rt.copyWithin(acc, rt.input(first), n * 4);
        const desc = rt.writeDesc([1, 1, 1, n, 0, 0, 0, 1, 0, 0, 0, 1]);
        for (let i = 1; i < inputs.length; i++) rt.fn[`add${suffix}`](acc, rt.input(inputs[i]), acc, desc);
        return [rt.result(first.dtype, first.shape, acc)];
      });
    }, BOTH),
  };
}
