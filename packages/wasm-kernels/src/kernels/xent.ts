// SoftmaxCrossEntropyWithLogits (xent_op.cc) and SparseSoftmaxCrossEntropyWithLogits (sparse_xent_op.cc): two
// outputs, loss [batch] and backprop [batch, classes] = softmax(logits) - labels. Row broadcasts of a [1, classes]
// input are row strides of 0; a column broadcast ([batch, 1]) is expanded in scratch first.
import type { InputSpec, KernelContext, NDArray, TensorSpec } from "@scopeflow/core/kernels";
import { kernelError, type NativeKernel, native, pointerCall, type Runtime, variantOf } from "../runtime";

/** The two outputs' specs: loss [rows] and backprop [rows, cols]. */
function twoOutputs(dtype: NDArray["dtype"], rows: number, cols: number): TensorSpec[] {
  return [
    { dtype, shape: [rows] },
    { dtype, shape: [rows, cols] },
  ];
}

function softmaxXent(rt: Runtime): NativeKernel {
  return native(
    ([logits, labels], ctx) => {
      variantOf(ctx, logits.dtype, ["F32"]);
      if (logits.shape.length !== 2 || labels.shape.length !== 2) {
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
      // Row broadcasts of a [1, classes] input are row strides of 0; a column broadcast ([rows, 1]) is expanded in
      // scratch first.
      const expand = [logits, labels].map((x) => x.shape[1] !== cols);
      const stride = (x: InputSpec) => (x.shape[0] === 1 && rows !== 1 ? 0 : cols);
      const scratch = [logits, labels].filter((_, i) => expand[i]).map((x) => x.shape[0] * cols * 4);
      return pointerCall(
        rt,
        twoOutputs(logits.dtype, rows, cols),
        null,
        ([pl, py, loss, backprop, ...temp]) => {
          const sources = [pl, py];
          let k = 0;
          const rowsAt = sources.map((p, i) => (expand[i] ? temp[k++] : p));
          const [sl, sy] = [stride(logits), stride(labels)];
          return () => {
            if (expand[0]) rt.fn.broadcastColumnF32(pl, rowsAt[0], a[0], cols);
            if (expand[1]) rt.fn.broadcastColumnF32(py, rowsAt[1], b[0], cols);
            rt.fn.softmaxXentF32(rowsAt[0], sl, rowsAt[1], sy, loss, backprop, rows, cols);
          };
        },
        scratch,
      );
    },
    ["F32"],
  );
}

function labelText(labels: NDArray): string {
  return Array.from(labels.data as ArrayLike<number | bigint>, String).join(" ");
}

function sparseSoftmaxXent(rt: Runtime): NativeKernel {
  return native(
    ([logits, labels], ctx: KernelContext) => {
      variantOf(ctx, logits.dtype, ["F32"]);
      if (logits.shape.length !== 2) {
        // sparse_xent_op.cc: SparseSoftmaxXentWithLogitsOp::Compute
        throw kernelError(ctx, "InvalidArgumentError", `logits must be 2-D, but got shape [${logits.shape.join(",")}]`);
      }
      if (labels.shape.length !== 1) {
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
      const wide = labels.dtype.name === "int64" ? 1 : 0;
      const prepared = pointerCall(rt, twoOutputs(logits.dtype, rows, cols), null, ([pl, py, loss, backprop]) => () => {
        const bad = rt.fn.sparseSoftmaxXentF32(pl, py, loss, backprop, rows, cols, wide);
        if (bad >= 0) throw outOfRange(ctx, rt.result(labels.dtype, labels.shape, py), bad, cols);
      });
      if (rows === 0 || cols > 0) return prepared;
      // Every label is out of range: sparse_xent_op.cc: CheckInvalidLabelIndex, when the labels are seen.
      return {
        outputs: prepared.outputs,
        run: ([, y]) => {
          throw outOfRange(ctx, y, 0, cols);
        },
      };
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
