// nn_ops.py / gen_nn_ops.py (TF 1.15): selu (a `Selu`), crelu (Concat of x and -x, then Relu), and nn_grad.py's
// _SeluGrad / _SeluGradGrad.
import type { Tensor } from "../framework/tensor";
import type { GradTable } from "../gradients/grad-types";
import { shape, zeros } from "./array-ops";
import { less, where } from "./math-ops";
import { eluGrad } from "./nn-activation-ops";
import { FLOAT_TYPES } from "./nn-messages";
import { genGradOp, genUnary, relu } from "./nn-ops";
import { convertToTensor, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { add, neg } from "./operators";
import { positionalArgs } from "./positional-args";
import { concat } from "./slicing-ops";

/** gen_nn_ops.py: selu(features, name=None): a `Selu`, scale * (x < 0 ? alpha * (exp(x) - 1) : x). */
export function selu(features: TensorLike, name?: string): Tensor {
  return genUnary(opDefs.Selu.type, "features", features, name, FLOAT_TYPES);
}

/** gen_nn_ops.py: selu_grad(gradients, outputs): a `SeluGrad`. */
export function seluGrad(gradients: TensorLike, outputs: TensorLike, name?: string): Tensor {
  return genGradOp(opDefs.SeluGrad.type, ["gradients", "outputs"], gradients, outputs, name, FLOAT_TYPES);
}

export interface CreluOptions {
  name?: string | null;
  axis?: number;
}

/**
 * nn_ops.py: crelu(features, name=None, axis=-1): in scope `CRelu`, a ConcatV2 of features and Neg(features) named
 * as the scope, then a `Relu` inside it (`CRelu/Relu`).
 */
export function crelu(features: TensorLike, name?: string | null | CreluOptions, axis?: number | CreluOptions): Tensor {
  const opts = positionalArgs<CreluOptions>("crelu", ["name", "axis"], [name, axis]);
  return opScope(opts.name, "CRelu", [features], (scope) => {
    const x = convertToTensor(features, { name: "features" });
    const c = concat([x, neg(x)], opts.axis ?? -1, scope);
    return relu(c);
  });
}

// nn_grad.py: SeluGrad's gradient, scale * alpha.
const SCALE_ALPHA = 1.7580993408473768;

export const nnExtraGrads: GradTable = {
  // nn_grad.py: _SeluGrad
  Selu: (op, [grad]) => [seluGrad(grad as Tensor, op.outputs[0])],
  // nn_grad.py: _SeluGradGrad (TF 1.15 builds EluGrad ops here)
  SeluGrad: (op, [grad]) => {
    const x = op.inputs[1];
    const g = grad as Tensor;
    return [
      eluGrad(g, op.outputs[0]),
      where(less(x, 0.0), eluGrad(g, add(op.outputs[0], SCALE_ALPHA)), zeros(shape(x), x.dtype)),
    ];
  },
};
