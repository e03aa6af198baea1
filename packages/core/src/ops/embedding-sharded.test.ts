// embedding_ops_test.py (EmbeddingLookupTest): sharded params ("mod" and "div", known and unknown shard shapes),
// max_norm, higher ranks, gradients into every shard; DynamicStitchOpTest / ParallelDynamicStitchOpTest and
// dynamic_partition_op_test.py for the ops the sharded lookup builds.
import { describe, expect, it } from "vitest";
import { seeded } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";

function inGraph<T>(body: (g: tf.Graph) => T): T {
  const g = new tf.Graph();
  return g.asDefault(() => body(g));
}

interface Shards {
  p: tf.Tensor[];
  values: number[][][];
  feeds: Map<tf.Tensor, unknown>;
}

/** embedding_ops_test.py: _EmbeddingParams: shard i is [vocab // n (+1 for the first vocab % n), ...shape], named p<i>. */
function embeddingParams(numShards: number, vocab: number, width = 10, shapeless = false, seed = 1): Shards {
  const rnd = seeded(seed);
  const p: tf.Tensor[] = [];
  const values: number[][][] = [];
  const feeds = new Map<tf.Tensor, unknown>();
  for (let i = 0; i < numShards; i++) {
    const rows = Math.floor(vocab / numShards) + (i < vocab % numShards ? 1 : 0);
    const value = Array.from({ length: rows }, () => Array.from({ length: width }, () => Math.fround(rnd() + 1)));
    const param = shapeless
      ? tf.placeholder(tf.float32, null, `p${i}`)
      : tf.constant(1.0, { dtype: tf.float32, shape: [rows, width], name: `p${i}` });
    p.push(param);
    values.push(value);
    feeds.set(param, value);
  }
  return { p, values, feeds };
}

/** embedding_ops_test.py: _EmbeddingResult: where each id lives under "mod" or "div". */
function embeddingResult(values: number[][][], ids: number[], vocab: number, strategy: "mod" | "div"): number[][] {
  const n = values.length;
  return ids.map((i) => {
    if (strategy === "mod") return values[i % n][Math.floor(i / n)];
    const idsPerPartition = Math.floor(vocab / n);
    const extras = vocab % n;
    const threshold = extras * (idsPerPartition + 1);
    if (i < threshold) return values[Math.floor(i / (idsPerPartition + 1))][i % (idsPerPartition + 1)];
    return values[extras + Math.floor((i - threshold) / idsPerPartition)][(i - threshold) % idsPerPartition];
  });
}

function randomIds(count: number, vocab: number, seed: number): number[] {
  const rnd = seeded(seed);
  return Array.from({ length: count }, () => Math.floor(rnd() * vocab));
}

function rows(a: tf.NDArray): number[][] {
  return a.toArray() as number[][];
}

describe("tf.nn.embeddingLookup of sharded params (embedding_ops_test.py EmbeddingLookupTest)", () => {
  it("testSimpleSharded: ids [0, 0] both in the first of 2 shards; TF's op names and shapes", () =>
    inGraph((g) => {
      const { p, values, feeds } = embeddingParams(2, 4);
      const ids = tf.constant([0, 0], { dtype: tf.int32 });
      const embedding = tf.nn.embeddingLookup(p, ids);
      expect(embedding.shape).toEqual([2, 10]);
      // "Reshape" is flat_ids.
      expect(embedding.name).toBe("embedding_lookup/Reshape_1:0");
      // name_scope's "embedding_lookup/" names the stitch itself, as the single-shard GatherV2.
      const stitch = g.getOperationByName("embedding_lookup");
      expect(stitch.type).toBe("ParallelDynamicStitch");
      expect(stitch.inputs.map((t) => t.name)).toEqual([
        "embedding_lookup/DynamicPartition_1:0",
        "embedding_lookup/DynamicPartition_1:1",
        "embedding_lookup/GatherV2:0",
        "embedding_lookup/GatherV2_1:0",
      ]);
      expect(g.getOperationByName("embedding_lookup/mod").type).toBe("FloorMod");
      expect(g.getOperationByName("embedding_lookup/floordiv").type).toBe("FloorDiv");
      expect(g.getOperationByName("embedding_lookup/GatherV2_1").attrs._class).toEqual(["loc:@p1"]);
      const got = new tf.Session().run(embedding, feeds as never);
      expect(rows(got)).toEqual(embeddingResult(values, [0, 0], 4, "mod"));
    }));

  for (const dtype of [tf.int32, tf.int64]) {
    it(`testShardedModPartitioning${dtype === tf.int32 ? "Int32" : "Int64"}Ids: 13 ids over 5 shards, with repeats`, () =>
      inGraph(() => {
        const { p, values, feeds } = embeddingParams(5, 13);
        const idVals = randomIds(30, 13, 2);
        const embedding = tf.nn.embeddingLookup(p, tf.constant(idVals, { dtype }));
        expect(embedding.shape).toEqual([30, 10]);
        expect(rows(new tf.Session().run(embedding, feeds as never))).toEqual(
          embeddingResult(values, idVals, 13, "mod"),
        );
      }));

    it(`testShardedDivPartitioning${dtype === tf.int32 ? "Int32" : "Int64"}Ids: contiguous id ranges`, () =>
      inGraph((g) => {
        const { p, values, feeds } = embeddingParams(5, 13);
        const idVals = randomIds(30, 13, 3);
        const embedding = tf.nn.embeddingLookup(p, tf.constant(idVals, { dtype }), { partitionStrategy: "div" });
        // embedding_ops.py: the total vocabulary as a Const of the ids' dtype, then ids_per_partition and extras.
        const total = g.getOperationByName("embedding_lookup/Const");
        expect(total.outputs[0].dtype).toBe(dtype);
        expect(g.getOperationByName("embedding_lookup/Select").type).toBe("Select");
        expect(g.getOperationByName("embedding_lookup/Maximum").type).toBe("Maximum");
        expect(rows(new tf.Session().run(embedding, feeds as never))).toEqual(
          embeddingResult(values, idVals, 13, "div"),
        );
      }));
  }

  it("testShardedDivPartitioningUnknownParamShape: shard sizes read at run time", () =>
    inGraph(() => {
      const { p, values, feeds } = embeddingParams(5, 13, 10, true);
      const idVals = randomIds(30, 13, 4);
      const embedding = tf.nn.embeddingLookup(p, tf.constant(idVals, { dtype: tf.int64 }), {
        partitionStrategy: "div",
      });
      // ids.shape.concatenate(unknown) is unknown, as in TF.
      expect(embedding.shape).toBeNull();
      expect(rows(new tf.Session().run(embedding, feeds as never))).toEqual(embeddingResult(values, idVals, 13, "div"));
    }));

  it("testMaxNorm / testMaxNormNontrivial: embeddings clipped to max_norm", () =>
    inGraph(() => {
      const sess = new tf.Session();
      const one = tf.nn.embeddingLookup([tf.constant([[2.0]], { dtype: tf.float32 })], tf.constant([0]), {
        maxNorm: 1.0,
      });
      expect(rows(sess.run(one))).toEqual([[1]]);
      const embeddings = [
        [2.0, 4.0],
        [3.0, 1.0],
      ];
      const e = tf.constant(embeddings, { dtype: tf.float32 });
      const clipped = tf.nn.embeddingLookup([e], tf.constant([0, 1]), { maxNorm: 2.0 });
      const norms = embeddings.map((r) => Math.fround(Math.sqrt(r[0] * r[0] + r[1] * r[1])));
      const got = rows(sess.run(clipped)).flat();
      const want = embeddings.flatMap((r, i) => r.map((v) => (2 * v) / norms[i]));
      got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
    }));

  it("testHigherRank / testHigherRankMaxNorm: sharded equals unsharded for ids and params of higher rank", () =>
    inGraph(() => {
      const sess = new tf.Session();
      const rnd = seeded(8);
      for (const paramsShape of [[12], [6, 3], [6, 2, 3]]) {
        const count = paramsShape.reduce((a, b) => a * b, 1);
        const params = tf.constant(
          Array.from({ length: count }, () => rnd() * 2 - 1),
          { dtype: tf.float32, shape: paramsShape },
        );
        for (const idsShape of [
          [3, 2],
          [4, 3],
          [2, 3, 4],
        ]) {
          const n = idsShape.reduce((a, b) => a * b, 1);
          const ids = tf.constant(randomIds(n, paramsShape[0], n), { dtype: tf.int32, shape: idsShape });
          for (const maxNorm of [null, 1.0]) {
            const simple = tf.nn.embeddingLookup(params, ids, { maxNorm });
            expect(simple.shape).toEqual([...idsShape, ...paramsShape.slice(1)]);
            const simpleValue = Array.from(sess.run(simple).data as Float32Array);
            if (maxNorm === null) {
              expect(simpleValue).toEqual(Array.from(sess.run(tf.gather(params, ids)).data as Float32Array));
            }
            for (const procs of [1, 2, 3]) {
              const stride = tf.multiply(procs, tf.range(Math.floor(paramsShape[0] / procs)));
              const split = Array.from({ length: procs }, (_, k) => tf.gather(params, tf.add(stride, k)));
              const sharded = tf.nn.embeddingLookup(split, ids, { maxNorm });
              expect(sharded.shape).toEqual(simple.shape);
              const got = Array.from(sess.run(sharded).data as Float32Array);
              got.forEach((v, i) => expect(v).toBeCloseTo(simpleValue[i], 6));
            }
          }
        }
      }
    }));

  it("testGradientsEmbeddingLookup: each shard's gradient is the upstream rows its ids took", () =>
    inGraph(() => {
      const idVals = randomIds(10, 9, 5);
      for (const idsShape of [[10], [2, 5]]) {
        for (const numShards of [1, 3]) {
          const ids = tf.constant(idVals, { dtype: tf.int32, shape: idsShape });
          const { p, values, feeds } = embeddingParams(numShards, 9, 2, false, numShards);
          const y = tf.nn.embeddingLookup(p, ids);
          const upstream = idVals.map((_, k) => [k + 1, -(k + 1)]);
          const w = tf.constant(upstream, { dtype: tf.float32, shape: [...idsShape, 2] });
          const grads = tf.gradients(tf.reduceSum(tf.multiply(y, w)), p);
          const sess = new tf.Session();
          grads.forEach((gr, shard) => {
            const dense = tf.convertToTensor(gr as tf.IndexedSlices);
            const expected = values[shard].map((r) => r.map(() => 0));
            idVals.forEach((id, k) => {
              const [s, row] = numShards === 1 ? [0, id] : [id % numShards, Math.floor(id / numShards)];
              if (s === shard) expected[row] = expected[row].map((v, j) => v + upstream[k][j]);
            });
            expect(rows(sess.run(dense, feeds as never))).toEqual(expected);
          });
        }
      }
    }));

  it("testConstructionSharded: two Variables, ids past the first shard's rows", () =>
    inGraph((g) => {
      const p = [0, 1].map(() => new tf.Variable(tf.zeros([100, 100], tf.float32)));
      const out = tf.nn.embeddingLookup(p, tf.constant([0, 1, 1, 17], { dtype: tf.int32 }));
      expect(out.shape).toEqual([4, 100]);
      expect(g.getOperationByName("embedding_lookup/GatherV2").inputs[0].name).toBe("Variable/read:0");
      expect(() => tf.nn.embeddingLookup(p, [1], { partitionStrategy: "bogus" as never })).toThrow(
        "Unrecognized partition strategy: bogus",
      );
    }));
});

describe("DynamicPartition / ParallelDynamicStitch (dynamic_partition_op_test.py, embedding_ops_test.py)", () => {
  it("testSimpleOneDimensional / testSimpleTwoDimensional: slices per partition, in order", () =>
    inGraph(() => {
      const sess = new tf.Session();
      const parts = tf.dynamicPartition([0, 13, 2, 39, 4, 17], [0, 0, 2, 3, 2, 1], 4);
      expect(parts.map((t) => t.shape)).toEqual([[null], [null], [null], [null]]);
      expect(parts.map((t) => sess.run(t).toArray())).toEqual([[0, 13], [17], [2, 4], [39]]);
      const data = [
        [0, 1, 2],
        [3, 4, 5],
        [6, 7, 8],
        [9, 10, 11],
        [12, 13, 14],
        [15, 16, 17],
      ];
      const two = tf.dynamicPartition(tf.constant(data, { dtype: tf.float32 }), [0, 0, 2, 3, 2, 1], 4);
      expect(two[0].shape).toEqual([null, 3]);
      expect(two.map((t) => sess.run(t).toArray())).toEqual([
        [data[0], data[1]],
        [data[5]],
        [data[2], data[4]],
        [data[3]],
      ]);
    }));

  it("testErrorIndexOutOfRange / testScalarIndexOutOfRange-like: TF's kernel messages", () =>
    inGraph(() => {
      const sess = new tf.Session();
      const bad = tf.dynamicPartition([0, 1, 2, 3, 4], [0, 1, 2, 3, 5], 4);
      expect(() => sess.run(bad[0])).toThrow("partitions[4] = 5 is not in [0, 4)");
      const twoD = tf.dynamicPartition(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [0, 1],
          [9, 0],
        ],
        2,
      );
      expect(() => sess.run(twoD[0])).toThrow("partitions[1,0] = 9 is not in [0, 2)");
      const shape = tf.placeholder(tf.int32, null, "parts");
      const mismatched = tf.dynamicPartition([1, 2, 3], shape, 2);
      expect(() => sess.run(mismatched[0], { "parts:0": [0, 1] })).toThrow(
        "data.shape must start with partitions.shape, got data.shape = [3], partitions.shape = [2]",
      );
      expect(() => tf.dynamicPartition([1], [0], 0)).toThrow(
        "Attr 'num_partitions' of 'DynamicPartition' Op passed 0 less than minimum 1.",
      );
    }));

  it("ParallelDynamicStitchOpTest.testSimple / DynamicStitchOpTest.testSumGradArgs", () =>
    inGraph(() => {
      const sess = new tf.Session();
      const indices = [tf.constant([1, 6, 2, 3, 5, 0, 4, 7]), tf.constant([8, 9, 10])];
      const data = [tf.constant([0, 1, 2, 3, 4, 5, 6, 7]), tf.constant([8, 9, 10])];
      const stitched = tf.parallelDynamicStitch(indices, data);
      expect(stitched.op.type).toBe("ParallelDynamicStitch");
      expect(sess.run(stitched).toArray()).toEqual([5, 0, 2, 3, 6, 4, 1, 7, 8, 9, 10]);
      const x = tf.constant([1.0, 2.0, 3.0], { dtype: tf.float32 });
      const y = tf.constant([4.0, 5.0], { dtype: tf.float32 });
      const s = tf.dynamicStitch([tf.constant([0, 2, 4]), tf.constant([1, 3])], [x, y]);
      const [gx, gy] = tf.gradients(tf.reduceSum(tf.multiply(s, [1, 2, 3, 4, 5])), [x, y]);
      expect(sess.run(gx as tf.Tensor).toArray()).toEqual([1, 3, 5]);
      expect(sess.run(gy as tf.Tensor).toArray()).toEqual([2, 4]);
    }));
});
