// nn_test.py (ComputeSampledLogitsTest): _compute_sampled_logits with accidental hits removed and
// sampled_softmax_loss, over _GenerateTestData's fixed sampled values; the data come from a seeded generator here.
import { describe, expect, it } from "vitest";
import { expectClose } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";
import { computeSampledLogits } from "./nn-sampled-losses";

/** mulberry32: a small seeded generator standing in for np.random. */
function generator(seed: number) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const randn = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { randint: (high: number) => Math.floor(uniform() * high), randn };
}

const NUM_CLASSES = 5;
const BATCH = 3;
const DIM = 10;
const SAMPLED = [1, 0, 2, 3];

/** nn_test.py: _GenerateTestData: weights, biases, activations, sampled values and numpy's expected logits. */
function generateTestData(seed: number, numTrue: number, labels: number[], subtractLogQ: boolean) {
  const rnd = generator(seed);
  const weights = Array.from({ length: NUM_CLASSES }, () => Array.from({ length: DIM }, rnd.randn));
  const biases = Array.from({ length: NUM_CLASSES }, rnd.randn);
  const hidden = Array.from({ length: BATCH }, () => Array.from({ length: DIM }, rnd.randn));
  const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
  const logQ = subtractLogQ ? Math.log(0.5) : 0;
  const expLogits = hidden.map((h, r) => [
    ...Array.from({ length: numTrue }, (_, k) => {
      const c = labels[r * numTrue + k];
      return dot(h, weights[c]) + biases[c] - logQ;
    }),
    ...SAMPLED.map((c) => dot(h, weights[c]) + biases[c] - logQ),
  ]);
  const expLabels = hidden.map(() => [...new Array(numTrue).fill(1 / numTrue), ...new Array(SAMPLED.length).fill(0)]);
  const sampledValues = (): [tf.Tensor, tf.Tensor, tf.Tensor] => [
    tf.constant(SAMPLED, { dtype: tf.int64 }),
    tf.fill([BATCH, 1], tf.constant(0.5, { dtype: tf.float32 })),
    tf.fill([SAMPLED.length], tf.constant(0.5, { dtype: tf.float32 })),
  ];
  return { weights, biases, hidden, expLogits, expLabels, sampledValues };
}

function inGraph<T>(body: (g: tf.Graph) => T): T {
  const g = new tf.Graph();
  return g.asDefault(() => body(g));
}

describe("_compute_sampled_logits (nn_test.py ComputeSampledLogitsTest)", () => {
  it("testAccidentalHitRemoval: exp(logit) of each accidental hit is near 0, other logits as numpy computes them", () => {
    const rnd = generator(0);
    for (let numTrue = 1; numTrue < 5; numTrue++) {
      const labels = Array.from({ length: BATCH * numTrue }, () => rnd.randint(NUM_CLASSES));
      const data = generateTestData(numTrue, numTrue, labels, false);
      inGraph((g) => {
        const [logits] = computeSampledLogits(
          tf.constant(data.weights, { dtype: tf.float32 }),
          tf.constant(data.biases, { dtype: tf.float32 }),
          tf.constant(labels, { dtype: tf.int64, shape: [BATCH, numTrue] }),
          tf.constant(data.hidden, { dtype: tf.float32 }),
          SAMPLED.length,
          NUM_CLASSES,
          {
            numTrue,
            sampledValues: data.sampledValues(),
            subtractLogQ: false,
            removeAccidentalHits: true,
            partitionStrategy: "div",
            name: `sampled_logits_accidental_hit_removal_num_true_${numTrue}`,
            defaultName: "compute_sampled_logits",
          },
        );
        const scope = `sampled_logits_accidental_hit_removal_num_true_${numTrue}`;
        const sparse = g.getOperationByName(`${scope}/SparseToDense`);
        expect(sparse.inputs.map((t) => t.op.name)).toEqual([
          `${scope}/sparse_indices`,
          // concat, concat_1 and concat_2 come before, as in nn_impl.py.
          `${scope}/concat_3`,
          `${scope}/ComputeAccidentalHits`,
          `${scope}/SparseToDense/default_value`,
        ]);
        expect(sparse.outputs[0].shape).toEqual([BATCH, SAMPLED.length]);
        const got = new tf.Session().run(logits);
        expect(got.shape).toEqual([BATCH, numTrue + SAMPLED.length]);
        const values = Array.from(got.data as Float32Array);
        const width = numTrue + SAMPLED.length;
        let hits = 0;
        for (let row = 0; row < BATCH; row++) {
          const rowLabels = labels.slice(row * numTrue, (row + 1) * numTrue);
          for (let col = 0; col < width; col++) {
            const v = values[row * width + col];
            if (col >= numTrue && rowLabels.includes(SAMPLED[col - numTrue])) {
              hits++;
              expect(Math.exp(v)).toBeLessThan(1e-3);
            } else {
              expect(Math.abs(v - data.expLogits[row][col])).toBeLessThan(1e-3);
            }
          }
        }
        expect(hits).toBeGreaterThan(0);
      });
    }
  });
});

/** nn_test.py: _ShardTestEmbeddings: fixed_size_partitioner(3) row shards ([2, 2, 1] of 5), as Consts. */
function shard(values: number[][] | number[]): tf.Tensor[] {
  const bounds = [0, 2, 4, 5];
  return [0, 1, 2].map((i) => tf.constant(values.slice(bounds[i], bounds[i + 1]) as number[][], { dtype: tf.float32 }));
}

describe("_compute_sampled_logits over shards (nn_test.py testSharded)", () => {
  it("testSharded: sharded weights and biases ('div') give numpy's logits and labels", () => {
    const rnd = generator(7);
    for (let numTrue = 1; numTrue < 5; numTrue++) {
      const labels = Array.from({ length: BATCH * numTrue }, () => rnd.randint(NUM_CLASSES));
      const data = generateTestData(10 + numTrue, numTrue, labels, false);
      inGraph(() => {
        const [logits, outLabels] = computeSampledLogits(
          shard(data.weights),
          shard(data.biases),
          tf.constant(labels, { dtype: tf.int64, shape: [BATCH, numTrue] }),
          tf.constant(data.hidden, { dtype: tf.float32 }),
          4,
          NUM_CLASSES,
          {
            numTrue,
            sampledValues: data.sampledValues(),
            subtractLogQ: false,
            removeAccidentalHits: false,
            partitionStrategy: "div",
            name: `sampled_logits_sharded_num_true_${numTrue}`,
            defaultName: "compute_sampled_logits",
          },
        );
        const [gotLogits, gotLabels] = new tf.Session().run([logits, outLabels]);
        expectClose(Array.from(gotLogits.data as Float32Array), data.expLogits.flat(), 1e-3);
        expectClose(Array.from(gotLabels.data as Float32Array), data.expLabels.flat(), 1e-3);
      });
    }
  });
});

describe("tf.nn.sampledSoftmaxLoss (nn_test.py testSampledSoftmaxLoss)", () => {
  /** nn_test.py: _SoftmaxCrossEntropyWithLogits */
  function softmaxXent(logits: number[][], targets: number[][]): number[] {
    return logits.map((row, r) => {
      const max = Math.max(...row);
      const exps = row.map((v) => Math.exp(v - max));
      const sum = exps.reduce((a, b) => a + b, 0);
      return -row.reduce((s, _, c) => s + targets[r][c] * Math.log(exps[c] / sum + 1e-20), 0);
    });
  }

  it("testSampledSoftmaxLoss: values against numpy's softmax cross entropy, TF's scopes", () =>
    inGraph((g) => {
      const labels = [0, 1, 2];
      const data = generateTestData(0, 1, labels, true);
      const expected = softmaxXent(data.expLogits, data.expLabels);
      const loss = tf.nn.sampledSoftmaxLoss(
        tf.constant(data.weights, { dtype: tf.float32 }),
        tf.constant(data.biases, { dtype: tf.float32 }),
        tf.constant(labels, { shape: [BATCH, 1] }),
        tf.constant(data.hidden, { dtype: tf.float32 }),
        4,
        NUM_CLASSES,
        { numTrue: 1, sampledValues: data.sampledValues(), removeAccidentalHits: false },
      );
      expect(loss.shape).toEqual([BATCH]);
      const names = g.getOperations().map((op) => op.name);
      expect(names).toContain("sampled_softmax_loss/embedding_lookup");
      expect(names).toContain("sampled_softmax_loss/Log");
      expect(names).toContain("labels_stop_gradient");
      expect(names).not.toContain("sampled_softmax_loss/SparseToDense");
      expect(g.getOperationByName("labels_stop_gradient").type).toBe("StopGradient");
      expectClose(Array.from(new tf.Session().run(loss).data as Float32Array), expected, 1e-4);
      // Test with sharded weights and sharded biases (sampled_softmax_loss_v2's "div").
      const sharded = tf.nn.sampledSoftmaxLoss(
        shard(data.weights),
        shard(data.biases),
        tf.constant(labels, { shape: [BATCH, 1] }),
        tf.constant(data.hidden, { dtype: tf.float32 }),
        4,
        NUM_CLASSES,
        { sampledValues: data.sampledValues(), removeAccidentalHits: false, partitionStrategy: "div" },
      );
      expectClose(Array.from(new tf.Session().run(sharded).data as Float32Array), expected, 1e-4);
    }));

  it("removes accidental hits by default and trains weights through IndexedSlices", () =>
    inGraph((g) => {
      const labels = [0, 1, 2];
      const data = generateTestData(1, 1, labels, true);
      const w = new tf.Variable(data.weights, { dtype: tf.float32, name: "w" });
      const b = new tf.Variable(data.biases, { dtype: tf.float32, name: "b" });
      const loss = tf.nn.sampledSoftmaxLoss(w, b, [[0], [1], [2]], data.hidden, 4, NUM_CLASSES, {
        sampledValues: data.sampledValues(),
      });
      expect(g.getOperationByName("sampled_softmax_loss/ComputeAccidentalHits").type).toBe("ComputeAccidentalHits");
      // Every row's label is among SAMPLED: its sampled copy drops out, leaving the true column and 3 others.
      const masked = data.expLogits.map((row, r) => row.filter((_, c) => c === 0 || SAMPLED[c - 1] !== labels[r]));
      const expected = softmaxXent(
        masked,
        masked.map((row) => row.map((_, c) => (c === 0 ? 1 : 0))),
      );
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expectClose(Array.from(sess.run(loss).data as Float32Array), expected, 1e-4);
      const total = tf.reduceSum(loss);
      const [gw] = tf.gradients(total, [w]);
      expect(gw).toBeInstanceOf(tf.IndexedSlices);
      const train = new tf.train.GradientDescentOptimizer(0.5).minimize(total);
      const before = sess.run(total).item() as number;
      sess.run(train);
      expect(sess.run(total).item() as number).toBeLessThan(before);
    }));
});
