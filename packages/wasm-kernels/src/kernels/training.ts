// Optimizer updates (training_ops.cc). Ref inputs (var and slots) are updated in the Session's variable store
// when the executor names them (ctx.refName); the op's output is the updated var, as TF's `out` ref.
import type { KernelContext, NDArray } from "@scopeflow/core/kernels";
import { attrBool, eager, kernelError, type NativeKernel, type Runtime, scalarOf, variantOf } from "../runtime";

function checkSameShape(ctx: KernelContext, what: string, a: NDArray, b: NDArray): void {
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
function writeBack(rt: Runtime, ctx: KernelContext, refs: [number, NDArray, number][]): NDArray[] {
  const results = refs.map(([, array, ptr]) => rt.result(array.dtype, array.shape, ptr));
  refs.forEach(([input], i) => {
    const name = ctx.refName(input);
    if (name !== undefined) ctx.variables.set(name, results[i]);
  });
  return [results[0]];
}

function applyGradientDescent(rt: Runtime): NativeKernel {
  return eager(
    ([v, alpha, delta], ctx) => {
      variantOf(ctx, v.dtype, ["F32"]);
      checkSameShape(ctx, "delta", v, delta);
      return rt.scoped(() => {
        const pv = rt.inPlace(v);
        const pd = rt.input(delta);
        const a = scalarOf(alpha);
        rt.forElements("applyGradientDescentF32", v.size, (lo, hi) => [pv + lo * 4, a, pd + lo * 4, hi - lo]);
        return writeBack(rt, ctx, [[0, v, pv]]);
      });
    },
    ["F32"],
  );
}

/** ApplyMomentum(var, accum, lr, grad, momentum), attr use_nesterov. */
function applyMomentum(rt: Runtime): NativeKernel {
  return eager(
    ([v, accum, lr, grad, momentum], ctx) => {
      variantOf(ctx, v.dtype, ["F32"]);
      checkSameShape(ctx, "accum", v, accum);
      checkSameShape(ctx, "grad", v, grad);
      return rt.scoped(() => {
        const pv = rt.inPlace(v);
        const pa = rt.inPlace(accum);
        const nesterov = attrBool(ctx.attrs, "use_nesterov") ? 1 : 0;
        const pg = rt.input(grad);
        const [r, mu] = [scalarOf(lr), scalarOf(momentum)];
        rt.forElements("applyMomentumF32", v.size, (lo, hi) => [
          pv + lo * 4,
          pa + lo * 4,
          r,
          pg + lo * 4,
          mu,
          hi - lo,
          nesterov,
        ]);
        return writeBack(rt, ctx, [
          [0, v, pv],
          [1, accum, pa],
        ]);
      });
    },
    ["F32"],
  );
}

/** ApplyAdam(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad), attr use_nesterov. */
function applyAdam(rt: Runtime): NativeKernel {
  return eager(
    ([w, m, v, beta1Power, beta2Power, lr, beta1, beta2, epsilon, grad], ctx) => {
      variantOf(ctx, w.dtype, ["F32"]);
      checkSameShape(ctx, "m", w, m);
      checkSameShape(ctx, "v", w, v);
      checkSameShape(ctx, "grad", w, grad);
      if (beta1Power.size !== 1 || beta2Power.size !== 1) {
        throw kernelError(ctx, "InvalidArgumentError", "beta1_power and beta2_power must be scalars");
      }
      // training_ops.cc: ApplyAdamNonCuda: lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t), in float32 as TF computes it.
      const f = Math.fround;
      const lrT = f(f(scalarOf(lr) * f(Math.sqrt(f(1 - scalarOf(beta2Power))))) / f(1 - scalarOf(beta1Power)));
      return rt.scoped(() => {
        const pw = rt.inPlace(w);
        const pm = rt.inPlace(m);
        const pv = rt.inPlace(v);
        const nesterov = attrBool(ctx.attrs, "use_nesterov") ? 1 : 0;
        const pg = rt.input(grad);
        const [b1, b2, eps] = [scalarOf(beta1), scalarOf(beta2), scalarOf(epsilon)];
        rt.forElements("applyAdamF32", w.size, (lo, hi) => [
          pw + lo * 4,
          pm + lo * 4,
          pv + lo * 4,
          lrT,
          b1,
          b2,
          eps,
          pg + lo * 4,
          hi - lo,
          nesterov,
        ]);
        return writeBack(rt, ctx, [
          [0, w, pw],
          [1, m, pm],
          [2, v, pv],
        ]);
      });
    },
    ["F32"],
  );
}

export function trainingKernels(rt: Runtime) {
  return {
    ApplyGradientDescent: applyGradientDescent(rt),
    ApplyMomentum: applyMomentum(rt),
    ApplyAdam: applyAdam(rt),
  };
}
