// The runtimes' file calls as users make them, with no file-system argument: on the disk with @scopeflow/node, in
// the in-memory file map with @scopeflow/browser. An event file TensorBoard reads, and a checkpoint round trip.
import * as tf from "@scopeflow/test-kit/platform";
import { describe, expect, it } from "vitest";

const logdir = `/tmp/scopeflow-files-${Date.now()}-${Math.random().toString(36).slice(2)}`;

describe("FileWriter and Saver in each runtime", () => {
  it("writes an event file with the graph and a scalar, and saves and restores a checkpoint", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const w = tf.getVariable("w", [2], { initializer: tf.initializers.constant(0.5) });
      const loss = tf.nameScope("loss", () => tf.reduceSum(tf.square(w)));
      const lossSummary = tf.summary.scalar("loss", loss);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());

      const writer = new tf.summary.FileWriter(logdir, g);
      writer.addSummary(sess.run(lossSummary), 1);
      writer.close();
      expect(writer.getFilename()).toMatch(new RegExp(`^${logdir}/events\\.out\\.tfevents\\.\\d{10}\\.`));
      const events = [...tf.train.summaryIterator(writer.getFilename())];
      expect(events[0].fileVersion).toBe("brain.Event:2");
      expect(events.filter((e) => e.graphDef).length).toBe(1);
      const last = events.at(-1)!;
      expect(last.step).toBe(1);
      expect(last.summary?.value.map((v) => [v.tag, v.simpleValue])).toEqual([["loss_1", 0.5]]); // "loss" is taken by the name scope, as in TF

      const saver = new tf.train.Saver();
      const prefix = saver.save(sess, `${logdir}/model.ckpt`, { globalStep: 7 }) as string;
      expect(prefix).toBe(`${logdir}/model.ckpt-7`);
      expect(tf.train.latestCheckpoint(logdir)).toBe(prefix);
      expect(tf.train.listVariables(prefix)).toEqual([["w", [2]]]);
      sess.run(w.assign(tf.constant([3, 4], { dtype: tf.float32 })));
      saver.restore(sess, prefix);
      expect(sess.run(w).toArray()).toEqual([0.5, 0.5]);
    });
  });
});
