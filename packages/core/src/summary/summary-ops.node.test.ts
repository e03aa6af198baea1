// summary.py scalar/histogram/merge_all against filewriter_scalars and name_scope_histograms (real TF event files).
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors";
import { decodeSummary } from "../formats/summary-builders";
import { decodeGraphDef } from "../graphdef/graphdef-codec";
import { fixture } from "../graphdef/test-fixture";
import * as tf from "../index";
import { memoryFs } from "../io/memory-fs";
import { readEventFile } from "./event-file";
import { FileWriter } from "./file-writer";
import { summaryIterator } from "./summary-iterator";

const SCALARS = "filewriter_scalars/events.out.tfevents.1530867888.clarence-mac.local";

describe("summary ops", () => {
  it("filewriter_scalars: weight_1, bias_1, loss_1 tags, ScalarSummary inputs and Merge/MergeSummary as TF names them", () => {
    const tfEvents = readEventFile(fixture(SCALARS), SCALARS);
    const tfGraph = decodeGraphDef(tfEvents[1].graphDef as Uint8Array);
    const tfNode = (name: string) => tfGraph.node?.find((n) => n.name === name);
    expect(tfEvents[2].summary?.value.map((v) => v.tag)).toEqual(["weight_1", "bias_1", "loss_1"]);

    const g = new tf.Graph();
    const { merged, sess } = g.asDefault(() => {
      const weight = tf.getVariable("weight", [], { initializer: tf.initializers.constant(0.25) });
      const bias = tf.getVariable("bias", [], { initializer: tf.initializers.constant(-0.5) });
      const loss = tf.identity(weight.value(), "loss");
      const summaries = [
        tf.summary.scalar("weight", weight),
        tf.summary.scalar("bias", bias),
        tf.summary.scalar("loss", loss),
      ];
      expect(summaries.map((s) => s.op.name)).toEqual(["weight_1", "bias_1", "loss_1"]);
      expect(g.getCollection(tf.GraphKeys.SUMMARIES)).toEqual(summaries);
      const merged = tf.summary.mergeAll() as tf.Tensor;
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      return { merged, sess };
    });
    expect(merged.op.name).toBe("Merge/MergeSummary");
    const def = decodeGraphDef(tf.io.encodeGraphDef(g.asGraphDef()));
    const ours = (name: string) => def.node?.find((n) => n.name === name);
    for (const name of ["weight_1", "Merge/MergeSummary"]) {
      expect(ours(name)?.op).toBe(tfNode(name)?.op);
      expect(ours(name)?.attr?.T ?? ours(name)?.attr?.N).toEqual(tfNode(name)?.attr?.T ?? tfNode(name)?.attr?.N);
    }
    expect(ours("weight_1")?.input).toEqual(["weight_1/tags", "weight/read"]);
    expect(tfNode("weight_1")?.input).toEqual(["weight_1/tags", "weight/read"]);
    expect(ours("weight_1/tags")?.attr?.value).toEqual(tfNode("weight_1/tags")?.attr?.value);
    expect(ours("Merge/MergeSummary")?.input).toEqual(tfNode("Merge/MergeSummary")?.input);

    const bytes = sess.run(merged).item() as Uint8Array;
    expect(decodeSummary(bytes).value).toEqual(
      [
        { tag: "weight_1", simpleValue: 0.25 },
        { tag: "bias_1", simpleValue: -0.5 },
        { tag: "loss_1", simpleValue: 0.25 },
      ].map((v) => expect.objectContaining(v)),
    );

    // Round trip through a FileWriter and summaryIterator.
    const fs = memoryFs();
    const writer = new FileWriter("/logs/run", null, { fileSystem: fs, host: "h", now: () => 5_000 });
    writer.addSummary(sess.run(merged) as tf.NDArray, 7);
    writer.addSummary(bytes, 8);
    writer.addSessionLog({ status: "START" }, 9);
    writer.close();
    writer.addSummary(bytes, 10); // ignored after close, as TF
    const events = [...summaryIterator(writer.getFilename(), fs)];
    expect(events.map((e) => Number(e.step))).toEqual([0, 7, 8, 9]);
    expect(events[1].summary?.value.map((v) => v.tag)).toEqual(["weight_1", "bias_1", "loss_1"]);
    expect(events[3].sessionLog?.status).toBe("START");
  });

  it("name_scope_histograms: the tag is the summary op's full scope (layer1/weights/layer1/weights, loss/loss)", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const h = tf.nameScope("layer1", () =>
        tf.nameScope("weights", () => {
          const w = tf.getVariable("W", [1, 3], { initializer: tf.initializers.constant(0.5) });
          return tf.summary.histogram("layer1/weights", w);
        }),
      );
      const l = tf.nameScope("loss", () => tf.summary.scalar("loss", tf.constant(0.25, { dtype: "float32" })));
      expect(h.op.name).toBe("layer1/weights/layer1/weights");
      expect(l.op.name).toBe("loss/loss");
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const histo = decodeSummary(sess.run(h).item() as Uint8Array).value[0];
      expect(histo.tag).toBe("layer1/weights/layer1/weights");
      expect(histo.histo).toMatchObject({ min: 0.5, max: 0.5, num: 3, sum: 1.5, sumSquares: 0.75 });
      expect(decodeSummary(sess.run(l).item() as Uint8Array).value).toEqual([
        expect.objectContaining({ tag: "loss/loss", simpleValue: 0.25 }),
      ]);
      // summary_op.cc: SummaryMergeOp::Compute
      const dup = tf.summary.merge([l, l]);
      expect(() => sess.run(dup)).toThrow(new InvalidArgumentError("Duplicate tag loss/loss found in summary inputs"));
    });
  });

  it("cleanTag and family", () => {
    expect(tf.summary.cleanTag("/a b:c")).toBe("a_b_c");
    const g = new tf.Graph();
    g.asDefault(() => {
      const s = tf.summary.scalar("x", tf.constant(1, { dtype: "float32" }), { family: "fam" });
      expect(s.op.name).toBe("fam/x");
      expect(tf.summary.mergeAll({ key: "nothing" })).toBeNull();
    });
  });
});
