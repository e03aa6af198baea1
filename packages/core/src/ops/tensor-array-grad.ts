// tensor_array_grad.py: the gradients of the TensorArrayV3 ops: each reads or writes the gradient TensorArray
// (TensorArrayGradV3) of the forward array for the gradient computation its gradient's name is under.
import { ValueError } from "../errors";
import { asDType } from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import type { GradFn, GradTable } from "../gradients/grad-types";
import { identity } from "./array-ops";
import { TensorArray } from "./tensor-array";

/** tensor_array_grad.py: _GetGradSource: the name up to the last scope that starts with `gradients`. */
function gradSource(t: Tensor): string {
  const tokens = t.name.split("/");
  let last = -1;
  tokens.forEach((token, i) => {
    if (token.startsWith("gradients")) last = i;
  });
  if (last < 0) {
    // tensor_array_grad.py: _GetGradSource
    throw new ValueError(`Expected op/tensor name to start with gradients (excluding scope), got: ${t.name}`);
  }
  return tokens.slice(0, last + 1).join("/");
}

/** The forward array `op` reads, on the flow `flow`, and its gradient array for `source`. */
function gradArray(op: Tensor["op"], dtypeAttr: string, flow: Tensor, source: string): TensorArray {
  const dtype = asDType(op.attrs[dtypeAttr] as Parameters<typeof asDType>[0]);
  return new TensorArray(dtype, { handle: op.inputs[0], flow, colocateWithFirstWriteCall: false }).grad(source, flow);
}

/**
 * A write's flow gradient, ordered after the forward write (`flow_out`) by a `write_barrier`: otherwise the
 * gradient array could be made before the last forward write.
 */
function writeBarrier(op: Tensor["op"], flow: Tensor): Tensor {
  const flowOut = identity(op.outputs[0], "flow_out");
  return op.graph.controlDependencies([flowOut], () => identity(flow, "write_barrier"));
}

/** _TensorArrayReadGrad: the gradient written into the gradient array at the index read. */
const readGrad: GradFn = (op, [grad]) => {
  const [, index, flow] = op.inputs;
  const g = gradArray(op, "dtype", flow, gradSource(grad));
  return [null, null, g.write(index, grad).flow];
};

/** _TensorArrayWriteGrad: the value's gradient read from the gradient array at the index written. */
const writeGrad: GradFn = (op, [flowGrad]) => {
  const index = op.inputs[1];
  const source = gradSource(flowGrad);
  const flow = writeBarrier(op, flowGrad);
  const g = gradArray(op, "T", flow, source);
  return [null, null, g.read(index), flow];
};

/** _TensorArrayGatherGrad: the gradient scattered into the gradient array at the indices gathered. */
const gatherGrad: GradFn = (op, [grad]) => {
  const [, indices, flow] = op.inputs;
  const g = gradArray(op, "dtype", flow, gradSource(grad));
  return [null, null, g.scatter(indices, grad).flow];
};

/** _TensorArrayScatterGrad: the value's gradient gathered from the gradient array at the indices scattered. */
const scatterGrad: GradFn = (op, [flowGrad]) => {
  const indices = op.inputs[1];
  const source = gradSource(flowGrad);
  const flow = writeBarrier(op, flowGrad);
  const g = gradArray(op, "T", flow, source);
  return [null, null, g.gather(indices), flow];
};

/** _TensorArrayConcatGrad: the gradient split into the gradient array by the lengths concatenated. */
const concatGrad: GradFn = (op, [grad]) => {
  const flow = op.inputs[1];
  const g = gradArray(op, "dtype", flow, gradSource(grad));
  return [null, g.split(grad, op.outputs[1]).flow];
};

/** _TensorArraySplitGrad: the value's gradient, the gradient array concatenated. */
const splitGrad: GradFn = (op, [flowGrad]) => {
  const source = gradSource(flowGrad);
  const flow = writeBarrier(op, flowGrad);
  const g = gradArray(op, "T", flow, source);
  return [null, g.concat(), null, flow];
};

export const tensorArrayGrads: GradTable = {
  TensorArrayReadV3: readGrad,
  TensorArrayWriteV3: writeGrad,
  TensorArrayGatherV3: gatherGrad,
  TensorArrayScatterV3: scatterGrad,
  TensorArrayConcatV3: concatGrad,
  TensorArraySplitV3: splitGrad,
  TensorArrayV3: null,
  TensorArrayGradV3: null,
  TensorArraySizeV3: null,
  TensorArrayCloseV3: null,
  // data_flow_grad.py: the stacks of the gradient while loop.
  StackV2: null,
  StackPushV2: null,
  StackPopV2: null,
  StackCloseV2: null,
};
