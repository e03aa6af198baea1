// Map keys decoded from TF's files (a NodeDef's attr map, a MetaGraphDef's collection_def) are own properties:
// `map[key] = value` with the key "__proto__" would replace the map's prototype and lose the entry.
import { describe, expect, it } from "vitest";
import { decodeMessage, encodeMessage } from "./codec";
import { parseTextMessage, printTextMessage } from "./text-format";
import type { GraphDef } from "./types";

function graphWithAttr(key: string): GraphDef {
  const attr = {};
  Object.defineProperty(attr, key, { value: { i: 3 }, enumerable: true });
  return { node: [{ name: "n", op: "NoOp", attr }] };
}

function attrOf(graph: GraphDef): Record<string, unknown> {
  return (graph.node?.[0].attr ?? {}) as Record<string, unknown>;
}

describe("proto decoders keep data-named map keys as own properties", () => {
  for (const key of ["__proto__", "constructor", "toString"]) {
    it(`binary GraphDef: attr '${key}' survives encode → decode`, () => {
      const decoded = decodeMessage<GraphDef>("GraphDef", encodeMessage("GraphDef", graphWithAttr(key)));
      const attr = attrOf(decoded);
      expect(Object.hasOwn(attr, key)).toBe(true);
      expect(Object.getOwnPropertyDescriptor(attr, key)?.value).toMatchObject({ i: 3 });
      expect(Object.getPrototypeOf(attr)).toBe(Object.prototype);
    });

    it(`text GraphDef: attr '${key}' survives print → parse`, () => {
      const text = printTextMessage("GraphDef", graphWithAttr(key));
      expect(text).toContain(`key: "${key}"`);
      const attr = attrOf(parseTextMessage<GraphDef>("GraphDef", text));
      expect(Object.hasOwn(attr, key)).toBe(true);
      expect(Object.getOwnPropertyDescriptor(attr, key)?.value).toMatchObject({ i: 3 });
      expect(Object.getPrototypeOf(attr)).toBe(Object.prototype);
    });
  }
});
