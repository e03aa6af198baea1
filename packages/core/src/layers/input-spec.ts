// keras/engine/input_spec.py (TF 1.15): InputSpec and assert_input_compatibility (tf.layers.InputSpec).
import { ValueError } from "../errors";
import { asDType, type DType, type DTypeLike } from "../framework/dtypes";
import type { Shape } from "../framework/shape";
import { messages } from "./messages";

export interface InputSpecOptions {
  dtype?: DTypeLike | null;
  shape?: readonly (number | null)[] | null;
  ndim?: number | null;
  maxNdim?: number | null;
  minNdim?: number | null;
  /** Axis (negative counts from the end) to the size it must have. */
  axes?: Readonly<Record<number, number | null>> | null;
}

/** input_spec.py: InputSpec: the ndim, dtype and shape every input of a layer must have. */
export class InputSpec {
  /** The dtype's name (`"float32"`), as TF keeps it. */
  readonly dtype: string | null;
  readonly shape: readonly (number | null)[] | null;
  readonly ndim: number | null;
  readonly maxNdim: number | null;
  readonly minNdim: number | null;
  readonly axes: Readonly<Record<number, number | null>>;

  constructor(options: InputSpecOptions = {}) {
    this.dtype = options.dtype !== null && options.dtype !== undefined ? asDType(options.dtype).name : null;
    if (options.shape !== null && options.shape !== undefined) {
      this.ndim = options.shape.length;
      this.shape = [...options.shape];
    } else {
      this.ndim = options.ndim ?? null;
      this.shape = null;
    }
    this.maxNdim = options.maxNdim ?? null;
    this.minNdim = options.minNdim ?? null;
    this.axes = { ...(options.axes ?? {}) };
    const keys = Object.keys(this.axes).map(Number);
    if (keys.length > 0 && (this.ndim !== null || this.maxNdim !== null)) {
      const maxDim = (this.ndim ? this.ndim : (this.maxNdim as number)) - 1;
      const maxAxis = Math.max(...keys);
      if (maxAxis > maxDim) {
        // input_spec.py: InputSpec.__init__
        throw new ValueError(messages.axisTooLarge(maxAxis, maxDim));
      }
    }
  }
}

/** What assert_input_compatibility reads of an input: a Tensor or a Variable. */
export interface SpecInput {
  readonly shape: Shape;
  readonly dtype: DType;
}

/** input_spec.py: assert_input_compatibility(input_spec, inputs, layer_name), TF's messages word for word. */
export function assertInputCompatibility(
  inputSpec: InputSpec | readonly (InputSpec | null)[] | null,
  inputs: readonly SpecInput[],
  layerName: string,
): void {
  if (!inputSpec || (Array.isArray(inputSpec) && inputSpec.length === 0)) return;
  const specs = (Array.isArray(inputSpec) ? inputSpec : [inputSpec]) as readonly (InputSpec | null)[];
  if (inputs.length !== specs.length) {
    // input_spec.py: assert_input_compatibility
    throw new ValueError(
      messages.inputCount(layerName, specs.length, inputs.length, `[${inputs.map(String).join(", ")}]`),
    );
  }
  specs.forEach((spec, index) => {
    if (spec === null) return;
    const shape = inputs[index].shape;
    const ndim = shape === null ? null : shape.length;
    if ((spec.ndim !== null || spec.minNdim !== null || spec.maxNdim !== null) && ndim === null) {
      // input_spec.py: assert_input_compatibility
      throw new ValueError(messages.rankUndefined(index, layerName));
    }
    if (spec.ndim !== null && ndim !== spec.ndim) {
      // input_spec.py: assert_input_compatibility
      throw new ValueError(messages.ndim(index, layerName, spec.ndim, ndim as number, shape as Shape & []));
    }
    if (spec.maxNdim !== null && ndim !== null && ndim > spec.maxNdim) {
      // input_spec.py: assert_input_compatibility
      throw new ValueError(messages.maxNdim(index, layerName, spec.maxNdim, ndim));
    }
    if (spec.minNdim !== null && ndim !== null && ndim < spec.minNdim) {
      // input_spec.py: assert_input_compatibility
      throw new ValueError(messages.minNdim(index, layerName, spec.minNdim, ndim, shape as Shape & []));
    }
    const dtype = inputs[index].dtype;
    if (spec.dtype !== null && dtype.name !== spec.dtype) {
      // input_spec.py: assert_input_compatibility
      throw new ValueError(messages.dtype(index, layerName, spec.dtype, dtype));
    }
    if (shape !== null) {
      for (const [key, value] of Object.entries(spec.axes)) {
        const axis = Number(key);
        // Python indexing: a negative axis counts from the end (an axis past the rank is TF's IndexError).
        const dim = shape[axis < 0 ? axis + shape.length : axis];
        if (value !== null && dim !== value && dim !== null) {
          // input_spec.py: assert_input_compatibility
          throw new ValueError(messages.axis(index, layerName, axis, value, shape));
        }
      }
      if (spec.shape !== null) {
        spec.shape.forEach((specDim, i) => {
          const dim = shape[i];
          if (i < shape.length && specDim !== null && dim !== null && specDim !== dim) {
            // input_spec.py: assert_input_compatibility
            throw new ValueError(messages.shape(index, layerName, spec.shape as [], shape));
          }
        });
      }
    }
  });
}
