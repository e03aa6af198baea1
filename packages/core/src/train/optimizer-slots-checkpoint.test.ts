// The new optimizers' state in a checkpoint: Saver writes each slot under TF's variable name (`w/Adadelta`,
// `w/Adadelta_1`, `w/Ftrl`, `w/Ftrl_1`, `w/ProximalAdagrad`, `w/AdagradDA`, `w/AdagradDA_1`), and a restore into
// a fresh graph continues training exactly where the saved one was.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { memoryFs } from "../io/memory-fs";
import { inGraph } from "../scopes/test-helpers";

type Make = (globalStep: tf.Variable) => tf.train.Optimizer;

/** A linear model `w` trained by the optimizer `make` builds, in a new graph over the file system `fs`. */
function model(make: Make, fs: ReturnType<typeof memoryFs>) {
  const w = new tf.Variable(
    [
      [0.5, -0.25],
      [1.0, 0.75],
      [-0.5, 0.25],
    ],
    { dtype: tf.float32, name: "w" },
  );
  const globalStep = tf.train.getOrCreateGlobalStep();
  const ids = tf.constant([2, 0, 2]);
  const x = tf.constant([[1.0], [2.0]], { dtype: tf.float32 });
  const loss = tf.reduceSum(tf.square(tf.matmul(tf.nn.embeddingLookup(w, ids), x)));
  const trainOp = make(globalStep as tf.Variable).minimize(loss, { globalStep });
  const sess = new tf.Session({ fileSystem: fs });
  return { w, trainOp, sess, saver: new tf.train.Saver() };
}

const OPTIMIZERS: [string, Make, string[]][] = [
  ["Adadelta", () => new tf.train.AdadeltaOptimizer(1.0), ["w/Adadelta", "w/Adadelta_1"]],
  ["Ftrl", () => new tf.train.FtrlOptimizer(0.5, { l1RegularizationStrength: 0.01 }), ["w/Ftrl", "w/Ftrl_1"]],
  ["ProximalAdagrad", () => new tf.train.ProximalAdagradOptimizer(0.5), ["w/ProximalAdagrad"]],
  ["ProximalGradientDescent", () => new tf.train.ProximalGradientDescentOptimizer(0.1), []],
  ["AdagradDA", (step) => new tf.train.AdagradDAOptimizer(0.5, step), ["w/AdagradDA", "w/AdagradDA_1"]],
];

describe("the optimizers' slots in checkpoints (Saver)", () => {
  for (const [name, make, slots] of OPTIMIZERS) {
    it(`${name}: keys ${slots.join(", ") || "(no slots)"}; restored training continues the saved run`, () => {
      const fs = memoryFs();
      fs.makeDirs("/ckpt");
      const saved = inGraph(() => {
        const m = model(make, fs);
        m.sess.run(tf.globalVariablesInitializer());
        for (let i = 0; i < 3; i++) m.sess.run(m.trainOp);
        const prefix = m.saver.save(m.sess, "/ckpt/model", { writeMetaGraph: false }) as string;
        for (let i = 0; i < 2; i++) m.sess.run(m.trainOp);
        return { prefix, after: m.sess.run(m.w as unknown as tf.Tensor).toArray() };
      });
      const keys = tf.train.listVariables(saved.prefix, fs).map(([key]) => key);
      expect(keys).toEqual(["global_step", "w", ...slots].sort());
      const restored = inGraph(() => {
        const m = model(make, fs);
        m.saver.restore(m.sess, saved.prefix);
        for (let i = 0; i < 2; i++) m.sess.run(m.trainOp);
        return m.sess.run(m.w as unknown as tf.Tensor).toArray();
      });
      expect(restored).toEqual(saved.after);
    });
  }
});
