// nn_grad.py (and math_grad.py for Sigmoid, Tanh, BatchMatMul, BatchMatMulV2): gradient functions by op type, built
// from the same ops TF builds, so the gradient ops get TF 1.15's types and names (gradients/Relu_grad/ReluGrad, ...).

import { getDefaultGraph } from "../framework/graph";
import type { NDArray } from "../framework/ndarray";
import type { Operation } from "../framework/operation";
import { isFullyDefined } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import type { GradTable } from "../gradients/grad-types";
import { broadcastGradientArgs, expandDims, reshape, shape, squeeze, stopGradient, zeros } from "./array-ops";
import { exp, less, truediv, where } from "./math-ops";
import { eluGrad, leakyReluGrad, softplusGrad } from "./nn-activation-ops";
import { preventGradient, shapeN } from "./nn-array-support";
import { batchMatMulV2 } from "./nn-batch-matmul";
import { avgPool, avgPoolGrad, conv2d, conv2dBackpropFilter, conv2dBackpropInput, maxPoolGrad } from "./nn-conv-ops";
import { conv3dBackpropFilterV2, conv3dBackpropInputV2 } from "./nn-conv3d";
import { biasAddGrad, logSoftmax, relu6Grad, reluGrad, sigmoidGrad, softmax, tanhGrad } from "./nn-ops";
import { opDefs } from "./op-defs";
import { add, mul, neg, sub } from "./operators";
import { reduceSum } from "./reduction-ops";
import { stridedSlice } from "./slicing-ops";

/** The Conv2D-family attrs a gradient passes on (op.get_attr in nn_grad.py). */
function convAttrs(op: Operation) {
  return {
    strides: op.attrs.strides as number[],
    padding: op.attrs.padding as string,
    dataFormat: op.attrs.data_format as string,
    dilations: op.attrs.dilations as number[],
    useCudnnOnGpu: op.attrs.use_cudnn_on_gpu as boolean,
  };
}

/** The Conv3D attrs _Conv3DGrad passes on. */
function conv3dAttrs(op: Operation) {
  return {
    strides: op.attrs.strides as number[],
    padding: op.attrs.padding as string,
    dataFormat: op.attrs.data_format as string,
    dilations: op.attrs.dilations as number[],
  };
}

function poolAttrs(op: Operation) {
  return {
    ksize: op.attrs.ksize as number[],
    strides: op.attrs.strides as number[],
    padding: op.attrs.padding as string,
    dataFormat: op.attrs.data_format as string,
  };
}

/** nn_grad.py: _BroadcastMul: vec [D0] times mat [D0, D1] (vec expanded on its last axis). */
function broadcastMul(vec: Tensor, mat: Tensor): Tensor {
  return mul(expandDims(vec, -1), mat);
}

/** nn_grad.py: _SoftmaxCrossEntropyWithLogitsGrad's IsZero: a zeros_like / zeros op, or an all-zero constant. */
function isZero(g: Tensor): boolean {
  if (g.op.type === opDefs.ZerosLike.type || g.op.type === "Zeros") return true;
  if (g.op.type !== opDefs.Const.type) return false;
  return Array.from((g.op.attrs.value as NDArray).data as ArrayLike<number>).every((v) => Number(v) === 0);
}

/** math_grad.py: _BatchMatMul (adjoint cases), with matmul's `MatMul` names; returns [grad_x, grad_y]. */
function batchMatMulGrads(op: Operation, grad: Tensor): [Tensor, Tensor] {
  const [x, y] = op.inputs;
  const adjX = op.attrs.adj_x === true;
  const adjY = op.attrs.adj_y === true;
  const mm = (a: Tensor, b: Tensor, adjA: boolean, adjB: boolean) =>
    batchMatMulV2(a, b, { adjX: adjA, adjY: adjB, name: opDefs.MatMul.type });
  if (!adjX) {
    if (!adjY) return [mm(grad, y, false, true), mm(x, grad, true, false)];
    return [mm(grad, y, false, false), mm(grad, x, true, false)];
  }
  if (!adjY) return [mm(y, grad, false, true), mm(x, grad, false, false)];
  return [mm(y, grad, true, true), mm(grad, x, true, true)];
}

export const nnGrads: GradTable = {
  // nn_grad.py: _EluGrad
  Elu: (op, [grad]) => [eluGrad(grad, op.outputs[0])],
  // nn_grad.py: _EluGradGrad (TF passes EluGrad's own output to elu_grad)
  EluGrad: (op, [grad]) => {
    const eluX = op.inputs[1];
    return [
      eluGrad(grad, op.outputs[0]),
      where(less(eluX, 0), mul(grad, op.inputs[0]), zeros(shape(eluX), eluX.dtype)),
    ];
  },
  // nn_grad.py: _SoftplusGrad
  Softplus: (op, [grad]) => [softplusGrad(grad, op.inputs[0])],
  // nn_grad.py: _SoftplusGradGrad: ddy = softplus_grad(grad, x), d2x = grad * dy / (exp(-x) + 2 + exp(x)).
  SoftplusGrad: (op, [grad]) => {
    const [dy, x] = op.inputs;
    return getDefaultGraph().controlDependencies([grad], () => {
      const ddy = softplusGrad(grad, x);
      const numerator = mul(grad, dy);
      const d2x = truediv(numerator, add(add(exp(neg(x)), 2.0), exp(x)));
      return [ddy, d2x];
    });
  },
  // nn_grad.py: _LeakyReluGrad
  LeakyRelu: (op, [grad]) => [leakyReluGrad(grad, op.inputs[0], { alpha: op.attrs.alpha as number })],
  // nn_grad.py: _LeakyReluGradGrad
  LeakyReluGrad: (op, [grad]) => {
    const x = op.inputs[1];
    return [leakyReluGrad(grad, x, { alpha: op.attrs.alpha as number }), zeros(shape(x), x.dtype)];
  },
  // nn_grad.py: _ReluGrad
  Relu: (op, [grad]) => [reluGrad(grad, op.outputs[0])],
  // nn_grad.py: _ReluGradGrad
  ReluGrad: (op, [grad]) => {
    const x = op.inputs[1];
    return [reluGrad(grad, x), zeros(shape(x), x.dtype)];
  },
  // nn_grad.py: _Relu6Grad (on the output, as 1.15 does)
  Relu6: (op, [grad]) => [relu6Grad(grad, op.outputs[0])],
  // nn_grad.py: _Relu6GradGrad
  Relu6Grad: (op, [grad]) => {
    const x = op.inputs[1];
    return [relu6Grad(grad, x), zeros(shape(x), x.dtype)];
  },
  // math_grad.py: _SigmoidGrad (conj is a no-op for real types; the control dependency on grad is already a data edge)
  Sigmoid: (op, [grad]) => [sigmoidGrad(op.outputs[0], grad)],
  // math_grad.py: _TanhGrad
  Tanh: (op, [grad]) => [tanhGrad(op.outputs[0], grad)],
  // nn_grad.py: _SoftmaxGrad: (grad - sum(grad * softmax, -1, keepdims)) * softmax
  Softmax: (op, [gradSoftmax]) => {
    const sm = op.outputs[0];
    const sumChannels = reduceSum(mul(gradSoftmax, sm), -1, true);
    return [mul(sub(gradSoftmax, sumChannels), sm)];
  },
  // nn_grad.py: _LogSoftmaxGrad: grad - sum(grad, -1, keepdims) * exp(log_softmax)
  LogSoftmax: (op, [grad]) => {
    const sm = exp(op.outputs[0]);
    return [sub(grad, mul(reduceSum(grad, -1, true), sm))];
  },
  // nn_grad.py: _BiasAddGrad
  BiasAdd: (op, [grad]) => [grad, biasAddGrad(grad, { dataFormat: op.attrs.data_format as string })],
  // nn_grad.py: _L2LossGrad
  L2Loss: (op, [grad]) => [mul(op.inputs[0], grad)],
  // nn_grad.py: _SoftmaxCrossEntropyWithLogitsGrad: the op's own backprop output, times the loss gradient.
  SoftmaxCrossEntropyWithLogits: (op, [gradLoss, gradGrad]) => {
    let grad = broadcastMul(gradLoss, op.outputs[1]);
    const logits = op.inputs[0];
    if (gradGrad && !isZero(gradGrad)) {
      const sm = softmax(logits);
      const inner = squeeze(batchMatMulV2(expandDims(gradGrad, 1), expandDims(sm, 2), { name: opDefs.MatMul.type }), 1);
      grad = grad.add(mul(sub(gradGrad, inner), sm));
    }
    return [grad, broadcastMul(gradLoss, neg(logSoftmax(logits)))];
  },
  // nn_grad.py: _SparseSoftmaxCrossEntropyWithLogitsGrad
  SparseSoftmaxCrossEntropyWithLogits: (op, [grad0]) => {
    const backprop = preventGradient(
      op.outputs[1],
      "Currently there is no way to take the second derivative of sparse_softmax_cross_entropy_with_logits due to the fused implementation's interaction with tf.gradients()",
    );
    return [broadcastMul(grad0, backprop), null];
  },
  // nn_grad.py: _Conv2DGrad
  Conv2D: (op, [grad]) => {
    const [shape0, shape1] = shapeN([op.inputs[0], op.inputs[1]]);
    const attrs = convAttrs(op);
    return [
      conv2dBackpropInput(shape0, op.inputs[1], grad, attrs),
      conv2dBackpropFilter(op.inputs[0], shape1, grad, attrs),
    ];
  },
  // nn_grad.py: _Conv3DGrad
  Conv3D: (op, [grad]) => {
    const attrs = conv3dAttrs(op);
    return [
      conv3dBackpropInputV2(shape(op.inputs[0]), op.inputs[1], grad, attrs),
      conv3dBackpropFilterV2(op.inputs[0], shape(op.inputs[1]), grad, attrs),
    ];
  },
  // nn_grad.py: _Conv2DBackpropInputGrad
  Conv2DBackpropInput: (op, [grad]) => {
    const attrs = convAttrs(op);
    return [
      null,
      conv2dBackpropFilter(grad, shape(op.inputs[1]), op.inputs[2], attrs),
      conv2d(grad, op.inputs[1], attrs.strides, attrs.padding, attrs),
    ];
  },
  // nn_grad.py: _Conv2DBackpropFilterGrad
  Conv2DBackpropFilter: (op, [grad]) => {
    const attrs = convAttrs(op);
    return [
      conv2dBackpropInput(shape(op.inputs[0]), grad, op.inputs[2], attrs),
      null,
      conv2d(op.inputs[0], grad, attrs.strides, attrs.padding, attrs),
    ];
  },
  // nn_grad.py: _MaxPoolGrad
  MaxPool: (op, [grad]) => [maxPoolGrad(op.inputs[0], op.outputs[0], grad, poolAttrs(op))],
  // nn_grad.py: _AvgPoolGrad
  AvgPool: (op, [grad]) => [avgPoolGrad(shape(op.inputs[0]), grad, poolAttrs(op))],
  // nn_grad.py: _AvgPoolGradGrad
  AvgPoolGrad: (op, [grad]) => {
    const a = poolAttrs(op);
    return [stopGradient(op.inputs[0]), avgPool(grad, a.ksize, a.strides, a.padding, { dataFormat: a.dataFormat })];
  },
  // math_grad.py: _BatchMatMul
  BatchMatMul: (op, [grad]) => batchMatMulGrads(op, grad),
  // math_grad.py: _BatchMatMulV2: as BatchMatMul, then summed over the broadcast batch dims.
  BatchMatMulV2: (op, [grad]) => {
    let [gx, gy] = batchMatMulGrads(op, grad);
    const [x, y] = op.inputs;
    const same =
      isFullyDefined(x.shape) &&
      isFullyDefined(y.shape) &&
      x.shape.length === y.shape.length &&
      x.shape.every((d, i) => d === y.shape?.[i]);
    if (!same) {
      const sx = shape(x);
      const sy = shape(y);
      const [rx, ry] = broadcastGradientArgs(
        stridedSlice(sx, [0], [-2], [1], { beginMask: 1 }),
        stridedSlice(sy, [0], [-2], [1], { beginMask: 1 }),
      );
      gx = reshape(reduceSum(gx, rx), sx);
      gy = reshape(reduceSum(gy, ry), sy);
    }
    return [gx, gy];
  },
  // InTopKV2's output is bool: no gradient flows through it (TF registers none).
  InTopKV2: null,
};
