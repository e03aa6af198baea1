// ops_test.py (TF 1.15) GraphTest / CollectionTest / lookups: the Graph cases that do not need scopes.
import { describe, expect, it } from "vitest";
import * as tf from "../index";

describe("ops_test.py CollectionTest", () => {
  it("testadd_to_collection / testGetCollection with a scope: re.match on names, nameless items left out", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      g.addToCollection("key", 12);
      g.addToCollection("other", "foo");
      g.addToCollection("key", 34);
      const blank1 = { name: "prefix/foo" };
      const blank2 = { name: "junk/foo" };
      const blank3 = { name: "prefix/bar" };
      for (const item of [blank1, blank2, blank3]) g.addToCollection("blah", item);
      expect(g.getCollection("key")).toEqual([12, 34]);
      expect(g.getCollection("other")).toEqual(["foo"]);
      expect(g.getCollection("nothing")).toEqual([]);
      expect(g.getAllCollectionKeys().sort()).toEqual(["blah", "key", "other"]);
      expect(g.getCollection("blah", "prefix")).toEqual([blank1, blank3]);
      expect(g.getCollection("blah", ".*x")).toEqual([blank1, blank3]);
      expect(g.getCollection("blah", "junk")).toEqual([blank2]);
      expect(g.getCollection("key", "prefix")).toEqual([]);
      // get_collection returns a copy; get_collection_ref the live list.
      g.getCollection<number>("key").push(99);
      expect(g.getCollection("key")).toEqual([12, 34]);
      g.getCollectionRef<number>("key").push(56);
      expect(g.getCollection("key")).toEqual([12, 34, 56]);
    });
  });

  it("testAddToCollections: each key once", () => {
    const g = new tf.Graph();
    g.addToCollections(["a", "b", "a"], "x");
    expect([g.getCollection("a"), g.getCollection("b")]).toEqual([["x"], ["x"]]);
  });
});

describe("ops_test.py GraphTest", () => {
  it("testFinalize: creating an op or adding to a collection afterwards raises", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      tf.constant(1, { name: "c" });
      g.finalize();
      expect(g.finalized).toBe(true);
      expect(() => tf.constant(2, { name: "d" })).toThrow("Graph is finalized and cannot be modified.");
      expect(() => g.addToCollection("k", 1)).toThrow("Graph is finalized and cannot be modified.");
      expect(g.getOperations().map((op) => op.name)).toEqual(["c"]);
    });
  });

  it("testResetDefaultGraphNesting: reset inside as_default is an AssertionError", () => {
    new tf.Graph().asDefault(() => {
      expect(() => tf.resetDefaultGraph()).toThrow(
        "Do not use tf.reset_default_graph() to clear nested graphs. If you need a cleared graph, exit the nesting and create a new graph.",
      );
    });
  });

  it("testDefaultGraph: as_default nests and restores", () => {
    const outer = tf.getDefaultGraph();
    const g1 = new tf.Graph();
    const g2 = new tf.Graph();
    g1.asDefault(() => {
      expect(tf.getDefaultGraph()).toBe(g1);
      g2.asDefault(() => expect(tf.getDefaultGraph()).toBe(g2));
      expect(tf.getDefaultGraph()).toBe(g1);
    });
    expect(tf.getDefaultGraph()).toBe(outer);
  });

  it("testInvalidOpName: TF's node and scope name messages", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      expect(() => tf.constant(1, { name: "_bad" })).toThrow("'_bad' is not a valid node name");
      expect(() => tf.nameScope("_bad", () => 0)).toThrow("'_bad' is not a valid scope name");
      tf.nameScope("ok", () => {
        // Inside a scope a leading underscore is allowed for scopes (the less strict regex).
        expect(tf.nameScope("_inner", (s) => s)).toBe("ok/_inner/");
      });
    });
  });
});

describe("ops_test.py GraphTest lookups (as_graph_element)", () => {
  const g = new tf.Graph();
  const c = g.asDefault(() => tf.constant([1, 2], { name: "c" }));

  it("finds ops and tensors by name", () => {
    expect(g.getOperationByName("c")).toBe(c.op);
    expect(g.getTensorByName("c:0")).toBe(c);
  });

  it("raises TF's KeyError and ValueError texts", () => {
    expect(() => g.getOperationByName("nope")).toThrow("The name 'nope' refers to an Operation not in the graph.");
    expect(() => g.getOperationByName("c:0")).toThrow("Name 'c:0' appears to refer to a Tensor, not a Operation.");
    expect(() => g.getTensorByName("c")).toThrow(
      `The name 'c' refers to an Operation, not a Tensor. Tensor names must be of the form "<op_name>:<output_index>".`,
    );
    expect(() => g.getTensorByName("c:1")).toThrow(
      "The name 'c:1' refers to a Tensor which does not exist. The operation, 'c', exists but only has 1 outputs.",
    );
    expect(() => g.getTensorByName("c:x")).toThrow(
      `The name 'c:x' looks a like a Tensor name, but is not a valid one. Tensor names must be of the form "<op_name>:<output_index>".`,
    );
    expect(() => g.getTensorByName("d:0")).toThrow(
      "The name 'd:0' refers to a Tensor which does not exist. The operation, 'd', does not exist in the graph.",
    );
  });

  it("rejects elements of another graph", () => {
    const other = new tf.Graph().asDefault(() => tf.constant(1, { name: "o" }));
    expect(() => g.asGraphElement(other)).toThrow(
      'Tensor Tensor("o:0", shape=(), dtype=int32) is not an element of this graph.',
    );
  });
});
