// @scopeflow/node's disk-bound FileWriter, Saver (through Session) and checkpoint calls, in a temp folder.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync } from "node:fs";
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

  it("a sharded Saver on disk: shards written in <prefix>_temp_<uuid>/, merged, the temp folder removed", () => {
    const dir = tempDir();
    new tf.Graph().asDefault(() => {
      const v0 = tf.device("/cpu:0", () => new tf.Variable(tf.ones([2]), { name: "v0" }));
      const v1 = tf.device("/cpu:1", () => new tf.Variable(tf.zeros([3]), { name: "v1" }));
      const saver = new tf.train.Saver([v0, v1], { sharded: true });
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(saver.save(sess, join(dir, "model"))).toBe(join(dir, "model"));
      expect(readdirSync(dir).sort()).toEqual([
        "checkpoint",
        "model.data-00000-of-00002",
        "model.data-00001-of-00002",
        "model.index",
        "model.meta",
      ]);
      sess.run(tf.assign(v0, tf.zeros([2])));
      saver.restore(sess, join(dir, "model"));
      expect((sess.run(v0) as tf.NDArray).toArray()).toEqual([1, 1]);
    });
  });

  it("summary.FileWriter appends each flush to the file on disk: earlier bytes stay as they were", () => {
    const logdir = join(tempDir(), "logs");
    const writer = new tf.summary.FileWriter(logdir);
    const path = writer.getFilename();
    const sizes = [readFileSync(path).length];
    let before = readFileSync(path);
    for (let step = 0; step < 5; step++) {
      writer.addSummary(tf.summary.scalarSummary("loss", 1 / (step + 1)), step);
      writer.flush();
      const now = readFileSync(path);
      expect(now.subarray(0, before.length).equals(before)).toBe(true);
      sizes.push(now.length);
      before = now;
    }
    writer.close();
    expect(sizes.every((size, i) => i === 0 || size > sizes[i - 1])).toBe(true);
    expect(readdirSync(logdir)).toEqual([path.slice(logdir.length + 1)]); // no temp files left behind
    expect([...tf.train.summaryIterator(path)].map((e) => e.step)).toEqual([0, 0, 1, 2, 3, 4]);
  });

  it("a torn last record on disk: DataLossError from summaryIterator, the whole records with stopAtTruncatedTail", () => {
    const logdir = join(tempDir(), "logs");
    const writer = new tf.summary.FileWriter(logdir);
    writer.addSummary(tf.summary.scalarSummary("loss", 0.5), 1);
    writer.close();
    const path = writer.getFilename();
    const size = readFileSync(path).length; // brain.Event:2 (40 bytes) + the step-1 record (42 bytes)
    expect(size).toBe(82);
    truncateSync(path, size - 3);
    expect(() => [...tf.train.summaryIterator(path)]).toThrow(tf.errors.DataLossError);
    expect(() => [...tf.train.summaryIterator(path)]).toThrow(
      `truncated record at 40 in ${path}: the record says 26 bytes of data, but only 23 follow`,
    );
    expect([...tf.train.summaryIterator(path, { stopAtTruncatedTail: true })].map((e) => e.fileVersion)).toEqual([
      "brain.Event:2",
    ]);
  });

  it("io.nodeFs().appendFile creates the file, appends, and names the path in its errors", () => {
    const dir = tempDir();
    const fs = tf.io.nodeFs();
    const path = join(dir, "f");
    fs.appendFile(path, new TextEncoder().encode("ab"));
    fs.appendFile(path, new TextEncoder().encode("cd"));
    expect(readFileSync(path, "utf8")).toBe("abcd");
    expect(() => fs.appendFile(join(dir, "missing", "f"), new Uint8Array(1))).toThrow(tf.errors.NotFoundError);
    expect(() => fs.appendFile(join(dir, "missing", "f"), new Uint8Array(1))).toThrow(
      `${join(dir, "missing", "f")}; No such file or directory`,
    );
    mkdirSync(join(dir, "sub"));
    expect(() => fs.appendFile(join(dir, "sub"), new Uint8Array(1))).toThrow(`${join(dir, "sub")}; Is a directory`);
  });
});
