// util/tensor_bundle/tensor_bundle_test.cc (TF 1.15): PartitionedVariables, EquivalentSliceTest, DirectoryStructure;
// and TensorSlice's parsing (framework/tensor_slice.cc) as ParseShapeAndSlice uses it.
import { describe, expect, it } from "vitest";
import { InternalError, InvalidArgumentError } from "../errors";
import { NDArray } from "../framework/ndarray";
import { memoryFs } from "../io/memory-fs";
import { mergeCheckpoints } from "./checkpoint-merge";
import { dataFileName, indexFileName, readTensorBundle, TensorBundleReader, writeTensorBundle } from "./tensor-bundle";
import { parseShapeAndSlice, parseSlice, sliceDebugString } from "./tensor-slice";

const constant = (value: number, shape: number[]) =>
  new NDArray("float32", shape, new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(value));
const FULL = [5, 10];

describe("tensor_bundle_test.cc", () => {
  it("TensorBundleTest.PartitionedVariables", () => {
    const slice1 = parseSlice("-:0,1");
    const slice2 = parseSlice("-:1,9");
    const files = writeTensorBundle(new Map(), [
      { name: "foo", fullShape: FULL, slice: slice1, value: constant(0, [5, 1]) },
      { name: "foo", fullShape: FULL, slice: slice2, value: constant(1, [5, 9]) },
    ]);
    const reader = readTensorBundle(files);
    // Reads in full.
    expect(Array.from(reader.lookup("foo").data as Float32Array)).toEqual(
      Array.from({ length: 50 }, (_, offset) => (offset % 10 === 0 ? 0 : 1)),
    );
    // Reads all slices (LookupTensorSlices).
    expect(reader.info("foo").entry.slices.length).toBe(2);
    // Reads a slice consisting of first two columns, "cutting" both slices.
    const cut = reader.lookupSlice("foo", parseSlice("-:0,2"));
    expect(cut.shape).toEqual([5, 2]);
    expect(Array.from(cut.data as Float32Array)).toEqual(Array.from({ length: 10 }, (_, o) => (o % 2 === 0 ? 0 : 1)));
    // Reads a slice consisting of columns 2-4, "cutting" the second slice only.
    expect(reader.lookupSlice("foo", parseSlice("-:2,2")).toArray()).toEqual(constant(1, [5, 2]).toArray());
  });

  it("TensorBundleTest.EquivalentSliceTest", () => {
    const expected = constant(1, FULL);
    const files = writeTensorBundle(new Map(), [
      { name: "no_extents", fullShape: FULL, slice: parseSlice("-:-"), value: expected },
      { name: "both_extents", fullShape: FULL, slice: parseSlice("0,5:0,10"), value: expected },
    ]);
    const reader = readTensorBundle(files);
    expect(reader.keys()).toEqual(["both_extents", "no_extents"]);
    for (const [key, spec] of [
      ["no_extents", "-:-"],
      ["both_extents", "0,5:0,10"],
      ["no_extents", "0,5:0,10"],
      ["both_extents", "-:-"],
    ]) {
      expect(reader.lookupSlice(key, parseSlice(spec)).toArray()).toEqual(expected.toArray());
    }
  });

  it("TensorBundleTest.DirectoryStructure: MergeBundles renames one bundle and merges two", () => {
    const fs = memoryFs();
    fs.makeDirs("/b");
    for (const i of [0, 1]) {
      const { index, data } = writeTensorBundle(new Map([[`tensor${i}`, constant(i, [2, 3])]]));
      fs.writeFileAtomic(indexFileName(`/b/worker${i}`), index);
      fs.writeFileAtomic(dataFileName(`/b/worker${i}`), data);
    }
    // Trivially "merge" one bundle to some other location (i.e., a renaming).
    mergeCheckpoints(fs, ["/b/worker0"], "/b/another", false);
    expect(fs.listDir("/b")).toEqual([
      "another.data-00000-of-00001",
      "another.index",
      "worker1.data-00000-of-00001",
      "worker1.index",
    ]);
    // Performs actual merge of the two bundles.
    mergeCheckpoints(fs, ["/b/another", "/b/worker1"], "/b/merged", false);
    expect(fs.listDir("/b")).toEqual(["merged.data-00000-of-00002", "merged.data-00001-of-00002", "merged.index"]);
    const reader = new TensorBundleReader(fs.readFile("/b/merged.index"), (_, file) => fs.readFile(file), "/b/merged");
    expect(reader.header.numShards).toBe(2);
    expect(reader.lookup("tensor0").toArray()).toEqual(constant(0, [2, 3]).toArray());
    expect(reader.lookup("tensor1").toArray()).toEqual(constant(1, [2, 3]).toArray());
  });

  it("a key in two merged bundles is TF's InvalidArgumentError", () => {
    const fs = memoryFs();
    for (const p of ["/a", "/b"]) {
      const { index, data } = writeTensorBundle(new Map([["x", constant(1, [1])]]));
      fs.writeFileAtomic(indexFileName(p), index);
      fs.writeFileAtomic(dataFileName(p), data);
    }
    expect(() => mergeCheckpoints(fs, ["/a", "/b"], "/m", false)).toThrow(
      new InvalidArgumentError("Duplicate tensor keyed by x encountered, when merging prefix: /b"),
    );
  });
});

describe("ParseShapeAndSlice (saved_tensor_slice_util.cc)", () => {
  it("parses shape and slice, and gives TF's errors", () => {
    expect(parseShapeAndSlice("10 4 0,5:0,4")).toEqual({
      fullShape: [10, 4],
      slice: { starts: [0, 0], lengths: [5, 4] },
      sliceShape: [5, 4],
    });
    expect(sliceDebugString(parseSlice("-:1,9"))).toBe("-:1,9");
    expect(() => parseShapeAndSlice("10")).toThrow(
      new InvalidArgumentError("Need least two elements in shape_and_slice specification: 10"),
    );
    expect(() => parseShapeAndSlice("10 x 0,5:-")).toThrow(
      new InvalidArgumentError("Non numerical dimension in shape_and_slice: 10 x 0,5:-"),
    );
    expect(() => parseShapeAndSlice("10 4 0,5:0")).toThrow(
      new InvalidArgumentError("Expected a pair of numbers or '-' but got '0': string = 0,5:0"),
    );
    expect(() => parseShapeAndSlice("10 4 0,0:-")).toThrow(
      new InvalidArgumentError(
        "Expected non-negative start and positive length but got start = 0, length = 0: string = 0,0:-",
      ),
    );
    expect(() => parseShapeAndSlice("10 4 8,5:-")).toThrow(
      new InternalError("Extent in dimension 0 out of bounds: shape = [10,4], slice = 8,5:-"),
    );
  });
});
