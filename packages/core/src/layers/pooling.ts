// layers/pooling.py (TF 1.15): tf.layers.MaxPooling1D/2D, AveragePooling1D/2D and their functional forms, on
// keras/layers/pooling.py: Pooling1D (ExpandDims, backend.pool2d, Squeeze) and Pooling2D (nn.max_pool/avg_pool).
import { ValueError } from "../errors";
import { getDefaultGraph } from "../framework/graph";
import { asShape, type Shape, type ShapeLike } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { avgPool, maxPool } from "../ops/nn-conv-ops";
import { kerasPooling1d } from "../ops/nn-keras-pooling";
import type { TensorLike } from "../ops/op-builder";
import { Layer, type LayerOptions } from "./base";
import {
  convertDataFormat,
  convOutputLength,
  type KerasDataFormat,
  normalizeDataFormat,
  normalizePadding,
  normalizeTuple,
} from "./conv-utils";
import { InputSpec } from "./input-spec";
import { convMessages } from "./messages";

export interface PoolingOptions extends LayerOptions {
  padding?: string;
  dataFormat?: string | null;
}

/** keras/layers/pooling.py: Pooling1D and Pooling2D, `rank` spatial dims. */
export class Pooling extends Layer {
  static override readonly className: string = "Pooling";
  readonly rank: number;
  readonly mode: "max" | "avg";
  readonly poolSize: number[];
  readonly strides: number[];
  readonly padding: string;
  readonly dataFormat: KerasDataFormat;

  constructor(
    rank: number,
    mode: "max" | "avg",
    poolSize: number | readonly number[],
    strides: number | readonly number[] | null,
    options: PoolingOptions,
  ) {
    // layers/pooling.py: the tf.layers constructors
    if (strides === null || strides === undefined) throw new ValueError(convMessages.stridesNone());
    super(options);
    this.rank = rank;
    this.mode = mode;
    this.poolSize = normalizeTuple(poolSize, rank, "pool_size");
    this.strides = normalizeTuple(strides, rank, "strides");
    this.padding = normalizePadding(options.padding ?? "valid");
    this.dataFormat = normalizeDataFormat(options.dataFormat ?? "channels_last");
    this.inputSpec = new InputSpec({ ndim: rank + 2 });
  }

  /** keras Pooling1D.call / Pooling2D.call */
  override call(inputs: Tensor): Tensor {
    if (this.rank === 1) {
      return kerasPooling1d(inputs, this.mode, this.poolSize[0], this.strides[0], this.padding, this.dataFormat);
    }
    const last = this.dataFormat === "channels_last";
    const ksize = last ? [1, ...this.poolSize, 1] : [1, 1, ...this.poolSize];
    const strides = last ? [1, ...this.strides, 1] : [1, 1, ...this.strides];
    const pool = this.mode === "max" ? maxPool : avgPool;
    return pool(inputs, ksize, strides, this.padding.toUpperCase(), {
      dataFormat: convertDataFormat(this.dataFormat, 4),
    });
  }

  /** `layer(inputs)` */
  override apply(inputs: TensorLike): Tensor {
    return super.apply(inputs);
  }

  /** keras Pooling1D/Pooling2D.compute_output_shape */
  override computeOutputShape(inputShape: ShapeLike): Shape {
    const shape = asShape(inputShape);
    if (shape === null) return null;
    const last = this.dataFormat === "channels_last";
    const spatial = last ? shape.slice(1, -1) : shape.slice(2);
    const out = spatial.map((d, i) => convOutputLength(d, this.poolSize[i], this.padding, this.strides[i]));
    return last ? [shape[0], ...out, shape.at(-1) ?? null] : [shape[0], shape[1], ...out];
  }
}

/** layers/pooling.py: MaxPooling1D(pool_size, strides, padding='valid', data_format='channels_last', name=None) */
export class MaxPooling1D extends Pooling {
  static override readonly className: string = "MaxPooling1D";
  constructor(
    poolSize: number | readonly number[],
    strides: number | readonly number[] | null,
    options: PoolingOptions = {},
  ) {
    super(1, "max", poolSize, strides, options);
  }
}

/** layers/pooling.py: AveragePooling1D(pool_size, strides, padding='valid', data_format='channels_last', name=None) */
export class AveragePooling1D extends Pooling {
  static override readonly className: string = "AveragePooling1D";
  constructor(
    poolSize: number | readonly number[],
    strides: number | readonly number[] | null,
    options: PoolingOptions = {},
  ) {
    super(1, "avg", poolSize, strides, options);
  }
}

/** layers/pooling.py: MaxPooling2D(pool_size, strides, padding='valid', data_format='channels_last', name=None) */
export class MaxPooling2D extends Pooling {
  static override readonly className: string = "MaxPooling2D";
  constructor(
    poolSize: number | readonly number[],
    strides: number | readonly number[] | null,
    options: PoolingOptions = {},
  ) {
    super(2, "max", poolSize, strides, options);
  }
}

/** layers/pooling.py: AveragePooling2D(pool_size, strides, padding='valid', data_format='channels_last', name=None) */
export class AveragePooling2D extends Pooling {
  static override readonly className: string = "AveragePooling2D";
  constructor(
    poolSize: number | readonly number[],
    strides: number | readonly number[] | null,
    options: PoolingOptions = {},
  ) {
    super(2, "avg", poolSize, strides, options);
  }
}

export interface PoolingFunctionOptions {
  padding?: string;
  dataFormat?: string | null;
  name?: string | null;
}

type PoolingClass = new (
  poolSize: number | readonly number[],
  strides: number | readonly number[] | null,
  options?: PoolingOptions,
) => Pooling;

function poolWith(
  Cls: PoolingClass,
  inputs: TensorLike,
  poolSize: number | readonly number[],
  strides: number | readonly number[],
  options: PoolingFunctionOptions,
): Tensor {
  return getDefaultGraph().atomically(() =>
    new Cls(poolSize, strides, {
      padding: options.padding,
      dataFormat: options.dataFormat,
      name: options.name ?? null,
    }).apply(inputs),
  );
}

/** layers/pooling.py: max_pooling1d(inputs, pool_size, strides, padding='valid', data_format='channels_last', name=None) */
export function maxPooling1d(
  inputs: TensorLike,
  poolSize: number | readonly number[],
  strides: number | readonly number[],
  options: PoolingFunctionOptions = {},
): Tensor {
  return poolWith(MaxPooling1D, inputs, poolSize, strides, options);
}
/** layers/pooling.py: average_pooling1d(inputs, pool_size, strides, ...) */
export function averagePooling1d(
  inputs: TensorLike,
  poolSize: number | readonly number[],
  strides: number | readonly number[],
  options: PoolingFunctionOptions = {},
): Tensor {
  return poolWith(AveragePooling1D, inputs, poolSize, strides, options);
}
/** layers/pooling.py: max_pooling2d(inputs, pool_size, strides, padding='valid', data_format='channels_last', name=None) */
export function maxPooling2d(
  inputs: TensorLike,
  poolSize: number | readonly number[],
  strides: number | readonly number[],
  options: PoolingFunctionOptions = {},
): Tensor {
  return poolWith(MaxPooling2D, inputs, poolSize, strides, options);
}
/** layers/pooling.py: average_pooling2d(inputs, pool_size, strides, ...) */
export function averagePooling2d(
  inputs: TensorLike,
  poolSize: number | readonly number[],
  strides: number | readonly number[],
  options: PoolingFunctionOptions = {},
): Tensor {
  return poolWith(AveragePooling2D, inputs, poolSize, strides, options);
}
