import { describe, expect, it } from "vitest";
import { DataLossError, InvalidArgumentError } from "../errors";
import { decodeMessage, encodeMessage } from "./codec";

describe("proto codec", () => {
  it("round-trips a NodeDef with attrs, int64 and bytes", () => {
    const node = {
      name: "a/b",
      op: "Const",
      input: ["x", "^y"],
      device: "",
      attr: {
        dtype: { type: "DT_FLOAT" },
        value: { tensor: { dtype: "DT_FLOAT", tensorShape: { dim: [{ size: 2 }] }, floatVal: [1.5, -2] } },
        big: { i: 2n ** 60n },
        zero: { i: 0 },
        s: { s: new Uint8Array([0, 255]) },
      },
    };
    const bytes = encodeMessage("NodeDef", node);
    const back = decodeMessage<Record<string, any>>("NodeDef", bytes);
    expect(back.name).toBe("a/b");
    expect(back.input).toEqual(["x", "^y"]);
    expect(back.attr.dtype).toEqual({ type: "DT_FLOAT" });
    expect(back.attr.big.i).toBe(2n ** 60n);
    expect(back.attr.zero).toEqual({ i: 0 });
    expect(back.attr.s.s).toEqual(new Uint8Array([0, 255]));
    expect(back.attr.value.tensor.tensorShape.dim).toEqual([{ size: 2, name: "" }]);
    expect(back.attr.value.tensor.floatVal).toEqual([1.5, -2]);
    expect(back.experimentalDebugInfo).toBeUndefined();
  });

  it("omits proto3 defaults like TF (BundleEntryProto offset 0, shard_id 0)", () => {
    const bytes = encodeMessage("BundleEntryProto", {
      dtype: "DT_FLOAT",
      shape: {},
      shardId: 0,
      offset: 0,
      size: 4,
      crc32c: 1,
    });
    expect(Array.from(bytes)).toEqual([0x08, 0x01, 0x12, 0x00, 0x28, 0x04, 0x35, 0x01, 0x00, 0x00, 0x00]);
  });

  it("rejects unknown keys and wrong types, naming the field", () => {
    expect(() => encodeMessage("NodeDef", { nme: "x" })).toThrow(InvalidArgumentError);
    expect(() => encodeMessage("NodeDef", { nme: "x" })).toThrow('NodeDef has no field named "nme"');
    expect(() => encodeMessage("NodeDef", { attr: { T: { type: "DT_NOPE" } } })).toThrow(
      'Field NodeDef.attr["T"].type expects a DataType name, got "DT_NOPE"',
    );
  });

  it("garbage bytes give DataLossError naming the source", () => {
    const bad = new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x0f, 1, 2]);
    expect(() => decodeMessage("GraphDef", bad, "model.pb")).toThrow(DataLossError);
    expect(() => decodeMessage("GraphDef", bad, "model.pb")).toThrow(/^Unable to parse GraphDef from model.pb: /);
  });
});
