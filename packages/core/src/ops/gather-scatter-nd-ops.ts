// array_ops.py / gen_array_ops.py: gather_nd and scatter_nd, with the shape functions of array_ops.cc (GatherNd,
// ScatterNdShape).
import { int32 } from "../framework/dtypes";
import { inferenceShapeString, mergeShapes, type Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { useGatherScatterNdKernels } from "../kernels/reference/gather-scatter-nd";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { constantValue, constantValueAsShape, mergeError, shapeError } from "./shape-inference";

const atLeastRank = (rank: number, actual: number) => `Shape must be at least rank ${rank} but is rank ${actual}`;

/** array_ops.py: gather_nd(params, indices, name=None): a `GatherNd`, output indices.shape[:-1] + params.shape[r:]. */
export function gatherNd(params: TensorLike, indices: TensorLike, name?: string): Tensor {
  return opScope(name, opDefs.GatherNd.type, [params, indices], (scope) => {
    const p = convertToTensor(params, { name: "params" });
    const i = convertToTensor(indices, { name: "indices", preferredDtype: int32 });
    const fail = (message: string) => shapeError(message, scope.slice(0, -1), opDefs.GatherNd.type, [p, i]);
    // array_ops.cc: GatherNd shape function
    if (i.shape !== null && i.shape.length < 1) throw fail(atLeastRank(1, 0));
    const r = i.shape?.[i.shape.length - 1] ?? null;
    let shape: Shape = null;
    if (p.shape !== null && i.shape !== null && r !== null) {
      if (r > p.shape.length)
        throw fail(
          `indices.shape[-1] must be <= params.rank, but saw indices shape: ${inferenceShapeString(i.shape)} and params shape: ${inferenceShapeString(p.shape)}`,
        );
      shape = [...i.shape.slice(0, -1), ...p.shape.slice(r)];
    }
    useGatherScatterNdKernels();
    return createOp(opDefs.GatherNd, [p, i], {
      name: scope,
      attrs: { Tparams: p.dtype, Tindices: i.dtype },
      shapes: [shape],
    }).outputs[0];
  });
}

const elements = (s: Shape) => (s === null || s.some((d) => d === null) ? null : s.reduce<number>((a, d) => a * d!, 1));

/** gen_array_ops.py: scatter_nd(indices, updates, shape, name=None): a `ScatterNd` (zeros of `shape`, updates added). */
export function scatterNd(indices: TensorLike, updates: TensorLike, shape: TensorLike, name?: string): Tensor {
  return opScope(name, opDefs.ScatterNd.type, [indices, updates, shape], (scope) => {
    const i = convertToTensor(indices, { name: "indices", preferredDtype: int32 });
    const u = convertToTensor(updates, { name: "updates" });
    const s = convertToTensor(shape, { name: "shape", dtype: i.dtype });
    const known = constantValue(s);
    const fail = (message: string) =>
      shapeError(message, scope.slice(0, -1), opDefs.ScatterNd.type, [i, u, s], {
        tensors: known ? [[2, known]] : [],
      });
    // array_ops.cc: ScatterNdShape
    if (i.shape !== null && i.shape.length < 1) throw fail(atLeastRank(1, 0));
    if (u.shape !== null && u.shape.length < 1) throw fail(atLeastRank(1, 0));
    const out = constantValueAsShape(s);
    if (elements(out) === 0 && ((elements(i.shape) ?? 0) > 0 || (elements(u.shape) ?? 0) > 0))
      throw fail("Indices and updates specified for empty output shape");
    const ix = i.shape?.[i.shape.length - 1] ?? null;
    if (i.shape !== null && u.shape !== null && ix !== null) {
      const outer = i.shape.length - 1;
      const prefixI = i.shape.slice(0, outer);
      const prefixU = u.shape.slice(0, outer);
      if (mergeShapes(prefixI, prefixU) === undefined)
        throw fail(
          `The outer ${outer} dimensions of indices.shape=${inferenceShapeString(i.shape)} must match the outer ${outer} dimensions of updates.shape=${inferenceShapeString(u.shape)}: ${mergeError(prefixI, prefixU)}`,
        );
      if (out !== null) {
        const suffixOut = out.slice(ix);
        const suffixU = u.shape.slice(outer);
        if (mergeShapes(suffixOut, suffixU) === undefined)
          throw fail(
            `The inner ${out.length - ix} dimensions of output.shape=${inferenceShapeString(out)} must match the inner ${u.shape.length - outer} dimensions of updates.shape=${inferenceShapeString(u.shape)}: ${mergeError(suffixOut, suffixU)}`,
          );
      }
    }
    useGatherScatterNdKernels();
    return createOp(opDefs.ScatterNd, [i, u, s], {
      name: scope,
      attrs: { T: u.dtype, Tindices: i.dtype },
      shapes: [out],
    }).outputs[0];
  });
}
