// layers/core.py (TF 1.15): tf.layers.Dense and tf.layers.dense, on keras/layers/core.py's Dense: a MatMul
// (rank 2) or a Tensordot (rank > 2), then BiasAdd and the activation, in the layer's name scope.
import { ValueError } from "../errors";
import { float32 } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import { asShape, type Shape, type ShapeLike } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { cast, matmul } from "../ops/math-ops";
import { biasAdd } from "../ops/nn-ops";
import type { TensorLike } from "../ops/op-builder";
import { tensordot } from "../ops/tensordot";
import type { VariableScope } from "../scopes/variable-scope";
import type { ReuseMode } from "../scopes/variable-store";
import { zeros } from "../variables/initializers";
import type { Variable } from "../variables/variable";
import { Layer, type LayerOptions, type LayerRegularizer } from "./base";
import { InputSpec } from "./input-spec";
import { messages } from "./messages";

/** An activation: a function of the pre-activation Tensor (`tf.nn.relu`). */
export type Activation = (x: Tensor) => Tensor;
/** A constraint, kept on the layer as TF keeps it (applied by Keras optimizers only, never by TF1's). */
export type Constraint = (x: Tensor) => Tensor;

export interface DenseOptions extends LayerOptions {
  activation?: Activation | null;
  useBias?: boolean;
  /** By default the variable scope's initializer, else glorot uniform (get_variable's default). */
  kernelInitializer?: unknown;
  biasInitializer?: unknown;
  kernelRegularizer?: LayerRegularizer | null;
  biasRegularizer?: LayerRegularizer | null;
  kernelConstraint?: Constraint | null;
  biasConstraint?: Constraint | null;
}

function denseOptions(
  activationOrOptions: Activation | DenseOptions | null | undefined,
  options: DenseOptions | undefined,
): DenseOptions {
  if (typeof activationOrOptions === "function") return { ...(options ?? {}), activation: activationOrOptions };
  return { ...(activationOrOptions ?? {}), ...(options ?? {}) };
}

/** layers/core.py: Dense (keras/layers/core.py: Dense): `activation(inputs @ kernel + bias)`. */
export class Dense extends Layer {
  static override readonly className: string = "Dense";

  readonly units: number;
  activation: Activation | null;
  useBias: boolean;
  kernelInitializer: unknown;
  biasInitializer: unknown;
  kernelRegularizer: LayerRegularizer | null;
  biasRegularizer: LayerRegularizer | null;
  kernelConstraint: Constraint | null;
  biasConstraint: Constraint | null;
  /** The weight matrix `[lastDim, units]`, once built (a Tensor if a custom getter returned one). */
  kernel!: Variable;
  /** The bias `[units]`, or null without one. */
  bias: Variable | null = null;

  /** `new tf.layers.Dense(units, activation?, { useBias?, kernelInitializer?, ..., name? })` */
  constructor(units: number, activationOrOptions?: Activation | DenseOptions | null, options?: DenseOptions) {
    const o = denseOptions(activationOrOptions, options);
    super(o);
    this.units = Math.trunc(units);
    this.activation = o.activation ?? null;
    this.useBias = o.useBias ?? true;
    this.kernelInitializer = o.kernelInitializer ?? null;
    this.biasInitializer = o.biasInitializer === undefined ? zeros() : o.biasInitializer;
    this.kernelRegularizer = o.kernelRegularizer ?? null;
    this.biasRegularizer = o.biasRegularizer ?? null;
    this.kernelConstraint = o.kernelConstraint ?? null;
    this.biasConstraint = o.biasConstraint ?? null;
    this.supportsMasking = true;
    this.inputSpec = new InputSpec({ minNdim: 2 });
  }

  /** keras/layers/core.py: Dense.build: kernel `[lastDim, units]` and bias `[units]` via add_weight. */
  override build(inputShape: ShapeLike): void {
    const dtype = this.dtype ?? float32;
    if (!dtype.isFloating) {
      // keras/layers/core.py: Dense.build
      throw new TypeError(messages.denseDtype(dtype));
    }
    const shape = asShape(inputShape);
    const lastDim = shape === null ? null : (shape.at(-1) ?? null);
    if (lastDim === null) {
      // keras/layers/core.py: Dense.build
      throw new ValueError(messages.denseLastDim());
    }
    this.inputSpec = new InputSpec({ minNdim: 2, axes: { [-1]: lastDim } });
    this.kernel = this.addWeight("kernel", [lastDim, this.units], {
      initializer: this.kernelInitializer,
      regularizer: this.kernelRegularizer,
      constraint: this.kernelConstraint,
      dtype: this.dtype,
      trainable: true,
    });
    this.bias = this.useBias
      ? this.addWeight("bias", [this.units], {
          initializer: this.biasInitializer,
          regularizer: this.biasRegularizer,
          constraint: this.biasConstraint,
          dtype: this.dtype,
          trainable: true,
        })
      : null;
    this.built = true;
  }

  /** keras/layers/core.py: Dense.call */
  override call(inputs: Tensor | Variable): Tensor {
    const shape = inputs.shape;
    if (shape === null) {
      // tensor_shape.py: TensorShape.__len__
      throw new ValueError("Cannot take the length of Shape with unknown rank.");
    }
    let outputs: Tensor;
    if (shape.length > 2) {
      outputs = tensordot(inputs, this.kernel, [[shape.length - 1], [0]]);
      outputs.setShape([...shape.slice(0, -1), this.units]);
    } else {
      // math_ops.cast returns a Tensor of the right dtype unchanged; a Variable opens the `Cast` scope.
      const dtype = this.dtype ?? inputs.dtype;
      const x = inputs instanceof Tensor && inputs.dtype === dtype ? inputs : cast(inputs, dtype);
      outputs = matmul(x, this.kernel);
    }
    if (this.useBias) outputs = biasAdd(outputs, this.bias as Variable);
    return this.activation ? this.activation(outputs) : outputs;
  }

  /** `layer(inputs)`; `{ scope }` names the variable scope to create the layer's scope in (first call only). */
  override apply(inputs: TensorLike, options?: { scope?: string | VariableScope | null }): Tensor {
    return options ? super.apply(inputs, options) : super.apply(inputs);
  }

  /** keras/layers/core.py: Dense.compute_output_shape */
  override computeOutputShape(inputShape: ShapeLike): Shape {
    const shape = asShape(inputShape);
    if (shape !== null && shape.length < 2) {
      // tensor_shape.py: TensorShape.with_rank_at_least
      throw new ValueError(messages.rankAtLeast(shape, 2));
    }
    if (shape === null || shape.at(-1) === null) {
      // keras/layers/core.py: Dense.compute_output_shape
      throw new ValueError(messages.innermostUndefined(shape));
    }
    return [...shape.slice(0, -1), this.units];
  }
}

export interface DenseFunctionOptions extends Omit<DenseOptions, "name" | "_scope" | "_reuse"> {
  /** The layer's name, which is also its variable scope (a VariableScope to use that scope). */
  name?: string | VariableScope | null;
  reuse?: ReuseMode | null;
}

/**
 * layers/core.py: dense(inputs, units, activation=None, ...): a Dense layer named (and scoped) `name`, applied
 * once: `tf.layers.dense(x, 128, tf.nn.relu)` or `tf.layers.dense(x, 128, { activation, name, reuse })`.
 */
export function dense(
  inputs: TensorLike,
  units: number,
  activationOrOptions?: Activation | DenseFunctionOptions | null,
  options?: DenseFunctionOptions,
): Tensor {
  const { reuse, name, ...rest } = denseOptions(activationOrOptions, options) as DenseFunctionOptions;
  // Constructing the layer opens its scope; a failing call takes that back too.
  return getDefaultGraph().atomically(() => {
    const layer = new Dense(units, { ...rest, name: name ?? null, _scope: name ?? null, _reuse: reuse ?? null });
    return layer.apply(inputs);
  });
}
