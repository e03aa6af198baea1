// saver.py Saver / checkpoint_management.py against estimator_model_dir (TF 1.14 checkpoints) and graphdef_binary's save/ ops.
import { expectClose } from "@scopeflow/test-kit";
import { describe, expect, it } from "vitest";
import { DataLossError, NotFoundError, ValueError } from "../../errors";
import { decodeGraphDef, decodeMetaGraphDef } from "../../graphdef/graphdef-codec";
import { fixture } from "../../graphdef/test-fixture";
import * as tf from "../../index";
import type { FileSystem } from "../../io/file-system";
import { memoryFs } from "../../io/memory-fs";
import { getCheckpointState, latestCheckpoint, listVariables, loadVariable } from "./checkpoint-management";
import { Saver } from "./saver";

const EST = "estimator_model_dir/";
const KERNEL = [0.03589049, -1.07259, -0.1854141, 0.78352, 0.6175917, -0.1792978, 0.01616185, -0.0859901];
const BIAS = [-7.316306, 3.842671, 17.33366, 4.293669];
const KERNEL_1 = [0.4876374, -0.8209959, -0.7761993, 0.7485965];
const BIAS_1 = 16.96274;

function estimatorFs() {
  const fs = memoryFs();
  fs.makeDirs("/model");
  for (const name of [
    "checkpoint",
    "model.ckpt-2000.index",
    "model.ckpt-2000.data-00000-of-00001",
    "model.ckpt-1000.index",
    "model.ckpt-1000.data-00000-of-00001",
  ]) {
    fs.writeFileAtomic(`/model/${name}`, fixture(EST + name));
  }
  return fs;
}

/** model.py's two tf.layers.dense layers, with getVariable under variableScope("dense") / ("dense_1"). */
function denseModel() {
  const x = tf.placeholder("float32", [null, 2], "x");
  const layer = (scope: string, units: number, input: tf.Tensor, inputs: number) =>
    tf.variableScope(scope, () => {
      const kernel = tf.getVariable("kernel", [inputs, units]);
      const bias = tf.getVariable("bias", [units], { initializer: tf.initializers.zeros() });
      return { out: tf.add(tf.matmul(input, kernel), bias), kernel, bias };
    });
  const dense = layer("dense", 4, x, 2);
  const dense1 = layer("dense_1", 1, dense.out, 4);
  return { x, y: dense1.out, vars: [dense.kernel, dense.bias, dense1.kernel, dense1.bias] };
}

describe("Saver", () => {
  it("restores estimator_model_dir/model.ckpt-2000 into a getVariable graph and runs the dense layers", () => {
    const fs = estimatorFs();
    expect(latestCheckpoint("/model", fs)).toBe("/model/model.ckpt-2000");
    expect(getCheckpointState("/model", fs)?.allModelCheckpointPaths).toEqual([
      "/model/model.ckpt-0",
      "/model/model.ckpt-1000",
      "/model/model.ckpt-2000",
    ]);
    expect(listVariables("/model", fs).slice(0, 3)).toEqual([
      ["beta1_power", []],
      ["beta2_power", []],
      ["dense/bias", [4]],
    ]);
    expect(Number(loadVariable("/model/model.ckpt-2000", "global_step:0", fs).item())).toBe(2000);
    const g = new tf.Graph();
    g.asDefault(() => {
      const { x, y, vars } = denseModel();
      const saver = new Saver(vars);
      const sess = new tf.Session({ fileSystem: fs });
      saver.restore(sess, "/model/model.ckpt-2000");
      const [kernel, bias1] = sess.run([vars[0], vars[3]]) as tf.NDArray[];
      expectClose(kernel.data as Float32Array, KERNEL, 1e-6);
      expect(bias1.item()).toBeCloseTo(BIAS_1, 5);
      const out = sess.run(y, {
        [x.name]: [
          [1, 2],
          [0, 0],
        ],
      }) as tf.NDArray;
      const hidden = (a: number, b: number) => BIAS.map((bj, j) => a * KERNEL[j] + b * KERNEL[4 + j] + bj);
      const pred = (h: number[]) => h.reduce((s, hj, j) => s + hj * KERNEL_1[j], BIAS_1);
      expect(out.shape).toEqual([2, 1]);
      expect((out.data as Float32Array)[0]).toBeCloseTo(pred(hidden(1, 2)), 3);
      expect((out.data as Float32Array)[1]).toBeCloseTo(pred(hidden(0, 0)), 3);
    });
  });

  it("builds TF's save/ ops (names, inputs, attrs as graphdef_binary/model.pb) plus TF 1.15's save/filename", () => {
    const tfGraph = decodeGraphDef(fixture("graphdef_binary/model.pb"));
    const g = new tf.Graph();
    g.asDefault(() => {
      const w = new tf.Variable(tf.zeros([1]), { name: "w" });
      const b = new tf.Variable(tf.zeros([1]), { name: "b" });
      const saver = new Saver([w, b]);
      expect(saver.saverDef).toEqual({
        filenameTensorName: "save/Const:0",
        saveTensorName: "save/control_dependency:0",
        restoreOpName: "save/restore_all",
        maxToKeep: 5,
        sharded: false,
        keepCheckpointEveryNHours: 10000,
        version: "V2",
      });
    });
    const ours = decodeGraphDef(tf.io.encodeGraphDef(g.asGraphDef()));
    const saveNames = (def: typeof ours) =>
      (def.node ?? []).filter((n) => n.name.startsWith("save/")).map((n) => n.name);
    expect(saveNames(ours)).toEqual(["save/filename/input", "save/filename", ...saveNames(tfGraph)]);
    for (const node of tfGraph.node ?? []) {
      if (!node.name.startsWith("save/") || node.name === "save/Const") continue;
      const own = ours.node?.find((n) => n.name === node.name);
      expect({ op: own?.op, input: own?.input, device: own?.device, attr: own?.attr }).toEqual({
        op: node.op,
        input: node.input,
        device: node.device,
        attr: node.attr,
      });
    }
    const saveConst = ours.node?.find((n) => n.name === "save/Const");
    expect(saveConst?.op).toBe("PlaceholderWithDefault");
    expect(saveConst?.input).toEqual(["save/filename"]);
  });

  it("save → restore round trip, checkpoint state (relative paths), .meta, max_to_keep, and TF's errors", () => {
    const fs = memoryFs();
    fs.makeDirs("/ckpt");
    const g = new tf.Graph();
    g.asDefault(() => {
      const v = tf.getVariable("v", [2], { initializer: tf.initializers.constant(3) });
      const step = tf.getVariable("global_step", [], {
        dtype: "int64",
        initializer: tf.initializers.zeros(),
        trainable: false,
      });
      const saver = new Saver(null, { maxToKeep: 2 });
      const sess = new tf.Session({ fileSystem: fs });
      sess.run(tf.globalVariablesInitializer());
      expect(saver.save(sess, "/ckpt/model.ckpt", { globalStep: 1 })).toBe("/ckpt/model.ckpt-1");
      sess.run(v.assign([5, 6]));
      saver.save(sess, "/ckpt/model.ckpt", { globalStep: step });
      saver.save(sess, "/ckpt/model.ckpt", { globalStep: 7 });
      expect(fs.listDir("/ckpt")).toEqual([
        "checkpoint",
        "model.ckpt-0.data-00000-of-00001",
        "model.ckpt-0.index",
        "model.ckpt-0.meta",
        "model.ckpt-7.data-00000-of-00001",
        "model.ckpt-7.index",
        "model.ckpt-7.meta",
      ]);
      expect(new TextDecoder().decode(fs.readFile("/ckpt/checkpoint"))).toBe(
        'model_checkpoint_path: "model.ckpt-7"\nall_model_checkpoint_paths: "model.ckpt-0"\nall_model_checkpoint_paths: "model.ckpt-7"\n',
      );
      expect(latestCheckpoint("/ckpt", fs)).toBe("/ckpt/model.ckpt-7");
      expect(Array.from(loadVariable("/ckpt/model.ckpt-7", "v", fs).data as Float32Array)).toEqual([5, 6]);
      const meta = decodeMetaGraphDef(fs.readFile("/ckpt/model.ckpt-7.meta"));
      expect(meta.saverDef?.restoreOpName).toBe("save/restore_all");
      expect(Object.keys(meta.collectionDef ?? {}).sort()).toEqual(["trainable_variables", "variables"]);

      sess.run(v.assign([0, 0]));
      saver.restore(sess, "/ckpt/model.ckpt-0");
      expect(Array.from((sess.run(v) as tf.NDArray).data as Float32Array)).toEqual([5, 6]);

      // BundleWriter creates the prefix's folder (CreateDir, one level), not its missing parents
      expect(() => saver.save(sess, "/nowhere/deeper/model.ckpt")).toThrow(
        new ValueError("Parent directory of /nowhere/deeper/model.ckpt doesn't exist, can't save."),
      );
      expect(saver.save(sess, "/ckpt/fresh/model.ckpt", { writeMetaGraph: false, writeState: false })).toBe(
        "/ckpt/fresh/model.ckpt",
      );
      expect(() => saver.restore(sess, "/ckpt/nothing")).toThrow(
        new ValueError("The passed save_path is not a valid checkpoint: /ckpt/nothing"),
      );
    });
    // A graph with a variable the checkpoint lacks: NotFoundError naming the missing and the present keys.
    const g2 = new tf.Graph();
    g2.asDefault(() => {
      tf.getVariable("v", [2]);
      tf.getVariable("extra", [1]);
      const sess = new tf.Session({ fileSystem: fs });
      const err = (() => {
        try {
          new Saver().restore(sess, "/ckpt/model.ckpt-7");
        } catch (e) {
          return e as Error;
        }
      })();
      expect(NotFoundError.isInstance(err)).toBe(true);
      expect(err?.message).toContain(
        "Restoring from checkpoint failed. This is most likely due to a Variable name or other graph key that is missing from the checkpoint.",
      );
      expect(err?.message).toContain(
        "Key extra not found in checkpoint /ckpt/model.ckpt-7 (missing keys: extra; the checkpoint holds: global_step, v)",
      );
    });
  });

  it("a write that fails midway leaves the previous checkpoint readable and no temp files", () => {
    const inner = memoryFs();
    inner.makeDirs("/c");
    let failIndex = false;
    const fs: FileSystem = {
      ...inner,
      writeFileAtomic(path, bytes) {
        if (failIndex && path.includes(".index")) throw new Error(`disk full writing ${path}`);
        inner.writeFileAtomic(path, bytes);
      },
    };
    const g = new tf.Graph();
    g.asDefault(() => {
      const v = tf.getVariable("v", [1], { initializer: tf.initializers.constant(1) });
      const saver = new Saver([v]);
      const sess = new tf.Session({ fileSystem: fs });
      sess.run(tf.globalVariablesInitializer());
      saver.save(sess, "/c/m");
      const before = inner.files();
      sess.run(v.assign([2]));
      failIndex = true;
      expect(() => saver.save(sess, "/c/m")).toThrow(/disk full writing \/c\/m\.index\.tempstate/);
      expect(inner.files()).toEqual(before);
      failIndex = false;
      saver.restore(sess, "/c/m");
      expect((sess.run(v) as tf.NDArray).item()).toBe(1);
    });
  });

  it("corrupt checkpoints: a short .data shard and a flipped index byte are DataLossErrors naming the file", () => {
    const fs = estimatorFs();
    const data = fixture(`${EST}model.ckpt-2000.data-00000-of-00001`);
    fs.writeFileAtomic("/model/model.ckpt-2000.data-00000-of-00001", data.slice(0, 200));
    expect(() => loadVariable("/model/model.ckpt-2000", "global_step", fs)).toThrow(
      new DataLossError(
        "/model/model.ckpt-2000.data-00000-of-00001 holds 200 bytes, but key global_step needs bytes [212, 220): the data file is truncated",
      ),
    );
    const index = fixture(`${EST}model.ckpt-1000.index`);
    index[100] ^= 0xff;
    fs.writeFileAtomic("/model/model.ckpt-1000.index", index);
    expect(() => listVariables("/model/model.ckpt-1000", fs)).toThrow(/model\.ckpt-1000\.index/);
    expect(() => listVariables("/model/model.ckpt-1000", fs)).toThrow(DataLossError);
  });
});
