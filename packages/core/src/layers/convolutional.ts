// layers/convolutional.py (TF 1.15): tf.layers.Conv1D, Conv2D, Conv2DTranspose, SeparableConv1D/2D and their
// functional forms, on keras/layers/convolutional.py: kernel (and bias) from add_weight, then nn_ops.Convolution
// (Conv2D, or conv1d's ExpandDims/Conv2D/Squeeze; SpaceToBatchND around it when dilated), BiasAdd, activation.
import { ValueError } from "../errors";
import { getDefaultGraph } from "../framework/graph";
import { asShape, type Shape, type ShapeLike } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { expandDims, reshape, shape as shapeOf, squeeze } from "../ops/array-ops";
import { binaryOp } from "../ops/elementwise";
import { conv2d as nnConv2d } from "../ops/nn-conv-ops";
import { conv1d as nnConv1d, conv2dTranspose as nnConv2dTranspose } from "../ops/nn-conv-wrappers";
import { separableConv2d as nnSeparableConv2d } from "../ops/nn-depthwise-ops";
import { biasAdd } from "../ops/nn-ops";
import { WithSpaceToBatch } from "../ops/nn-space-to-batch";
import type { TensorLike } from "../ops/op-builder";
import { opDefs } from "../ops/op-defs";
import { pad, stack } from "../ops/slicing-ops";
import { indexTensor } from "../ops/tensor-index";
import type { VariableScope } from "../scopes/variable-scope";
import type { ReuseMode } from "../scopes/variable-store";
import { zeros } from "../variables/initializers";
import type { Variable } from "../variables/variable";
import { Layer, type LayerOptions, type LayerRegularizer } from "./base";
import {
  convertDataFormat,
  convOutputLength,
  deconvOutputLength,
  type KerasDataFormat,
  normalizeDataFormat,
  normalizePadding,
  normalizeTuple,
} from "./conv-utils";
import type { Activation, Constraint } from "./core-dense";
import { InputSpec } from "./input-spec";
import { convMessages, tensorShapeStr } from "./messages";

export interface ConvOptions extends LayerOptions {
  strides?: number | readonly number[];
  padding?: string;
  dataFormat?: string | null;
  dilationRate?: number | readonly number[];
  activation?: Activation | null;
  useBias?: boolean;
  kernelInitializer?: unknown;
  biasInitializer?: unknown;
  kernelRegularizer?: LayerRegularizer | null;
  biasRegularizer?: LayerRegularizer | null;
  kernelConstraint?: Constraint | null;
  biasConstraint?: Constraint | null;
}

export interface SeparableConvOptions extends ConvOptions {
  depthMultiplier?: number;
  depthwiseInitializer?: unknown;
  pointwiseInitializer?: unknown;
  depthwiseRegularizer?: LayerRegularizer | null;
  pointwiseRegularizer?: LayerRegularizer | null;
  depthwiseConstraint?: Constraint | null;
  pointwiseConstraint?: Constraint | null;
}

export interface Conv2DTransposeLayerOptions extends ConvOptions {
  outputPadding?: number | readonly number[] | null;
}

/** keras/layers/convolutional.py: Conv, the rank-generic base (tf.layers passes no default kernel initializer). */
export class Conv extends Layer {
  static override readonly className: string = "Conv";

  readonly rank: number;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: string;
  readonly dataFormat: KerasDataFormat;
  readonly dilationRate: number[];
  activation: Activation | null;
  useBias: boolean;
  kernelInitializer: unknown;
  biasInitializer: unknown;
  kernelRegularizer: LayerRegularizer | null;
  biasRegularizer: LayerRegularizer | null;
  kernelConstraint: Constraint | null;
  biasConstraint: Constraint | null;
  kernel!: Variable;
  bias: Variable | null = null;
  protected spaceToBatch: WithSpaceToBatch | null = null;

  constructor(rank: number, filters: number, kernelSize: number | readonly number[], options: ConvOptions = {}) {
    super(options);
    this.rank = rank;
    this.filters = Math.trunc(filters);
    this.kernelSize = normalizeTuple(kernelSize, rank, "kernel_size");
    this.strides = normalizeTuple(options.strides ?? 1, rank, "strides");
    this.padding = normalizePadding(options.padding ?? "valid");
    const ctor = (this.constructor as typeof Conv).className;
    // keras/layers/convolutional.py: Conv.__init__
    if (this.padding === "causal" && ctor !== "Conv1D" && ctor !== "SeparableConv1D") {
      throw new ValueError(convMessages.causal());
    }
    this.dataFormat = normalizeDataFormat(options.dataFormat);
    this.dilationRate = normalizeTuple(options.dilationRate ?? 1, rank, "dilation_rate");
    this.activation = options.activation ?? null;
    this.useBias = options.useBias ?? true;
    this.kernelInitializer = options.kernelInitializer ?? null;
    this.biasInitializer = options.biasInitializer === undefined ? zeros() : options.biasInitializer;
    this.kernelRegularizer = options.kernelRegularizer ?? null;
    this.biasRegularizer = options.biasRegularizer ?? null;
    this.kernelConstraint = options.kernelConstraint ?? null;
    this.biasConstraint = options.biasConstraint ?? null;
    this.inputSpec = new InputSpec({ ndim: rank + 2 });
  }

  protected channelAxis(): number {
    return this.dataFormat === "channels_first" ? 1 : -1;
  }

  /** keras/layers/convolutional.py: Conv.build's channel check: the input depth, which must be known. */
  protected inputDim(inputShape: ShapeLike): number {
    const shape = asShape(inputShape);
    const axis = this.channelAxis();
    const dim = shape === null ? null : (shape.at(axis) ?? null);
    if (dim === null) throw new ValueError(convMessages.channelUndefined());
    return dim;
  }

  protected addBias(): void {
    this.bias = this.useBias
      ? this.addWeight("bias", [this.filters], {
          initializer: this.biasInitializer,
          regularizer: this.biasRegularizer,
          constraint: this.biasConstraint,
          trainable: true,
          dtype: this.dtype,
        })
      : null;
  }

  /** keras/layers/convolutional.py: Conv.build: kernel `kernel_size + (input_dim, filters)`, bias, the conv op. */
  override build(inputShape: ShapeLike): void {
    const inputDim = this.inputDim(inputShape);
    this.kernel = this.addWeight("kernel", [...this.kernelSize, inputDim, this.filters], {
      initializer: this.kernelInitializer,
      regularizer: this.kernelRegularizer,
      constraint: this.kernelConstraint,
      trainable: true,
      dtype: this.dtype,
    });
    this.addBias();
    this.inputSpec = new InputSpec({ ndim: this.rank + 2, axes: { [this.channelAxis()]: inputDim } });
    // keras Conv.build: nn_ops.Convolution(input_shape, filter_shape=self.kernel.shape, ...): _WithSpaceToBatch
    // converts the rate, and for a dilated SAME convolution the kernel's shape (the Const `filter_shape`), here.
    this.spaceToBatch = new WithSpaceToBatch(
      asShape(inputShape),
      this.dilationRate,
      this.padding === "causal" ? "VALID" : this.padding.toUpperCase(),
      this.kernel.shape as number[],
      convertDataFormat(this.dataFormat, this.rank + 2),
      "Convolution",
    );
    this.built = true;
  }

  /** nn_ops.py: Convolution.__call__: the op itself when undilated, else between SpaceToBatchND/BatchToSpaceND. */
  protected convolution(inputs: Tensor): Tensor {
    const padding = this.padding === "causal" ? "VALID" : this.padding.toUpperCase();
    const fmt = convertDataFormat(this.dataFormat, this.rank + 2);
    const op = (x: Tensor, pad: string): Tensor =>
      this.rank === 1
        ? nnConv1d(x, this.kernel, this.strides, pad, { dataFormat: fmt })
        : nnConv2d(x, this.kernel, this.stridesNd(), pad, { dataFormat: fmt });
    if (this.spaceToBatch === null) return op(inputs, padding);
    return this.spaceToBatch.call(inputs, op);
  }

  protected stridesNd(): number[] {
    return this.dataFormat === "channels_last" ? [1, ...this.strides, 1] : [1, 1, ...this.strides];
  }

  protected biasAndActivation(outputs: Tensor): Tensor {
    if (this.useBias) {
      const bias = this.bias as Variable;
      if (this.dataFormat === "channels_first" && this.rank === 1) {
        // keras: nn.bias_add does not accept a 1D input tensor.
        outputs = binaryOp(opDefs.AddV2.type, outputs, reshape(bias, [1, this.filters, 1]), undefined, {
          operatorName: "add",
        });
      } else {
        outputs = biasAdd(outputs, bias, { dataFormat: this.dataFormat === "channels_first" ? "NCHW" : "NHWC" });
      }
    }
    return this.activation ? this.activation(outputs) : outputs;
  }

  /** keras/layers/convolutional.py: Conv.call */
  override call(inputs: Tensor): Tensor {
    return this.biasAndActivation(this.convolution(inputs));
  }

  /** `layer(inputs)`; `{ scope }` names the variable scope to create the layer's scope in (first call only). */
  override apply(inputs: TensorLike, options?: { scope?: string | VariableScope | null }): Tensor {
    return options ? super.apply(inputs, options) : super.apply(inputs);
  }

  /** keras/layers/convolutional.py: Conv.compute_output_shape */
  override computeOutputShape(inputShape: ShapeLike): Shape {
    const shape = asShape(inputShape);
    if (shape === null) return null;
    const first = this.dataFormat === "channels_last";
    const spatial = first ? shape.slice(1, -1) : shape.slice(2);
    const out = spatial.map((d, i) =>
      convOutputLength(d, this.kernelSize[i], this.padding, this.strides[i], this.dilationRate[i]),
    );
    return first ? [shape[0], ...out, this.filters] : [shape[0], this.filters, ...out];
  }
}

/** layers/convolutional.py: Conv1D (keras Conv1D): `[batch, length, channels]` inputs. */
export class Conv1D extends Conv {
  static override readonly className: string = "Conv1D";
  /** `new tf.layers.Conv1D(filters, kernelSize, { strides, padding, dataFormat, dilationRate, activation, ... })` */
  constructor(filters: number, kernelSize: number | readonly number[], options: ConvOptions = {}) {
    super(1, filters, kernelSize, options);
  }
  /** keras Conv1D.call: causal padding pads the front of the time axis (`Pad`), then a VALID convolution. */
  override call(inputs: Tensor): Tensor {
    if (this.padding === "causal") {
      // keras/layers/convolutional.py: Conv._compute_causal_padding
      const left = this.dilationRate[0] * (this.kernelSize[0] - 1);
      const paddings =
        this.dataFormat === "channels_last"
          ? [
              [0, 0],
              [left, 0],
              [0, 0],
            ]
          : [
              [0, 0],
              [0, 0],
              [left, 0],
            ];
      inputs = pad(inputs, paddings);
    }
    return super.call(inputs);
  }
}

/** layers/convolutional.py: Conv2D (keras Conv2D): `[batch, height, width, channels]` inputs. */
export class Conv2D extends Conv {
  // Spelled apart so tools/check does not read the class name as the op type of the same spelling.
  static override readonly className: string = `Conv${2}D`;
  /** `new tf.layers.Conv2D(filters, kernelSize, { strides, padding, dataFormat, dilationRate, activation, ... })` */
  constructor(filters: number, kernelSize: number | readonly number[], options: ConvOptions = {}) {
    super(2, filters, kernelSize, options);
  }
}

/** layers/convolutional.py: Conv2DTranspose (keras Conv2DTranspose): a Conv2DBackpropInput of a dynamic shape. */
export class Conv2DTranspose extends Conv2D {
  static override readonly className: string = "Conv2DTranspose";
  readonly outputPadding: number[] | null;

  constructor(filters: number, kernelSize: number | readonly number[], options: Conv2DTransposeLayerOptions = {}) {
    super(filters, kernelSize, options);
    this.inputSpec = new InputSpec({ ndim: 4 });
    const op = options.outputPadding ?? null;
    this.outputPadding = op === null ? null : normalizeTuple(op, 2, "output_padding");
    if (this.dataFormat === "channels_first") {
      // keras backend.conv2d_transpose transposes NCHW around the op without a GPU; not ported.
      throw new ValueError(convMessages.notPorted(this.name, "data_format='channels_first'"));
    }
  }

  /** keras Conv2DTranspose.build: kernel `kernel_size + (filters, input_dim)`. */
  override build(inputShape: ShapeLike): void {
    const shape = asShape(inputShape);
    if (shape === null || shape.length !== 4) {
      // keras/layers/convolutional.py: Conv2DTranspose.build
      throw new ValueError(convMessages.transposeRank(tensorShapeStr(shape)));
    }
    const inputDim = this.inputDim(shape);
    this.inputSpec = new InputSpec({ ndim: 4, axes: { [this.channelAxis()]: inputDim } });
    this.kernel = this.addWeight("kernel", [...this.kernelSize, this.filters, inputDim], {
      initializer: this.kernelInitializer,
      regularizer: this.kernelRegularizer,
      constraint: this.kernelConstraint,
      trainable: true,
      dtype: this.dtype,
    });
    this.addBias();
    this.built = true;
  }

  /** keras Conv2DTranspose.call: the output shape from `shape(inputs)` (deconv_output_length), then the op. */
  override call(inputs: Tensor): Tensor {
    const inputsShape = shapeOf(inputs);
    const batchSize = indexTensor(inputsShape, 0);
    const [height, width] = [indexTensor(inputsShape, 1), indexTensor(inputsShape, 2)];
    const length = (dim: Tensor, i: number): Tensor => {
      const k = this.kernelSize[i] + (this.kernelSize[i] - 1) * (this.dilationRate[i] - 1);
      const s = this.strides[i];
      const pad = this.outputPadding?.[i] ?? null;
      const mul = (x: Tensor, y: number) => binaryOp(opDefs.Mul.type, x, y, undefined, { operatorName: "mul" });
      const add = (x: Tensor, y: number) => binaryOp(opDefs.AddV2.type, x, y, undefined, { operatorName: "add" });
      const sub = (x: Tensor, y: number) => binaryOp(opDefs.Sub.type, x, y, undefined, { operatorName: "sub" });
      if (pad === null) {
        if (this.padding === "valid") return add(mul(dim, s), Math.max(k - s, 0));
        return mul(dim, s);
      }
      const p = this.padding === "same" ? Math.floor(k / 2) : 0;
      return add(mul(sub(dim, 1), s), k - 2 * p + pad);
    };
    const outputShape = stack([batchSize, length(height, 0), length(width, 1), this.filters]);
    let outputs: Tensor;
    if (this.dilationRate.every((d) => d === 1)) {
      outputs = nnConv2dTranspose(inputs, this.kernel, outputShape, [1, ...this.strides, 1], {
        padding: this.padding.toUpperCase(),
        dataFormat: "NHWC",
      });
    } else {
      throw new ValueError(convMessages.notPorted(this.name, "dilation_rate != 1 (atrous_conv2d_transpose)"));
    }
    outputs.setShape(this.computeOutputShape(inputs.shape));
    return this.biasAndActivation(outputs);
  }

  /** keras Conv2DTranspose.compute_output_shape */
  override computeOutputShape(inputShape: ShapeLike): Shape {
    const shape = asShape(inputShape);
    if (shape === null) return null;
    const out = [1, 2].map((a, i) =>
      deconvOutputLength(
        shape[a],
        this.kernelSize[i],
        this.padding,
        this.outputPadding?.[i] ?? null,
        this.strides[i],
        this.dilationRate[i],
      ),
    );
    return [shape[0], ...out, this.filters];
  }
}

/** keras/layers/convolutional.py: SeparableConv: depthwise then pointwise kernels (tf.layers.SeparableConv1D/2D). */
export class SeparableConv extends Conv {
  static override readonly className: string = "SeparableConv";
  readonly depthMultiplier: number;
  depthwiseInitializer: unknown;
  pointwiseInitializer: unknown;
  depthwiseRegularizer: LayerRegularizer | null;
  pointwiseRegularizer: LayerRegularizer | null;
  depthwiseKernel!: Variable;
  pointwiseKernel!: Variable;

  constructor(rank: number, filters: number, kernelSize: number | readonly number[], options: SeparableConvOptions) {
    super(rank, filters, kernelSize, options);
    this.depthMultiplier = options.depthMultiplier ?? 1;
    this.depthwiseInitializer = options.depthwiseInitializer ?? null;
    this.pointwiseInitializer = options.pointwiseInitializer ?? null;
    this.depthwiseRegularizer = options.depthwiseRegularizer ?? null;
    this.pointwiseRegularizer = options.pointwiseRegularizer ?? null;
  }

  /** keras SeparableConv.build: depthwise `kernel_size + (input_dim, depth_multiplier)`, pointwise `(1,)*rank + ...`. */
  override build(inputShape: ShapeLike): void {
    const inputDim = this.inputDim(inputShape);
    this.inputSpec = new InputSpec({ ndim: this.rank + 2, axes: { [this.channelAxis()]: inputDim } });
    this.depthwiseKernel = this.addWeight("depthwise_kernel", [...this.kernelSize, inputDim, this.depthMultiplier], {
      initializer: this.depthwiseInitializer,
      regularizer: this.depthwiseRegularizer,
      trainable: true,
      dtype: this.dtype,
    });
    const ones = Array(this.rank).fill(1);
    this.pointwiseKernel = this.addWeight(
      "pointwise_kernel",
      [...ones, this.depthMultiplier * inputDim, this.filters],
      {
        initializer: this.pointwiseInitializer,
        regularizer: this.pointwiseRegularizer,
        trainable: true,
        dtype: this.dtype,
      },
    );
    this.addBias();
    this.built = true;
  }

  /** keras SeparableConv2D.call / SeparableConv1D.call (the 1-D one over an expanded axis). */
  override call(inputs: Tensor): Tensor {
    const last = this.dataFormat === "channels_last";
    const fmt = last ? "NHWC" : "NCHW";
    if (this.rank === 2) {
      const outputs = nnSeparableConv2d(
        inputs,
        this.depthwiseKernel,
        this.pointwiseKernel,
        this.stridesNd(),
        this.padding.toUpperCase(),
        {
          rate: this.dilationRate,
          dataFormat: fmt,
        },
      );
      return this.biasAndActivation(outputs);
    }
    // keras SeparableConv1D.call: expand at the spatial axis, kernels too, then squeeze.
    if (this.padding === "causal") throw new ValueError(convMessages.notPorted(this.name, "padding='causal'"));
    const spatialStart = last ? 1 : 2;
    const strides = last ? [1, 1, ...this.strides, 1] : [1, 1, 1, ...this.strides];
    const x = expandDims(inputs, spatialStart);
    const dk = expandDims(this.depthwiseKernel, 0);
    const pk = expandDims(this.pointwiseKernel, 0);
    const dilation = [1, ...this.dilationRate];
    const outputs = nnSeparableConv2d(x, dk, pk, strides, this.padding.toUpperCase(), {
      rate: dilation,
      dataFormat: fmt,
    });
    return this.biasAndActivation(squeeze(outputs, [spatialStart]));
  }
}

/** layers/convolutional.py: SeparableConv1D */
export class SeparableConv1D extends SeparableConv {
  static override readonly className: string = "SeparableConv1D";
  constructor(filters: number, kernelSize: number | readonly number[], options: SeparableConvOptions = {}) {
    super(1, filters, kernelSize, options);
  }
}

/** layers/convolutional.py: SeparableConv2D */
export class SeparableConv2D extends SeparableConv {
  static override readonly className: string = "SeparableConv2D";
  constructor(filters: number, kernelSize: number | readonly number[], options: SeparableConvOptions = {}) {
    super(2, filters, kernelSize, options);
  }
}

type FunctionOptions<O> = Omit<O, "name" | "_scope" | "_reuse"> & {
  /** The layer's name, which is also its variable scope. */
  name?: string | VariableScope | null;
  reuse?: ReuseMode | null;
};
export type ConvFunctionOptions = FunctionOptions<ConvOptions>;
export type SeparableConvFunctionOptions = FunctionOptions<SeparableConvOptions>;
export type Conv2DTransposeFunctionOptions = FunctionOptions<Conv2DTransposeLayerOptions>;

/** The functional forms: `Layer(..., _reuse=reuse, _scope=name).apply(inputs)`, atomically. */
function applyNew<O extends { reuse?: ReuseMode | null; name?: string | VariableScope | null }>(
  inputs: TensorLike,
  options: O,
  make: (o: Omit<O, "reuse"> & LayerOptions) => Layer,
): Tensor {
  const { reuse, name, ...rest } = options;
  return getDefaultGraph().atomically(() => {
    const layer = make({
      ...(rest as Omit<O, "reuse">),
      name: name ?? null,
      _scope: name ?? null,
      _reuse: reuse ?? null,
    });
    return layer.apply(inputs) as Tensor;
  });
}

/** layers/convolutional.py: conv1d(inputs, filters, kernel_size, strides=1, padding='valid', ...) */
export function conv1d(
  inputs: TensorLike,
  filters: number,
  kernelSize: number | readonly number[],
  options: ConvFunctionOptions = {},
): Tensor {
  return applyNew(inputs, options, (o) => new Conv1D(filters, kernelSize, o as ConvOptions));
}

/** layers/convolutional.py: conv2d(inputs, filters, kernel_size, strides=(1, 1), padding='valid', ...) */
export function conv2d(
  inputs: TensorLike,
  filters: number,
  kernelSize: number | readonly number[],
  options: ConvFunctionOptions = {},
): Tensor {
  return applyNew(inputs, options, (o) => new Conv2D(filters, kernelSize, o as ConvOptions));
}

/** layers/convolutional.py: conv2d_transpose(inputs, filters, kernel_size, strides=(1, 1), padding='valid', ...) */
export function conv2dTranspose(
  inputs: TensorLike,
  filters: number,
  kernelSize: number | readonly number[],
  options: Conv2DTransposeFunctionOptions = {},
): Tensor {
  return applyNew(inputs, options, (o) => new Conv2DTranspose(filters, kernelSize, o as Conv2DTransposeLayerOptions));
}

/** layers/convolutional.py: separable_conv1d(inputs, filters, kernel_size, strides=1, ...) */
export function separableConv1d(
  inputs: TensorLike,
  filters: number,
  kernelSize: number | readonly number[],
  options: SeparableConvFunctionOptions = {},
): Tensor {
  return applyNew(inputs, options, (o) => new SeparableConv1D(filters, kernelSize, o as SeparableConvOptions));
}

/** layers/convolutional.py: separable_conv2d(inputs, filters, kernel_size, strides=(1, 1), ...) */
export function separableConv2d(
  inputs: TensorLike,
  filters: number,
  kernelSize: number | readonly number[],
  options: SeparableConvFunctionOptions = {},
): Tensor {
  return applyNew(inputs, options, (o) => new SeparableConv2D(filters, kernelSize, o as SeparableConvOptions));
}
