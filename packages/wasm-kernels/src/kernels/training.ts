// Optimizer updates (training_ops.cc). Ref inputs (var and slots) are updated in the Session's variable store
// when the executor names them (ctx.refName); the op's output is the updated var, as TF's `out` ref.
import type { InputSpec, KernelContext, NDArray } from "@scopeflow/core/kernels";
import { attrBool, kernelError, type NativeKernel, native, type Runtime, sizeOf, variantOf } from "../runtime";

function checkSameShape(ctx: KernelContext, what: string, a: InputSpec, b: InputSpec): void {
  if (a.shape.join(",") !== b.shape.join(",")) {
    // training_ops.cc: Apply*Op::Compute
    throw kernelError(
      ctx,
      "InvalidArgumentError",
      `var and ${what} do not have the same shape[${a.shape.join(",")}] [${b.shape.join(",")}]`,
    );
  }
}

/**
 * Stores the updated ref buffers under their variable names and returns the new var. The buffers are the variables'
 * own blocks where the store is their only holder (updated in place, as TF updates a ref); the standalone copying
 * table (hostKernel) stores and returns host copies.
 */
function writeBack(rt: Runtime, ctx: KernelContext, refs: readonly NDArray[], pointers: readonly number[]): NDArray[] {
  const results = refs.map((array, i) => rt.result(array.dtype, array.shape, pointers[i]));
  results.forEach((result, i) => {
    const name = ctx.refName(i);
    if (name !== undefined) ctx.variables.set(name, result);
  });
  return [results[0]];
}

const NOOP = () => {};

/**
 * An optimizer update in the prepare form: checked once for the input shapes; `update(pointers)` runs it over the
 * inputs' pointers (ref inputs first, `refCount` of them), reading scalar hyper-parameters from memory when it runs
 * (they may be variables that change between runs). An eager `run` updates through `rt.inPlace` and stores the refs;
 * `bind` fixes the call over the variables' own blocks, so a planned step updates in place with no copies.
 */
function updateKernel(
  rt: Runtime,
  refCount: number,
  check: (inputs: readonly InputSpec[], ctx: KernelContext) => void,
  make: (ctx: KernelContext, n: number) => (pointers: readonly number[]) => void,
): NativeKernel {
  const kernel = native(
    (specs, ctx) => {
      variantOf(ctx, specs[0].dtype, ["F32"]);
      check(specs, ctx);
      const n = sizeOf(specs[0].shape);
      const update = make(ctx, n);
      return {
        outputs: [{ dtype: specs[0].dtype, shape: specs[0].shape }],
        inPlace: true,
        run: (inputs) =>
          rt.scoped(() => {
            const pointers = inputs.map((x, i) => (i < refCount ? rt.inPlace(x) : rt.input(x)));
            update(pointers);
            return writeBack(rt, ctx, inputs.slice(0, refCount), pointers);
          }),
        bind: (inputs, outputs) => {
          if (inputs.some((x) => x.device !== rt.device) || outputs[0]?.byteOffset !== inputs[0].byteOffset) {
            return undefined;
          }
          const pointers = inputs.map((x) => x.byteOffset);
          return { run: () => update(pointers), release: NOOP };
        },
      };
    },
    ["F32"],
  );
  return { ...kernel, inPlace: true };
}

/** A scalar float32 input's value, read from memory at `ptr` when the update runs. */
function scalarAt(rt: Runtime, ptr: number): number {
  return rt.mem.f32[ptr >> 2];
}

/** ApplyGradientDescent(var, alpha, delta). */
function applyGradientDescent(rt: Runtime): NativeKernel {
  return updateKernel(
    rt,
    1,
    ([v, , delta], ctx) => checkSameShape(ctx, "delta", v, delta),
    (_ctx, n) =>
      ([pv, alpha, delta]) => {
        const a = scalarAt(rt, alpha);
        rt.forElements("applyGradientDescentF32", n, (lo, hi) => [pv + lo * 4, a, delta + lo * 4, hi - lo]);
      },
  );
}

/** ApplyMomentum(var, accum, lr, grad, momentum), attr use_nesterov. */
function applyMomentum(rt: Runtime): NativeKernel {
  return updateKernel(
    rt,
    2,
    ([v, accum, , grad], ctx) => {
      checkSameShape(ctx, "accum", v, accum);
      checkSameShape(ctx, "grad", v, grad);
    },
    (ctx, n) => {
      const nesterov = attrBool(ctx.attrs, "use_nesterov") ? 1 : 0;
      return ([pv, pa, lr, grad, momentum]) => {
        const [r, mu] = [scalarAt(rt, lr), scalarAt(rt, momentum)];
        rt.forElements("applyMomentumF32", n, (lo, hi) => [
          pv + lo * 4,
          pa + lo * 4,
          r,
          grad + lo * 4,
          mu,
          hi - lo,
          nesterov,
        ]);
      };
    },
  );
}

/** ApplyAdam(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad), attr use_nesterov. */
function applyAdam(rt: Runtime): NativeKernel {
  return updateKernel(
    rt,
    3,
    (inputs, ctx) => {
      const [w, m, v, beta1Power, beta2Power, , , , , grad] = inputs;
      checkSameShape(ctx, "m", w, m);
      checkSameShape(ctx, "v", w, v);
      checkSameShape(ctx, "grad", w, grad);
      if (sizeOf(beta1Power.shape) !== 1 || sizeOf(beta2Power.shape) !== 1) {
        throw kernelError(ctx, "InvalidArgumentError", "beta1_power and beta2_power must be scalars");
      }
    },
    (ctx, n) => {
      const nesterov = attrBool(ctx.attrs, "use_nesterov") ? 1 : 0;
      const f = Math.fround;
      return ([pw, pm, pv, beta1Power, beta2Power, lr, beta1, beta2, epsilon, grad]) => {
        // training_ops.cc: ApplyAdamNonCuda: lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t), in float32 as TF.
        const b1p = scalarAt(rt, beta1Power);
        const b2p = scalarAt(rt, beta2Power);
        const lrT = f(f(scalarAt(rt, lr) * f(Math.sqrt(f(1 - b2p)))) / f(1 - b1p));
        const [b1, b2, eps] = [scalarAt(rt, beta1), scalarAt(rt, beta2), scalarAt(rt, epsilon)];
        rt.forElements("applyAdamF32", n, (lo, hi) => [
          pw + lo * 4,
          pm + lo * 4,
          pv + lo * 4,
          lrT,
          b1,
          b2,
          eps,
          grad + lo * 4,
          hi - lo,
          nesterov,
        ]);
      };
    },
  );
}

/** training_ops.cc: OP_REQUIRES(TensorShapeUtils::IsScalar(...)) for the hyper-parameters at `first`.. */
function checkScalars(ctx: KernelContext, inputs: readonly InputSpec[], first: number, names: readonly string[]): void {
  names.forEach((name, k) => {
    const x = inputs[first + k];
    if (x.shape.length !== 0) {
      throw kernelError(ctx, "InvalidArgumentError", `${name} is not a scalar: [${x.shape.join(",")}]`);
    }
  });
}

/** ApplyAdagrad(var, accum, lr, grad), attr update_slots (default true). */
function applyAdagrad(rt: Runtime): NativeKernel {
  return updateKernel(
    rt,
    2,
    (inputs, ctx) => {
      const [v, accum, , grad] = inputs;
      checkScalars(ctx, inputs, 2, ["lr"]);
      checkSameShape(ctx, "accum", v, accum);
      checkSameShape(ctx, "grad", v, grad);
    },
    (ctx, n) => {
      const updateSlots = ctx.attrs.update_slots === false ? 0 : 1;
      return ([pv, pa, lr, grad]) => rt.fn.applyAdagradF32(pv, pa, scalarAt(rt, lr), grad, n, updateSlots);
    },
  );
}

const RMSPROP_SCALARS = ["lr", "rho", "momentum", "epsilon"] as const;

/** ApplyRMSProp(var, ms, mom, lr, rho, momentum, epsilon, grad) and ApplyCenteredRMSProp(var, mg, ms, mom, ...). */
function applyRMSProp(rt: Runtime, centered: boolean): NativeKernel {
  const slots = centered ? ["mg", "ms", "mom"] : ["ms", "mom"];
  return updateKernel(
    rt,
    slots.length + 1,
    (inputs, ctx) => {
      checkScalars(ctx, inputs, slots.length + 1, RMSPROP_SCALARS);
      slots.forEach((name, k) => checkSameShape(ctx, name, inputs[0], inputs[k + 1]));
      checkSameShape(ctx, "grad", inputs[0], inputs[slots.length + 5]);
    },
    (_ctx, n) => {
      // Input positions: var, [mg,] ms, mom, lr, rho, momentum, epsilon, grad.
      const k = slots.length + 1;
      return (p) =>
        rt.fn.applyRMSPropF32(
          p[0],
          centered ? p[1] : 0,
          p[k - 2],
          p[k - 1],
          scalarAt(rt, p[k]),
          scalarAt(rt, p[k + 1]),
          scalarAt(rt, p[k + 2]),
          scalarAt(rt, p[k + 3]),
          p[k + 4],
          n,
          centered ? 1 : 0,
        );
    },
  );
}

export function trainingKernels(rt: Runtime) {
  return {
    ApplyGradientDescent: applyGradientDescent(rt),
    ApplyMomentum: applyMomentum(rt),
    ApplyAdam: applyAdam(rt),
    ApplyAdagrad: applyAdagrad(rt),
    ApplyRMSProp: applyRMSProp(rt, false),
    ApplyCenteredRMSProp: applyRMSProp(rt, true),
  };
}
