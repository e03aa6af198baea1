// nn_grad.py: _DepthwiseConv2dNativeGrad, _DepthwiseConv2dNativeBackpropInputGrad,
// _DepthwiseConv2dNativeBackpropFilterGrad and _FusedBatchNormV3Grad (_BaseFusedBatchNormGrad, version 2), and
// array_grad.py's SpaceToBatchND / BatchToSpaceND (the atrous path), built from the ops TF builds so the gradient ops
// keep TF 1.15's types and names.
import type { Operation } from "../framework/operation";
import type { GradTable } from "../gradients/grad-types";
import { shape, transpose } from "./array-ops";
import { fusedBatchNormGradV3 } from "./nn-batch-norm-ops";
import {
  type DepthwiseOpAttrs,
  depthwiseConv2dNative,
  depthwiseConv2dNativeBackpropFilter,
  depthwiseConv2dNativeBackpropInput,
} from "./nn-depthwise-ops";
import { batchToSpaceNd, spaceToBatchNd } from "./space-to-batch-ops";

/** The depthwise attrs a gradient passes on (op.get_attr in nn_grad.py). */
function depthwiseAttrs(op: Operation): DepthwiseOpAttrs {
  return {
    dilations: op.attrs.dilations as number[],
    strides: op.attrs.strides as number[],
    padding: op.attrs.padding as string,
    dataFormat: op.attrs.data_format as string,
  };
}

export const nnDepthwiseBatchNormGrads: GradTable = {
  // nn_grad.py: _DepthwiseConv2dNativeGrad
  DepthwiseConv2dNative: (op, [grad]) => {
    const a = depthwiseAttrs(op);
    return [
      depthwiseConv2dNativeBackpropInput(shape(op.inputs[0]), op.inputs[1], grad, a),
      depthwiseConv2dNativeBackpropFilter(op.inputs[0], shape(op.inputs[1]), grad, a),
    ];
  },
  // nn_grad.py: _DepthwiseConv2dNativeBackpropInputGrad
  DepthwiseConv2dNativeBackpropInput: (op, [grad]) => {
    const a = depthwiseAttrs(op);
    return [
      null,
      depthwiseConv2dNativeBackpropFilter(grad, shape(op.inputs[1]), op.inputs[2], a),
      depthwiseConv2dNative(grad, op.inputs[1], a.strides, a.padding, a),
    ];
  },
  // nn_grad.py: _DepthwiseConv2dNativeBackpropFilterGrad
  DepthwiseConv2dNativeBackpropFilter: (op, [grad]) => {
    const a = depthwiseAttrs(op);
    return [
      depthwiseConv2dNativeBackpropInput(shape(op.inputs[0]), grad, op.inputs[2], a),
      null,
      depthwiseConv2dNative(op.inputs[0], grad, a.strides, a.padding, a),
    ];
  },
  // array_grad.py: _SpaceToBatchNDGrad: the opposite op.
  SpaceToBatchND: (op, [grad]) => [batchToSpaceNd(grad, op.inputs[1], op.inputs[2]), null, null],
  // array_grad.py: _BatchToSpaceNDGrad
  BatchToSpaceND: (op, [grad]) => [spaceToBatchNd(grad, op.inputs[1], op.inputs[2]), null, null],
  // nn_grad.py: _FusedBatchNormV3Grad: training reuses the saved batch statistics (reserve spaces); inference
  // passes the population mean and variance, in NHWC (NCHW transposed around the op).
  FusedBatchNormV3: (op, [gradY]) => {
    let x = op.inputs[0];
    let dy = gradY;
    const scale = op.inputs[1];
    const epsilon = op.attrs.epsilon as number;
    const dataFormat = op.attrs.data_format as string;
    const isTraining = op.attrs.is_training as boolean;
    if (isTraining) {
      return fusedBatchNormGradV3(dy, x, scale, op.outputs[3], op.outputs[4], op.outputs[5], {
        epsilon,
        dataFormat,
        isTraining,
      });
    }
    if (dataFormat === "NCHW") {
      x = transpose(x, [0, 2, 3, 1]);
      dy = transpose(dy, [0, 2, 3, 1]);
    }
    const [dx, dscale, doffset] = fusedBatchNormGradV3(dy, x, scale, op.inputs[3], op.inputs[4], op.outputs[5], {
      epsilon,
      dataFormat: "NHWC",
      isTraining,
    });
    return [dataFormat === "NCHW" ? transpose(dx, [0, 3, 1, 2]) : dx, dscale, doffset, null, null];
  },
};
