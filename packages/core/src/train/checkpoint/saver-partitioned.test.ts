// Partitioned variables in checkpoints: saver_test.py (TF 1.15) SaveRestoreShardedTest._testPartitionedVariables and
// the bundle layout TF writes for slices (tensor_bundle.cc BundleWriter::AddSlice, saved_tensor_slice_util.cc
// EncodeTensorNameSlice, ordered_code.cc), decoded field by field.
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, ValueError } from "../../errors";
import { dataFileName, indexFileName, readTensorBundle } from "../../formats/tensor-bundle";
import { encodeTensorNameSlice, parseSlice, signedNumIncreasing } from "../../formats/tensor-slice";
import * as tf from "../../index";
import type { FileSystem } from "../../io/file-system";
import { memoryFs } from "../../io/memory-fs";
import { readTable } from "../../io/table";
import { constantOp, createOp } from "../../ops/op-builder";
import { opDefs } from "../../ops/op-defs";
import { decodeMessage } from "../../proto/codec";
import type { BundleEntryProto } from "../../proto/types";
import { listVariables, loadVariable } from "./checkpoint-management";
import { Saver } from "./saver";

const FULL_SHAPE = [10, 3];
const NAME = "my_var";
const PATH = "/partitioned_variables/ckpt";

/** partitioned_variables.create_partitioned_variables: get_variable with a partitioner returning `slicing`. */
function partitioned(slicing: number[], initializer: tf.NDArray | tf.Initializer) {
  return tf.getVariable(NAME, FULL_SHAPE, {
    initializer,
    partitioner: () => slicing,
  }) as unknown as tf.PartitionedVariable;
}

type Layout = { slices?: number[]; partitioner?: tf.Partitioner };

/** _testPartitionedVariables' _save: a random full value saved as `layout` lays it out; returns the value. */
function save(fs: FileSystem, layout: Layout, withDict: boolean): number[][] {
  return new tf.Graph().asDefault(() => {
    const sess = new tf.Session({ fileSystem: fs });
    const rnd = sess.run(tf.randomUniform(FULL_SHAPE)) as tf.NDArray;
    let vs: unknown[];
    if (layout.slices) vs = partitioned(layout.slices, rnd).getVariableList();
    else if (layout.partitioner) {
      vs = [tf.getVariable(NAME, FULL_SHAPE, { initializer: rnd, partitioner: layout.partitioner })];
    } else vs = [new tf.Variable(rnd, { name: NAME })];
    sess.run(tf.globalVariablesInitializer());
    const saver = withDict
      ? new Saver({ [NAME]: (layout.slices ? vs : vs[0]) as tf.Variable })
      : new Saver(vs as tf.Variable[]);
    expect(saver.save(sess, PATH)).toBe(PATH);
    return rnd.toArray() as number[][];
  });
}

/** _testPartitionedVariables' _restore: zeros laid out as `layout`, restored from PATH; returns the full value. */
function restore(fs: FileSystem, layout: Layout, withDict: boolean): number[][] {
  return new tf.Graph().asDefault(() => {
    const sess = new tf.Session({ fileSystem: fs });
    const zeros = tf.zeros(FULL_SHAPE);
    let vs: unknown[];
    if (layout.slices) vs = partitioned(layout.slices, tf.initializers.zeros()).getVariableList();
    else if (layout.partitioner) {
      vs = [
        tf.getVariable(NAME, FULL_SHAPE, { initializer: tf.initializers.zeros(), partitioner: layout.partitioner }),
      ];
    } else vs = [new tf.Variable(zeros, { name: NAME })];
    sess.run(tf.globalVariablesInitializer());
    const saver = withDict
      ? new Saver({ [NAME]: (layout.slices ? vs : vs[0]) as tf.Variable })
      : new Saver(vs as tf.Variable[]);
    saver.restore(sess, PATH);
    let full: tf.Tensor;
    if (layout.partitioner) full = (vs[0] as tf.PartitionedVariable).asTensor();
    else if (layout.slices && layout.slices[0] !== 1) full = tf.concat(vs as tf.Variable[], 0);
    else if (layout.slices && layout.slices[1] !== 1) full = tf.concat(vs as tf.Variable[], 1);
    else full = (vs[0] as tf.Variable).asGraphElement();
    return (sess.run(full) as tf.NDArray).toArray() as number[][];
  });
}

describe("Saver with partitioned variables (saver_test.py)", () => {
  for (const withDict of [false, true]) {
    it(`SaveRestoreShardedTest.testPartitionedVariable (call_saver_with_dict=${withDict})`, () => {
      const fs = memoryFs();
      fs.makeDirs("/partitioned_variables");
      const twoShards = tf.fixedSizePartitioner(2);
      // Save PartitionedVariable and restore into full variable.
      let savedFull = save(fs, { partitioner: twoShards }, withDict);
      expect(restore(fs, {}, withDict)).toEqual(savedFull);
      // Saves 10 horizontal parts of a partitioned variable. Restores into a full variable, non-sliced.
      savedFull = save(fs, { slices: [10, 1] }, withDict);
      expect(restore(fs, {}, withDict)).toEqual(savedFull);
      // Restores into a different number/orientation of slices.
      expect(restore(fs, { slices: [2, 1] }, withDict)).toEqual(savedFull);
      expect(restore(fs, { slices: [1, 3] }, withDict)).toEqual(savedFull);
      // Restores into a PartitionedVariable
      expect(restore(fs, { partitioner: twoShards }, withDict)).toEqual(savedFull);
      // Now, saves a full variable and restores in slices.
      savedFull = save(fs, {}, withDict);
      expect(restore(fs, { slices: [1, 3] }, withDict)).toEqual(savedFull);
    });
  }

  it("builds SaveV2/RestoreV2 with the parts' SaveSliceInfo specs under the full name, one Assign per part", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      partitioned([2, 1], tf.initializers.zeros());
      tf.getVariable("b", [2]);
      new Saver();
      const strings = (name: string) =>
        ((g.getOperationByName(name).getAttr("value") as tf.NDArray).toArray() as Uint8Array[]).map((s) =>
          new TextDecoder().decode(s as Uint8Array),
        );
      expect(strings("save/SaveV2/tensor_names")).toEqual(["b", "my_var", "my_var"]);
      expect(strings("save/SaveV2/shape_and_slices")).toEqual(["", "10 3 0,5:0,3", "10 3 5,5:0,3"]);
      expect(strings("save/RestoreV2/shape_and_slices")).toEqual(["", "10 3 0,5:0,3", "10 3 5,5:0,3"]);
      expect(
        g
          .getOperationByName("save/SaveV2")
          .inputs.slice(3)
          .map((t) => t.name),
      ).toEqual(["b:0", "my_var/part_0:0", "my_var/part_1:0"]);
      expect(g.getOperationByName("save/Assign_2").inputs.map((t) => t.name)).toEqual([
        "my_var/part_1:0",
        "save/RestoreV2:2",
      ]);
    });
  });

  it("saveable_object_util.py's errors for slices", () => {
    new tf.Graph().asDefault(() => {
      const parts = partitioned([2, 1], tf.initializers.zeros()).getVariableList();
      const other = tf.getVariable("other", [2], {
        partitioner: tf.fixedSizePartitioner(2),
      }) as unknown as tf.PartitionedVariable;
      const plain = tf.getVariable("plain", [1]);
      expect(() => new Saver({ x: [parts[0], plain] })).toThrow(
        new ValueError("Slices must all be slices: <tf.Variable 'plain:0'>"),
      );
      expect(() => new Saver({ x: [parts[0], other.getVariableList()[0]] })).toThrow(
        new ValueError("Slices must all be from the same tensor: my_var != other"),
      );
      expect(() => new Saver({ x: parts, y: parts })).toThrow(
        new ValueError("The same saveable will be restored with two names: y"),
      );
    });
  });

  it("writes TF's bundle layout: the full entry with slices, one entry per slice under its encoded key", () => {
    const fs = memoryFs();
    fs.makeDirs("/partitioned_variables");
    const saved = save(fs, { slices: [2, 1] }, false);
    const rows = readTable(fs.readFile(indexFileName(PATH)), "index");
    // header "", then the slice keys (they start with byte 0), then the full name
    const part0Key = [0x00, ...new TextEncoder().encode(NAME), 0x00, 0x01, 0x01, 0x02, 0x80, 0x85, 0x80, 0x83];
    const part1Key = [0x00, ...new TextEncoder().encode(NAME), 0x00, 0x01, 0x01, 0x02, 0x85, 0x85, 0x80, 0x83];
    expect(rows.map(([k]) => Array.from(k))).toEqual([
      [],
      part0Key,
      part1Key,
      Array.from(new TextEncoder().encode(NAME)),
    ]);
    expect(Array.from(encodeTensorNameSlice(NAME, parseSlice("0,5:0,3")))).toEqual(part0Key);
    const entry = (i: number) => decodeMessage<BundleEntryProto>("BundleEntryProto", rows[i][1], "entry");
    const full = entry(3);
    expect(full.dtype).toBe("DT_FLOAT");
    expect(full.shape?.dim?.map((d) => Number(d.size))).toEqual([10, 3]);
    expect([Number(full.offset), Number(full.size), full.shardId, full.crc32c]).toEqual([0, 0, 0, 0]);
    expect(full.slices.map((s) => (s.extent ?? []).map((e) => [Number(e.start ?? 0), Number(e.length)]))).toEqual([
      [
        [0, 5],
        [0, 3],
      ],
      [
        [5, 5],
        [0, 3],
      ],
    ]);
    expect(
      [1, 2].map((i) => [
        entry(i).shape?.dim?.map((d) => Number(d.size)),
        Number(entry(i).offset),
        Number(entry(i).size),
      ]),
    ).toEqual([
      [[5, 3], 0, 60],
      [[5, 3], 60, 60],
    ]);
    // list_variables shows the full variable only; load_variable assembles it
    expect(listVariables(PATH, fs)).toEqual([[NAME, [10, 3]]]);
    expect(loadVariable(PATH, NAME, fs).toArray()).toEqual(saved);
    const reader = readTensorBundle({ index: fs.readFile(indexFileName(PATH)), data: fs.readFile(dataFileName(PATH)) });
    expect(reader.lookupSlice(NAME, parseSlice("3,4:1,2")).toArray()).toEqual(
      saved.slice(3, 7).map((r) => r.slice(1, 3)),
    );
  });

  it("a single partition covering the whole variable is saved as a plain entry (IsFullSlice)", () => {
    const fs = memoryFs();
    fs.makeDirs("/partitioned_variables");
    save(fs, { slices: [1, 1] }, false);
    const rows = readTable(fs.readFile(indexFileName(PATH)), "index");
    expect(rows.map(([k]) => new TextDecoder().decode(k))).toEqual(["", NAME]);
  });

  it("RestoreV2's errors: a different full shape, slices that do not cover the request", () => {
    const fs = memoryFs();
    fs.makeDirs("/partitioned_variables");
    save(fs, { slices: [2, 1] }, false);
    const restoreWith = (spec: string) =>
      new tf.Graph().asDefault(() => {
        const inputs = [
          constantOp(PATH, tf.string, [], "p"),
          constantOp([NAME], tf.string, [1], "n"),
          constantOp([spec], tf.string, [1], "s"),
        ];
        const op = createOp(opDefs.RestoreV2, inputs, { attrs: { dtypes: [tf.float32] } });
        return new tf.Session({ fileSystem: fs }).run(op.outputs[0]);
      });
    expect(() => restoreWith("10 4 0,5:0,4")).toThrow(
      new InvalidArgumentError(
        "tensor_name = my_var; shape in shape_and_slice spec [10,4] does not match the shape stored in checkpoint: [10,3]",
      ),
    );
    expect((restoreWith("10 3 4,2:-") as tf.NDArray).shape).toEqual([2, 3]);
  });

  it("ordered_code.cc: WriteSignedNumIncreasing as its comments give it", () => {
    expect(signedNumIncreasing(0x424242)).toEqual([0xf0, 0x42, 0x42, 0x42]);
    expect(signedNumIncreasing(-0x800)).toEqual([0x38, 0x00]);
    expect(signedNumIncreasing(-1)).toEqual([0x7f]);
    expect(signedNumIncreasing(63)).toEqual([0xbf]);
    expect(signedNumIncreasing(64)).toEqual([0xc0, 0x40]);
    expect(signedNumIncreasing(-64)).toEqual([0x40]);
    expect(signedNumIncreasing(-65)).toEqual([0x3f, 0xbf]);
  });
});
