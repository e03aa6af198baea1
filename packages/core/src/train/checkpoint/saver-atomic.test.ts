// Overwriting a checkpoint is one change: BundleWriter::Finish's temp files and renames (util/tensor_bundle), made
// whole-or-nothing by io/replace-files.ts, and saver.py's `checkpoint` state written last. A FileSystem that fails
// one chosen call (ENOSPC while writing, a failed rename) shows that the previous checkpoint stays restorable and
// that no temp file is left behind on any failure path.
import { describe, expect, it } from "vitest";
import { ResourceExhaustedError, UnknownError } from "../../errors";
import * as tf from "../../index";
import type { FileSystem } from "../../io/file-system";
import { type MemoryFileSystem, memoryFs } from "../../io/memory-fs";
import { Saver } from "./saver";

type Call = "writeFileAtomic" | "rename";

type FaultyFs = MemoryFileSystem & { armed: boolean; fired: boolean };

/** memoryFs, except that once armed, the first `call` whose target path matches `when` throws `error`. */
function faultyFs(call: Call, when: (path: string) => boolean, error: Error): FaultyFs {
  const inner = memoryFs();
  const fs = { ...inner, armed: false, fired: false };
  fs.writeFileAtomic = (path, bytes) => {
    if (call === "writeFileAtomic" && fs.armed && !fs.fired && when(path)) {
      fs.fired = true;
      inner.writeFileAtomic(path, bytes.subarray(0, bytes.length >> 1)); // a partial file, as a full disk leaves
      throw error;
    }
    inner.writeFileAtomic(path, bytes);
  };
  fs.rename = (from, to) => {
    if (call === "rename" && fs.armed && !fs.fired && when(to)) {
      fs.fired = true;
      throw error;
    }
    inner.rename(from, to);
  };
  return fs;
}

/** A graph with v (float32 [2]) and an op assigning `value` to it. */
function model() {
  const v = tf.getVariable("v", [2], { initializer: tf.initializers.zeros() });
  const value = tf.placeholder(tf.float32, [2], "value");
  return { v, assign: tf.assign(v, value) };
}

/** Saves v = [1, 2] at /ck/model, arms `fs`, tries v = [3, 4] at `secondPrefix`; returns the second save's error. */
function overwrite(
  fs: FaultyFs,
  secondPrefix = "/ck/model",
  between: () => void = () => {},
  options: { sharded?: boolean } = {},
): unknown {
  const g = new tf.Graph();
  return g.asDefault(() => {
    const { assign } = model();
    const saver = new Saver(null, options);
    const sess = new tf.Session({ fileSystem: fs });
    fs.makeDirs("/ck");
    sess.run(assign, { "value:0": [1, 2] });
    saver.save(sess, "/ck/model");
    sess.run(assign, { "value:0": [3, 4] });
    between();
    fs.armed = true;
    try {
      saver.save(sess, secondPrefix);
    } catch (error) {
      return error;
    }
    return "no error";
  });
}

/** v as restored from `prefix` into a fresh graph. */
function restored(fs: FileSystem, prefix: string): unknown {
  const g = new tf.Graph();
  return g.asDefault(() => {
    const { v } = model();
    const sess = new tf.Session({ fileSystem: fs });
    new Saver().restore(sess, prefix);
    return (sess.run(v) as tf.NDArray).toArray();
  });
}

const stray = (fs: MemoryFileSystem) => [...fs.files().keys()].filter((p) => /tempstate|\.tmp/.test(p));

describe("Saver: overwriting a checkpoint at the same prefix is all or nothing", () => {
  it("a failed .index rename after the .data rename leaves the previous checkpoint restorable, no temp files", () => {
    const fs = faultyFs("rename", (to) => to === "/ck/model.index", new UnknownError("/ck/model.index; rename failed"));
    expect(String(overwrite(fs))).toBe("UnknownError: /ck/model.index; rename failed");
    expect(fs.fired).toBe(true);
    expect(restored(fs, "/ck/model")).toEqual([1, 2]);
    expect(stray(fs)).toEqual([]);
    expect([...fs.files().keys()]).toEqual([
      "/ck/checkpoint",
      "/ck/model.data-00000-of-00001",
      "/ck/model.index",
      "/ck/model.meta",
    ]);
  });

  it("a full disk while writing the .data temp file: the previous checkpoint stays, the partial temp goes", () => {
    const enospc = new ResourceExhaustedError("/ck/model.data-00000-of-00001; No space left on device");
    const fs = faultyFs("writeFileAtomic", (path) => path.includes(".data-") && path.includes("tempstate"), enospc);
    expect(overwrite(fs)).toBe(enospc);
    expect(restored(fs, "/ck/model")).toEqual([1, 2]);
    expect(stray(fs)).toEqual([]);
  });

  it("a failed rename of a checkpoint's first file into place leaves no temp or set-aside file", () => {
    const fs = faultyFs("rename", (to) => to === "/ck/model.data-00000-of-00001", new UnknownError("busy"));
    expect(String(overwrite(fs))).toBe("UnknownError: busy");
    expect(restored(fs, "/ck/model")).toEqual([1, 2]);
    expect(stray(fs)).toEqual([]);
  });

  it("the checkpoint state is written last: a failed .meta leaves `checkpoint` naming the previous prefix", () => {
    const fs = faultyFs(
      "writeFileAtomic",
      (path) => path.startsWith("/ck/model-2.meta"),
      new UnknownError("meta failed"),
    );
    expect(String(overwrite(fs, "/ck/model-2"))).toBe("UnknownError: meta failed");
    expect(tf.train.latestCheckpoint("/ck", fs)).toBe("/ck/model");
    expect(restored(fs, "/ck/model")).toEqual([1, 2]);
    expect(stray(fs)).toEqual([]);
  });

  // issue 15: the .meta is part of the same change. The second save's graph has one more op, so its .meta differs.
  for (const [what, fs] of [
    [
      "a full disk while writing the .meta temp file",
      faultyFs("writeFileAtomic", (p) => p.startsWith("/ck/model.meta.tempstate"), new ResourceExhaustedError("full")),
    ],
    [
      "a failed rename of the .meta into place",
      faultyFs("rename", (to) => to === "/ck/model.meta", new UnknownError("busy")),
    ],
    [
      "a failed write of the checkpoint state",
      faultyFs("writeFileAtomic", (p) => p.startsWith("/ck/checkpoint.tempstate"), new UnknownError("x")),
    ],
    [
      "a failed rename of the checkpoint state into place, the last step",
      faultyFs("rename", (to) => to === "/ck/checkpoint", new UnknownError("x")),
    ],
  ] as const) {
    it(`${what} after the bundle was staged: the previous bundle AND its .meta stay, no temp files`, () => {
      const before = new Map<string, Uint8Array>();
      const error = overwrite(fs, "/ck/model", () => {
        for (const [path, bytes] of fs.files()) before.set(path, bytes);
        tf.constant(1, { name: "marker" });
      });
      expect(fs.fired).toBe(true);
      expect(String(error)).toMatch(/full|busy|x$/);
      expect(restored(fs, "/ck/model")).toEqual([1, 2]);
      expect(stray(fs)).toEqual([]);
      // every file as it was before the second save: .data, .index, .meta and `checkpoint`
      expect(fs.files()).toEqual(before);
    });
  }

  it("a sharded save (merged by MergeV2Checkpoints) with a failed .meta rename: the previous checkpoint, no temp folder", () => {
    const fs = faultyFs("rename", (to) => to === "/ck/model.meta", new UnknownError("busy"));
    const before = new Map<string, Uint8Array>();
    const between = () => {
      for (const [path, bytes] of fs.files()) before.set(path, bytes);
    };
    expect(String(overwrite(fs, "/ck/model", between, { sharded: true }))).toBe("UnknownError: busy");
    expect(restored(fs, "/ck/model")).toEqual([1, 2]);
    expect(fs.files()).toEqual(before);
    expect(fs.listDir("/ck")).toEqual(["checkpoint", "model.data-00000-of-00001", "model.index", "model.meta"]);
  });

  it("without faults the overwrite replaces the values and leaves only the checkpoint's files", () => {
    const fs = faultyFs("rename", () => false, new Error("never"));
    expect(overwrite(fs)).toBe("no error");
    expect(restored(fs, "/ck/model")).toEqual([3, 4]);
    expect(stray(fs)).toEqual([]);
  });
});
