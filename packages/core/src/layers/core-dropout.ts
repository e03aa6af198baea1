// layers/core.py (TF 1.15): tf.layers.Dropout and tf.layers.dropout, on keras/layers/core.py's Dropout:
// tf_utils.smart_cond(training, nn.dropout(...), identity(inputs)) in the layer's name scope (a `cond` for a Tensor).
import { getDefaultGraph } from "../framework/graph";
import { Tensor } from "../framework/tensor";
import { identity, shape as shapeOf } from "../ops/array-ops";
import { dropout as nnDropout } from "../ops/nn-dropout";
import { convertToTensor, type TensorLike } from "../ops/op-builder";
import { stack } from "../ops/slicing-ops";
import { indexTensor } from "../ops/tensor-index";
import { Layer, type LayerOptions } from "./base";
import { messages } from "./messages";
import { smartCond, type Training } from "./smart-cond";

export interface DropoutLayerOptions extends LayerOptions {
  /** The fraction of units dropped (a number or a scalar Tensor); 0.5 by default. */
  rate?: TensorLike;
  /** The mask's shape; `null` entries take the input's dimension at run time. */
  noiseShape?: readonly (number | null)[] | null;
  seed?: number | null;
}

export type { Training } from "./smart-cond";

export interface DropoutCallOptions {
  training?: Training;
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
    return smartCond(
      training,
      () => nnDropout(inputs, { noiseShape: this.noiseShapeTensor(inputs), seed: this.seed, rate: this.rate }),
      () => identity(inputs),
    );
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
