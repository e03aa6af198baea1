// embedding_ops.py: embedding_lookup / _embedding_lookup_and_transform / _clip (TF 1.15), for one params tensor or
// Variable and for a list of shards ("mod" or "div" partition strategy).
import { ValueError } from "../errors";
import { int32 } from "../framework/dtypes";
import { getDefaultGraph, isTensorConvertible } from "../framework/graph";
import { isFullyDefined, mergeShapes, type Shape, shapeToString } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { constant, identity, rank, reshape, shape, size } from "./array-ops";
import { clipByNorm } from "./clip-ops";
import { cast, less, maximum, range, where } from "./math-ops";
import { convertToTensor, opScope, type TensorLike } from "./op-builder";
import { add, floordiv, mod, sub } from "./operators";
import { reduceSum } from "./reduction-ops";
import { concat, dynamicPartition, gather, parallelDynamicStitch, stack } from "./slicing-ops";
import { indexTensor, sliceRange } from "./tensor-index";

export interface EmbeddingLookupOptions {
  /** "mod" (default) or "div": how ids map to the shards of a list of params. */
  partitionStrategy?: "mod" | "div";
  name?: string;
  /** Each embedding is clipped (clip_by_norm) to this L2 norm when larger. */
  maxNorm?: number | Tensor | null;
  /** Ignored, as in TF 1.15. */
  validateIndices?: boolean;
}

/** A PartitionedVariable's shape as embeddingLookup reads it (ops may not import the variables layer's class). */
interface PartitionedLike {
  getVariableList(): TensorLike[];
}

function isPartitioned(value: unknown): value is PartitionedLike {
  return (
    typeof value === "object" && value !== null && typeof (value as PartitionedLike).getVariableList === "function"
  );
}

/** A list of params shards, or one params (a PartitionedVariable: its parts). */
export type EmbeddingParams = TensorLike | readonly TensorLike[] | PartitionedLike;

/** embedding_ops.py: _clip: clip_by_norm over the embedding axes (rank(ids) .. rank(params)) when max_norm is set. */
function clip(params: Tensor, ids: Tensor, maxNorm: EmbeddingLookupOptions["maxNorm"]): Tensor {
  if (maxNorm === undefined || maxNorm === null) return params;
  // embedding_ops.py: _rank: a static rank only when known and non-zero.
  const idsRank = ids.shape?.length || null;
  const paramsRank = params.shape?.length || null;
  const axes =
    idsRank !== null && paramsRank !== null
      ? Array.from({ length: paramsRank - idsRank }, (_, i) => idsRank + i)
      : range(idsRank ?? rank(ids), paramsRank ?? rank(params));
  return clipByNorm(params, maxNorm, { axes: axes as number[] });
}

/**
 * The shards of `params` (embedding_ops.py: a list is shards, anything else one params). A JS array counts as a
 * list of shards when it holds Tensors or Variables; an array of numbers is one params value, as numpy's would be.
 */
function paramsList(params: EmbeddingParams): TensorLike[] {
  if (params === null || params === undefined) {
    // embedding_ops.py: _embedding_lookup_and_transform
    throw new ValueError("params must be specified");
  }
  if (Array.isArray(params)) {
    // embedding_ops.py: _embedding_lookup_and_transform
    if (params.length === 0) throw new ValueError("Need at least one param");
    if (params.every((p) => p instanceof Tensor || isTensorConvertible(p))) return [...params];
  }
  // variables.py: a PartitionedVariable iterates its parts (embedding_ops.py: `params = list(params)`).
  if (isPartitioned(params)) return params.getVariableList();
  return [params as TensorLike];
}

/** embedding_ops.py: "div": ids split into contiguous ranges, the first `extras` shards one id larger. */
function divAssignments(params: Tensor[], flatIds: Tensor): [Tensor, Tensor] {
  const np = params.length;
  const dims = params.map((p) => p.shape?.[0] ?? null);
  let numTotalIds: Tensor;
  if (dims.every((d) => d !== null)) {
    numTotalIds = constant(
      (dims as number[]).reduce((a, b) => a + b, 0),
      flatIds.dtype,
    );
  } else {
    const sizes = params.map((p, i) =>
      dims[i] !== null ? dims[i] : getDefaultGraph().colocateWith(p.op, () => indexTensor(shape(p), 0)),
    );
    numTotalIds = reduceSum(cast(stack(sizes as TensorLike[]), flatIds.dtype));
  }
  const idsPerPartition = floordiv(numTotalIds, np);
  const extras = mod(numTotalIds, np);
  const pAssignments = maximum(
    floordiv(flatIds, add(idsPerPartition, 1)),
    floordiv(sub(flatIds, extras), idsPerPartition),
  );
  const newIds = where(
    less(pAssignments, extras),
    mod(flatIds, add(idsPerPartition, 1)),
    mod(sub(flatIds, extras), idsPerPartition),
  );
  return [pAssignments, newIds];
}

/** embedding_ops.py: _embedding_lookup_and_transform's np > 1 path: DynamicPartition, gathers, ParallelDynamicStitch. */
function shardedLookup(
  params: Tensor[],
  ids: Tensor,
  strategy: "mod" | "div",
  scope: string,
  maxNorm: EmbeddingLookupOptions["maxNorm"],
): Tensor {
  const np = params.length;
  const graph = getDefaultGraph();
  const flatIds = reshape(ids, [-1]);
  const originalIndices = range(size(flatIds));
  const [assigned, newIds] =
    strategy === "mod" ? [mod(flatIds, np), floordiv(flatIds, np)] : divAssignments(params, flatIds);
  const pAssignments = cast(assigned, int32);
  const gatherIds = dynamicPartition(newIds, pAssignments, np);
  const pindices = dynamicPartition(originalIndices, pAssignments, np);
  const partitioned = params.map((p, i) => graph.colocateWith(p.op, () => gather(p, gatherIds[i])));
  let ret = parallelDynamicStitch(pindices, partitioned, scope);
  let elementShape: Shape = params[0].shape === null ? null : params[0].shape.slice(1);
  for (const p of params.slice(1)) {
    const merged = mergeShapes(elementShape, p.shape === null ? null : p.shape.slice(1));
    if (merged === undefined) {
      // tensor_shape.py: TensorShape.merge_with
      throw new ValueError(
        `Shapes ${shapeToString(elementShape)} and ${shapeToString(p.shape?.slice(1) ?? null)} are not compatible`,
      );
    }
    elementShape = merged;
  }
  const elementShapeD: TensorLike = isFullyDefined(elementShape)
    ? elementShape
    : sliceRange(
        graph.colocateWith(params[0].op, () => shape(params[0])),
        1,
        null,
      );
  ret = reshape(ret, concat([shape(ids), elementShapeD], 0));
  ret.setShape(ids.shape === null || elementShape === null ? null : [...ids.shape, ...elementShape]);
  return clip(ret, ids, maxNorm);
}

/**
 * embedding_ops.py: embedding_lookup(params, ids, partition_strategy="mod", name=None, validate_indices=True,
 * max_norm=None). For one params: inside `embedding_lookup/`, a `GatherV2` named `embedding_lookup` colocated with
 * params (`_class: loc:@emb`), then the `embedding_lookup/Identity` that drops the colocation. For a list of shards
 * (or a PartitionedVariable): ids assigned to shards by `partitionStrategy` ("mod": id % n; "div": contiguous
 * ranges), a DynamicPartition of ids and positions, one gather per shard, and the `ParallelDynamicStitch` named
 * `embedding_lookup`, reshaped to ids.shape + the embedding shape. Gradients with respect to params are
 * IndexedSlices (array_grad.py: _GatherV2Grad).
 */
export function embeddingLookup(
  params: EmbeddingParams,
  ids: TensorLike,
  options: EmbeddingLookupOptions | string = {},
): Tensor {
  const opts = typeof options === "string" ? { name: options } : options;
  const list = paramsList(params);
  const strategy = opts.partitionStrategy ?? "mod";
  return opScope(opts.name, "embedding_lookup", [...list, ids], (scope, graph) => {
    // convert_n_to_tensor_or_indexed_slices(params, name="params"): a Variable reads as `v/read`.
    const shards = list.map((p, i) => convertToTensor(p, { name: list.length === 1 ? "params" : `params_${i}` }));
    const i = convertToTensor(ids, { name: "ids", preferredDtype: int32 });
    if (shards.length === 1) {
      const result = graph.colocateWith(shards[0].op, () =>
        clip(gather(shards[0], i, { name: scope }), i, opts.maxNorm),
      );
      return identity(result);
    }
    if (strategy !== "mod" && strategy !== "div") {
      // embedding_ops.py: _embedding_lookup_and_transform
      throw new ValueError(`Unrecognized partition strategy: ${strategy}`);
    }
    return shardedLookup(shards, i, strategy, scope, opts.maxNorm);
  });
}
