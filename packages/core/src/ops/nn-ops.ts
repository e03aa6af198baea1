// nn_ops.py / gen_nn_ops.py / math_ops.py: activations (Relu, Sigmoid, Tanh, Softmax, LogSoftmax), BiasAdd, L2Loss,
// and the gradient ops TF registers for them (ReluGrad, SigmoidGrad, TanhGrad, BiasAddGrad).
import { ValueError } from "../errors";
import { type Dim, mergeShapes, type Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { convertLeading, convertSameTypeInputs } from "./convert-inputs";
import { checkSameType } from "./elementwise";
import {
  checkDtypeAllowed,
  checkStringAttr,
  convertLike,
  dimsEqualMessage,
  FLOAT_TYPES,
  NUMBER_TYPES,
  RELU_TYPES,
  rankAtLeastMessage,
  rankMessage,
  shapeFnError,
  UNARY_COMPLEX_TYPES,
} from "./nn-messages";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { type OpType, opDefs } from "./op-defs";

/** A generated one-input op (gen_*_ops.py): scope `name` or `type`, input converted as `arg`, output like the input. */
export function genUnary(
  type: OpType,
  arg: string,
  input: TensorLike,
  name: string | null | undefined,
  allowed: readonly string[],
  minRank = 0,
): Tensor {
  return opScope(name, type, [input], (scope) => {
    const x = convertToTensor(input, { name: arg });
    checkDtypeAllowed(arg, x.dtype, allowed);
    if (x.shape !== null && x.shape.length < minRank) {
      // common_shape_fns.cc: UnchangedShapeWithRankAtLeast
      throw shapeFnError(rankAtLeastMessage(minRank, x.shape.length), scope.slice(0, -1), type, [x]);
    }
    return createOp(opDefs[type], [x], {
      name: scope,
      attrs: { T: x.dtype },
      shapes: [x.shape],
    }).outputs[0];
  });
}

/** A generated two-input gradient op whose inputs have one shape (common_shape_fns.cc: MergeBothInputsShapeFn). */
export function genGradOp(
  type: OpType,
  args: [string, string],
  a: TensorLike,
  b: TensorLike,
  name: string | null | undefined,
  allowed: readonly string[],
): Tensor {
  return opScope(name, type, [a, b], (scope) => {
    const [x, y] = convertSameTypeInputs(type, [a, b], args);
    const dtype = x.dtype;
    checkDtypeAllowed(args[0], dtype, allowed);
    const shape = mergeOrThrow(type, scope.slice(0, -1), x, y);
    return createOp(opDefs[type], [x, y], { name: scope, attrs: { T: dtype }, shapes: [shape] }).outputs[0];
  });
}

/** shape_inference.cc: InferenceContext::Merge of two shapes, with its messages. */
export function mergeOrThrow(type: OpType, opName: string, x: Tensor, y: Tensor): Shape {
  const merged = mergeShapes(x.shape, y.shape);
  if (merged !== undefined) return merged;
  const sx = x.shape as Dim[];
  const sy = y.shape as Dim[];
  if (sx.length !== sy.length) {
    // shape_inference.cc: InferenceContext::Merge
    throw shapeFnError(`Shapes must be equal rank, but are ${sx.length} and ${sy.length}`, opName, type, [x, y]);
  }
  const i = sx.findIndex((d, k) => d !== null && sy[k] !== null && d !== sy[k]);
  throw shapeFnError(`${dimsEqualMessage(sx[i] as number, sy[i] as number)}`, opName, type, [x, y]);
}

/** gen_nn_ops.py: relu(features, name=None), a `Relu` (tf.nn.relu, tf.relu). */
export function relu(features: TensorLike, name?: string): Tensor {
  return genUnary(opDefs.Relu.type, "features", features, name, RELU_TYPES);
}

/** math_ops.py: sigmoid(x, name=None), a `Sigmoid`. */
export function sigmoid(x: TensorLike, name?: string): Tensor {
  return genUnary(opDefs.Sigmoid.type, "x", x, name, UNARY_COMPLEX_TYPES);
}

/** math_ops.py: tanh(x, name=None), a `Tanh`. */
export function tanh(x: TensorLike, name?: string): Tensor {
  return genUnary(opDefs.Tanh.type, "x", x, name, UNARY_COMPLEX_TYPES);
}

export interface SoftmaxOptions {
  axis?: number;
  name?: string;
}

/**
 * nn_ops.py: _softmax. TF converts the logits before any name scope (a plain value becomes `Const`), then builds
 * the op over the last axis. Other axes transpose around it in TF; here they are not supported yet.
 */
function softmaxLike(
  type: typeof opDefs.Softmax.type | typeof opDefs.LogSoftmax.type,
  logits: TensorLike,
  options: SoftmaxOptions | string | undefined,
): Tensor {
  const opts = typeof options === "string" ? { name: options } : (options ?? {});
  const x = convertToTensor(logits);
  const axis = opts.axis ?? -1;
  const rank = x.shape?.length;
  if (axis !== -1 && axis !== (rank ?? 0) - 1) {
    // scopeflow: nn_ops.py's _softmax transposes for another axis; that path needs Transpose and is not built yet.
    throw new ValueError(
      `tf.nn.${type === opDefs.Softmax.type ? "softmax" : "logSoftmax"}: axis ${axis} is not the last axis; only the last axis (-1) is supported. Transpose the logits first.`,
    );
  }
  return genUnary(type, "logits", x, opts.name, FLOAT_TYPES, 1);
}

/** nn_ops.py: softmax(logits, axis=None, name=None), a `Softmax` over the last axis. */
export function softmax(logits: TensorLike, options?: SoftmaxOptions | string): Tensor {
  return softmaxLike(opDefs.Softmax.type, logits, options);
}

/** nn_ops.py: log_softmax(logits, axis=None, name=None), a `LogSoftmax` over the last axis. */
export function logSoftmax(logits: TensorLike, options?: SoftmaxOptions | string): Tensor {
  return softmaxLike(opDefs.LogSoftmax.type, logits, options);
}

/** nn_ops.py: relu6(features, name=None): min(max(features, 0), 6), a `Relu6`. */
export function relu6(features: TensorLike, name?: string): Tensor {
  return genUnary(opDefs.Relu6.type, "features", features, name, RELU_TYPES);
}

/** gen_nn_ops.py: relu6_grad(gradients, features), a `Relu6Grad`. */
export function relu6Grad(gradients: TensorLike, features: TensorLike, name?: string): Tensor {
  return genGradOp(opDefs.Relu6Grad.type, ["gradients", "features"], gradients, features, name, RELU_TYPES);
}

/** gen_nn_ops.py: relu_grad(gradients, features), a `ReluGrad`. */
export function reluGrad(gradients: TensorLike, features: TensorLike, name?: string): Tensor {
  return genGradOp(opDefs.ReluGrad.type, ["gradients", "features"], gradients, features, name, RELU_TYPES);
}

/** gen_math_ops.py: sigmoid_grad(y, dy), a `SigmoidGrad`: dy * y * (1 - y). */
export function sigmoidGrad(y: TensorLike, dy: TensorLike, name?: string): Tensor {
  return genGradOp(opDefs.SigmoidGrad.type, ["y", "dy"], y, dy, name, UNARY_COMPLEX_TYPES);
}

/** gen_math_ops.py: tanh_grad(y, dy), a `TanhGrad`: dy * (1 - y * y). */
export function tanhGrad(y: TensorLike, dy: TensorLike, name?: string): Tensor {
  return genGradOp(opDefs.TanhGrad.type, ["y", "dy"], y, dy, name, UNARY_COMPLEX_TYPES);
}

export interface BiasAddOptions {
  dataFormat?: string;
  name?: string;
}

/** nn_ops.py: bias_add's data_format normalisation. */
function biasDataFormat(dataFormat: string | undefined): string {
  if (dataFormat === undefined) return "NHWC";
  if (dataFormat.startsWith("NC")) return "NCHW";
  if (dataFormat.startsWith("N") && dataFormat.endsWith("C")) return "NHWC";
  // nn_ops.py: bias_add
  throw new ValueError("data_format must be of the form `N...C` or `NC...`");
}

/** nn_ops.py: bias_add(value, bias, data_format=None, name=None), a `BiasAdd`. */
export function biasAdd(value: TensorLike, bias: TensorLike, options?: BiasAddOptions | string): Tensor {
  const opts = typeof options === "string" ? { name: options } : (options ?? {});
  return opScope(opts.name, opDefs.BiasAdd.type, [value, bias], (scope) => {
    const dataFormat = biasDataFormat(opts.dataFormat);
    const x = convertLeading([value, bias], "input");
    const b = convertLike(bias, "bias", x.dtype);
    const dtype = checkSameType(opDefs.BiasAdd.type, ["value", "bias"], [x, b]);
    checkDtypeAllowed("value", dtype, NUMBER_TYPES);
    const opName = scope.slice(0, -1);
    const nchw = dataFormat === "NCHW";
    const sx = x.shape;
    const sb = b.shape;
    if (sx !== null && sx.length < (nchw ? 3 : 2)) {
      // common_shape_fns.cc: BiasAddShape
      throw shapeFnError(rankAtLeastMessage(nchw ? 3 : 2, sx.length), opName, opDefs.BiasAdd.type, [x, b]);
    }
    if (sb !== null && sb.length !== 1) {
      // common_shape_fns.cc: BiasAddShape
      throw shapeFnError(rankMessage(1, sb.length), opName, opDefs.BiasAdd.type, [x, b]);
    }
    let shape: Shape = null;
    if (sx !== null) {
      const axis = nchw ? 1 : sx.length - 1;
      const d = sx[axis];
      const bd = sb ? sb[0] : null;
      if (d !== null && bd !== null && d !== bd) {
        // common_shape_fns.cc: BiasAddShape (Merge)
        throw shapeFnError(dimsEqualMessage(d, bd), opName, opDefs.BiasAdd.type, [x, b]);
      }
      shape = [...sx];
      shape[axis] = d ?? bd;
    }
    return createOp(opDefs.BiasAdd, [x, b], {
      name: scope,
      attrs: { T: dtype, data_format: dataFormat },
      shapes: [shape],
    }).outputs[0];
  });
}

/** gen_nn_ops.py: bias_add_grad(out_backprop, data_format="NHWC"), a `BiasAddGrad`: the sum over all but the bias axis. */
export function biasAddGrad(outBackprop: TensorLike, options?: BiasAddOptions | string): Tensor {
  const opts = typeof options === "string" ? { name: options } : (options ?? {});
  return opScope(opts.name, opDefs.BiasAddGrad.type, [outBackprop], (scope) => {
    const dataFormat = opts.dataFormat ?? "NHWC";
    checkStringAttr(opDefs.BiasAddGrad.type, "data_format", dataFormat, ["NHWC", "NCHW"]);
    const g = convertToTensor(outBackprop, { name: "out_backprop" });
    checkDtypeAllowed("out_backprop", g.dtype, NUMBER_TYPES);
    const nchw = dataFormat === "NCHW";
    const s = g.shape;
    if (s !== null && s.length < (nchw ? 3 : 2)) {
      // common_shape_fns.cc: BiasAddGradShape
      throw shapeFnError(rankAtLeastMessage(nchw ? 3 : 2, s.length), scope.slice(0, -1), opDefs.BiasAddGrad.type, [g]);
    }
    const shape: Shape = [s === null ? null : s[nchw ? 1 : s.length - 1]];
    return createOp(opDefs.BiasAddGrad, [g], {
      name: scope,
      attrs: { T: g.dtype, data_format: dataFormat },
      shapes: [shape],
    }).outputs[0];
  });
}

/** gen_nn_ops.py: l2_loss(t, name=None), an `L2Loss`: sum(t ** 2) / 2, a scalar. */
export function l2Loss(t: TensorLike, name?: string): Tensor {
  return opScope(name, opDefs.L2Loss.type, [t], (scope) => {
    const x = convertToTensor(t, { name: "t" });
    checkDtypeAllowed("t", x.dtype, FLOAT_TYPES);
    return createOp(opDefs.L2Loss, [x], {
      name: scope,
      attrs: { T: x.dtype },
      shapes: [[]],
    }).outputs[0];
  });
}
