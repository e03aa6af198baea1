// contrib/seq2seq/python/ops/beam_search_decoder.py (TF 1.15): tile_batch, each batch entry repeated `multiplier`
// times in place (`[t[0], t[0], ..., t[1], t[1], ...]`), as beam search needs its memory tiled.
import { ValueError } from "../../errors";
import type { Tensor } from "../../framework/tensor";
import { expandDims, reshape, shape } from "../../ops/array-ops";
import { flatten, packSequenceAs, type Structure } from "../../ops/nest";
import { convertToTensor, opScope, type TensorLike } from "../../ops/op-builder";
import { mul } from "../../ops/operators";
import { concat, stack, tile } from "../../ops/slicing-ops";
import { indexTensor, sliceRange } from "../../ops/tensor-index";

/** beam_search_decoder.py: _tile_batch */
function tileOne(value: TensorLike, multiplier: number): Tensor {
  const t = convertToTensor(value, { name: "t" });
  const shapeT = shape(t);
  // beam_search_decoder.py: _tile_batch
  if (t.shape === null || t.shape.length < 1) throw new ValueError("t must have statically known rank");
  const tiling = new Array<number>(t.shape.length + 1).fill(1);
  tiling[1] = multiplier;
  const batch = t.shape[0] ?? null;
  const tiledStaticBatchSize = batch !== null ? batch * multiplier : null;
  let tiled = tile(expandDims(t, 1), tiling);
  const batchTimes = mul(indexTensor(shapeT, 0), multiplier);
  const rest = sliceRange(shapeT, 1, null);
  // `concat(([shape_t[0] * multiplier], shape_t[1:]), 0)`: the list autopacks to `concat/values_0`.
  const newShape = opScope(null, "concat", [], (scope) => concat([stack([batchTimes], 0, "values_0"), rest], 0, scope));
  tiled = reshape(tiled, newShape);
  tiled.setShape([tiledStaticBatchSize, ...t.shape.slice(1)]);
  return tiled;
}

/**
 * beam_search_decoder.py: tile_batch(t, multiplier, name=None): for each tensor of `t` (a structure), the batch
 * `[batch, ...]` becomes `[batch * multiplier, ...]` with each entry repeated `multiplier` times, in `tile_batch/`.
 */
export function tileBatch(t: Structure<TensorLike>, multiplier: number, name: string | null = null): Structure<Tensor> {
  const flatT = flatten(t as never) as TensorLike[];
  return opScope(name, "tile_batch", [...flatT, multiplier], () =>
    packSequenceAs(
      t as never,
      flatT.map((x) => tileOne(x, multiplier)),
    ),
  ) as Structure<Tensor>;
}
