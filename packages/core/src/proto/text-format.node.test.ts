import { readFileSync } from "node:fs";
import { TF_FIXTURES_DIR } from "@scopeflow/test-kit";
import { describe, expect, it } from "vitest";
import { decodeMessage, encodeMessage } from "./codec";
import { parseTextMessage, printTextMessage } from "./text-format";

const fixture = (path: string) => readFileSync(new URL(path, TF_FIXTURES_DIR));
const PBTXT = "estimator_model_dir/graph.pbtxt";

describe("protobuf text format", () => {
  it("reads estimator_model_dir/graph.pbtxt: 293 nodes, versions, library, attrs", () => {
    const def = parseTextMessage<any>("GraphDef", fixture(PBTXT).toString("utf8"), PBTXT);
    expect(def.node.length).toBe(293);
    expect(def.versions).toEqual({ producer: 38, minConsumer: 12, badConsumers: [] });
    expect(def.library.function.length).toBe(4);
    const first = def.node[0];
    expect(first.name).toBe("global_step/Initializer/zeros");
    expect(first.op).toBe("Const");
    expect(first.attr._class.list.s.map((s: Uint8Array) => new TextDecoder().decode(s))).toEqual(["loc:@global_step"]);
    expect(first.attr.dtype).toEqual({ type: "DT_INT64" });
    expect(first.attr.value.tensor.int64Val).toEqual([0]);
    const iterator = def.node.find((n: any) => n.name === "IteratorGetNext");
    expect(iterator.attr._output_shapes.list.shape.map((s: any) => s.dim.map((d: any) => d.size))).toEqual([
      [-1, 2],
      [-1, 1],
    ]);
    const kernel = def.node.find((n: any) => n.name === "dense/kernel");
    expect(kernel.op).toBe("VariableV2");
    expect(kernel.attr.shape.shape.dim.map((d: any) => d.size)).toEqual([2, 4]);
  });

  it("prints graph.pbtxt back byte for byte (fields by number, map keys sorted, Python float spelling)", () => {
    const text = fixture(PBTXT).toString("utf8");
    const def = parseTextMessage("GraphDef", text, PBTXT);
    expect(printTextMessage("GraphDef", def)).toBe(text);
  });

  it("text and binary agree field by field", () => {
    const def = parseTextMessage("GraphDef", fixture(PBTXT).toString("utf8"), PBTXT);
    expect(decodeMessage("GraphDef", encodeMessage("GraphDef", def))).toEqual(def);
  });
});
