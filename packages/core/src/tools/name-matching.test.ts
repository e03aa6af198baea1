// The rules tools.checkpointDoctor and tools.checkNameLock pair renamed names by, on plain name lists.
import { describe, expect, it } from "vitest";
import { matchNames, type NamedEntry, naturalCompare } from "./name-matching";

const e = (name: string, shape: (number | null)[] | null = [2], dtype = "float32"): NamedEntry => ({
  name,
  shape,
  dtype,
});
const pairs = (graph: NamedEntry[], checkpoint: NamedEntry[]) =>
  matchNames(graph, checkpoint).matches.map((m) => `${m.graph} -> ${m.checkpoint} ${m.kind}`);

describe("matchNames", () => {
  it("pairs only names whose dtype and shape agree (an unknown dim matches any)", () => {
    expect(pairs([e("a/w", [2, 3])], [e("w", [3, 2])])).toEqual([]);
    expect(pairs([e("a/w", [2], "float64")], [e("w", [2])])).toEqual([]);
    expect(pairs([e("a/w", [null, 3])], [e("w", [5, 3])])).toEqual(["a/w -> w outerScopeAdded"]);
  });

  it("a rule backed by one pair only is taken when neither name has another candidate; else order decides", () => {
    expect(pairs([e("enc/w")], [e("dec/w")])).toEqual(["enc/w -> dec/w scopeRenamed"]);
    // Two checkpoint names could take enc/w: no scope rule, the first layer in natural order is paired.
    const ambiguous = matchNames([e("enc/w")], [e("dec_1/w"), e("dec/w")]);
    expect(ambiguous.matches).toEqual([
      { graph: "enc/w", checkpoint: "dec/w", kind: "shapeAndOrder", from: "enc", to: "dec" },
    ]);
    expect(ambiguous.graphLeftovers).toEqual([]);
    expect(ambiguous.checkpointLeftovers).toEqual(["dec_1/w"]);
  });

  it("the rule explaining most pairs wins; suffix shifts are told from renames", () => {
    const graph = [e("tower_1/a"), e("tower_1/b", [3]), e("tower_1/c", [4]), e("other/a")];
    const checkpoint = [e("tower/a"), e("tower/b", [3]), e("tower/c", [4])];
    expect(pairs(graph, checkpoint)).toEqual([
      "tower_1/a -> tower/a suffixShift",
      "tower_1/b -> tower/b suffixShift",
      "tower_1/c -> tower/c suffixShift",
    ]);
  });

  it("layers by shape and order: graph order against the checkpoint's natural order (dense, dense_1, ..., dense_10)", () => {
    expect(["dense_10", "dense_2", "dense", "dense_1"].sort(naturalCompare)).toEqual([
      "dense",
      "dense_1",
      "dense_2",
      "dense_10",
    ]);
    const graph = [e("first/weights", [2, 2]), e("second/weights", [2, 2]), e("third/weights", [2, 2])];
    const checkpoint = [e("dense_10/kernel", [2, 2]), e("dense/kernel", [2, 2]), e("dense_2/kernel", [2, 2])];
    expect(pairs(graph, checkpoint)).toEqual([
      "first/weights -> dense/kernel shapeAndOrder",
      "second/weights -> dense_2/kernel shapeAndOrder",
      "third/weights -> dense_10/kernel shapeAndOrder",
    ]);
  });

  it("slots left over (a variable restored, its Adam slots unused) are never paired with new variables by shape", () => {
    const graph = [e("dense/bias", [1]), e("b", [1]), e("w", [1])];
    const checkpoint = [e("dense/bias", [1]), e("dense/bias/Adam", [1]), e("dense/bias/Adam_1", [1])];
    const result = matchNames(graph, checkpoint);
    expect(result.matches.map((m) => m.kind)).toEqual(["exact"]);
    expect(result.graphLeftovers).toEqual(["b", "w"]);
    expect(result.checkpointLeftovers).toEqual(["dense/bias/Adam", "dense/bias/Adam_1"]);
  });
});
