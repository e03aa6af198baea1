// nn_impl.py: fused_batch_norm (TF 1.15 builds FusedBatchNormV3: compat.forward_compatible(2019, 6, 6) holds at its
// 2019-08-21 horizon); gen_nn_ops.py: fused_batch_norm_v3, fused_batch_norm_grad_v3 (common_shape_fns.cc:
// FusedBatchNormV3Shape, FusedBatchNormGradShape).
import { ValueError } from "../errors";
import { getDefaultGraph } from "../framework/graph";
import type { Dim, Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { useBatchNormKernels } from "../kernels/reference/nn-batch-norm";
import { constant } from "./array-ops";
import { checkSameType } from "./elementwise";
import { formatIndex } from "./nn-conv-ops";
import {
  checkDtypeAllowed,
  checkStringAttr,
  convertLike,
  dimsEqualMessage,
  rankMessage,
  shapeFnError,
} from "./nn-messages";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";

// The kernels of this family ship with the module that builds its ops (kernels/lazy-kernel-registry.ts).
useBatchNormKernels();

/** The attrs of FusedBatchNormV3 / FusedBatchNormGradV3 (gen_nn_ops.py's keyword arguments). */
export interface FusedBatchNormAttrs {
  epsilon?: number;
  dataFormat?: string;
  isTraining?: boolean;
  name?: string;
}

function attrRecord(type: string, t: Tensor["dtype"], u: Tensor["dtype"], a: FusedBatchNormAttrs) {
  const dataFormat = a.dataFormat ?? "NHWC";
  checkStringAttr(type, "data_format", dataFormat, ["NHWC", "NCHW"]);
  return { T: t, U: u, epsilon: a.epsilon ?? 0.0001, data_format: dataFormat, is_training: a.isTraining ?? true };
}

/**
 * common_shape_fns.cc: FusedBatchNormShape / FusedBatchNormGradShape: x (and y_backprop) rank 4, the vectors rank 1,
 * every length merged with x's channel dim. Returns the merged channel dim.
 */
function channelDim(
  opName: string,
  opType: string,
  inputs: Tensor[],
  images: number[],
  vectors: number[],
  dataFormat: string,
): { channel: Dim; image: Shape } {
  const fail = (message: string) => shapeFnError(message, opName, opType, inputs);
  const c = formatIndex(dataFormat, "C");
  let image: Shape = null;
  let channel: Dim = null;
  for (const i of images) {
    const s = inputs[i].shape;
    // common_shape_fns.cc: WithRank(4), then Merge of the channel dims
    if (s !== null && s.length !== 4) throw fail(rankMessage(4, s.length));
    if (s === null) continue;
    if (channel !== null && s[c] !== null && channel !== s[c]) throw fail(dimsEqualMessage(channel, s[c] as number));
    channel = channel ?? s[c];
    image = image ?? [...s];
  }
  for (const i of vectors) {
    const s = inputs[i].shape;
    if (s !== null && s.length !== 1) throw fail(rankMessage(1, s.length));
    const d = s === null ? null : s[0];
    if (channel !== null && d !== null && channel !== d) throw fail(dimsEqualMessage(channel, d));
    channel = channel ?? d;
  }
  if (image !== null) image[c] = channel;
  return { channel, image: image ?? [null, null, null, null] };
}

/**
 * gen_nn_ops.py: fused_batch_norm_v3(x, scale, offset, mean, variance, epsilon=0.0001, data_format="NHWC",
 * is_training=True, name=None): the op's six outputs (y, batch_mean, batch_variance, reserve_space_1..3).
 */
export function fusedBatchNormV3(
  x: TensorLike,
  scale: TensorLike,
  offset: TensorLike,
  mean: TensorLike,
  variance: TensorLike,
  attrs: FusedBatchNormAttrs = {},
): Tensor[] {
  const type = opDefs.FusedBatchNormV3.type;
  return opScope(attrs.name, type, [x, scale, offset, mean, variance], (scope) => {
    // op_def_library.py: each input converted in order, a type attr checked where it is first inferred.
    const xt = convertToTensor(x, { name: "x" });
    checkDtypeAllowed("x", xt.dtype, ["float16", "bfloat16", "float32"]);
    const s = convertToTensor(scale, { name: "scale" });
    checkDtypeAllowed("scale", s.dtype, ["float32"]);
    const rest = [convertLike(offset, "offset", s.dtype), convertLike(mean, "mean", s.dtype)];
    rest.push(convertLike(variance, "variance", s.dtype));
    const u = checkSameType(type, ["scale", "offset", "mean", "variance"], [s, ...rest]);
    const a = attrRecord(type, xt.dtype, u, attrs);
    const inputs = [xt, s, ...rest];
    const vectors = a.is_training ? [1, 2] : [1, 2, 3, 4];
    const { channel, image } = channelDim(scope.slice(0, -1), type, inputs, [0], vectors, a.data_format);
    const vec: Shape = [channel];
    return createOp(opDefs.FusedBatchNormV3, inputs, {
      name: scope,
      attrs: a,
      shapes: [image, vec, vec, vec, vec, null],
    }).outputs;
  });
}

/**
 * gen_nn_ops.py: fused_batch_norm_grad_v3(y_backprop, x, scale, reserve_space_1, reserve_space_2, reserve_space_3,
 * ...): x_backprop, scale_backprop, offset_backprop, reserve_space_4, reserve_space_5. Built by the gradient of a
 * FusedBatchNormV3, whose dtypes tf.nn.fusedBatchNorm already checked, so only their agreement is checked here.
 */
export function fusedBatchNormGradV3(
  yBackprop: TensorLike,
  x: TensorLike,
  scale: TensorLike,
  reserveSpace1: TensorLike,
  reserveSpace2: TensorLike,
  reserveSpace3: TensorLike,
  attrs: FusedBatchNormAttrs = {},
): Tensor[] {
  const type = opDefs.FusedBatchNormGradV3.type;
  return opScope(attrs.name, type, [yBackprop, x, scale, reserveSpace1, reserveSpace2, reserveSpace3], (scope) => {
    const dy = convertToTensor(yBackprop, { name: "y_backprop" });
    const xt = convertLike(x, "x", dy.dtype);
    checkSameType(type, ["y_backprop", "x"], [dy, xt]);
    const s = convertToTensor(scale, { name: "scale" });
    const r1 = convertToTensor(reserveSpace1, { name: "reserve_space_1" });
    const r2 = convertLike(reserveSpace2, "reserve_space_2", r1.dtype);
    const r3 = convertLike(reserveSpace3, "reserve_space_3", r1.dtype);
    const u = checkSameType(type, ["reserve_space_1", "reserve_space_2", "reserve_space_3"], [r1, r2, r3]);
    const a = attrRecord(type, dy.dtype, u, attrs);
    const inputs = [dy, xt, s, r1, r2, r3];
    const { channel, image } = channelDim(scope.slice(0, -1), type, inputs, [0, 1], [2, 3, 4], a.data_format);
    const reserve: Shape = a.is_training ? [0] : [channel];
    return createOp(opDefs.FusedBatchNormGradV3, inputs, {
      name: scope,
      attrs: a,
      shapes: [image, [channel], [channel], reserve, reserve],
    }).outputs;
  });
}

export interface FusedBatchNormOptions {
  mean?: TensorLike | null;
  variance?: TensorLike | null;
  epsilon?: number;
  dataFormat?: string;
  isTraining?: boolean;
  name?: string;
}

/** A trailing plain object is the options object (API.md: the mapping rule). */
function isOptions(value: unknown): value is FusedBatchNormOptions {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** nn_impl.py: min_epsilon, cuDNN's floor (cudnn.h). */
const MIN_EPSILON = 1.001e-5;

/**
 * nn_impl.py: fused_batch_norm(x, scale, offset, mean=None, variance=None, epsilon=0.001, data_format="NHWC",
 * is_training=True, name=None), returning [y, batch_mean, batch_var]. x, scale and offset are converted before any
 * scope (`input`, `scale`, `offset`); a missing mean or variance is an empty float32 `Const`.
 */
export function fusedBatchNorm(
  x: TensorLike,
  scale: TensorLike,
  offset: TensorLike,
  mean?: TensorLike | FusedBatchNormOptions | null,
  variance?: TensorLike | FusedBatchNormOptions | null,
  options: FusedBatchNormOptions = {},
): [Tensor, Tensor, Tensor] {
  let opts = options;
  if (isOptions(mean)) opts = mean;
  else if (isOptions(variance)) opts = variance;
  const m = (isOptions(mean) ? null : mean) ?? opts.mean ?? null;
  const v = (isOptions(mean) || isOptions(variance) ? null : variance) ?? opts.variance ?? null;
  // nn_impl.py opens no name scope; the conversions run atomically with the op so a failure leaves no Consts.
  return getDefaultGraph().atomically(() => {
    const xt = convertToTensor(x, { name: "input" });
    const s = convertToTensor(scale, { name: "scale" });
    const o = convertToTensor(offset, { name: "offset" });
    const isTraining = opts.isTraining ?? true;
    if (isTraining && (m !== null || v !== null)) {
      // nn_impl.py: fused_batch_norm
      throw new ValueError("Both 'mean' and 'variance' must be None if is_training is True.");
    }
    const meanT = m ?? constant([]);
    const varianceT = v ?? constant([]);
    const epsilon = opts.epsilon ?? 0.001;
    const [y, batchMean, batchVar] = fusedBatchNormV3(xt, s, o, meanT, varianceT, {
      epsilon: epsilon > MIN_EPSILON ? epsilon : MIN_EPSILON,
      dataFormat: opts.dataFormat ?? "NHWC",
      isTraining,
      name: opts.name,
    });
    return [y, batchMean, batchVar];
  });
}
