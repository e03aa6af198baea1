// nn_ops.py / gen_nn_ops.py: elu, softplus, leaky_relu and the gradient ops TF registers for them
// (EluGrad, SoftplusGrad, LeakyReluGrad), with nn_ops.cc's type lists and attrs.
import { float32 } from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import { convertSameTypeInputs } from "./convert-inputs";
import { cast } from "./math-ops";
import { checkDtypeAllowed, FLOAT_TYPES } from "./nn-messages";
import { genGradOp, genUnary, mergeOrThrow } from "./nn-ops";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";

/** gen_nn_ops.py: elu(features, name=None): an `Elu`, exp(x) - 1 where x < 0, else x. */
export function elu(features: TensorLike, name?: string): Tensor {
  return genUnary(opDefs.Elu.type, "features", features, name, FLOAT_TYPES);
}

/** gen_nn_ops.py: elu_grad(gradients, outputs): an `EluGrad`. */
export function eluGrad(gradients: TensorLike, outputs: TensorLike, name?: string): Tensor {
  return genGradOp(opDefs.EluGrad.type, ["gradients", "outputs"], gradients, outputs, name, FLOAT_TYPES);
}

/** gen_nn_ops.py: softplus(features, name=None): a `Softplus`, log(exp(x) + 1). */
export function softplus(features: TensorLike, name?: string): Tensor {
  return genUnary(opDefs.Softplus.type, "features", features, name, FLOAT_TYPES);
}

/** gen_nn_ops.py: softplus_grad(gradients, features): a `SoftplusGrad`, gradients / (1 + exp(-features)). */
export function softplusGrad(gradients: TensorLike, features: TensorLike, name?: string): Tensor {
  return genGradOp(opDefs.SoftplusGrad.type, ["gradients", "features"], gradients, features, name, FLOAT_TYPES);
}

export interface LeakyReluOptions {
  alpha?: number;
  name?: string;
}

const leakyOptions = (options: LeakyReluOptions | number | string | undefined): LeakyReluOptions =>
  typeof options === "string" ? { name: options } : typeof options === "number" ? { alpha: options } : (options ?? {});

/**
 * nn_ops.py: leaky_relu(features, alpha=0.2, name=None): scope `LeakyRelu`, integer features cast to float32, then
 * a `LeakyRelu` with attr `alpha` (1.15 is past the op's forward-compatibility date).
 */
export function leakyRelu(features: TensorLike, options?: LeakyReluOptions | number | string): Tensor {
  const opts = leakyOptions(options);
  const alpha = opts.alpha ?? 0.2;
  return opScope(opts.name, opDefs.LeakyRelu.type, [features], (scope) => {
    let x = convertToTensor(features, { name: "features" });
    if (x.dtype.isInteger) x = cast(x, float32);
    checkDtypeAllowed("features", x.dtype, FLOAT_TYPES);
    return createOp(opDefs.LeakyRelu, [x], {
      name: scope,
      attrs: { alpha, T: x.dtype },
      shapes: [x.shape],
    }).outputs[0];
  });
}

/** gen_nn_ops.py: leaky_relu_grad(gradients, features, alpha=0.2): a `LeakyReluGrad`. */
export function leakyReluGrad(
  gradients: TensorLike,
  features: TensorLike,
  options?: LeakyReluOptions | number | string,
): Tensor {
  const opts = leakyOptions(options);
  return opScope(opts.name, opDefs.LeakyReluGrad.type, [gradients, features], (scope) => {
    const [g, f] = convertSameTypeInputs(opDefs.LeakyReluGrad.type, [gradients, features], ["gradients", "features"]);
    const dtype = g.dtype;
    checkDtypeAllowed("gradients", dtype, FLOAT_TYPES);
    const shape = mergeOrThrow(opDefs.LeakyReluGrad.type, scope.slice(0, -1), g, f);
    return createOp(opDefs.LeakyReluGrad, [g, f], {
      name: scope,
      attrs: { alpha: opts.alpha ?? 0.2, T: dtype },
      shapes: [shape],
    }).outputs[0];
  });
}
