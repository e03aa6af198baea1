// The Train panel's model: the seed's `scoping` graph grown into a classifier. A variable scope `classifier` holds
// two dense layers over 2-D points of two interleaved spirals (made here, seeded); Adam minimises the sparse
// softmax cross-entropy. Summaries go to an event file and the weights to a checkpoint in the in-memory file system.
import * as tf from "@scopeflow/browser";
import type { OpenedFile, TrainProgress } from "./protocol";

/** Each run writes under its own folder, so a download holds that run's files only. */
let runs = 0;

/** A seeded xorshift generator, so every run trains on the same points. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export function spirals(count: number, seed = 7): { points: number[][]; labels: number[] } {
  const next = random(seed);
  const points: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const label = i % 2;
    const r = (i / count) * 1.0 + 0.05;
    const angle = r * 3.5 + label * Math.PI + (next() - 0.5) * 0.3;
    points.push([r * Math.cos(angle), r * Math.sin(angle)]);
    labels.push(label);
  }
  return { points, labels };
}

export class Trainer {
  readonly graph = new tf.Graph();
  private readonly session: tf.Session;
  private readonly feed: Map<tf.Tensor, unknown>;
  private readonly fetches: { train: tf.Operation; loss: tf.Tensor; accuracy: tf.Tensor; summary: tf.Tensor };
  private readonly writer: InstanceType<typeof tf.summary.FileWriter>;
  private readonly saver: InstanceType<typeof tf.train.Saver>;
  step = 0;
  readonly folder = `/train/run-${++runs}/`;
  private readonly checkpointPrefix = `${this.folder}model.ckpt`;

  constructor() {
    const data = spirals(200);
    const built = this.graph.asDefault(() => {
      const x = tf.placeholder(tf.float32, [null, 2], "x");
      const y = tf.placeholder(tf.int32, [null], "y");
      const logits = tf.variableScope("classifier", () => {
        const hidden = tf.layers.dense(x, 16, { activation: tf.nn.tanh, name: "hidden" });
        return tf.layers.dense(hidden, 2, { name: "logits" });
      });
      const loss = tf.losses.sparseSoftmaxCrossEntropy(y, logits);
      const globalStep = tf.train.getOrCreateGlobalStep();
      const train = new tf.train.AdamOptimizer(0.05).minimize(loss, { globalStep });
      const predicted = tf.argmax(logits, 1, { outputType: tf.int32 });
      const accuracy = tf.reduceMean(tf.cast(tf.equal(predicted, y), tf.float32), undefined, false, "mean_accuracy");
      tf.summary.scalar("loss", loss);
      tf.summary.scalar("accuracy", accuracy);
      const summary = tf.summary.mergeAll() as tf.Tensor;
      return { x, y, train: train as tf.Operation, loss, accuracy, summary, init: tf.globalVariablesInitializer() };
    });
    this.feed = new Map<tf.Tensor, unknown>([
      [built.x, data.points],
      [built.y, data.labels],
    ]);
    this.fetches = built;
    this.session = new tf.Session({ graph: this.graph });
    this.session.run(built.init);
    tf.io.files.makeDirs(this.folder);
    this.writer = new tf.summary.FileWriter(this.folder, this.graph);
    this.saver = this.graph.asDefault(() => new tf.train.Saver());
  }

  /** One Adam step; every 10th step also writes the summaries. */
  trainStep(steps: number): TrainProgress {
    const { train, loss, accuracy, summary } = this.fetches;
    const [, lossValue, accuracyValue, summaryValue] = this.session.run(
      [train, loss, accuracy, summary],
      this.feed as never,
    ) as tf.NDArray[];
    this.step++;
    if (this.step % 10 === 0 || this.step === steps) this.writer.addSummary(summaryValue.item() as never, this.step);
    return { step: this.step, steps, loss: Number(lossValue.item()), accuracy: Number(accuracyValue.item()) };
  }

  /** The event file and checkpoint as files to download (flushed and saved now). */
  files(): OpenedFile[] {
    this.writer.flush();
    this.saver.save(this.session, this.checkpointPrefix, { globalStep: this.step });
    const out: OpenedFile[] = [];
    for (const [path, bytes] of tf.io.files.files()) {
      if (path.startsWith(this.folder)) out.push({ path, bytes: bytes.slice() });
    }
    return out;
  }
}
