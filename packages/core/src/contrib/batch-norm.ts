// contrib/layers/python/layers/layers.py (TF 1.15): batch_norm and _fused_batch_norm. With the default
// updates_collections (UPDATE_OPS) and a 4-D input, contrib builds tf.layers' BatchNormalization (fused: keras'
// _fused_batch_norm, updates from _assign_moving_average, collected into UPDATE_OPS by the layer); with a 2-D
// input, zero_debias_moving_mean or other updates_collections it builds its own _fused_batch_norm with
// moving_averages.assign_moving_average. The non-fused paths (fused=False, other ranks, batch_weights, renorm) and
// zero debiasing are not ported: they raise a ValueError saying so.
import { ValueError } from "../errors";
import { float32 } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import { asShape, type ShapeLike } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { Layer, type LayerRegularizer } from "../layers/base";
import { kerasAssignMovingAverage } from "../layers/normalization";
import { constant, identity, reshape, shape as shapeOf } from "../ops/array-ops";
import { controlDependencies } from "../ops/control-flow-ops";
import { fusedBatchNorm } from "../ops/nn-batch-norm-ops";
import { convertToTensor, type TensorLike } from "../ops/op-builder";
import { positionalArgs } from "../ops/positional-args";
import { variableScope } from "../scopes/variable-scope";
import type { ReuseMode } from "../scopes/variable-store";
import { assignMovingAverage as trainAssignMovingAverage } from "../train/moving-averages";
import { ones, zeros } from "../variables/initializers";
import type { Variable } from "../variables/variable";
import { addArgScope } from "./arg-scope";
import {
  addVariableToCollections,
  buildVariableGetter,
  collectNamedOutputs,
  constantValue,
  getVariableCollections,
  type IsTraining,
  type OutputsCollections,
  smartCond,
  type VariablesCollections,
} from "./layers-utils";
import { modelVariable } from "./variables";

export interface BatchNormOptions {
  decay?: number;
  center?: boolean;
  scale?: boolean;
  epsilon?: number;
  activationFn?: ((x: Tensor) => Tensor) | null;
  /** Initializers by name: `beta`, `gamma`, `moving_mean`, `moving_variance`. */
  paramInitializers?: Record<string, unknown> | null;
  /** Regularizers by name: `beta`, `gamma`. */
  paramRegularizers?: Record<string, LayerRegularizer | null | undefined> | null;
  /** UPDATE_OPS by default; `null` runs the updates with the output (control dependencies). */
  updatesCollections?: string | readonly string[] | null;
  isTraining?: IsTraining;
  reuse?: ReuseMode | null;
  variablesCollections?: VariablesCollections;
  outputsCollections?: OutputsCollections;
  trainable?: boolean;
  batchWeights?: TensorLike | null;
  fused?: boolean | null;
  dataFormat?: string;
  zeroDebiasMovingMean?: boolean;
  scope?: string | null;
  renorm?: boolean;
  renormClipping?: unknown;
  renormDecay?: number;
  adjustment?: unknown;
}

const BATCH_NORM_KWARGS = [
  "decay",
  "center",
  "scale",
  "epsilon",
  "activationFn",
  "paramInitializers",
  "paramRegularizers",
  "updatesCollections",
  "isTraining",
  "reuse",
  "variablesCollections",
  "outputsCollections",
  "trainable",
  "batchWeights",
  "fused",
  "dataFormat",
  "zeroDebiasMovingMean",
  "scope",
  "renorm",
  "renormClipping",
  "renormDecay",
  "adjustment",
] as const;

const notPorted = (what: string) => new ValueError(`batch_norm(): ${what} is not supported by scopeflow yet.`);

interface Resolved {
  decay: number;
  center: boolean;
  scale: boolean;
  epsilon: number;
  init: Record<string, unknown>;
  reg: Record<string, LayerRegularizer | null | undefined>;
  isTraining: IsTraining;
  dataFormat: string;
}

/** keras/layers/normalization.py: BatchNormalization, fused (4-D, axis 1 or 3), as tf.layers builds it for contrib. */
class ContribBatchNormalization extends Layer {
  static override readonly className: string = "BatchNormalization";
  gamma: Variable | null = null;
  beta: Variable | null = null;
  movingMean!: Variable;
  movingVariance!: Variable;
  private gammaConst: Tensor | null = null;
  private betaConst: Tensor | null = null;

  constructor(
    private readonly r: Resolved,
    options: { name: string; _scope: unknown; _reuse: ReuseMode | null; trainable: boolean },
  ) {
    super(options as never);
  }

  private get axis(): number {
    return this.r.dataFormat === "NCHW" ? 1 : 3;
  }

  override build(inputShape: ShapeLike): void {
    const shape = asShape(inputShape);
    const dim = shape === null ? null : (shape[this.axis] ?? null);
    if (dim === null) {
      // keras/layers/normalization.py: BatchNormalization.build
      throw new ValueError(`('Input has undefined \`axis\` dimension. Input shape: ', ${formatShape(shape)})`);
    }
    const paramShape = [dim];
    const { init, reg } = this.r;
    if (this.r.scale) {
      this.gamma = this.addWeight("gamma", paramShape, {
        initializer: init.gamma ?? ones(),
        regularizer: reg.gamma ?? null,
        trainable: true,
      });
    } else this.gammaConst = constant(1.0, { dtype: float32, shape: paramShape });
    if (this.r.center) {
      this.beta = this.addWeight("beta", paramShape, {
        initializer: init.beta ?? zeros(),
        regularizer: reg.beta ?? null,
        trainable: true,
      });
    } else this.betaConst = constant(0.0, { dtype: float32, shape: paramShape });
    this.movingMean = this.addWeight("moving_mean", paramShape, {
      initializer: init.moving_mean ?? zeros(),
      trainable: false,
    });
    this.movingVariance = this.addWeight("moving_variance", paramShape, {
      initializer: init.moving_variance ?? ones(),
      trainable: false,
    });
    this.built = true;
  }

  /** keras/layers/normalization.py: BatchNormalization._fused_batch_norm */
  override call(inputs: Tensor, options: { training?: IsTraining } = {}): Tensor {
    const training = options.training ?? true;
    const gamma = (this.gamma ?? this.gammaConst) as Tensor;
    const beta = (this.beta ?? this.betaConst) as Tensor;
    const { epsilon, dataFormat } = this.r;
    const [output, mean, variance] = smartCond(
      training,
      () => fusedBatchNorm(inputs, gamma, beta, { epsilon, dataFormat }),
      () =>
        fusedBatchNorm(inputs, gamma, beta, this.movingMean, this.movingVariance, {
          epsilon,
          isTraining: false,
          dataFormat,
        }),
    );
    const trainingValue = constantValue(training);
    const momentum =
      trainingValue === null
        ? smartCond(
            training,
            () => convertToTensor(this.r.decay, { dtype: float32 }),
            () => convertToTensor(1.0, { dtype: float32 }),
          )
        : convertToTensor(this.r.decay, { dtype: float32 });
    if (trainingValue !== false) {
      this.addUpdate(() => kerasAssignMovingAverage(this.movingMean, mean, momentum));
      this.addUpdate(() => kerasAssignMovingAverage(this.movingVariance, variance, momentum));
    }
    return output;
  }
}

function formatShape(shape: readonly (number | null)[] | null): string {
  if (shape === null) return "TensorShape(None)";
  return `TensorShape([${shape.map((d) => (d === null ? "Dimension(None)" : `Dimension(${d})`)).join(", ")}])`;
}

/** layers.py: _fused_batch_norm: contrib's own, for 2-D inputs and other updates_collections. */
function contribFusedBatchNorm(inputs: TensorLike, r: Resolved, o: BatchNormOptions): Tensor {
  return variableScope(
    o.scope ?? null,
    { defaultName: "BatchNorm", values: [inputs], reuse: o.reuse ?? null },
    (sc) => {
      let x = convertToTensor(inputs);
      const originalInputs = x;
      const originalShape = x.shape;
      if (originalShape === null) {
        // layers.py: _fused_batch_norm
        throw new ValueError(`Inputs ${x.name} has undefined rank`);
      }
      const rank = originalShape.length;
      if (rank !== 2 && rank !== 4) {
        // layers.py: _fused_batch_norm
        throw new ValueError(`Inputs ${x.name} has unsupported rank. Expected 2 or 4 but got ${rank}`);
      }
      if (rank === 2) {
        const channels = originalShape[1];
        if (channels === null) {
          // layers.py: _fused_batch_norm
          throw new ValueError("`C` dimension must be known but is None");
        }
        x = reshape(x, r.dataFormat === "NCHW" ? [-1, channels, 1, 1] : [-1, 1, 1, channels]);
      }
      const inputsShape = x.shape as (number | null)[];
      const c = r.dataFormat === "NHWC" ? inputsShape[3] : inputsShape[1];
      if (c === null) {
        // layers.py: _fused_batch_norm
        throw new ValueError(`Inputs ${x.name} has undefined \`C\` dimension [None].`);
      }
      const paramsShape = [c];
      const trainable = o.trainable ?? true;
      const vc = o.variablesCollections;
      const beta = r.center
        ? modelVariable("beta", {
            shape: paramsShape,
            dtype: float32,
            initializer: r.init.beta ?? zeros(),
            regularizer: (r.reg.beta ?? null) as never,
            collections: getVariableCollections(vc, "beta"),
            trainable,
          })
        : constant(0.0, { dtype: float32, shape: paramsShape });
      const gamma = r.scale
        ? modelVariable("gamma", {
            shape: paramsShape,
            dtype: float32,
            initializer: r.init.gamma ?? ones(),
            regularizer: (r.reg.gamma ?? null) as never,
            collections: getVariableCollections(vc, "gamma"),
            trainable,
          })
        : constant(1.0, { dtype: float32, shape: paramsShape });
      // TF re-enters the current variable scope to clear its partitioner (no partitioners here).
      const [movingMean, movingVariance] = variableScope(sc, (_local) => [
        modelVariable("moving_mean", {
          shape: paramsShape,
          dtype: float32,
          initializer: r.init.moving_mean ?? zeros(),
          trainable: false,
          collections: getVariableCollections(vc, "moving_mean"),
        }),
        modelVariable("moving_variance", {
          shape: paramsShape,
          dtype: float32,
          initializer: r.init.moving_variance ?? ones(),
          trainable: false,
          collections: getVariableCollections(vc, "moving_variance"),
        }),
      ]);
      const { epsilon, dataFormat } = r;
      let [outputs, mean, variance] = smartCond(
        r.isTraining,
        () => fusedBatchNorm(x, gamma, beta, { epsilon, dataFormat }),
        () => fusedBatchNorm(x, gamma, beta, movingMean, movingVariance, { epsilon, isTraining: false, dataFormat }),
      );
      const isTrainingValue = constantValue(r.isTraining);
      if (isTrainingValue === null || isTrainingValue) {
        const updates = o.updatesCollections === undefined ? GraphKeys.UPDATE_OPS : o.updatesCollections;
        if (updates === null) {
          const forceUpdates = () => {
            const updateMean = trainAssignMovingAverage(movingMean, mean, r.decay, { zeroDebias: false });
            const updateVariance = trainAssignMovingAverage(movingVariance, variance, r.decay, { zeroDebias: false });
            return controlDependencies([updateMean, updateVariance], () => identity(outputs));
          };
          outputs = smartCond(r.isTraining, forceUpdates, () => outputs);
        } else {
          const delayUpdates = (): [Tensor, Tensor] => [
            trainAssignMovingAverage(movingMean, mean, r.decay, { zeroDebias: false }),
            trainAssignMovingAverage(movingVariance, variance, r.decay, { zeroDebias: false }),
          ];
          const [updateMean, updateVariance] = smartCond(r.isTraining, delayUpdates, () => [
            movingMean as unknown as Tensor,
            movingVariance as unknown as Tensor,
          ]);
          const graph = getDefaultGraph();
          for (const key of typeof updates === "string" ? [updates] : [...new Set(updates)]) {
            graph.addToCollection(key, updateMean);
            graph.addToCollection(key, updateVariance);
          }
        }
      }
      outputs.setShape(inputsShape);
      if (rank === 2) outputs = reshape(outputs, shapeOf(originalInputs));
      if (o.activationFn) outputs = o.activationFn(outputs);
      return collectNamedOutputs(o.outputsCollections, sc.originalNameScope, outputs);
    },
  );
}

/**
 * layers.py: batch_norm(inputs, decay=0.999, center=True, scale=False, epsilon=0.001, activation_fn=None, ...,
 * updates_collections=UPDATE_OPS, is_training=True, ..., fused=None, data_format='NHWC', ...): variables
 * `BatchNorm/beta`, `BatchNorm/gamma` (with `scale`), `BatchNorm/moving_mean`, `BatchNorm/moving_variance`; the
 * updates `BatchNorm/AssignMovingAvg` and `BatchNorm/AssignMovingAvg_1`.
 */
function batchNormImpl(inputs: TensorLike, ...args: unknown[]): Tensor {
  const o = positionalArgs<BatchNormOptions>("batch_norm", [...BATCH_NORM_KWARGS], args);
  const fused = o.fused ?? true;
  const updates = o.updatesCollections === undefined ? GraphKeys.UPDATE_OPS : o.updatesCollections;
  const r: Resolved = {
    decay: o.decay ?? 0.999,
    center: o.center ?? true,
    scale: o.scale ?? false,
    epsilon: o.epsilon ?? 0.001,
    init: o.paramInitializers ?? {},
    reg: o.paramRegularizers ?? {},
    isTraining: o.isTraining ?? true,
    dataFormat: o.dataFormat ?? "NHWC",
  };
  return getDefaultGraph().atomically(() => {
    const x = convertToTensor(inputs);
    const rank = x.shape === null ? null : x.shape.length;
    const batchWeights = o.batchWeights ?? null;
    const possibleToFuse = batchWeights === null && !o.renorm && (rank === 2 || rank === 4) && !o.adjustment;
    const defaultUpdates = updates === GraphKeys.UPDATE_OPS;
    if (fused && possibleToFuse && (o.zeroDebiasMovingMean || rank === 2 || !defaultUpdates)) {
      if (r.dataFormat !== "NCHW" && r.dataFormat !== "NHWC") {
        // layers.py: _fused_batch_norm
        throw new ValueError("data_format has to be either NCHW or NHWC.");
      }
      if (o.zeroDebiasMovingMean) throw notPorted("zero_debias_moving_mean=True");
      return contribFusedBatchNorm(x, r, o);
    }
    if (r.dataFormat !== "NCHW" && r.dataFormat !== "NHWC") {
      // layers.py: batch_norm
      throw new ValueError("data_format has to be either NCHW or NHWC.");
    }
    if (!(batchWeights === null && defaultUpdates && !o.zeroDebiasMovingMean)) {
      throw notPorted("the legacy (non-fused) implementation (batch_weights, zero debiasing)");
    }
    if (rank === null) {
      // keras/layers/normalization.py: BatchNormalization.build
      throw new ValueError("('Input has undefined rank:', TensorShape(None))");
    }
    if (!fused || rank !== 4 || o.renorm || o.adjustment) {
      throw notPorted("the non-fused BatchNormalization (fused=False, renorm, or an input of rank other than 2 or 4)");
    }
    return variableScope(
      o.scope ?? null,
      { defaultName: "BatchNorm", values: [x], reuse: o.reuse ?? null, customGetter: buildVariableGetter() },
      (sc) => {
        const layer = new ContribBatchNormalization(r, {
          name: sc.name,
          _scope: sc,
          _reuse: o.reuse ?? null,
          trainable: o.trainable ?? true,
        });
        let outputs = layer.apply(x, { training: r.isTraining });
        addVariableToCollections(layer.movingMean, o.variablesCollections, "moving_mean");
        addVariableToCollections(layer.movingVariance, o.variablesCollections, "moving_variance");
        if (layer.beta) addVariableToCollections(layer.beta, o.variablesCollections, "beta");
        if (layer.gamma) addVariableToCollections(layer.gamma, o.variablesCollections, "gamma");
        if (o.activationFn) outputs = o.activationFn(outputs);
        return collectNamedOutputs(o.outputsCollections, sc.originalNameScope, outputs);
      },
    );
  });
}

/** `slim.batchNorm(inputs, { decay?, center?, scale?, epsilon?, isTraining?, updatesCollections?, ... })` (arg-scoped). */
export const batchNorm = /* @__PURE__ */ addArgScope(batchNormImpl, {
  name: "batch_norm",
  kwargNames: BATCH_NORM_KWARGS,
});
