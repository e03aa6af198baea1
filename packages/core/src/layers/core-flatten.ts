// layers/core.py (TF 1.15): tf.layers.Flatten and tf.layers.flatten, on keras/layers/core.py's Flatten: a
// Reshape to (-1, prod(dims[1:])) when those are known, else to (dims[0] or shape(x)[0], -1), then set_shape.
import { ValueError } from "../errors";
import { getDefaultGraph } from "../framework/graph";
import { asShape, isFullyDefined, type Shape, type ShapeLike } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { reshape, shape as shapeOf, transpose } from "../ops/array-ops";
import { opScope, type TensorLike } from "../ops/op-builder";
import { opDefs } from "../ops/op-defs";
import { stack } from "../ops/slicing-ops";
import { indexTensor } from "../ops/tensor-index";
import type { Variable } from "../variables/variable";
import { Layer, type LayerOptions } from "./base";
import { InputSpec } from "./input-spec";
import { messages } from "./messages";

export type DataFormat = "channels_last" | "channels_first";

export interface FlattenOptions extends LayerOptions {
  /** `channels_last` (default) or `channels_first`, whose channels move last before flattening. */
  dataFormat?: DataFormat | string | null;
}

/** keras/utils/conv_utils.py: normalize_data_format (image_data_format() is `channels_last`). */
export function normalizeDataFormat(value: string | null | undefined): DataFormat {
  const format = (value ?? "channels_last").toLowerCase();
  if (format !== "channels_first" && format !== "channels_last") {
    // conv_utils.py: normalize_data_format
    throw new ValueError(messages.dataFormat(String(value)));
  }
  return format;
}

/** layers/core.py: Flatten (keras/layers/core.py: Flatten): keeps axis 0 and flattens the rest. */
export class Flatten extends Layer {
  static override readonly className: string = "Flatten";

  readonly dataFormat: DataFormat;

  /** `new tf.layers.Flatten({ dataFormat?, name? })` */
  constructor(options: FlattenOptions = {}) {
    super(options);
    this.dataFormat = normalizeDataFormat(options.dataFormat);
    this.inputSpec = new InputSpec({ minNdim: 1 });
  }

  /** keras/layers/core.py: Flatten.call */
  override call(inputs: Tensor | Variable): Tensor {
    let x: TensorLike = inputs;
    const rank = inputs.shape === null ? null : inputs.shape.length;
    if (this.dataFormat === "channels_first" && rank !== null && rank > 1) {
      const perm = [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1];
      x = transpose(inputs, perm);
    }
    const shape = (x as Tensor).shape;
    let outputs: Tensor;
    if (shape !== null && isFullyDefined(shape.slice(1))) {
      const flattened = shape.slice(1).reduce<number>((p, d) => p * (d as number), 1);
      outputs = reshape(x, [-1, flattened]);
    } else if (shape !== null && shape[0]) {
      outputs = reshape(x, [shape[0], -1]);
    } else {
      // (shape(inputs)[0], -1): the tuple holding a Tensor auto-packs into `Reshape/shape`.
      const batch = indexTensor(shapeOf(x), 0);
      outputs = opScope(null, opDefs.Reshape.type, [x], (scope) => reshape(x, stack([batch, -1], 0, "shape"), scope));
    }
    outputs.setShape(this.computeOutputShape(shape));
    return outputs;
  }

  override apply(inputs: TensorLike): Tensor {
    return super.apply(inputs);
  }

  /** keras/layers/core.py: Flatten.compute_output_shape: [dims[0], prod(dims[1:])], unknown if any is unknown or 0. */
  override computeOutputShape(inputShape: ShapeLike): Shape {
    const shape = asShape(inputShape);
    if (shape === null) {
      // tensor_shape.py: TensorShape.as_list
      throw new ValueError("as_list() is not defined on an unknown TensorShape.");
    }
    const rest = shape.slice(1);
    return [shape[0] ?? null, rest.every((d) => d) ? rest.reduce<number>((p, d) => p * (d as number), 1) : null];
  }
}

/** layers/core.py: flatten(inputs, name=None, data_format='channels_last') */
export function flatten(
  inputs: TensorLike,
  nameOrOptions?: string | { name?: string | null; dataFormat?: DataFormat | string | null },
): Tensor {
  const o = typeof nameOrOptions === "string" ? { name: nameOrOptions } : (nameOrOptions ?? {});
  return getDefaultGraph().atomically(() => {
    const layer = new Flatten({ name: o.name ?? null, dataFormat: o.dataFormat ?? "channels_last" });
    return layer.apply(inputs);
  });
}
