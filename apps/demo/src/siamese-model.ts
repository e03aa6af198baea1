// A siamese network, written as a TF1 user writes one: two towers that share their weights through
// tf.variableScope("siamese") + reuse, trained with a contrastive loss (Hadsell, Chopra, LeCun 2006) on pairs of
// points drawn from a few seeded Gaussian clusters: same cluster = similar (label 1), else dissimilar (label 0).
import * as tf from "@scopeflow/node";

export interface SiameseOptions {
  /** Training steps (each one Adam step on the whole set of pairs). */
  steps?: number;
  pairs?: number;
  /** Seed of the data and of the graph (tf.setRandomSeed), so that a run is deterministic. */
  seed?: number;
  learningRate?: number;
  margin?: number;
  /** Called with (step, loss) every `logEvery` steps and after the last one. */
  log?: (step: number, loss: number) => void;
  logEvery?: number;
}

const INPUT = 6;
const HIDDEN = 16;
const EMBEDDING = 2;
const CLUSTERS = 4;

/** mulberry32: a small seeded generator for the data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/** Pairs of points from CLUSTERS Gaussian clusters in R^INPUT; half the pairs share a cluster. */
export function makePairs(count: number, seed: number): { left: number[][]; right: number[][]; similar: number[] } {
  const next = random(seed);
  const centers = Array.from({ length: CLUSTERS }, () => Array.from({ length: INPUT }, () => 2 * gaussian(next)));
  const point = (c: number) => centers[c].map((x) => x + 0.5 * gaussian(next));
  const left: number[][] = [];
  const right: number[][] = [];
  const similar: number[] = [];
  for (let i = 0; i < count; i++) {
    const a = Math.floor(next() * CLUSTERS);
    const same = i % 2 === 0;
    const b = same ? a : (a + 1 + Math.floor(next() * (CLUSTERS - 1))) % CLUSTERS;
    left.push(point(a));
    right.push(point(b));
    similar.push(same ? 1 : 0);
  }
  return { left, right, similar };
}

/** One tower: two dense layers whose variables live in the enclosing variable scope. */
export function tower(x: tf.Tensor): tf.Tensor {
  const w1 = tf.getVariable("w1", [INPUT, HIDDEN], { initializer: tf.initializers.glorotUniform() });
  const b1 = tf.getVariable("b1", [HIDDEN], { initializer: tf.initializers.zeros() });
  const w2 = tf.getVariable("w2", [HIDDEN, EMBEDDING], { initializer: tf.initializers.glorotUniform() });
  const b2 = tf.getVariable("b2", [EMBEDDING], { initializer: tf.initializers.zeros() });
  const hidden = tf.relu(tf.nn.biasAdd(tf.matmul(x, w1), b1));
  return tf.nn.biasAdd(tf.matmul(hidden, w2), b2, "embedding");
}

export interface SiameseGraph {
  graph: tf.Graph;
  left: tf.Tensor;
  right: tf.Tensor;
  similar: tf.Tensor;
  embeddingLeft: tf.Tensor;
  embeddingRight: tf.Tensor;
  loss: tf.Tensor;
  trainOp: tf.Operation;
  init: tf.Operation;
  globalStep: tf.Variable | tf.Tensor;
}

/** Builds the two towers (the second reuses the first one's variables) and the contrastive loss. */
export function buildSiamese(options: SiameseOptions = {}): SiameseGraph {
  const graph = new tf.Graph();
  return graph.asDefault(() => {
    tf.setRandomSeed(options.seed ?? 7);
    const left = tf.placeholder(tf.float32, [null, INPUT], "left");
    const right = tf.placeholder(tf.float32, [null, INPUT], "right");
    const similar = tf.placeholder(tf.float32, [null], "similar");
    const embeddingLeft = tf.variableScope("siamese", () => tower(left));
    const embeddingRight = tf.variableScope("siamese", { reuse: true }, () => tower(right));
    const loss = tf.nameScope("contrastive_loss", () => {
      // JS numbers carry no float-ness, so the Python float literals of `margin - d` and `1 - y` are explicit.
      const margin = tf.constant(options.margin ?? 1.0, { dtype: tf.float32, name: "margin" });
      const one = tf.constant(1, { dtype: tf.float32, name: "one" });
      const squared = tf.reduceSum(tf.square(tf.subtract(embeddingLeft, embeddingRight)), 1);
      const distance = tf.sqrt(squared.add(1e-6));
      const pull = similar.mul(squared);
      const push = tf.subtract(one, similar).mul(tf.square(tf.maximum(tf.subtract(margin, distance), 0)));
      return tf.reduceMean(pull.add(push), undefined, undefined, "loss");
    });
    const globalStep = tf.train.getOrCreateGlobalStep();
    const optimizer = new tf.train.AdamOptimizer(options.learningRate ?? 0.02);
    const trainOp = optimizer.minimize(loss, { globalStep });
    const init = tf.globalVariablesInitializer();
    return { graph, left, right, similar, embeddingLeft, embeddingRight, loss, trainOp, init, globalStep };
  });
}

/** Trains the network; `losses[k]` is the loss after k steps (losses[0] before training). */
export function trainSiamese(options: SiameseOptions = {}): { model: SiameseGraph; losses: number[] } {
  const steps = options.steps ?? 300;
  const logEvery = options.logEvery ?? 25;
  const model = buildSiamese(options);
  const data = makePairs(options.pairs ?? 256, options.seed ?? 7);
  const sess = new tf.Session({ graph: model.graph });
  sess.run(model.init);
  const feeds = new Map<tf.Tensor, number[] | number[][]>([
    [model.left, data.left],
    [model.right, data.right],
    [model.similar, data.similar],
  ]);
  const losses = [sess.run(model.loss, feeds).item() as number];
  options.log?.(0, losses[0]);
  for (let step = 1; step <= steps; step++) {
    sess.run(model.trainOp, feeds);
    losses.push(sess.run(model.loss, feeds).item() as number);
    if (step % logEvery === 0 || step === steps) options.log?.(step, losses[step]);
  }
  sess.close();
  return { model, losses };
}
