// relu_op_functor.h (TF 1.15): Selu and SeluGrad.
import { opDefs } from "../../ops/op-defs";
import type { Kernel } from "../contract";
import { binarySameShape, unary } from "./nn";

// relu_op_functor.h: SeluFunctor's constants.
const SCALE = 1.0507009873554805;
const SCALE_ALPHA = 1.7580993408473768;

export const nnExtraKernels = {
  // Selu = x < 0 ? scale * alpha * (exp(x) - 1) : scale * x
  Selu: unary((x) => (x < 0 ? SCALE_ALPHA * Math.expm1(x) : SCALE * x)),
  // SeluGrad(g, y) = y < 0 ? g * (y + scale * alpha) : g * scale
  SeluGrad: binarySameShape(opDefs.SeluGrad.type, (g, y) => (y < 0 ? g * (y + SCALE_ALPHA) : g * SCALE)),
} satisfies Record<string, Kernel>;
