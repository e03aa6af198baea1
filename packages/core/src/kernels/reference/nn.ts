// relu_op.h, cwise_ops.h (sigmoid, tanh and their grads), softmax_op_functor.h, xent_op.h, sparse_xent_op.h,
// bias_op.cc, l2loss_op.h, batch_matmul_op_impl.h: the nn reference kernels, plain loops in float64.
import { InvalidArgumentError } from "../../errors";
import { NDArray, sizeOf } from "../../framework/ndarray";
import { opDefs } from "../../ops/op-defs";
import type { Kernel, KernelContext } from "../contract";
import { nnConvKernels } from "./nn-conv";
import { fromNumbers, nodeSuffix, numbers } from "./nn-util";

export function unary(f: (x: number) => number): Kernel {
  return ([x]) => {
    const v = numbers(x);
    const out = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = f(v[i]);
    return [fromNumbers(x.dtype, x.shape, out)];
  };
}

export function binarySameShape(opType: string, f: (a: number, b: number) => number): Kernel {
  return ([a, b], ctx) => {
    if (a.shape.join(",") !== b.shape.join(",")) {
      // cwise_ops_common.h / relu_op.h: ValidateSameSize
      throw new InvalidArgumentError(
        `${opType === opDefs.SigmoidGrad.type || opType === opDefs.TanhGrad.type ? "y and dy" : "gradients and features"} must be the same size: [${a.shape.join(",")}] vs [${b.shape.join(",")}]${nodeSuffix(ctx)}`,
      );
    }
    const va = numbers(a);
    const vb = numbers(b);
    const out = new Float64Array(va.length);
    for (let i = 0; i < va.length; i++) out[i] = f(va[i], vb[i]);
    return [fromNumbers(a.dtype, a.shape, out)];
  };
}

/** Rows of the last axis: calls `f(offset, length)` for each. */
function forEachRow(shape: readonly number[], f: (offset: number, n: number) => void): void {
  const n = shape.length === 0 ? 1 : shape[shape.length - 1];
  const rows = n === 0 ? 0 : sizeOf(shape) / n;
  for (let r = 0; r < rows; r++) f(r * n, n);
}

/** softmax_op_functor.h: exp(x - max) / sum, or (x - max) - log(sum) for LogSoftmax. */
function softmaxKernel(log: boolean): Kernel {
  return ([x]) => {
    const v = numbers(x);
    const out = new Float64Array(v.length);
    forEachRow(x.shape, (o, n) => {
      let max = -Infinity;
      for (let j = 0; j < n; j++) max = Math.max(max, v[o + j]);
      let sum = 0;
      for (let j = 0; j < n; j++) sum += Math.exp(v[o + j] - max);
      for (let j = 0; j < n; j++) out[o + j] = log ? v[o + j] - max - Math.log(sum) : Math.exp(v[o + j] - max) / sum;
    });
    return [fromNumbers(x.dtype, x.shape, out)];
  };
}

/** Broadcasts a rank-2 array to `[rows, cols]` (xent's labels may broadcast, xent_op.cc). */
function broadcast2d(a: NDArray, _rows: number, _cols: number): (i: number, j: number) => number {
  const v = numbers(a);
  const [r, c] = a.shape;
  return (i, j) => v[(r === 1 ? 0 : i) * c + (c === 1 ? 0 : j)];
}

/** xent_op.h: loss = sum(labels * (log(sum(exp(l - max))) - (l - max))), backprop = softmax - labels. */
const softmaxXent: Kernel = ([logits, labels], ctx) => {
  if (logits.rank !== 2 || labels.rank !== 2) {
    // xent_op.cc: SoftmaxXentWithLogitsOp::Compute
    throw new InvalidArgumentError(
      `logits and labels must be either 2-dimensional, or broadcasted to be 2-dimensional${nodeSuffix(ctx)}`,
    );
  }
  const rows = Math.max(logits.shape[0], labels.shape[0]);
  const cols = Math.max(logits.shape[1], labels.shape[1]);
  for (const [a, b] of [[logits.shape, labels.shape]]) {
    if ((a[0] !== b[0] && a[0] !== 1 && b[0] !== 1) || (a[1] !== b[1] && a[1] !== 1 && b[1] !== 1)) {
      // bcast.h via xent_op.cc: BCast is not valid
      throw new InvalidArgumentError(
        `logits and labels must be broadcastable: logits_size=[${a.join(",")}] labels_size=[${b.join(",")}]${nodeSuffix(ctx)}`,
      );
    }
  }
  const l = broadcast2d(logits, rows, cols);
  const y = broadcast2d(labels, rows, cols);
  const loss = new Float64Array(rows);
  const backprop = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    let max = -Infinity;
    for (let j = 0; j < cols; j++) max = Math.max(max, l(i, j));
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += Math.exp(l(i, j) - max);
    const logSum = Math.log(sum);
    let total = 0;
    for (let j = 0; j < cols; j++) {
      const shifted = l(i, j) - max;
      total += y(i, j) * (logSum - shifted);
      backprop[i * cols + j] = Math.exp(shifted) / sum - y(i, j);
    }
    loss[i] = total;
  }
  return [fromNumbers(logits.dtype, [rows], loss), fromNumbers(logits.dtype, [rows, cols], backprop)];
};

/** sparse_xent_op.h: loss = logsumexp - logit[label], backprop = softmax - onehot(label). */
const sparseSoftmaxXent: Kernel = ([logits, labels], ctx) => {
  const [rows, cols] = logits.shape;
  const l = numbers(logits);
  const y = numbers(labels);
  for (let i = 0; i < y.length; i++) {
    if (!(y[i] >= 0 && y[i] < cols)) {
      // sparse_xent_op.cc: CheckInvalidLabelIndex
      throw new InvalidArgumentError(
        `Received a label value of ${y[i]} which is outside the valid range of [0, ${cols}).  Label values: ${Array.from(y).join(" ")}${nodeSuffix(ctx)}`,
      );
    }
  }
  const loss = new Float64Array(rows);
  const backprop = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    let max = -Infinity;
    for (let j = 0; j < cols; j++) max = Math.max(max, l[i * cols + j]);
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += Math.exp(l[i * cols + j] - max);
    const logSum = Math.log(sum);
    loss[i] = logSum - (l[i * cols + y[i]] - max);
    for (let j = 0; j < cols; j++)
      backprop[i * cols + j] = Math.exp(l[i * cols + j] - max) / sum - (j === y[i] ? 1 : 0);
  }
  return [fromNumbers(logits.dtype, [rows], loss), fromNumbers(logits.dtype, [rows, cols], backprop)];
};

function biasAxis(ctx: KernelContext, rank: number): number {
  return ctx.attrs.data_format === "NCHW" ? 1 : rank - 1;
}

/** bias_op.cc: BiasOp: value + bias along the channel axis. */
const biasAddKernel: Kernel = ([value, bias], ctx) => {
  const axis = biasAxis(ctx, value.rank);
  if (value.shape[axis] !== bias.shape[0]) {
    // bias_op.cc: BiasOp::Compute
    throw new InvalidArgumentError(
      `Must provide as many biases as the last dimension of the input tensor: [${bias.shape.join(",")}] vs. [${value.shape.join(",")}]${nodeSuffix(ctx)}`,
    );
  }
  const v = numbers(value);
  const b = numbers(bias);
  const inner = sizeOf(value.shape.slice(axis + 1));
  const depth = value.shape[axis];
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] + b[Math.floor(i / inner) % depth];
  return [fromNumbers(value.dtype, value.shape, out)];
};

/** bias_op.cc: BiasGradOp: the sum over every axis but the channel axis. */
const biasAddGradKernel: Kernel = ([g], ctx) => {
  const axis = biasAxis(ctx, g.rank);
  const v = numbers(g);
  const inner = sizeOf(g.shape.slice(axis + 1));
  const depth = g.shape[axis];
  const out = new Float64Array(depth);
  for (let i = 0; i < v.length; i++) out[Math.floor(i / inner) % depth] += v[i];
  return [fromNumbers(g.dtype, [depth], out)];
};

/** l2loss_op.h: sum(t * t) / 2. */
const l2LossKernel: Kernel = ([t]) => {
  const v = numbers(t);
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
  return [fromNumbers(t.dtype, [], [sum / 2])];
};

/**
 * batch_matmul_op_impl.h: out[..., i, j] = sum_k x[..., i, k] * y[..., k, j], with adj_x / adj_y transposing the last
 * two axes. BatchMatMulV2 broadcasts the batch axes; BatchMatMul requires them equal.
 */
function batchMatMulKernel(broadcast: boolean): Kernel {
  return ([x, y], ctx) => {
    const adjX = ctx.attrs.adj_x === true;
    const adjY = ctx.attrs.adj_y === true;
    const rx = x.rank;
    const ry = y.rank;
    const bx = x.shape.slice(0, rx - 2);
    const by = y.shape.slice(0, ry - 2);
    const [xr, xc] = x.shape.slice(rx - 2);
    const [yr, yc] = y.shape.slice(ry - 2);
    const m = adjX ? xc : xr;
    const k = adjX ? xr : xc;
    const k2 = adjY ? yc : yr;
    const n = adjY ? yr : yc;
    if (k !== k2) {
      // batch_matmul_op_impl.h: BaseBatchMatMulOp::Compute
      throw new InvalidArgumentError(
        `In[0] mismatch In[1] shape: ${k} vs. ${k2}: [${x.shape.join(",")}] [${y.shape.join(",")}] ${adjX ? 1 : 0} ${adjY ? 1 : 0}${nodeSuffix(ctx)}`,
      );
    }
    const rank = Math.max(bx.length, by.length);
    const batch: number[] = [];
    for (let i = 0; i < rank; i++) {
      const a = i < rank - bx.length ? 1 : bx[i - (rank - bx.length)];
      const b = i < rank - by.length ? 1 : by[i - (rank - by.length)];
      if ((!broadcast && (a !== b || bx.length !== by.length)) || (a !== b && a !== 1 && b !== 1)) {
        // batch_matmul_op_impl.h: ValidateInputTensors / MatMulBCast
        throw new InvalidArgumentError(
          `In[0] and In[1] must have compatible batch dimensions: [${x.shape.join(",")}] vs. [${y.shape.join(",")}]${nodeSuffix(ctx)}`,
        );
      }
      batch.push(a === 1 ? b : a);
    }
    const vx = numbers(x);
    const vy = numbers(y);
    const total = sizeOf(batch);
    const out = new Float64Array(total * m * n);
    // Offset of batch entry `b` in an operand whose batch dims are `dims` (broadcast along size-1 axes).
    const batchOffset = (b: number, dims: number[]): number => {
      let offset = 0;
      let stride = 1;
      let rest = b;
      for (let i = rank - 1; i >= 0; i--) {
        const idx = rest % batch[i];
        rest = Math.floor(rest / batch[i]);
        const j = i - (rank - dims.length);
        if (j >= 0) {
          offset += (dims[j] === 1 ? 0 : idx) * stride;
          stride *= dims[j];
        }
      }
      return offset;
    };
    for (let b = 0; b < total; b++) {
      const ox = batchOffset(b, bx) * xr * xc;
      const oy = batchOffset(b, by) * yr * yc;
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let sum = 0;
          for (let p = 0; p < k; p++) {
            const a = adjX ? vx[ox + p * xc + i] : vx[ox + i * xc + p];
            const c = adjY ? vy[oy + j * yc + p] : vy[oy + p * yc + j];
            sum += a * c;
          }
          out[(b * m + i) * n + j] = sum;
        }
      }
    }
    return [fromNumbers(x.dtype, [...batch, m, n], out)];
  };
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** softplus_op.h: log(1 + exp(x)), computed without overflow. */
const softplus = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

/** relu_op_functor.h: LeakyRelu and LeakyReluGrad read attr `alpha` (default 0.2). */
function alphaOf(ctx: KernelContext): number {
  return typeof ctx.attrs.alpha === "number" ? ctx.attrs.alpha : 0.2;
}

/** TensorShape::DebugString: `[2,3]`. */
const shapeDebug = (shape: readonly number[]) => `[${shape.join(",")}]`;

/**
 * in_topk_op.cc / in_topk_op.h: for each row, whether the target's prediction is among the k largest: false when
 * the target is out of range or any prediction in the row is not finite; ties count in the target's favour.
 */
const inTopKV2: Kernel = ([predictions, targets, k], ctx) => {
  // in_topk_op.cc: InTopK::Compute
  const fail = (message: string) => new InvalidArgumentError(`${message}${nodeSuffix(ctx)}`);
  if (k.rank !== 0) throw fail(`k must be 0-D, got shape ${shapeDebug(k.shape)}`);
  if (predictions.rank !== 2) throw fail("predictions must be 2-dimensional");
  if (targets.rank !== 1) throw fail("targets must be 1-dimensional");
  const [rows, classes] = predictions.shape;
  if (rows !== targets.shape[0]) {
    throw fail(`First dimension of predictions ${rows} must match length of targets ${targets.shape[0]}`);
  }
  const kValue = numbers(k)[0];
  const p = numbers(predictions);
  const t = numbers(targets);
  const out = new Uint8Array(rows);
  for (let b = 0; b < rows; b++) {
    const target = t[b];
    let cannotSay = !(target >= 0 && target < classes) || !Number.isFinite(p[b * classes + target]);
    let moreProbable = 0;
    if (!cannotSay) {
      const targetPrediction = p[b * classes + target];
      for (let c = 0; c < classes; c++) {
        const pred = p[b * classes + c];
        if (!Number.isFinite(pred)) {
          cannotSay = true;
          break;
        }
        if (pred > targetPrediction) {
          moreProbable++;
          if (moreProbable > kValue) break;
        }
      }
    }
    out[b] = cannotSay ? 0 : +(moreProbable < kValue);
  }
  return [new NDArray("bool", [rows], out)];
};

export const nnKernels = {
  Relu: unary((x) => Math.max(x, 0)),
  Relu6: unary((x) => Math.min(Math.max(x, 0), 6)),
  Sigmoid: unary(sigmoid),
  Tanh: unary(Math.tanh),
  Softmax: softmaxKernel(false),
  LogSoftmax: softmaxKernel(true),
  // relu_op.h: ReluGradFunctor: gradients where features > 0.
  ReluGrad: binarySameShape(opDefs.ReluGrad.type, (g, f) => (f > 0 ? g : 0)),
  // relu_op.h: Relu6GradFunctor: gradients where 0 < features < 6.
  Relu6Grad: binarySameShape(opDefs.Relu6Grad.type, (g, f) => (f > 0 && f < 6 ? g : 0)),
  // cwise_ops.h: sigmoid_grad = dy * y * (1 - y); tanh_grad = dy * (1 - y * y).
  SigmoidGrad: binarySameShape(opDefs.SigmoidGrad.type, (y, dy) => dy * y * (1 - y)),
  TanhGrad: binarySameShape(opDefs.TanhGrad.type, (y, dy) => dy * (1 - y * y)),
  // relu_op_functor.h: Elu = x < 0 ? exp(x) - 1 : x; EluGrad(g, y) = y < 0 ? g * (y + 1) : g.
  Elu: unary((x) => (x < 0 ? Math.expm1(x) : x)),
  EluGrad: binarySameShape(opDefs.EluGrad.type, (g, y) => (y < 0 ? g * (y + 1) : g)),
  // softplus_op.h / softplus_op.cc: SoftplusGrad(g, x) = g / (1 + exp(-x)).
  Softplus: unary(softplus),
  SoftplusGrad: binarySameShape(opDefs.SoftplusGrad.type, (g, x) => g / (1 + Math.exp(-x))),
  // relu_op_functor.h: LeakyRelu = x > 0 ? x : alpha * x; LeakyReluGrad(g, x) = x > 0 ? g : alpha * g.
  LeakyRelu: ([x], ctx) => {
    const alpha = alphaOf(ctx);
    return unary((v) => (v > 0 ? v : v * alpha))([x], ctx);
  },
  LeakyReluGrad: (inputs, ctx) => {
    const alpha = alphaOf(ctx);
    return binarySameShape(opDefs.LeakyReluGrad.type, (g, x) => (x > 0 ? g : g * alpha))(inputs, ctx);
  },
  SoftmaxCrossEntropyWithLogits: softmaxXent,
  SparseSoftmaxCrossEntropyWithLogits: sparseSoftmaxXent,
  BiasAdd: biasAddKernel,
  BiasAddGrad: biasAddGradKernel,
  L2Loss: l2LossKernel,
  BatchMatMul: batchMatMulKernel(false),
  BatchMatMulV2: batchMatMulKernel(true),
  // shape_op.h: ShapeNOp (kept with the nn kernels until the array family has it; nn_grad.py's Conv2D grad needs it).
  ShapeN: (inputs) => inputs.map((x) => new NDArray("int32", [x.rank], Int32Array.from(x.shape))),
  ...nnConvKernels,
  InTopKV2: inTopKV2,
} satisfies Record<string, Kernel>;
