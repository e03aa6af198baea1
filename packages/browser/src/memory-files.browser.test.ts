// @scopeflow/browser only: files of the in-memory map come out as Blobs for the user to download.
import * as tf from "@scopeflow/browser";
import { describe, expect, it } from "vitest";

describe("in-memory files as Blobs", () => {
  it("gives a written graph back as a Blob with the same bytes", async () => {
    const g = new tf.Graph();
    g.asDefault(() => tf.add(tf.constant(1, { name: "a" }), 2, "sum"));
    const path = tf.train.writeGraph(g, "/export", "graph.pbtxt");
    expect(path).toBe("/export/graph.pbtxt");
    const blob = tf.io.fileBlob(path);
    const text = await blob.text();
    expect(text).toContain('name: "sum"');
    expect(tf.io.decodeGraphDef(text).node?.map((n) => n.name)).toEqual(["a", "sum/y", "sum"]);
    expect([...tf.io.fileBlobs("/export").keys()]).toEqual(["/export/graph.pbtxt"]);
  });
});
