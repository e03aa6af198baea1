// nn_ops.py (TF 1.15): convolution (v1) / convolution_internal, Convolution and atrous_conv2d, for 1-D and 2-D
// convolutions: the conv op itself when undilated, else keras' path over _WithSpaceToBatch with the filter's static
// shape as the Const `filter_shape` (no Shape op), as TF builds it.
import { ValueError } from "../errors";
import type { Tensor } from "../framework/tensor";
import { conv2d } from "./nn-conv-ops";
import { conv1d } from "./nn-conv-wrappers";
import { conv3d } from "./nn-conv3d";
import { WithSpaceToBatch } from "./nn-space-to-batch";
import { convertToTensor, opScope, type TensorLike } from "./op-builder";

export interface ConvolutionOptions {
  strides?: number | readonly number[] | null;
  dilationRate?: number | readonly number[] | null;
  name?: string | null;
  dataFormat?: string | null;
  /** TF's newer spelling of dilation_rate. */
  dilations?: number | readonly number[] | null;
}

/** nn_ops.py: _get_sequence(value, n, channel_index, name): one value, n values or n + 2 values, as n + 2. */
function getSequence(
  value: number | readonly number[] | null | undefined,
  n: number,
  channelIndex: number,
  name: string,
) {
  const list = value === null || value === undefined ? [1] : typeof value === "number" ? [value] : [...value];
  if (list.length === n + 2) return list;
  let spatial: number[];
  if (list.length === 1) spatial = new Array(n).fill(list[0]);
  else if (list.length === n) spatial = list;
  // nn_ops.py: _get_sequence
  else throw new ValueError(`${name} should be of length 1, ${n} or ${n + 2} but was ${list.length}`);
  return channelIndex === 1 ? [1, 1, ...spatial] : [1, ...spatial, 1];
}

/** nn_ops.py: _get_strides_and_dilation_rate's checks. */
function checkStridesAndRate(strides: readonly number[], rate: readonly number[]): void {
  if (rate.some((r) => r < 1)) throw new ValueError("all values of dilation_rate must be positive");
  if (strides.some((s) => s < 1)) throw new ValueError("all values of strides must be positive");
  if (strides.some((s) => s > 1) && rate.some((r) => r > 1)) {
    throw new ValueError("strides > 1 not supported in conjunction with dilation_rate > 1");
  }
}

/**
 * nn_ops.py: convolution(input, filter, padding, strides=None, dilation_rate=None, name=None, data_format=None,
 * filters=None, dilations=None) for 1-D and 2-D: in the name scope `convolution`, a `Conv2D` named `convolution`
 * (conv1d's ops for 1-D); dilated, the `dilation_rate` and `filter_shape` Consts, then SpaceToBatchND, the
 * convolution and BatchToSpaceND.
 */
export function convolution(
  input: TensorLike,
  filter: TensorLike,
  padding: string,
  options: ConvolutionOptions = {},
): Tensor {
  if (options.dilationRate != null && options.dilations != null) {
    // deprecation.py: deprecated_argument_lookup
    throw new ValueError("Cannot specify both 'dilations' and 'dilation_rate'");
  }
  const dilationRate = options.dilations ?? options.dilationRate ?? null;
  return opScope(options.name, "convolution", [input, filter], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    const f = convertToTensor(filter, { name: "filter" });
    const rank = x.shape?.length ?? f.shape?.length ?? null;
    // nn_ops.py: convolution_internal
    if (rank === null) throw new ValueError("rank of input or filter must be known");
    const n = rank - 2;
    if (n < 1 || n > 3) throw new ValueError(`Input tensor must be of rank 3, 4 or 5 but was ${n + 2}.`);
    const dataFormat = options.dataFormat ?? undefined;
    const channelIndex = dataFormat?.startsWith("NC") ? 1 : n + 1;
    const strides = getSequence(options.strides, n, channelIndex, "strides");
    const dilations = getSequence(dilationRate, n, channelIndex, "dilations");
    const spatial = (v: number[]) => (channelIndex === 1 ? v.slice(2) : v.slice(1, -1));
    const convOp = (inp: Tensor, pad: string, dil?: number[]): Tensor =>
      n === 1
        ? conv1d(inp, f, spatial(strides), pad, { dataFormat, dilations: dil && spatial(dil), name: scope })
        : n === 2
          ? conv2d(inp, f, strides, pad, { dataFormat, dilations: dil, name: scope })
          : // nn_ops.py: _NonAtrousConvolution: gen_nn_ops.conv3d (its default dilations)
            conv3d(inp, f, { strides, padding: pad, dataFormat, name: scope });
    if (dilations.every((d) => d === 1)) return convOp(x, padding, dilations);
    // nn_ops.py: Convolution.__init__
    const filterShape = f.shape;
    if (x.shape !== null && x.shape.length !== n + 2) throw new ValueError(`input tensor must have rank ${n + 2}`);
    if (filterShape === null || filterShape.length !== n + 2) {
      throw new ValueError(`filter tensor must have rank ${n + 2}`);
    }
    const inputChannels = x.shape?.[channelIndex] ?? null;
    const filterIn = filterShape[n];
    if (inputChannels !== null && filterIn !== null && inputChannels !== filterIn) {
      throw new ValueError(
        `number of input channels does not match corresponding dimension of filter, ${inputChannels} != ${filterIn}`,
      );
    }
    checkStridesAndRate(spatial(strides), spatial(dilations));
    const known = filterShape.every((d) => d !== null) ? (filterShape as number[]) : null;
    const plan = new WithSpaceToBatch(x.shape, spatial(dilations), padding, known, dataFormat, "tf.nn.convolution");
    return plan.call(x, (inp, pad) => convOp(inp, pad));
  });
}

/**
 * nn_ops.py: atrous_conv2d(value, filters, rate, padding, name=None): convolution(value, filters, padding,
 * dilation_rate=[rate, rate], name=name).
 */
export function atrousConv2d(
  value: TensorLike,
  filters: TensorLike,
  rate: number,
  padding: string,
  name?: string | null,
): Tensor {
  return convolution(value, filters, padding, { dilationRate: [rate, rate], name });
}
