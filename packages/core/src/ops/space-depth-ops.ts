// array_ops.py (TF 1.15): space_to_depth and depth_to_space (gen_array_ops, array_ops.cc's shape functions) and
// array_grad.py's _SpaceToDepthGrad / _DepthToSpaceGrad (each the other op).
import { ValueError } from "../errors";
import type { Dim, Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import type { GradTable } from "../gradients/grad-types";
import { useSpaceDepthKernels } from "../kernels/reference/space-depth";
import { checkStringAttr, rankMessage, shapeFnError } from "./nn-messages";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { positionalArgs } from "./positional-args";

// The kernels of this family ship with the module that builds its ops (kernels/lazy-kernel-registry.ts).
useSpaceDepthKernels();

export interface SpaceDepthOptions {
  name?: string | null;
  dataFormat?: string;
}

type Kind = typeof opDefs.SpaceToDepth.type | typeof opDefs.DepthToSpace.type;

function build(kind: Kind, input: TensorLike, blockSize: number, args: unknown[]): Tensor {
  const opts = positionalArgs<SpaceDepthOptions>(
    kind === opDefs.SpaceToDepth.type ? "space_to_depth" : "depth_to_space",
    ["name", "dataFormat"],
    args,
  );
  const dataFormat = opts.dataFormat ?? "NHWC";
  return opScope(opts.name, kind, [input], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    checkStringAttr(kind, "data_format", dataFormat, ["NHWC", "NCHW", "NCHW_VECT_C"]);
    if (!Number.isInteger(blockSize) || blockSize < 2) {
      // op_def_util.cc: ValidateAttrValue (block_size has minimum 2)
      throw new ValueError(`Value for attr 'block_size' of ${blockSize} must be at least minimum 2`);
    }
    const opName = scope.slice(0, -1);
    const fail = (message: string) => shapeFnError(message, opName, kind, [x]);
    // array_ops.cc: SpaceToDepth / DepthToSpace shape functions (NCHW_VECT_C's fifth dim left as is)
    const rank = dataFormat === "NCHW_VECT_C" ? 5 : 4;
    if (x.shape !== null && x.shape.length !== rank) throw fail(rankMessage(rank, x.shape.length));
    const s: Dim[] = x.shape ?? new Array<Dim>(rank).fill(null);
    const [ni, hi, wi, ci] = dataFormat === "NHWC" ? [0, 1, 2, 3] : [0, 2, 3, 1];
    const divide = (d: Dim, by: number): Dim => {
      if (d === null) return null;
      // shape_inference.cc: InferenceContext::Divide (evenly_divisible)
      if (d % by !== 0) throw fail(`Dimension size must be evenly divisible by ${by} but is ${d}`);
      return d / by;
    };
    const times = (d: Dim, by: number): Dim => (d === null ? null : d * by);
    const sq = blockSize * blockSize;
    const out: Dim[] = [...s];
    if (kind === opDefs.SpaceToDepth.type) {
      out[hi] = divide(s[hi], blockSize);
      out[wi] = divide(s[wi], blockSize);
      out[ci] = times(s[ci], sq);
    } else {
      out[hi] = times(s[hi], blockSize);
      out[wi] = times(s[wi], blockSize);
      out[ci] = divide(s[ci], sq);
    }
    out[ni] = s[ni];
    const shape: Shape = out;
    return createOp(opDefs[kind], [x], {
      name: scope,
      attrs: { T: x.dtype, block_size: blockSize, data_format: dataFormat },
      shapes: [shape],
    }).outputs[0];
  });
}

/** array_ops.py: space_to_depth(input, block_size, name=None, data_format="NHWC"): a `SpaceToDepth`. */
export function spaceToDepth(
  input: TensorLike,
  blockSize: number,
  name?: string | null | SpaceDepthOptions,
  dataFormat?: string | SpaceDepthOptions,
): Tensor {
  return build(opDefs.SpaceToDepth.type, input, blockSize, [name, dataFormat]);
}

/** array_ops.py: depth_to_space(input, block_size, name=None, data_format="NHWC"): a `DepthToSpace`. */
export function depthToSpace(
  input: TensorLike,
  blockSize: number,
  name?: string | null | SpaceDepthOptions,
  dataFormat?: string | SpaceDepthOptions,
): Tensor {
  return build(opDefs.DepthToSpace.type, input, blockSize, [name, dataFormat]);
}

function inverseGrad(kind: Kind) {
  return (op: Tensor["op"], [grad]: (Tensor | unknown)[]) => {
    const dataFormat = op.attrs.data_format as string;
    if (dataFormat === "NCHW_VECT_C") {
      // array_grad.py: _SpaceToDepthGrad / _DepthToSpaceGrad
      throw new ValueError(`Cannot compute ${kind} gradient with NCHW_VECT_C. NCHW_VECT_C requires qint8 data type.`);
    }
    const blockSize = op.attrs.block_size as number;
    const inverse = kind === opDefs.SpaceToDepth.type ? depthToSpace : spaceToDepth;
    return [inverse(grad as Tensor, blockSize, { dataFormat })];
  };
}

export const spaceDepthGrads: GradTable = {
  SpaceToDepth: inverseGrad(opDefs.SpaceToDepth.type),
  DepthToSpace: inverseGrad(opDefs.DepthToSpace.type),
};
