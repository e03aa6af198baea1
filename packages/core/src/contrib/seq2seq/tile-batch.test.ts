// beam_search_decoder.py (TF 1.15) tile_batch: its docstring's contract (each entry repeated in place), the static
// shape it sets, its names, and its rank check.
import { describe, expect, it } from "vitest";
import * as tf from "../../index";
import { inGraph } from "../../scopes/test-helpers";

describe("beam_search_decoder.py tile_batch", () => {
  it("tile_batch: [batch, ...] to [batch * multiplier, ...], t[0] x multiplier then t[1] ...; structures map", () =>
    inGraph((g) => {
      const t = tf.constant([
        [1, 2],
        [3, 4],
      ]);
      const tiled = tf.contrib.seq2seq.tileBatch(t, 3) as tf.Tensor;
      expect(tiled.shape).toEqual([6, 2]);
      expect(new tf.Session().run(tiled).toArray()).toEqual([
        [1, 2],
        [1, 2],
        [1, 2],
        [3, 4],
        [3, 4],
        [3, 4],
      ]);
      expect(tiled.op.name).toBe("tile_batch/Reshape");
      expect(g.getOperationByName("tile_batch/concat/values_0")?.type).toBe("Pack");
      expect(g.getOperationByName("tile_batch/Tile")?.type).toBe("Tile");
      const unknownBatch = tf.placeholder(tf.float32, [null, 4]);
      const [a, b] = tf.contrib.seq2seq.tileBatch([unknownBatch, tf.zeros([2])], 2) as tf.Tensor[];
      expect(a?.shape).toEqual([null, 4]);
      expect(b?.shape).toEqual([4]);
      expect(new tf.Session().run(b as tf.Tensor).toArray()).toEqual([0, 0, 0, 0]);
    }));

  it("tile_batch: t must have statically known rank", () =>
    inGraph(() => {
      expect(() => tf.contrib.seq2seq.tileBatch(tf.constant(1), 2)).toThrow("t must have statically known rank");
    }));
});
