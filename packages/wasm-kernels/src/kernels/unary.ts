// Unary ops and activation gradients: one export call over the flat data.
import type { Kernel } from "@scopeflow/core/kernels";
import { kernelError, type Runtime, variantOf } from "../runtime";

function unaryKernel(rt: Runtime, name: string, variants: readonly ("F32" | "I32")[]): Kernel {
  return ([x], ctx) => {
    const suffix = variantOf(ctx, x.dtype, variants);
    if (x.size === 0) return [new rt.NDArray(x.dtype, x.shape)];
    return rt.scoped(() => {
      const px = rt.copyIn(x);
      rt.fn[name + suffix](px, px, x.size);
      return [rt.copyOut(x.dtype, x.shape, px)];
    });
  };
}

/** Grad ops take two same-shape inputs, in TF's order (ReluGrad: gradients, features; Sigmoid/TanhGrad: y, dy). */
function gradKernel(rt: Runtime, name: string): Kernel {
  return ([a, b], ctx) => {
    variantOf(ctx, a.dtype, ["F32"]);
    if (a.shape.join(",") !== b.shape.join(",")) {
      throw kernelError(ctx, "InvalidArgumentError", `${ctx.opType} inputs must have the same shape: [${a.shape.join(",")}] vs. [${b.shape.join(",")}]`);
    }
    if (a.size === 0) return [new rt.NDArray(a.dtype, a.shape)];
    return rt.scoped(() => {
      const pa = rt.copyIn(a);
      const pb = rt.copyIn(b);
      rt.fn[name](pa, pb, pa, a.size);
      return [rt.copyOut(a.dtype, a.shape, pa)];
    });
  };
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
