// Names that come from data are looked up as own properties only: op types (op_registry.cc: OpRegistry::LookUp),
// attr names (ops.py: Operation.get_attr, graph_constructor.cc's extra `_` attrs) and collection keys
// (meta_graph.py: create_meta_graph_def) named after Object.prototype's members.
import { describe, expect, it } from "vitest";
import { NotFoundError, ValueError } from "../errors";
import { graphToGraphDef } from "../framework/graph-to-graphdef";
import * as tf from "../index";
import type { GraphDef } from "../proto/types";
import { importGraphDef } from "./import-graph-def";
import { createMetaGraphDef } from "./meta-graph";

const PROTOTYPE_NAMES = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"];

/** A one-node GraphDef whose attr map has `key` as an own key (an object literal's `__proto__:` would not). */
function nodeWithAttr(op: string, key: string): GraphDef {
  const attr = {};
  Object.defineProperty(attr, key, { value: { i: 3 }, enumerable: true });
  return { node: [{ name: "n", op, attr }] };
}

describe("names from data are own-property lookups", () => {
  for (const op of PROTOTYPE_NAMES) {
    it(`op type '${op}' is TF's Op type not registered`, () => {
      const g = new tf.Graph();
      let error: unknown;
      try {
        importGraphDef({ node: [{ name: "n", op }] }, { graph: g });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as Error).message).toMatch(new RegExp(`^Node 'n': Op type not registered '${op}' in binary`));
      expect(g.getOperations()).toEqual([]);
    });
  }

  it("a '__proto__' attr (an extra `_` attr, as TF allows) is kept on import and written back", () => {
    const g = new tf.Graph();
    importGraphDef(nodeWithAttr("NoOp", "__proto__"), { graph: g, name: "" });
    const op = g.getOperationByName("n");
    expect(op.getAttr("__proto__")).toBe(3);
    const written = graphToGraphDef(g).node![0].attr!;
    expect(Object.hasOwn(written, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(written, "__proto__")?.value).toEqual({ i: 3 });
  });

  it("an attr named after a prototype member that the op lacks is TF's NodeDef error, not a silent pass", () => {
    expect(() => importGraphDef(nodeWithAttr("NoOp", "constructor"), { graph: new tf.Graph() })).toThrow(
      new ValueError("Node 'n': NodeDef mentions attr 'constructor' not in Op<name=NoOp>"),
    );
  });

  it("getAttr of a prototype member's name is TF's ValueError", () => {
    const g = new tf.Graph();
    g.asDefault(() => tf.noOp("n"));
    for (const name of ["constructor", "toString", "__proto__"]) {
      expect(() => g.getOperationByName("n").getAttr(name)).toThrow(
        new ValueError(`Operation 'n' has no attr named '${name}'.`),
      );
    }
  });

  it("a collection named '__proto__' is exported in the MetaGraphDef's collection_def", () => {
    const g = new tf.Graph();
    g.asDefault(() => g.addToCollection("__proto__", tf.constant(1, tf.float32, { name: "c" })));
    const collections = createMetaGraphDef({ graph: g }).collectionDef!;
    expect(Object.keys(collections)).toEqual(["__proto__"]);
    expect(Object.getOwnPropertyDescriptor(collections, "__proto__")?.value).toEqual({ nodeList: { value: ["c:0"] } });
  });
});
