// Unary ops and activation gradients: one export call over the flat data.
import type { NDArray } from "@scopeflow/core/kernels";
import {
  bindCall,
  kernelError,
  type NativeKernel,
  native,
  type Runtime,
  suffixOf,
  type Variant,
  variantOf,
} from "../runtime";

function unaryKernel(rt: Runtime, name: string, variants: readonly Variant[]): NativeKernel {
  const kernel = native(([x], ctx) => {
    const suffix = variantOf(ctx, x.dtype, variants);
    if (x.size === 0) return [new rt.NDArray(x.dtype, x.shape)];
    return rt.scoped(() => {
      const out = rt.output(x.dtype, x.size);
      rt.fn[name + suffix](rt.input(x), out, x.size);
      return [rt.result(x.dtype, x.shape, out)];
    });
  }, variants);
  const planCall = ([x]: readonly NDArray[], [out]: readonly NDArray[]) => {
    const suffix = suffixOf(x.dtype);
    if (suffix === undefined || !variants.includes(suffix) || out.dtype !== x.dtype || out.size !== x.size)
      return undefined;
    const n = x.size;
    return bindCall(
      rt,
      [x, out],
      null,
      (fn, [px, po]) =>
        () =>
          fn(px, po, n),
      name + suffix,
    );
  };
  return Object.assign(kernel, { planCall });
}

/** Grad ops take two same-shape inputs, in TF's order (ReluGrad: gradients, features; Sigmoid/TanhGrad: y, dy). */
function gradKernel(rt: Runtime, name: string): NativeKernel {
  const kernel = native(
    ([a, b], ctx) => {
      variantOf(ctx, a.dtype, ["F32"]);
      if (a.shape.join(",") !== b.shape.join(",")) {
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `${ctx.opType} inputs must have the same shape: [${a.shape.join(",")}] vs. [${b.shape.join(",")}]`,
        );
      }
      if (a.size === 0) return [new rt.NDArray(a.dtype, a.shape)];
      return rt.scoped(() => {
        const out = rt.output(a.dtype, a.size);
        rt.fn[name](rt.input(a), rt.input(b), out, a.size);
        return [rt.result(a.dtype, a.shape, out)];
      });
    },
    ["F32"],
  );
  const planCall = ([a, b]: readonly NDArray[], [out]: readonly NDArray[]) => {
    if (a.dtype.name !== "float32" || b.dtype !== a.dtype || out.dtype !== a.dtype) return undefined;
    if (b.size !== a.size || out.size !== a.size) return undefined;
    const n = a.size;
    return bindCall(
      rt,
      [a, b, out],
      null,
      (fn, [pa, pb, po]) =>
        () =>
          fn(pa, pb, po, n),
      name,
    );
  };
  return Object.assign(kernel, { planCall });
}

const BOTH = ["F32", "I32"] as const;
const FLOAT = ["F32"] as const;

export function unaryKernels(rt: Runtime) {
  return {
    Neg: unaryKernel(rt, "neg", BOTH),
    Square: unaryKernel(rt, "square", BOTH),
    Abs: unaryKernel(rt, "abs", BOTH),
    Sqrt: unaryKernel(rt, "sqrt", FLOAT),
    Rsqrt: unaryKernel(rt, "rsqrt", FLOAT),
    Reciprocal: unaryKernel(rt, "reciprocal", FLOAT),
    Exp: unaryKernel(rt, "exp", FLOAT),
    Log: unaryKernel(rt, "log", FLOAT),
    Relu: unaryKernel(rt, "relu", FLOAT),
    Relu6: unaryKernel(rt, "relu6", FLOAT),
    Sigmoid: unaryKernel(rt, "sigmoid", FLOAT),
    Tanh: unaryKernel(rt, "tanh", FLOAT),
    ReluGrad: gradKernel(rt, "reluGradF32"),
    SigmoidGrad: gradKernel(rt, "sigmoidGradF32"),
    TanhGrad: gradKernel(rt, "tanhGradF32"),
  };
}
