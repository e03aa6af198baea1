// The sharded Saver (saver.py BaseSaverBuilder._AddShardedSaveOpsForV2 / _AddShardedRestoreOps): its ops against the
// `save/` ops TF 1.14's Estimator built (estimator_model_dir/model.ckpt-2000.meta, a sharded V2 saver), and
// saver_test.py's SaveRestoreShardedTestV2 cases that apply (testBasics with variables, testSaverDef).
import { describe, expect, it } from "vitest";
import { readTensorBundle } from "../../formats/tensor-bundle";
import { decodeGraphDef, decodeMetaGraphDef } from "../../graphdef/graphdef-codec";
import { fixture } from "../../graphdef/test-fixture";
import * as tf from "../../index";
import { memoryFs } from "../../io/memory-fs";
import { latestCheckpoint } from "./checkpoint-management";
import { Saver } from "./saver";

const ESTIMATOR_VARIABLES = [
  "global_step",
  "dense/kernel",
  "dense/bias",
  "dense_1/kernel",
  "dense_1/bias",
  "beta1_power",
  "beta2_power",
  ...["dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"].flatMap((v) => [`${v}/Adam`, `${v}/Adam_1`]),
];

describe("Saver({ sharded: true })", () => {
  it("builds the save/ ops of estimator_model_dir/model.ckpt-2000.meta (TF's sharded V2 saver), node by node", () => {
    const tfGraph = decodeMetaGraphDef(fixture("estimator_model_dir/model.ckpt-2000.meta")).graphDef;
    const g = new tf.Graph();
    let saver: Saver | undefined;
    g.asDefault(() => {
      const created = new Map<string, tf.Variable>();
      for (const name of ESTIMATOR_VARIABLES) {
        const dtype = name === "global_step" ? tf.int64 : tf.float32;
        const make = () => new tf.Variable(tf.zeros([1], dtype), { name });
        // Adam's beta powers are colocated with the first variable it updates (optimizer.py _create_non_slot_variable),
        // its slots with their variable (slot_creator.py)
        const primary = name.startsWith("beta") ? "dense/bias" : name.replace(/\/Adam(_1)?$/, "");
        const with_ = primary !== name ? created.get(primary) : undefined;
        created.set(name, with_ ? g.colocateWith(with_.op, make) : make());
      }
      saver = new Saver(null, { sharded: true });
    });
    expect(saver?.saverDef).toEqual({
      filenameTensorName: "save/Const:0",
      saveTensorName: "save/Identity:0",
      restoreOpName: "save/restore_all",
      maxToKeep: 5,
      sharded: true,
      keepCheckpointEveryNHours: 10000,
      version: "V2",
    });
    const ours = decodeGraphDef(tf.io.encodeGraphDef(g.asGraphDef()));
    const saveNodes = (def: typeof ours) => (def.node ?? []).filter((n) => n.name.startsWith("save/"));
    // graph.cc ToGraphDef sorts control inputs by name; scopeflow's export keeps them in creation order
    const sortControls = (input: string[] | undefined) => [
      ...(input ?? []).filter((i) => !i.startsWith("^")),
      ...(input ?? []).filter((i) => i.startsWith("^")).sort(),
    ];
    expect(saveNodes(ours).map((n) => n.name)).toEqual(saveNodes(tfGraph ?? {}).map((n) => n.name));
    for (const node of saveNodes(tfGraph ?? {})) {
      const own = ours.node?.find((n) => n.name === node.name);
      const attrs = (attr: Record<string, unknown> | undefined) => {
        const { _output_shapes, ...rest } = attr ?? {};
        // the uuid of `_temp_<uuid>/part` is new at every build
        if (node.name === "save/StringJoin/inputs_1") delete rest.value;
        return rest;
      };
      expect({
        name: node.name,
        op: own?.op,
        input: sortControls(own?.input),
        device: own?.device,
        attr: attrs(own?.attr),
      }).toEqual({
        name: node.name,
        op: node.op,
        input: node.input,
        device: node.device,
        attr: attrs(node.attr),
      });
    }
    const suffix = ours.node?.find((n) => n.name === "save/StringJoin/inputs_1")?.attr?.value?.tensor?.stringVal?.[0];
    expect(new TextDecoder().decode(suffix)).toMatch(/^_temp_[0-9a-f]{32}\/part$/);
  });

  it("SaveRestoreShardedTestV2.testBasics (variables on /cpu:0 and /cpu:1): two shards merged into one checkpoint", () => {
    const fs = memoryFs();
    fs.makeDirs("/tmp");
    const savePath = "/tmp/sharded_basics";
    const build = (v0Value: number, v1Value: number) => {
      const v0 = tf.device("/cpu:0", () => new tf.Variable(v0Value, { name: "v0" }));
      const v1 = tf.device("/cpu:1", () => new tf.Variable(v1Value, { name: "v1" }));
      const save = new Saver({ v0, v1 }, { sharded: true });
      const sess = new tf.Session({ fileSystem: fs });
      sess.run(tf.globalVariablesInitializer());
      return { v0, v1, save, sess };
    };
    new tf.Graph().asDefault(() => {
      const { save, sess, v0, v1 } = build(10, 20);
      expect(tf.getDefaultGraph().getOperationByName("save/ShardedFilename_1").device).toBe("/device:CPU:0");
      expect(tf.getDefaultGraph().getOperationByName("save/restore_shard_1").type).toBe("NoOp");
      expect(v1.op.device).toBe("/device:CPU:1");
      expect(v0.op.device).toBe("/device:CPU:0");
      const val = save.save(sess, savePath);
      expect(val).toBe(savePath);
    });
    expect(fs.listDir("/tmp")).toEqual([
      "checkpoint",
      "sharded_basics.data-00000-of-00002",
      "sharded_basics.data-00001-of-00002",
      "sharded_basics.index",
      "sharded_basics.meta",
    ]);
    const reader = readTensorBundle({
      index: fs.readFile("/tmp/sharded_basics.index"),
      data: new Uint8Array(0),
    });
    expect(reader.header.numShards).toBe(2);
    expect(reader.keys().map((k) => [k, reader.info(k).entry.shardId])).toEqual([
      ["v0", 0],
      ["v1", 1],
    ]);
    // Now try a restore with the sharded filename.
    new tf.Graph().asDefault(() => {
      const { save, sess, v0, v1 } = build(111, 222);
      expect(sess.run(v0).toArray()).toBe(111);
      expect(sess.run(v1).toArray()).toBe(222);
      save.restore(sess, savePath);
      expect(sess.run(v0).toArray()).toBe(10);
      expect(sess.run(v1).toArray()).toBe(20);
    });
    expect(latestCheckpoint("/tmp", fs)).toBe(savePath);
  });

  it("SaveRestoreShardedTest.testSaverDef", () => {
    new tf.Graph().asDefault(() => {
      const v0 = new tf.Variable(123, { name: "v0" });
      const save = new Saver({ v0 }, { sharded: true });
      expect(save.saverDef.sharded).toBe(true);
    });
  });

  it("a sharded save of a partitioned variable across devices merges the full entry's slices", () => {
    const fs = memoryFs();
    fs.makeDirs("/ck");
    let saved: unknown;
    new tf.Graph().asDefault(() => {
      const v = tf.device(
        (op) => (op.name.startsWith("v/part_1") ? "/cpu:1" : "/cpu:0"),
        () =>
          tf.getVariable("v", [4, 2], {
            initializer: tf.initializers.randomUniform(),
            partitioner: tf.fixedSizePartitioner(2),
          }),
      ) as unknown as tf.PartitionedVariable;
      expect(v.getVariableList().map((p) => p.op.device)).toEqual(["/cpu:0", "/cpu:1"]);
      const sess = new tf.Session({ fileSystem: fs });
      sess.run(tf.globalVariablesInitializer());
      saved = sess.run(v.asTensor()).toArray();
      new Saver(null, { sharded: true }).save(sess, "/ck/model");
    });
    expect(tf.train.listVariables("/ck/model", fs)).toEqual([["v", [4, 2]]]);
    expect(tf.train.loadVariable("/ck/model", "v", fs).toArray()).toEqual(saved);
    new tf.Graph().asDefault(() => {
      const v = tf.getVariable("v", [4, 2], { initializer: tf.initializers.zeros() });
      const sess = new tf.Session({ fileSystem: fs });
      new Saver().restore(sess, "/ck/model");
      expect(sess.run(v).toArray()).toEqual(saved);
    });
  });
});
