// Unary ops and activation gradients: one export call over the flat data.
import {
  kernelError,
  type NativeKernel,
  native,
  pointerCall,
  type Runtime,
  sizeOf,
  type Variant,
  variantOf,
} from "../runtime";

function unaryKernel(rt: Runtime, name: string, variants: readonly Variant[]): NativeKernel {
  return native(([x], ctx) => {
    const fn = rt.fn[name + variantOf(ctx, x.dtype, variants)];
    const n = sizeOf(x.shape);
    return pointerCall(
      rt,
      [{ dtype: x.dtype, shape: x.shape }],
      null,
      ([px, po]) =>
        () =>
          fn(px, po, n),
    );
  }, variants);
}

/** Grad ops take two same-shape inputs, in TF's order (ReluGrad: gradients, features; Sigmoid/TanhGrad: y, dy). */
function gradKernel(rt: Runtime, name: string): NativeKernel {
  return native(
    ([a, b], ctx) => {
      variantOf(ctx, a.dtype, ["F32"]);
      if (a.shape.join(",") !== b.shape.join(",")) {
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `${ctx.opType} inputs must have the same shape: [${a.shape.join(",")}] vs. [${b.shape.join(",")}]`,
        );
      }
      const fn = rt.fn[name];
      const n = sizeOf(a.shape);
      return pointerCall(
        rt,
        [{ dtype: a.dtype, shape: a.shape }],
        null,
        ([pa, pb, po]) =>
          () =>
            fn(pa, pb, po, n),
      );
    },
    ["F32"],
  );
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
