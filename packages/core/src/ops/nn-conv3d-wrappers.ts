// nn_ops.py (TF 1.15): conv3d_v1, exported as tf.nn.conv3d: gen_nn_ops.conv3d with `filters` a deprecated alias.
import type { Tensor } from "../framework/tensor";
import { conv3d as genConv3d } from "./nn-conv3d";
import { deprecatedArgumentLookup } from "./nn-impl";
import type { TensorLike } from "./op-builder";
import { positionalArgs } from "./positional-args";

export interface NnConv3DOptions {
  filter?: TensorLike;
  strides?: readonly number[];
  padding?: string;
  dataFormat?: string;
  dilations?: readonly number[];
  name?: string | null;
  /** TF's newer spelling of `filter`. */
  filters?: TensorLike;
}

/**
 * nn_ops.py: conv3d_v1(input, filter=None, strides=None, padding=None, data_format="NDHWC",
 * dilations=[1, 1, 1, 1, 1], name=None, filters=None): a `Conv3D`.
 */
export function conv3d(
  input: TensorLike,
  ...args: (TensorLike | readonly number[] | string | null | NnConv3DOptions | undefined)[]
): Tensor {
  const opts = positionalArgs<NnConv3DOptions>(
    "conv3d",
    ["filter", "strides", "padding", "dataFormat", "dilations", "name"],
    args,
  );
  const f = deprecatedArgumentLookup("filters", opts.filters, "filter", opts.filter);
  return genConv3d(input, f as TensorLike, {
    strides: opts.strides as readonly number[],
    padding: opts.padding as string,
    dataFormat: opts.dataFormat,
    dilations: opts.dilations,
    name: opts.name,
  });
}
