import { readFileSync } from "node:fs";
import { TF_FIXTURES_DIR } from "@scopeflow/test-kit";
import { describe, expect, it } from "vitest";
import { DataLossError, NotFoundError } from "../errors";
import { float16, float32, int64, string } from "../framework/dtypes";
import { NDArray } from "../framework/ndarray";
import { readTable } from "../io/table";
import { parseCheckpointState, printCheckpointState } from "../train/checkpoint/checkpoint-state";
import { dataFileName, indexFileName, readTensorBundle, writeTensorBundle } from "./tensor-bundle";

const DIR = "estimator_model_dir/";
const fixture = (path: string) => new Uint8Array(readFileSync(new URL(path, TF_FIXTURES_DIR)));
const files = (step: number) => ({
  index: fixture(`${DIR}model.ckpt-${step}.index`),
  data: fixture(`${DIR}model.ckpt-${step}.data-00000-of-00001`),
});

const KEYS: [string, string, number[], number, number][] = [
  ["beta1_power", "DT_FLOAT", [], 0, 4],
  ["beta2_power", "DT_FLOAT", [], 4, 4],
  ["dense/bias", "DT_FLOAT", [4], 8, 16],
  ["dense/bias/Adam", "DT_FLOAT", [4], 24, 16],
  ["dense/bias/Adam_1", "DT_FLOAT", [4], 40, 16],
  ["dense/kernel", "DT_FLOAT", [2, 4], 56, 32],
  ["dense/kernel/Adam", "DT_FLOAT", [2, 4], 88, 32],
  ["dense/kernel/Adam_1", "DT_FLOAT", [2, 4], 120, 32],
  ["dense_1/bias", "DT_FLOAT", [1], 152, 4],
  ["dense_1/bias/Adam", "DT_FLOAT", [1], 156, 4],
  ["dense_1/bias/Adam_1", "DT_FLOAT", [1], 160, 4],
  ["dense_1/kernel", "DT_FLOAT", [4, 1], 164, 16],
  ["dense_1/kernel/Adam", "DT_FLOAT", [4, 1], 180, 16],
  ["dense_1/kernel/Adam_1", "DT_FLOAT", [4, 1], 196, 16],
  ["global_step", "DT_INT64", [], 212, 8],
];
const close = (actual: ArrayLike<number>, expected: number[], digits: number) =>
  expect(Array.from(actual).map((v) => +v.toPrecision(digits))).toEqual(expected);

describe("checkpoint V2 written by TensorFlow (estimator_model_dir)", () => {
  it("model.ckpt-2000: 15 keys with the README's dtypes, shapes, offsets and sizes", () => {
    const reader = readTensorBundle(files(2000), `${DIR}model.ckpt-2000`);
    expect(reader.header).toEqual({
      numShards: 1,
      endianness: "LITTLE",
      version: { producer: 1, minConsumer: 0, badConsumers: [] },
    });
    expect(reader.keys()).toEqual(KEYS.map((k) => k[0]));
    for (const [key, dtype, shape, offset, size] of KEYS) {
      const { entry } = reader.info(key);
      expect([entry.dtype, entry.shape?.dim?.map((d) => d.size), entry.offset, entry.size, entry.shardId]).toEqual([
        dtype,
        shape,
        offset,
        size,
        0,
      ]);
    }
    expect(reader.listVariables()).toEqual(KEYS.map((k) => [k[0], k[2]]));
  });

  it("model.ckpt-2000 values: dense_1/bias = 16.96274, global_step = 2000, kernels and powers", () => {
    const reader = readTensorBundle(files(2000), `${DIR}model.ckpt-2000`);
    close(reader.lookup("dense_1/bias").data as Float32Array, [16.96274], 7);
    const step = reader.lookup("global_step");
    expect(step.dtype).toBe(int64);
    expect(step.shape).toEqual([]);
    expect(step.item()).toBe(2000);
    expect(reader.lookup("beta1_power").item()).toBe(0);
    close(reader.lookup("beta2_power").data as Float32Array, [0.1350683], 7);
    close(reader.lookup("dense/bias").data as Float32Array, [-7.316306, 3.842671, 17.33366, 4.293669], 7);
    const kernel = reader.lookup("dense/kernel");
    expect(kernel.dtype).toBe(float32);
    expect(kernel.shape).toEqual([2, 4]);
    close(
      kernel.data as Float32Array,
      [0.03589049, -1.07259, -0.1854141, 0.78352, 0.6175917, -0.1792978, 0.01616185, -0.0859901],
      7,
    );
    close(reader.lookup("dense_1/kernel").data as Float32Array, [0.4876374, -0.8209959, -0.7761993, 0.7485965], 7);
  });

  it("model.ckpt-0 values: powers 0.9 and 0.999, zero slots, global_step 0", () => {
    const reader = readTensorBundle(files(0), `${DIR}model.ckpt-0`);
    close(reader.lookup("beta1_power").data as Float32Array, [0.9], 7);
    close(reader.lookup("beta2_power").data as Float32Array, [0.999], 7);
    expect(Array.from(reader.lookup("dense/kernel/Adam").data as Float32Array)).toEqual(new Array(8).fill(0));
    close((reader.lookup("dense/kernel").data as Float32Array).subarray(0, 2), [0.3477564, -0.8419459], 7);
    expect(reader.lookup("global_step").item()).toBe(0);
    expect(readTensorBundle(files(1000)).lookup("global_step").item()).toBe(1000);
  });

  it('the .index layout: one 420-byte data block, empty metaindex, index key "h", 48-byte footer', () => {
    const index = files(2000).index;
    expect(index.length).toBe(506);
    expect(Array.from(index.subarray(498))).toEqual([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb]);
    const rows = readTable(index, "model.ckpt-2000.index");
    expect(rows.length).toBe(16);
    expect(Array.from(rows[0][1])).toEqual([0x08, 0x01, 0x1a, 0x02, 0x08, 0x01]);
  });

  it("writes model.ckpt-{0,1000,2000} back byte for byte (.index and .data)", () => {
    for (const step of [0, 1000, 2000]) {
      const reader = readTensorBundle(files(step));
      const tensors = new Map(reader.keys().map((k) => [k, reader.lookup(k)]));
      const written = writeTensorBundle(tensors);
      expect(written.index).toEqual(files(step).index);
      expect(written.data).toEqual(files(step).data);
    }
  });

  it("round-trips every dtype, including float16, int64 beyond 2^53, strings and an empty tensor", () => {
    const tensors = {
      h: new NDArray(float16, [3], Float32Array.from([1.5, -0.000061035156, 65504])),
      big: new NDArray(int64, [2], BigInt64Array.from([2n ** 60n, -3n])),
      s: new NDArray(string, [2], [new TextEncoder().encode("ab"), new Uint8Array([0, 255])]),
      empty: new NDArray(float32, [0, 3]),
      b: new NDArray("bool", [2], Uint8Array.from([1, 0])),
    };
    const reader = readTensorBundle(writeTensorBundle(tensors));
    expect(reader.keys()).toEqual(["b", "big", "empty", "h", "s"]);
    expect(Array.from(reader.lookup("h").data as Float32Array)).toEqual([1.5, -0.000061035156, 65504].map(Math.fround));
    expect(reader.lookup("big").toArray()).toEqual([2n ** 60n, -3]);
    expect(reader.lookup("s").toArray()).toEqual([new TextEncoder().encode("ab"), new Uint8Array([0, 255])]);
    expect(reader.lookup("empty").shape).toEqual([0, 3]);
    expect(reader.lookup("b").toArray()).toEqual([true, false]);
  });

  it("names files as TF does", () => {
    expect(indexFileName("model.ckpt-2000")).toBe("model.ckpt-2000.index");
    expect(dataFileName("model.ckpt-2000")).toBe("model.ckpt-2000.data-00000-of-00001");
  });

  it("corrupt inputs: truncated index, flipped block byte, short data shard, flipped tensor byte, missing key", () => {
    const prefix = `${DIR}model.ckpt-2000`;
    const { index, data } = files(2000);
    expect(() => readTensorBundle({ index: index.subarray(0, 40), data }, prefix)).toThrow(
      `Corrupted table ${prefix}.index: file is too short (40 bytes) to be an sstable`,
    );
    expect(() => readTensorBundle({ index: index.subarray(0, 500), data }, prefix)).toThrow(
      `Corrupted table ${prefix}.index: not an sstable (bad magic number)`,
    );
    const flipped = index.slice();
    flipped[100] ^= 0x20;
    expect(() => readTensorBundle({ index: flipped, data }, prefix)).toThrow(DataLossError);
    expect(() => readTensorBundle({ index: flipped, data }, prefix)).toThrow(
      `Corrupted table ${prefix}.index: block checksum mismatch in data block at offset 0`,
    );
    const short = readTensorBundle({ index, data: data.subarray(0, 216) }, prefix);
    expect(short.lookup("beta1_power").item()).toBe(0);
    expect(() => short.lookup("global_step")).toThrow(
      `${prefix}.data-00000-of-00001 holds 216 bytes, but key global_step needs bytes [212, 220): the data file is truncated`,
    );
    const badData = data.slice();
    badData[153] ^= 0x01;
    const reader = readTensorBundle({ index, data: badData }, prefix);
    expect(() => reader.lookup("dense_1/bias")).toThrow(DataLossError);
    expect(() => reader.lookup("dense_1/bias")).toThrow(
      new RegExp(
        `^Checksum does not match for key dense_1/bias in ${prefix}.data-00000-of-00001: stored \\d+ vs. calculated on the restored bytes \\d+$`,
      ),
    );
    expect(() => reader.lookup("dense/kernel2")).toThrow(NotFoundError);
    expect(() => reader.lookup("dense/kernel2")).toThrow("Key dense/kernel2 not found in checkpoint");
  });
});

describe("checkpoint state file", () => {
  it("reads TF's checkpoint file and prints it back byte for byte", () => {
    const text = new TextDecoder().decode(fixture(`${DIR}checkpoint`));
    const state = parseCheckpointState(text);
    expect(state.modelCheckpointPath).toBe("model.ckpt-2000");
    expect(state.allModelCheckpointPaths).toEqual(["model.ckpt-0", "model.ckpt-1000", "model.ckpt-2000"]);
    expect(printCheckpointState(state)).toBe(text);
  });

  it("appends the latest path when it is not last, as generate_checkpoint_state_proto does", () => {
    expect(printCheckpointState({ modelCheckpointPath: "m-2", allModelCheckpointPaths: ["m-1"] })).toBe(
      'model_checkpoint_path: "m-2"\nall_model_checkpoint_paths: "m-1"\nall_model_checkpoint_paths: "m-2"\n',
    );
    expect(() => parseCheckpointState('model_checkpoint_path: "x', "ckpt/checkpoint")).toThrow(
      'Unable to parse CheckpointState from ckpt/checkpoint: 1:24: Multiline strings are not allowed. Did you miss a "?',
    );
  });
});
