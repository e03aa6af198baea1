// layers/core.py (TF 1.15): tf.layers.Dropout and tf.layers.dropout, on keras/layers/core.py's Dropout:
// tf_utils.smart_cond(training, nn.dropout(...), identity(inputs)) in the layer's name scope.
import { getDefaultGraph } from "../framework/graph";
import { Tensor } from "../framework/tensor";
import { identity, shape as shapeOf } from "../ops/array-ops";
import { dropout as nnDropout } from "../ops/nn-dropout";
import { convertToTensor, type TensorLike } from "../ops/op-builder";
import { constantValue } from "../ops/shape-inference";
import { stack } from "../ops/slicing-ops";
import { indexTensor } from "../ops/tensor-index";
import { Layer, type LayerOptions } from "./base";
import { messages } from "./messages";

export interface DropoutLayerOptions extends LayerOptions {
  /** The fraction of units dropped (a number or a scalar Tensor); 0.5 by default. */
  rate?: TensorLike;
  /** The mask's shape; `null` entries take the input's dimension at run time. */
  noiseShape?: readonly (number | null)[] | null;
  seed?: number | null;
}

/** Whether to apply dropout: a boolean, 0 or 1, or a Tensor whose value is known when the graph is built. */
export type Training = boolean | number | Tensor | null;

export interface DropoutCallOptions {
  training?: Training;
}

/** smart_cond.py: smart_constant_value: a pred's value when known now; a run-time pred needs control_flow_ops.cond. */
function smartConstantValue(pred: Training, layer: string): boolean {
  if (pred === 0 || pred === 1) return pred === 1;
  if (typeof pred === "boolean") return pred;
  if (pred instanceof Tensor) {
    const value = constantValue(pred);
    // scopeflow: tf.cond is not built yet; TF would build one here.
    if (value === null || value.length !== 1) throw new TypeError(messages.needsCond(layer));
    return value[0] !== 0;
  }
  // smart_cond.py: smart_constant_value
  throw new TypeError(messages.predType(pred));
}

/** layers/core.py: Dropout (keras/layers/core.py: Dropout): zeroes a fraction `rate` of units when training. */
export class Dropout extends Layer {
  static override readonly className: string = "Dropout";

  rate: TensorLike;
  noiseShape: readonly (number | null)[] | null;
  seed: number | null;

  /** `new tf.layers.Dropout(rate?, { noiseShape?, seed?, name? })` */
  constructor(rateOrOptions?: TensorLike | DropoutLayerOptions, options: DropoutLayerOptions = {}) {
    const o: DropoutLayerOptions =
      typeof rateOrOptions === "object" &&
      rateOrOptions !== null &&
      Object.getPrototypeOf(rateOrOptions) === Object.prototype
        ? { ...(rateOrOptions as DropoutLayerOptions), ...options }
        : { ...options, rate: (rateOrOptions as TensorLike | undefined) ?? options.rate };
    super(o);
    this.rate = o.rate ?? 0.5;
    this.noiseShape = o.noiseShape ?? null;
    this.seed = o.seed ?? null;
    this.supportsMasking = true;
  }

  /** keras/layers/core.py: Dropout._get_noise_shape: `null` entries become `shape(inputs)[i]`. */
  private noiseShapeTensor(inputs: Tensor): Tensor | null {
    if (this.noiseShape === null) return null;
    const concrete = shapeOf(inputs);
    const dims = this.noiseShape.map((d, i) => (d === null ? indexTensor(concrete, i) : d));
    // ops.convert_to_tensor: a plain list is a `Const`; one holding Tensors auto-packs into `packed`.
    return dims.some((d) => d instanceof Tensor) ? stack(dims, 0, "packed") : convertToTensor(dims as number[]);
  }

  /** layers/core.py: Dropout.call(inputs, training=False) */
  override call(inputs: Tensor, options: DropoutCallOptions = {}): Tensor {
    const training = options.training === undefined ? false : options.training;
    if (training === null) {
      // keras/layers/core.py: Dropout.call takes K.learning_phase(), a tensor smart_cond turns into a tf.cond.
      throw new TypeError(messages.needsCond(this.name));
    }
    if (!smartConstantValue(training, this.name)) return identity(inputs);
    return nnDropout(inputs, { noiseShape: this.noiseShapeTensor(inputs), seed: this.seed, rate: this.rate });
  }

  /** `layer(inputs, { training? })` */
  override apply(inputs: TensorLike, options?: DropoutCallOptions): Tensor {
    return options ? super.apply(inputs, options) : super.apply(inputs);
  }

  /** keras/layers/core.py: Dropout.compute_output_shape */
  override computeOutputShape<S>(inputShape: S): S {
    return inputShape;
  }
}

export interface DropoutFunctionOptions {
  rate?: TensorLike;
  noiseShape?: readonly (number | null)[] | null;
  seed?: number | null;
  /** A boolean (or a constant Tensor); false by default, which returns the input through an `Identity`. */
  training?: Training;
  name?: string | null;
}

/**
 * layers/core.py: dropout(inputs, rate=0.5, noise_shape=None, seed=None, training=False, name=None):
 * `tf.layers.dropout(x, 0.5, { training: true })` or `tf.layers.dropout(x, { rate, training })`.
 */
export function dropout(
  inputs: TensorLike,
  rateOrOptions?: TensorLike | DropoutFunctionOptions,
  options: DropoutFunctionOptions = {},
): Tensor {
  const o: DropoutFunctionOptions =
    typeof rateOrOptions === "object" &&
    rateOrOptions !== null &&
    Object.getPrototypeOf(rateOrOptions) === Object.prototype
      ? { ...(rateOrOptions as DropoutFunctionOptions), ...options }
      : { ...options, rate: (rateOrOptions as TensorLike | undefined) ?? options.rate };
  return getDefaultGraph().atomically(() => {
    const layer = new Dropout(o.rate ?? 0.5, { noiseShape: o.noiseShape, seed: o.seed, name: o.name });
    return layer.apply(inputs, { training: o.training === undefined ? false : o.training });
  });
}
