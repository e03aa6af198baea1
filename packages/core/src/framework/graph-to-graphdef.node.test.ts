// Graph.asGraphDef and FileWriter's graph event against filewriter_graph_only (TF 1.x tensorboard_test.py).
import { describe, expect, it } from "vitest";
import { decodeGraphDef, decodeMetaGraphDef } from "../graphdef/graphdef-codec";
import { fixture } from "../graphdef/test-fixture";
import * as tf from "../index";
import { memoryFs } from "../io/memory-fs";
import type { GraphDef, NodeDef } from "../proto/types";
import { readEventFile } from "../summary/event-file";
import { FileWriter } from "../summary/file-writer";
import { GRAPH_DEF_VERSION } from "./graph-to-graphdef";

const GRAPH_ONLY = "filewriter_graph_only/events.out.tfevents.1530861702.clarence-mac.local";

/** tensorboard_test.py, rebuilt: input, weight, bias, mul_op, add_opp. */
function buildGraphOnlyProgram(): tf.Graph {
  const g = new tf.Graph();
  g.asDefault(() => {
    const input = tf.constant(1.0, { name: "input", dtype: "float32" });
    const weight = new tf.Variable(0.5, { name: "weight" });
    const bias = new tf.Variable(0.1, { name: "bias" });
    const mul = tf.multiply(input, weight, "mul_op");
    tf.add(mul, bias, "add_opp");
  });
  return g;
}

const byName = (g: GraphDef) => new Map((g.node ?? []).map((n) => [n.name, n] as [string, NodeDef]));

describe("Graph.asGraphDef", () => {
  it("filewriter_graph_only: the rebuilt program's graph_def event equals TF's, node by node and attr by attr", () => {
    const tfEvents = readEventFile(fixture(GRAPH_ONLY), GRAPH_ONLY);
    const theirs = decodeGraphDef(tfEvents[1].graphDef as Uint8Array);

    const fs = memoryFs();
    const writer = new FileWriter("/logs", null, {
      fileSystem: fs,
      host: "clarence-mac.local",
      now: () => 1530861702_000,
    });
    writer.addGraph(buildGraphOnlyProgram());
    writer.close();
    expect(fs.listDir("/logs")).toEqual(["events.out.tfevents.1530861702.clarence-mac.local"]);
    const events = readEventFile(fs.readFile(writer.getFilename()));
    expect(events.length).toBe(2);
    expect(events[0]).toMatchObject({ fileVersion: "brain.Event:2", wallTime: 1530861702, step: 0 });
    const ours = decodeGraphDef(events[1].graphDef as Uint8Array);

    expect((ours.node ?? []).map((n) => n.name)).toEqual((theirs.node ?? []).map((n) => n.name));
    expect((ours.node ?? []).map((n) => n.name)).toEqual([
      "input",
      "weight/initial_value",
      "weight",
      "weight/Assign",
      "weight/read",
      "bias/initial_value",
      "bias",
      "bias/Assign",
      "bias/read",
      "mul_op",
      "add_opp",
    ]);
    const mine = byName(ours);
    for (const node of theirs.node ?? []) {
      const own = mine.get(node.name) as NodeDef;
      expect({ name: own.name, op: own.op, input: own.input, device: own.device }).toEqual({
        name: node.name,
        op: node.op,
        input: node.input,
        device: node.device,
      });
      expect(own.attr).toEqual(node.attr);
    }
    expect(theirs.versions?.producer).toBe(21);
    expect(ours.versions).toEqual({ producer: GRAPH_DEF_VERSION, minConsumer: 0, badConsumers: [] });
    expect(GRAPH_DEF_VERSION).toBe(134);
  });

  it("addShapes adds _output_shapes only to ops with outputs; inputs name outputs and control inputs", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.placeholder("float32", [null, 3], "x");
      const c = tf.constant(
        [
          [1, 2],
          [3, 4],
        ],
        { name: "c", dtype: "int32" },
      );
      g.controlDependencies([c], () => tf.identity(x, "y"));
      tf.noOp("n");
    });
    const def = g.asGraphDef({ addShapes: true });
    const nodes = byName(def);
    expect(nodes.get("x")?.attr?._output_shapes).toEqual({ list: { shape: [{ dim: [{ size: -1 }, { size: 3 }] }] } });
    expect(nodes.get("x")?.attr?.shape).toEqual({ shape: { dim: [{ size: -1 }, { size: 3 }] } });
    expect(nodes.get("c")?.attr?.value?.tensor?.tensorContent).toEqual(
      new Uint8Array([1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0]),
    );
    expect(nodes.get("y")?.input).toEqual(["x", "^c"]);
    expect(nodes.get("n")?.attr?._output_shapes).toBeUndefined();
    expect(g.asGraphDef().node?.some((n) => n.attr?._output_shapes)).toBe(false);
    expect(decodeGraphDef(tf.io.encodeGraphDef(def))).toEqual(
      decodeGraphDef(tf.io.encodeGraphDef(def, { asText: true })),
    );
  });

  it("FileWriter(logdir, graph) writes graph_def then meta_graph_def, as TF 1.15's SummaryToEventTransformer", () => {
    const fs = memoryFs();
    const writer = new FileWriter("/run", buildGraphOnlyProgram(), { fileSystem: fs, host: "h", now: () => 1000_500 });
    writer.flush();
    const events = readEventFile(fs.readFile("/run/events.out.tfevents.0000001000.h"));
    expect(events.map((e) => Object.keys(e).filter((k) => !["wallTime", "step"].includes(k)))).toEqual([
      ["fileVersion"],
      ["graphDef"],
      ["metaGraphDef"],
    ]);
    expect(events[1].wallTime).toBe(1000.5);
    const meta = decodeMetaGraphDef(events[2].metaGraphDef as Uint8Array);
    expect(meta.metaInfoDef?.tensorflowVersion).toBe("1.15.0");
    expect(meta.graphDef?.node?.length).toBe(11);
    expect(meta.graphDef?.node?.every((n) => n.attr?._output_shapes)).toBe(true);
  });
});
