// ops_test.py (TF 1.15) CollectionTest: the Graph methods the module-level functions wrap, and test_default_graph;
// GraphKeys against ops.py's strings.
import { describe, expect, it } from "vitest";
import * as tf from "../index";

class ObjectWithName {
  constructor(readonly name: string) {}
}

describe("ops_test.py CollectionTest", () => {
  it("test_get_collections: getAllCollectionKeys", () => {
    const g = new tf.Graph();
    expect(g.getAllCollectionKeys()).toEqual([]);
    g.addToCollection("key", 12);
    g.addToCollection("key", 15);
    expect(g.getAllCollectionKeys()).toEqual(["key"]);
    g.addToCollection("other", "foo");
    expect(g.getAllCollectionKeys().sort()).toEqual(["key", "other"]);
  });

  it("test_add_to_collection: copies from get_collection, the live list from get_collection_ref", () => {
    const g = new tf.Graph();
    g.addToCollection("key", 12);
    g.addToCollection("other", "foo");
    g.addToCollection("key", 34);
    g.addToCollection("blah", 27);
    const blank1 = new ObjectWithName("prefix/foo");
    g.addToCollection("blah", blank1);
    const blank2 = new ObjectWithName("junk/foo");
    g.addToCollection("blah", blank2);
    expect(g.getCollection("key")).toEqual([12, 34]);
    expect(g.getCollection("nothing")).toEqual([]);
    expect(g.getCollection("blah")).toEqual([27, blank1, blank2]);
    expect(g.getCollection("blah", "prefix")).toEqual([blank1]);
    expect(g.getCollection("blah", ".*x")).toEqual([blank1]);

    const otherSnapshot = g.getCollection("other");
    const otherRef = g.getCollectionRef("other");
    expect(otherSnapshot).toEqual(["foo"]);
    expect(otherRef).toEqual(["foo"]);
    g.addToCollection("other", "bar");
    expect(otherSnapshot).toEqual(["foo"]);
    expect(otherRef).toEqual(["foo", "bar"]);
    expect(g.getCollection("other")).toEqual(["foo", "bar"]);
    expect(g.getCollectionRef("other")).toBe(otherRef);

    const emptyRef = g.getCollectionRef<string>("empty");
    expect(emptyRef).toEqual([]);
    const empty = g.getCollection("empty");
    expect(empty).toEqual([]);
    expect(empty).not.toBe(emptyRef);
    const emptyRef2 = g.getCollectionRef("empty");
    expect(emptyRef2).toBe(emptyRef);
    emptyRef.push("something");
    expect(emptyRef2).toEqual(["something"]);
    expect(empty).toEqual([]);
    expect(g.getCollection("empty")).toEqual(["something"]);
    expect(g.getCollectionRef("empty")).toBe(emptyRef);
  });

  it("test_add_to_collections_uniquify / from_list / from_generator / from_set / from_string", () => {
    const g = new tf.Graph();
    g.addToCollections(["1", "2", "1"], "key");
    expect(g.getCollection("1")).toEqual(["key"]);
    g.addToCollections(["abc", "123"], "list");
    expect([g.getCollection("abc"), g.getCollection("123")]).toEqual([["list"], ["list"]]);
    function* generator() {
      yield "gen1";
      yield "gen2";
    }
    g.addToCollections(generator(), "gen");
    expect([g.getCollection("gen1"), g.getCollection("gen2")]).toEqual([["gen"], ["gen"]]);
    g.addToCollections(new Set(["s1", "s2"]), "set");
    expect([g.getCollection("s1"), g.getCollection("s2")]).toEqual([["set"], ["set"]]);
    g.addToCollections("str", "key");
    expect(g.getCollection("str")).toEqual(["key"]);
    expect(g.getCollection("s")).toEqual([]);
  });

  it("test_default_graph: ops.add_to_collection / get_collection on the default graph, ordered", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      tf.addToCollection("key", 90);
      tf.addToCollection("key", 100);
      expect(tf.getCollection("key")).toEqual([90, 100]);
      tf.addToCollections(["a", "b", "a"], 1);
      tf.addToCollections("c", 2);
      expect([tf.getCollection("a"), tf.getCollection("b"), tf.getCollection("c")]).toEqual([[1], [1], [2]]);
      const ref = tf.getCollectionRef<number>("key");
      ref.push(110);
      expect(g.getCollection("key")).toEqual([90, 100, 110]);
      expect(tf.getCollectionRef("key")).toBe(ref);
      tf.addToCollection("named", new ObjectWithName("x/y"));
      expect(tf.getCollection("named", "x").length).toBe(1);
      expect(tf.getCollection("named", "y")).toEqual([]);
    });
    expect(tf.getCollection("key")).toEqual([]);
  });

  it("clear_collection removes the key; collections refuse changes on a finalized graph", () => {
    const g = new tf.Graph();
    g.addToCollection("k", 1);
    g.clearCollection("k");
    expect(g.getCollection("k")).toEqual([]);
    expect(g.getAllCollectionKeys()).toEqual([]);
    g.finalize();
    expect(() => g.asDefault(() => tf.addToCollection("k", 2))).toThrow("Graph is finalized and cannot be modified.");
    expect(() => g.clearCollection("k")).toThrow("Graph is finalized and cannot be modified.");
  });
});

describe("ops.py GraphKeys", () => {
  it("every TF 1.15 key with its string", () => {
    expect(tf.GraphKeys).toEqual({
      GLOBAL_VARIABLES: "variables",
      LOCAL_VARIABLES: "local_variables",
      METRIC_VARIABLES: "metric_variables",
      MODEL_VARIABLES: "model_variables",
      TRAINABLE_VARIABLES: "trainable_variables",
      SUMMARIES: "summaries",
      QUEUE_RUNNERS: "queue_runners",
      TABLE_INITIALIZERS: "table_initializer",
      ASSET_FILEPATHS: "asset_filepaths",
      MOVING_AVERAGE_VARIABLES: "moving_average_variables",
      REGULARIZATION_LOSSES: "regularization_losses",
      CONCATENATED_VARIABLES: "concatenated_variables",
      SAVERS: "savers",
      WEIGHTS: "weights",
      BIASES: "biases",
      ACTIVATIONS: "activations",
      UPDATE_OPS: "update_ops",
      LOSSES: "losses",
      SAVEABLE_OBJECTS: "saveable_objects",
      RESOURCES: "resources",
      LOCAL_RESOURCES: "local_resources",
      TRAINABLE_RESOURCE_VARIABLES: "trainable_resource_variables",
      INIT_OP: "init_op",
      LOCAL_INIT_OP: "local_init_op",
      READY_OP: "ready_op",
      READY_FOR_LOCAL_INIT_OP: "ready_for_local_init_op",
      SUMMARY_OP: "summary_op",
      GLOBAL_STEP: "global_step",
      EVAL_STEP: "eval_step",
      TRAIN_OP: "train_op",
      COND_CONTEXT: "cond_context",
      WHILE_CONTEXT: "while_context",
      VARIABLES: "variables",
    });
  });
});
