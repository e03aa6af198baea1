// keras/layers/convolutional.py (TF 1.15) Conv2D and Conv2DTranspose, as tf.layers' Convolution2D and
// Convolution2DTranspose build them for contrib's conv2d: kernel and bias from add_weight, `Conv2D` or
// `conv2d_transpose`, then `BiasAdd`, in the layer's name scope. Only what contrib's layers use is ported
// (no activation, no constraints; dilation for Conv2D only).
import { ValueError } from "../errors";
import { float32 } from "../framework/dtypes";
import { asShape, type Shape, type ShapeLike } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { Layer, type LayerOptions, type LayerRegularizer } from "../layers/base";
import { InputSpec } from "../layers/input-spec";
import { shape as shapeOf } from "../ops/array-ops";
import { conv2d as nnConv2d } from "../ops/nn-conv-ops";
import { conv2dTranspose as nnConv2dTranspose } from "../ops/nn-conv-wrappers";
import { biasAdd } from "../ops/nn-ops";
import { WithSpaceToBatch } from "../ops/nn-space-to-batch";
import { stack } from "../ops/slicing-ops";
import { indexTensor } from "../ops/tensor-index";
import type { Variable } from "../variables/variable";

export interface ConvLayerOptions extends LayerOptions {
  filters: number;
  kernelSize: number[];
  strides: number[];
  /** `same` or `valid` (keras lower-cases it). */
  padding: string;
  dataFormat: "channels_last" | "channels_first";
  useBias: boolean;
  /** The atrous rate over height and width (Conv2D only; default [1, 1]). */
  dilationRate?: number[];
  kernelInitializer?: unknown;
  biasInitializer?: unknown;
  kernelRegularizer?: LayerRegularizer | null;
  biasRegularizer?: LayerRegularizer | null;
}

/** conv_utils.py: deconv_output_length (output_padding None, dilation 1), on numbers or Tensors. */
function deconvLength(length: number | null, filter: number, padding: string, stride: number): number | null {
  if (length === null) return null;
  if (padding === "valid") return length * stride + Math.max(filter - stride, 0);
  return length * stride;
}

function deconvLengthTensor(length: Tensor, filter: number, padding: string, stride: number): Tensor {
  const scaled = length.mul(stride);
  return padding === "valid" ? scaled.add(Math.max(filter - stride, 0)) : scaled;
}

/** keras/layers/convolutional.py: Conv (rank 2) */
export class ContribConv2D extends Layer {
  // tf.layers' alias of Conv2D (contrib always names the layer after its variable scope).
  static override readonly className: string = "Convolution2D";
  readonly o: ConvLayerOptions;
  kernel!: Variable;
  bias: Variable | null = null;
  protected transpose = false;
  protected spaceToBatch: WithSpaceToBatch | null = null;

  constructor(options: ConvLayerOptions) {
    super(options);
    this.o = { ...options, padding: options.padding.toLowerCase() };
    if (this.o.padding !== "same" && this.o.padding !== "valid") {
      // conv_utils.py: normalize_padding
      throw new ValueError(
        `The \`padding\` argument must be one of "valid", "same" (or "causal", only for \`Conv1D). Received: ${this.o.padding}`,
      );
    }
    this.inputSpec = new InputSpec({ ndim: 4 });
  }

  protected get channelAxis(): number {
    return this.o.dataFormat === "channels_first" ? 1 : 3;
  }

  override build(inputShape: ShapeLike): void {
    const shape = asShape(inputShape);
    const inputDim = shape === null ? null : (shape[this.channelAxis] ?? null);
    if (inputDim === null) {
      // keras/layers/convolutional.py: Conv.build
      throw new ValueError("The channel dimension of the inputs should be defined. Found `None`.");
    }
    const [kh, kw] = this.o.kernelSize;
    const kernelShape = this.transpose ? [kh, kw, this.o.filters, inputDim] : [kh, kw, inputDim, this.o.filters];
    this.kernel = this.addWeight("kernel", kernelShape, {
      initializer: this.o.kernelInitializer,
      regularizer: this.o.kernelRegularizer ?? null,
      trainable: true,
      dtype: this.dtype ?? float32,
    });
    this.bias = this.o.useBias
      ? this.addWeight("bias", [this.o.filters], {
          initializer: this.o.biasInitializer,
          regularizer: this.o.biasRegularizer ?? null,
          trainable: true,
          dtype: this.dtype ?? float32,
        })
      : null;
    this.inputSpec = new InputSpec({ ndim: 4, axes: { [this.channelAxis]: inputDim } });
    if (!this.transpose) {
      // keras Conv.build: nn_ops.Convolution's _WithSpaceToBatch (the dilation_rate Const, filter_shape when dilated).
      this.spaceToBatch = new WithSpaceToBatch(
        shape,
        this.o.dilationRate ?? [1, 1],
        this.o.padding.toUpperCase(),
        kernelShape,
        this.nnFormat,
        "Convolution",
      );
    }
    this.built = true;
  }

  protected get nnFormat(): string {
    return this.o.dataFormat === "channels_first" ? "NCHW" : "NHWC";
  }

  protected strideList(): number[] {
    const [sh, sw] = this.o.strides;
    return this.o.dataFormat === "channels_first" ? [1, 1, sh, sw] : [1, sh, sw, 1];
  }

  override call(inputs: Tensor): Tensor {
    const conv = (x: Tensor, padding: string) =>
      nnConv2d(x, this.kernel, this.strideList(), padding, { dataFormat: this.nnFormat });
    const padding = this.o.padding.toUpperCase();
    const outputs = this.spaceToBatch ? this.spaceToBatch.call(inputs, conv) : conv(inputs, padding);
    return this.bias ? biasAdd(outputs, this.bias, { dataFormat: this.nnFormat }) : outputs;
  }

  override apply(inputs: Tensor): Tensor {
    return super.apply(inputs);
  }
}

/** keras/layers/convolutional.py: Conv2DTranspose (channels_last; output_padding None, dilation 1) */
export class ContribConv2DTranspose extends ContribConv2D {
  static override readonly className: string = "Convolution2DTranspose";

  constructor(options: ConvLayerOptions) {
    super(options);
    this.transpose = true;
  }

  override call(inputs: Tensor): Tensor {
    const [hAxis, wAxis] = this.o.dataFormat === "channels_first" ? [2, 3] : [1, 2];
    const inputsShape = shapeOf(inputs);
    const batchSize = indexTensor(inputsShape, 0);
    const height = indexTensor(inputsShape, hAxis);
    const width = indexTensor(inputsShape, wAxis);
    const [kh, kw] = this.o.kernelSize;
    const [sh, sw] = this.o.strides;
    const outHeight = deconvLengthTensor(height, kh, this.o.padding, sh);
    const outWidth = deconvLengthTensor(width, kw, this.o.padding, sw);
    const outputShape =
      this.o.dataFormat === "channels_first"
        ? [batchSize, this.o.filters, outHeight, outWidth]
        : [batchSize, outHeight, outWidth, this.o.filters];
    const outputShapeTensor = stack(outputShape);
    let outputs = nnConv2dTranspose(inputs, this.kernel, outputShapeTensor, this.strideList(), {
      padding: this.o.padding.toUpperCase(),
      dataFormat: this.nnFormat,
    });
    outputs.setShape(this.computeOutputShape(inputs.shape));
    if (this.bias) outputs = biasAdd(outputs, this.bias, { dataFormat: this.nnFormat });
    return outputs;
  }

  override computeOutputShape(inputShape: ShapeLike): Shape {
    const shape = asShape(inputShape);
    const out: (number | null)[] = shape === null ? [null, null, null, null] : [...shape];
    const [c, h, w] = this.o.dataFormat === "channels_first" ? [1, 2, 3] : [3, 1, 2];
    out[c] = this.o.filters;
    out[h] = deconvLength(out[h] ?? null, this.o.kernelSize[0], this.o.padding, this.o.strides[0]);
    out[w] = deconvLength(out[w] ?? null, this.o.kernelSize[1], this.o.padding, this.o.strides[1]);
    return out;
  }
}
