// @scopeflow/node's disk-bound FileWriter, Saver (through Session) and checkpoint calls, in a temp folder.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as tf from "./index";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "scopeflow-files-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("@scopeflow/node files", () => {
  it("summary.FileWriter(logdir, graph) writes events.out.tfevents.<seconds>.<hostname> readable by summaryIterator", () => {
    const logdir = join(tempDir(), "logs");
    const g = new tf.Graph();
    g.asDefault(() => tf.summary.scalar("loss", tf.constant(0.5, { dtype: "float32" })));
    const writer = new tf.summary.FileWriter(logdir, g);
    writer.addSummary(tf.summary.scalarSummary("loss", 0.25), 3);
    writer.close();
    const [name] = readdirSync(logdir);
    expect(name).toMatch(new RegExp(`^events\\.out\\.tfevents\\.\\d{10}\\.${hostname().replace(/\./g, "\\.")}$`));
    const events = [...tf.train.summaryIterator(join(logdir, name))];
    expect(events[0].fileVersion).toBe("brain.Event:2");
    expect(
      events.slice(1).map((e) => (e.graphDef ? "graph" : e.metaGraphDef ? "meta" : e.summary?.value[0].tag)),
    ).toEqual(["graph", "meta", "loss"]);
    expect(readFileSync(join(logdir, name)).length).toBeGreaterThan(100);
  });

  it("train.Saver saves and restores on disk with no file-system argument; latestCheckpoint finds it", () => {
    const dir = tempDir();
    const g = new tf.Graph();
    g.asDefault(() => {
      const v = new tf.Variable(tf.zeros([3]), { name: "v" });
      const saver = new tf.train.Saver([v]);
      const sess = new tf.Session();
      sess.run(v.initializer);
      const prefix = saver.save(sess, join(dir, "model.ckpt"), { globalStep: 2 });
      expect(prefix).toBe(join(dir, "model.ckpt-2"));
      expect(readdirSync(dir).sort()).toEqual([
        "checkpoint",
        "model.ckpt-2.data-00000-of-00001",
        "model.ckpt-2.index",
        "model.ckpt-2.meta",
      ]);
      expect(tf.train.latestCheckpoint(dir)).toBe(prefix);
      expect(tf.train.listVariables(dir)).toEqual([["v", [3]]]);
      saver.restore(sess, prefix as string);
    });
  });
});
