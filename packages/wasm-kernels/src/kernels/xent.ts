// SoftmaxCrossEntropyWithLogits (xent_op.cc) and SparseSoftmaxCrossEntropyWithLogits (sparse_xent_op.cc): two
// outputs, loss [batch] and backprop [batch, classes] = softmax(logits) - labels. Row broadcasts of a [1, classes]
// input are row strides of 0; a column broadcast ([batch, 1]) is expanded in scratch first.
import type { KernelContext, NDArray } from "@scopeflow/core/kernels";
import { eager, kernelError, type NativeKernel, type Runtime, variantOf } from "../runtime";

/** Pointer and row stride of a dense xent input broadcast to [rows, cols]. */
function rowsOf(rt: Runtime, x: NDArray, rows: number, cols: number): [number, number] {
  const [r, c] = x.shape;
  if (c === cols) return [rt.input(x), r === 1 && rows !== 1 ? 0 : cols];
  const expanded = rt.scratch(r * cols * 4);
  rt.fn.broadcastColumnF32(rt.input(x), expanded, r, cols);
  return [expanded, r === 1 && rows !== 1 ? 0 : cols];
}

/** loss and backprop blocks: written by `body`, or zeros/empty when there are no rows or no classes. */
function twoOutputs(
  rt: Runtime,
  dtype: NDArray["dtype"],
  rows: number,
  cols: number,
  body: (loss: number, backprop: number) => void,
): NDArray[] {
  if (rows === 0) return [new rt.NDArray(dtype, [0]), new rt.NDArray(dtype, [0, cols])];
  return rt.scoped(() => {
    const loss = rt.output(dtype, rows);
    if (cols === 0) {
      rt.fn.fillF32(loss, rows, 0);
      return [rt.result(dtype, [rows], loss), new rt.NDArray(dtype, [rows, 0])];
    }
    const backprop = rt.output(dtype, rows * cols);
    body(loss, backprop);
    return [rt.result(dtype, [rows], loss), rt.result(dtype, [rows, cols], backprop)];
  });
}

function softmaxXent(rt: Runtime): NativeKernel {
  return eager(
    ([logits, labels], ctx) => {
      variantOf(ctx, logits.dtype, ["F32"]);
      if (logits.rank !== 2 || labels.rank !== 2) {
        // xent_op.cc: SoftmaxXentWithLogitsOp::Compute
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          "logits and labels must be either 2-dimensional, or broadcasted to be 2-dimensional",
        );
      }
      const [a, b] = [logits.shape, labels.shape];
      if ((a[0] !== b[0] && a[0] !== 1 && b[0] !== 1) || (a[1] !== b[1] && a[1] !== 1 && b[1] !== 1)) {
        // bcast.h via xent_op.cc: BCast is not valid
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `logits and labels must be broadcastable: logits_size=[${a.join(",")}] labels_size=[${b.join(",")}]`,
        );
      }
      const rows = a[0] === 1 ? b[0] : a[0];
      const cols = a[1] === 1 ? b[1] : a[1];
      return twoOutputs(rt, logits.dtype, rows, cols, (loss, backprop) => {
        const [pl, sl] = rowsOf(rt, logits, rows, cols);
        const [py, sy] = rowsOf(rt, labels, rows, cols);
        rt.fn.softmaxXentF32(pl, sl, py, sy, loss, backprop, rows, cols);
      });
    },
    ["F32"],
  );
}

function labelText(labels: NDArray): string {
  return Array.from(labels.data as ArrayLike<number | bigint>, String).join(" ");
}

function sparseSoftmaxXent(rt: Runtime): NativeKernel {
  return eager(
    ([logits, labels], ctx: KernelContext) => {
      variantOf(ctx, logits.dtype, ["F32"]);
      if (logits.rank !== 2) {
        // sparse_xent_op.cc: SparseSoftmaxXentWithLogitsOp::Compute
        throw kernelError(ctx, "InvalidArgumentError", `logits must be 2-D, but got shape [${logits.shape.join(",")}]`);
      }
      if (labels.rank !== 1) {
        throw kernelError(ctx, "InvalidArgumentError", `labels must be 1-D, but got shape [${labels.shape.join(",")}]`);
      }
      const [rows, cols] = logits.shape;
      if (labels.shape[0] !== rows) {
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `logits and labels must have the same first dimension, got logits shape [${logits.shape.join(",")}] and labels shape [${labels.shape.join(",")}]`,
        );
      }
      if (labels.dtype.name !== "int32" && labels.dtype.name !== "int64") {
        throw kernelError(
          ctx,
          "UnimplementedError",
          `${ctx.opType} has no wasm kernel for ${labels.dtype.name} labels`,
        );
      }
      if (rows > 0 && cols === 0) {
        // Every label is out of range: sparse_xent_op.cc: CheckInvalidLabelIndex
        throw outOfRange(ctx, labels, 0, cols);
      }
      const wide = labels.dtype.name === "int64" ? 1 : 0;
      return twoOutputs(rt, logits.dtype, rows, cols, (loss, backprop) => {
        const bad = rt.fn.sparseSoftmaxXentF32(rt.input(logits), rt.input(labels), loss, backprop, rows, cols, wide);
        if (bad >= 0) throw outOfRange(ctx, labels, bad, cols);
      });
    },
    ["F32"],
  );
}

/** sparse_xent_op.cc: CheckInvalidLabelIndex, in the reference kernel's words. */
function outOfRange(ctx: KernelContext, labels: NDArray, row: number, cols: number): Error {
  const value = String((labels.data as ArrayLike<number | bigint>)[row]);
  return kernelError(
    ctx,
    "InvalidArgumentError",
    `Received a label value of ${value} which is outside the valid range of [0, ${cols}).  Label values: ${labelText(labels)}`,
  );
}

export function xentKernels(rt: Runtime) {
  return {
    SoftmaxCrossEntropyWithLogits: softmaxXent(rt),
    SparseSoftmaxCrossEntropyWithLogits: sparseSoftmaxXent(rt),
  };
}
