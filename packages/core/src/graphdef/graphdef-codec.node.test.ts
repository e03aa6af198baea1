import { readFileSync } from "node:fs";
import { TF_FIXTURES_DIR } from "@scopeflow/test-kit";
import { describe, expect, it } from "vitest";
import { DataLossError } from "../errors";
import type { GraphDef, NodeDef } from "../proto/types";
import { decodeGraphDef, decodeMetaGraphDef, encodeGraphDef, encodeMetaGraphDef } from "./graphdef-codec";

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(path, TF_FIXTURES_DIR)));
const MODEL_PB = "graphdef_binary/model.pb";
const META = "estimator_model_dir/model.ckpt-2000.meta";
const str = (b: Uint8Array) => new TextDecoder().decode(b);
const byName = (g: GraphDef) => new Map((g.node ?? []).map((n) => [n.name, n] as [string, NodeDef]));

describe("GraphDef codec", () => {
  it("graphdef_binary/model.pb: 109 nodes, producer 26, top-level ops and the Saver's ops", () => {
    const g = decodeGraphDef(fixture(MODEL_PB), MODEL_PB);
    expect(g.node?.length).toBe(109);
    expect(g.versions?.producer).toBe(26);
    expect(g.library).toBeUndefined();
    expect(g.node?.some((n) => n.attr?._output_shapes)).toBe(false);
    const nodes = byName(g);
    const top = (g.node ?? []).filter((n) => !n.name.includes("/")).map((n) => n.name);
    expect(top).toEqual([
      "x",
      "y",
      "random_uniform",
      "w",
      "zeros",
      "b",
      "mul",
      "add",
      "sub",
      "Square",
      "Rank",
      "range",
      "Mean",
      "train",
      "init",
    ]);
    expect(nodes.get("x")?.op).toBe("Placeholder");
    expect(nodes.get("x")?.attr?.dtype).toEqual({ type: "DT_FLOAT" });
    expect(nodes.get("x")?.attr?.shape).toEqual({ shape: { dim: [], unknownRank: true } });
    expect(nodes.get("w")?.attr?.shape?.shape?.dim?.map((d) => d.size)).toEqual([1]);
    expect(nodes.get("train")?.input).toEqual([
      "^train/update_w/ApplyGradientDescent",
      "^train/update_b/ApplyGradientDescent",
    ]);
    expect(nodes.get("init")?.input).toEqual(["^w/Assign", "^b/Assign"]);
    const scopes: Record<string, number> = {};
    for (const n of g.node ?? [])
      if (n.name.includes("/")) scopes[n.name.split("/")[0]] = (scopes[n.name.split("/")[0]] ?? 0) + 1;
    expect(scopes).toMatchObject({
      gradients: 66,
      random_uniform: 6,
      save: 11,
      train: 3,
      w: 2,
      b: 2,
      zeros: 2,
      range: 2,
    });
    expect(str(nodes.get("save/Const")?.attr?.value?.tensor?.stringVal?.[0] as Uint8Array)).toBe("model");
    expect(nodes.get("save/SaveV2/tensor_names")?.attr?.value?.tensor?.stringVal?.map(str)).toEqual(["b", "w"]);
    expect(nodes.get("save/SaveV2/shape_and_slices")?.attr?.value?.tensor?.stringVal?.map(str)).toEqual(["", ""]);
    expect(nodes.get("save/SaveV2")?.input).toEqual([
      "save/Const",
      "save/SaveV2/tensor_names",
      "save/SaveV2/shape_and_slices",
      "b",
      "w",
    ]);
    for (const name of [
      "save/control_dependency",
      "save/RestoreV2",
      "save/Assign",
      "save/Assign_1",
      "save/restore_all",
    ]) {
      expect(nodes.has(name)).toBe(true);
    }
  });

  it("model.pb round-trips binary and text, field by field", () => {
    const g = decodeGraphDef(fixture(MODEL_PB), MODEL_PB);
    expect(decodeGraphDef(encodeGraphDef(g))).toEqual(g);
    const text = encodeGraphDef(g, { asText: true });
    expect(text.startsWith('node {\n  name: "x"\n  op: "Placeholder"\n')).toBe(true);
    expect(decodeGraphDef(text)).toEqual(g);
  });

  it("model.ckpt-2000.meta: 293-node graph, saver_def V2, collections; round-trips", () => {
    const meta = decodeMetaGraphDef(fixture(META), META);
    expect(meta.metaInfoDef?.tensorflowVersion).toBe("1.14.0");
    expect(meta.graphDef?.node?.length).toBe(293);
    expect(meta.saverDef).toMatchObject({
      saveTensorName: "save/Identity:0",
      version: "V2",
      restoreOpName: "save/restore_all",
    });
    expect(meta.collectionDef?.global_step?.bytesList?.value?.length).toBe(1);
    expect(meta.collectionDef?.train_op?.nodeList?.value).toEqual(["Adam"]);
    const vars = meta.collectionDef?.trainable_variables?.bytesList?.value ?? [];
    expect(vars.length).toBe(4);
    expect(decodeMetaGraphDef(encodeMetaGraphDef(meta))).toEqual(meta);
    expect(decodeMetaGraphDef(encodeMetaGraphDef(meta, { asText: true }))).toEqual(meta);
  });

  it("skips unknown text fields (scalars, lists, nested blocks, extensions) as TF does", () => {
    const g = decodeGraphDef(
      `node { name: "a" op: "NoOp" future_field: 3 future_list: [1, 2] future_msg { x: "y" deeper { z: [ { q: 1 } ] } } }
       [some.extension] { a: 1 }
       versions { producer: 38 bad_consumers: [ 1, 2 ] }`,
    );
    expect(g.node).toEqual([{ name: "a", op: "NoOp", input: [], device: "", attr: {} }]);
    expect(g.versions).toEqual({ producer: 38, minConsumer: 0, badConsumers: [1, 2] });
  });

  it("garbage where a GraphDef should be gives DataLossError naming the file and the fault", () => {
    const garbage = new TextEncoder().encode("this is not a graph\n");
    expect(() => decodeGraphDef(garbage, "bad.pb")).toThrow(DataLossError);
    expect(() => decodeGraphDef(garbage, "bad.pb")).toThrow(/^Unable to parse GraphDef from bad.pb: /);
    expect(() => decodeGraphDef(fixture(MODEL_PB).subarray(0, 5000), MODEL_PB)).toThrow(
      /^Unable to parse GraphDef from graphdef_binary\/model.pb: index out of range/,
    );
    expect(() => decodeGraphDef("node { name: 3 }", "g.pbtxt")).toThrow(
      'Unable to parse GraphDef from g.pbtxt: 1:14: Expected string, found "3".',
    );
    expect(() => decodeGraphDef('node { name: "a"', "g.pbtxt")).toThrow(
      'Unable to parse GraphDef from g.pbtxt: 1:17: Expected "}".',
    );
    expect(() => decodeGraphDef('node { attr { key: "T" value { type: DT_NOPE } } }', "g.pbtxt")).toThrow(
      'Unable to parse GraphDef from g.pbtxt: 1:38: Unknown enumeration value of "DT_NOPE" for field "type".',
    );
  });
});
