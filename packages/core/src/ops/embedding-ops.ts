// embedding_ops.py: embedding_lookup / _embedding_lookup_and_transform for one params tensor or Variable.
import { ValueError } from "../errors";
import { int32 } from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import { identity } from "./array-ops";
import { convertToTensor, opScope, type TensorLike } from "./op-builder";
import { gather } from "./slicing-ops";

export interface EmbeddingLookupOptions {
  /** "mod" (default) or "div": how ids map to the shards of a list of params (one shard here: unused). */
  partitionStrategy?: "mod" | "div";
  name?: string;
  /** clip_by_norm of each embedding to this L2 norm (not built yet: a ValueError says so). */
  maxNorm?: number | null;
  /** Ignored, as in TF 1.15. */
  validateIndices?: boolean;
}

/**
 * embedding_ops.py: embedding_lookup(params, ids, partition_strategy="mod", name=None, validate_indices=True,
 * max_norm=None) for one params: inside `embedding_lookup/`, a `GatherV2` named `embedding_lookup` colocated with
 * params (`_class: loc:@emb`), then the `embedding_lookup/Identity` that drops the colocation. Its gradient with
 * respect to params is an IndexedSlices (array_grad.py: _GatherV2Grad).
 */
export function embeddingLookup(
  params: TensorLike | readonly TensorLike[],
  ids: TensorLike,
  options: EmbeddingLookupOptions | string = {},
): Tensor {
  const opts = typeof options === "string" ? { name: options } : options;
  if (params === null || params === undefined) {
    // embedding_ops.py: _embedding_lookup_and_transform
    throw new ValueError("params must be specified");
  }
  const list = Array.isArray(params) ? [...(params as readonly TensorLike[])] : [params as TensorLike];
  if (list.length === 0) {
    // embedding_ops.py: _embedding_lookup_and_transform
    throw new ValueError("Need at least one param");
  }
  if (list.length > 1) {
    throw new ValueError("embedding_lookup of several (partitioned) params is not supported by scopeflow yet");
  }
  const strategy = opts.partitionStrategy ?? "mod";
  if (strategy !== "mod" && strategy !== "div") {
    // embedding_ops.py: _embedding_lookup_and_transform (only reached with np > 1 in TF)
    throw new ValueError(`Unrecognized partition strategy: ${strategy}`);
  }
  if (opts.maxNorm !== undefined && opts.maxNorm !== null) {
    throw new ValueError("embedding_lookup max_norm (clip_by_norm) is not supported by scopeflow yet");
  }
  return opScope(opts.name, "embedding_lookup", [...list, ids], (scope, graph) => {
    // convert_n_to_tensor_or_indexed_slices(params, name="params"): a Variable reads as `v/read`.
    const p = convertToTensor(list[0], { name: "params" });
    const i = convertToTensor(ids, { name: "ids", preferredDtype: int32 });
    const result = graph.colocateWith(p.op, () => gather(p, i, { name: scope }));
    return identity(result);
  });
}
