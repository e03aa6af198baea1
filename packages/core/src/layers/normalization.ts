// layers/normalization.py (TF 1.15): tf.layers.BatchNormalization and batch_normalization, on keras/layers/
// normalization.py's BatchNormalization (V1): fused (FusedBatchNormV3, 4-D inputs, axis 1 or 3) or moments +
// batch_normalization, `training` a bool or a Tensor (tf_utils.smart_cond), moving averages by AssignMovingAvg.
import { ValueError } from "../errors";
import { float32 } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import { asShape, type Shape, type ShapeLike } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { constant, reshape } from "../ops/array-ops";
import { binaryOp } from "../ops/elementwise";
import { fusedBatchNorm } from "../ops/nn-batch-norm-ops";
import { moments, batchNormalization as nnBatchNormalization } from "../ops/nn-impl";
import { convertToTensor, type TensorLike } from "../ops/op-builder";
import { opDefs } from "../ops/op-defs";
import { assignSub } from "../ops/state-ops";
import type { VariableScope } from "../scopes/variable-scope";
import type { ReuseMode } from "../scopes/variable-store";
import { ones, zeros } from "../variables/initializers";
import type { Variable } from "../variables/variable";
import { Layer, type LayerOptions, type LayerRegularizer } from "./base";
import type { Constraint } from "./core-dense";
import { InputSpec } from "./input-spec";
import { convMessages, messages, tensorShapeStr } from "./messages";
import { constantValue, smartCond, type Training } from "./smart-cond";

export interface BatchNormalizationOptions extends LayerOptions {
  axis?: number | number[];
  momentum?: number;
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  betaInitializer?: unknown;
  gammaInitializer?: unknown;
  movingMeanInitializer?: unknown;
  movingVarianceInitializer?: unknown;
  betaRegularizer?: LayerRegularizer | null;
  gammaRegularizer?: LayerRegularizer | null;
  betaConstraint?: Constraint | null;
  gammaConstraint?: Constraint | null;
  /** Not ported: batch renormalization. */
  renorm?: boolean;
  /** null (default) or true: fused when possible (4-D input, axis 1 or 3); false: moments + batch_normalization. */
  fused?: boolean | null;
  /** Not ported. */
  virtualBatchSize?: number | null;
}

export interface BatchNormalizationCallOptions {
  /** A boolean, or a bool Tensor (a placeholder builds `cond`s); false by default. */
  training?: Training;
}

/** Python's `x - y` and `x * y` on tensors (math_ops' operator wrappers: ops `sub`, `mul`). */
const pySub = (x: TensorLike, y: TensorLike): Tensor =>
  binaryOp(opDefs.Sub.type, x, y, undefined, { operatorName: "sub" });
const pyMul = (x: TensorLike, y: TensorLike): Tensor =>
  binaryOp(opDefs.Mul.type, x, y, undefined, { operatorName: "mul" });

/** layers/normalization.py: BatchNormalization (keras BatchNormalization V1). */
export class BatchNormalization extends Layer {
  static override readonly className: string = "BatchNormalization";

  axis: number | number[];
  momentum: number;
  epsilon: number;
  center: boolean;
  scale: boolean;
  fused: boolean;
  betaInitializer: unknown;
  gammaInitializer: unknown;
  movingMeanInitializer: unknown;
  movingVarianceInitializer: unknown;
  betaRegularizer: LayerRegularizer | null;
  gammaRegularizer: LayerRegularizer | null;
  betaConstraint: Constraint | null;
  gammaConstraint: Constraint | null;
  gamma: Variable | null = null;
  beta: Variable | null = null;
  movingMean!: Variable;
  movingVariance!: Variable;
  private gammaConst: Tensor | null = null;
  private betaConst: Tensor | null = null;
  private dataFormat = "NHWC";

  /** `new tf.layers.BatchNormalization({ axis, momentum, epsilon, center, scale, ..., fused, name })` */
  constructor(options: BatchNormalizationOptions = {}) {
    super(options);
    const axis = options.axis ?? -1;
    // keras/layers/normalization.py: BatchNormalizationBase.__init__
    if (!Array.isArray(axis) && typeof axis !== "number") throw new TypeError(convMessages.axisType(axis));
    this.axis = Array.isArray(axis) ? [...axis] : axis;
    if (options.renorm) throw new ValueError(convMessages.notPorted(this.name, "renorm"));
    if (options.virtualBatchSize !== undefined && options.virtualBatchSize !== null) {
      throw new ValueError(convMessages.notPorted(this.name, "virtual_batch_size"));
    }
    this.momentum = options.momentum ?? 0.99;
    this.epsilon = options.epsilon ?? 1e-3;
    this.center = options.center ?? true;
    this.scale = options.scale ?? true;
    this.betaInitializer = options.betaInitializer ?? zeros();
    this.gammaInitializer = options.gammaInitializer ?? ones();
    this.movingMeanInitializer = options.movingMeanInitializer ?? zeros();
    this.movingVarianceInitializer = options.movingVarianceInitializer ?? ones();
    this.betaRegularizer = options.betaRegularizer ?? null;
    this.gammaRegularizer = options.gammaRegularizer ?? null;
    this.betaConstraint = options.betaConstraint ?? null;
    this.gammaConstraint = options.gammaConstraint ?? null;
    // V1: fused=None means True, narrowed in build.
    this.fused = options.fused ?? true;
    this.supportsMasking = true;
  }

  /** keras BatchNormalizationBase.build */
  override build(inputShape: ShapeLike): void {
    const shape = asShape(inputShape);
    // keras/layers/normalization.py: BatchNormalizationBase.build
    if (shape === null || shape.length === 0) throw new ValueError(convMessages.undefinedRank(tensorShapeStr(shape)));
    const ndims = shape.length;
    let axis = typeof this.axis === "number" ? [this.axis] : [...this.axis];
    axis = axis.map((x) => (x < 0 ? ndims + x : x));
    for (const x of axis) if (x < 0 || x >= ndims) throw new ValueError(convMessages.invalidAxis(x));
    if (new Set(axis).size !== axis.length) throw new ValueError(convMessages.duplicateAxis(axis));
    this.axis = axis;
    if (this.fused) {
      // _fused_can_be_used: one axis among -3, -1, 1, 3 (the original spelling), 4-D input.
      this.fused = ndims === 4 && axis.length === 1 && (axis[0] === 1 || axis[0] === 3);
    }
    if (this.fused) this.dataFormat = axis[0] === 1 ? "NCHW" : "NHWC";
    const axisToDim: Record<number, number> = {};
    for (const x of axis) {
      const d = shape[x];
      if (d === null) throw new ValueError(convMessages.undefinedAxisDim(tensorShapeStr(shape)));
      axisToDim[x] = d;
    }
    this.inputSpec = new InputSpec({ ndim: ndims, axes: axisToDim });
    const paramShape = axis.length === 1 ? [axisToDim[axis[0]]] : shape.map((_, i) => axisToDim[i] ?? 1);
    const dtype = this.dtype === null || this.dtype.name === "float16" ? float32 : this.dtype;
    if (this.scale) {
      this.gamma = this.addWeight("gamma", paramShape, {
        dtype,
        initializer: this.gammaInitializer,
        regularizer: this.gammaRegularizer,
        constraint: this.gammaConstraint,
        trainable: true,
      });
    } else if (this.fused) {
      this.gammaConst = constant(1.0, { dtype, shape: paramShape });
    }
    if (this.center) {
      this.beta = this.addWeight("beta", paramShape, {
        dtype,
        initializer: this.betaInitializer,
        regularizer: this.betaRegularizer,
        constraint: this.betaConstraint,
        trainable: true,
      });
    } else if (this.fused) {
      this.betaConst = constant(0.0, { dtype, shape: paramShape });
    }
    this.movingMean = this.addWeight("moving_mean", paramShape, {
      dtype,
      initializer: this.movingMeanInitializer,
      trainable: false,
    });
    this.movingVariance = this.addWeight("moving_variance", paramShape, {
      dtype,
      initializer: this.movingVarianceInitializer,
      trainable: false,
    });
    this.built = true;
  }

  /** keras BatchNormalizationBase._fused_batch_norm */
  private fusedBatchNorm(inputs: Tensor, training: Training): Tensor {
    const beta = this.center ? (this.beta as Variable) : (this.betaConst as Tensor);
    const gamma = this.scale ? (this.gamma as Variable) : (this.gammaConst as Tensor);
    const [output, mean, variance] = smartCond(
      training,
      () => fusedBatchNorm(inputs, gamma, beta, { epsilon: this.epsilon, dataFormat: this.dataFormat }),
      () =>
        fusedBatchNorm(inputs, gamma, beta, {
          mean: this.movingMean,
          variance: this.movingVariance,
          epsilon: this.epsilon,
          isTraining: false,
          dataFormat: this.dataFormat,
        }),
    );
    const trainingValue = constantValue(training);
    const momentum =
      trainingValue === null
        ? smartCond(
            training,
            () => convertToTensor(this.momentum, { dtype: float32 }),
            () => convertToTensor(1.0, { dtype: float32 }),
          )
        : convertToTensor(this.momentum, { dtype: float32 });
    if (trainingValue || trainingValue === null) {
      this.addUpdate(() => kerasAssignMovingAverage(this.movingMean, mean, momentum));
      this.addUpdate(() => kerasAssignMovingAverage(this.movingVariance, variance, momentum));
    }
    return output;
  }

  /** layers/normalization.py: BatchNormalization.call(inputs, training=False) */
  override call(inputs: Tensor, options: BatchNormalizationCallOptions = {}): Tensor {
    const training = options.training === undefined ? false : options.training;
    // keras' training=None is K.learning_phase(), a placeholder_with_default scopeflow does not keep.
    if (training === null) throw new TypeError(messages.needsCond(this.name));
    if (this.fused) return this.fusedBatchNorm(inputs, training);
    const inputShape = inputs.shape as (number | null)[];
    const ndims = inputShape.length;
    const axis = this.axis as number[];
    const reductionAxes = inputShape.map((_, i) => i).filter((i) => !axis.includes(i));
    const broadcastShape = inputShape.map(() => 1);
    broadcastShape[axis[0]] = inputShape[axis[0]] as number;
    const lastOnly = reductionAxes.length === ndims - 1 && reductionAxes.every((a, i) => a === i);
    const broadcast = <T extends Tensor | Variable | null>(v: T): T | Tensor =>
      v !== null && (v.shape?.length ?? 0) !== ndims && !lastOnly ? reshape(v, broadcastShape) : v;
    const scale = broadcast(this.gamma);
    const offset = broadcast(this.beta);
    let mean: Tensor | Variable;
    let variance: Tensor | Variable;
    if (constantValue(training) === false) {
      [mean, variance] = [this.movingMean, this.movingVariance];
    } else {
      const keepDims = axis.length > 1;
      const [batchMean, batchVariance] = moments(inputs, reductionAxes, { keepDims });
      mean = smartCond(
        training,
        () => batchMean,
        () => convertToTensor(this.movingMean),
      );
      variance = smartCond(
        training,
        () => batchVariance,
        () => convertToTensor(this.movingVariance),
      );
      const [newMean, newVariance] = [mean, variance];
      this.addUpdate(() =>
        smartCond(
          training,
          () => kerasAssignMovingAverage(this.movingMean, newMean as Tensor, this.momentum),
          () => convertToTensor(this.movingMean),
        ),
      );
      this.addUpdate(() =>
        smartCond(
          training,
          () => kerasAssignMovingAverage(this.movingVariance, newVariance as Tensor, this.momentum),
          () => convertToTensor(this.movingVariance),
        ),
      );
    }
    const outputs = nnBatchNormalization(inputs, broadcast(mean), broadcast(variance), offset, scale, this.epsilon);
    outputs.setShape(inputShape);
    return outputs;
  }

  /** `layer(inputs, { training? })` */
  override apply(
    inputs: TensorLike,
    options?: BatchNormalizationCallOptions & { scope?: string | VariableScope },
  ): Tensor {
    return options ? super.apply(inputs, options) : super.apply(inputs);
  }

  /** keras BatchNormalizationBase.compute_output_shape */
  override computeOutputShape(inputShape: ShapeLike): Shape {
    return asShape(inputShape);
  }
}

export interface BatchNormalizationFunctionOptions
  extends Omit<BatchNormalizationOptions, "name" | "_scope" | "_reuse">,
    BatchNormalizationCallOptions {
  name?: string | VariableScope | null;
  reuse?: ReuseMode | null;
}

/**
 * layers/normalization.py: batch_normalization(inputs, axis=-1, momentum=0.99, epsilon=1e-3, ..., training=False,
 * trainable=True, name=None, reuse=None, ..., fused=None): `tf.layers.batchNormalization(x, { training, name })`.
 * Its moving-average updates also go to UPDATE_OPS.
 */
export function batchNormalization(inputs: TensorLike, options: BatchNormalizationFunctionOptions = {}): Tensor {
  const { training, reuse, name, ...rest } = options;
  return getDefaultGraph().atomically(() => {
    const layer = new BatchNormalization({ ...rest, name: name ?? null, _scope: name ?? null, _reuse: reuse ?? null });
    return layer.apply(inputs, { training: training === undefined ? false : training });
  });
}

/**
 * keras BatchNormalizationBase._assign_moving_average (also what contrib's batch_norm builds on its default path):
 * `AssignSub(var, (var - value) * decay)` in `AssignMovingAvg`, `decay = 1 - momentum`.
 */
export function kerasAssignMovingAverage(variable: Variable, value: Tensor, momentum: number | Tensor): Tensor {
  return getDefaultGraph().nameScope("AssignMovingAvg", (scope) => {
    const decay =
      momentum instanceof Tensor
        ? pySub(1.0, momentum)
        : convertToTensor(1.0 - momentum, { name: "decay", dtype: variable.dtype });
    const delta = pyMul(pySub(variable, value), decay);
    return assignSub(variable, delta, { name: scope });
  });
}
