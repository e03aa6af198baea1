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
    const exportName = name + variantOf(ctx, x.dtype, variants);
    const n = sizeOf(x.shape);
    return pointerCall(
      rt,
      [{ dtype: x.dtype, shape: x.shape }],
      null,
      ([px, po]) =>
        () =>
          rt.forElements(exportName, n, (lo, hi) => [px + lo * 4, po + lo * 4, hi - lo]),
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
      const n = sizeOf(a.shape);
      return pointerCall(
        rt,
        [{ dtype: a.dtype, shape: a.shape }],
        null,
        ([pa, pb, po]) =>
          () =>
            rt.forElements(name, n, (lo, hi) => [pa + lo * 4, pb + lo * 4, po + lo * 4, hi - lo]),
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
