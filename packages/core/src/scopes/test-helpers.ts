// Test helpers: a fresh graph per test, a Session run, and snapshots of what a failing call must leave unchanged.

import * as tf from "../index";

/** Runs `body` with a new default graph (TF's test_session graph). */
export function inGraph<T>(body: (g: tf.Graph) => T): T {
  const g = new tf.Graph();
  return g.asDefault(body);
}

/** The value of `t`, run in a Session on its graph, as nested arrays. */
export const run = (t: tf.Tensor) => new tf.Session({ graph: t.graph }).run(t).toArray();

/** Every op of `g` as `name:type`, in creation order. */
export const names = (g: tf.Graph) => g.getOperations().map((op) => `${op.name}:${op.type}`);

/** What a failing call must leave unchanged: ops, collections, and the next names and scope counters. */
export function graphSnapshot(g: tf.Graph) {
  return {
    ops: g.getOperations().map((o) => o.name),
    collections: Object.fromEntries(g.getAllCollectionKeys().map((k) => [k, g.getCollection(k).length])),
    nextName: g.uniqueName("probe", { markAsUsed: false }),
    nextConst: g.uniqueName("Const", { markAsUsed: false }),
  };
}
