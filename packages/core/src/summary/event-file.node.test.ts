import { readFileSync } from "node:fs";
import { TF_FIXTURES_DIR } from "@scopeflow/test-kit";
import { describe, expect, it } from "vitest";
import { DataLossError } from "../errors";
import { defaultBucketLimits, histogramProto } from "../formats/histogram";
import { decodeMessage } from "../proto/codec";
import type { Event, GraphDef, MetaGraphDef } from "../proto/types";
import { encodeEventFile, eventFileName, fileVersionEvent, readEventFile } from "./event-file";

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(path, TF_FIXTURES_DIR)));
const ESTIMATOR = "estimator_model_dir/events.out.tfevents.1567057356.leimao-evolvx";
const SCALARS = "filewriter_scalars/events.out.tfevents.1530867888.clarence-mac.local";
const GRAPH_ONLY = "filewriter_graph_only/events.out.tfevents.1530861702.clarence-mac.local";
const HISTOGRAMS = "name_scope_histograms/events.out.tfevents.1494075549.Morvan";
const ALL = [ESTIMATOR, SCALARS, GRAPH_ONLY, HISTOGRAMS];

const graphOf = (e: Event) => decodeMessage<Required<GraphDef>>("GraphDef", e.graphDef as Uint8Array);
const metaOf = (e: Event) => decodeMessage<MetaGraphDef>("MetaGraphDef", e.metaGraphDef as Uint8Array);
const topScopes = (g: Required<GraphDef>) => {
  const counts: Record<string, number> = {};
  for (const n of g.node)
    if (n.name.includes("/")) counts[n.name.split("/")[0]] = (counts[n.name.split("/")[0]] ?? 0) + 1;
  return counts;
};

describe("event files written by TensorFlow", () => {
  it("estimator_model_dir: 27 records, graphs, meta graphs, session logs, scalars", () => {
    const events = readEventFile(fixture(ESTIMATOR), ESTIMATOR);
    expect(events.length).toBe(27);
    expect(events[0]).toEqual({ wallTime: 1567057356, step: 0, fileVersion: "brain.Event:2" });
    const g1 = graphOf(events[1]);
    expect(g1.node.length).toBe(154);
    expect(g1.versions).toEqual({ producer: 38, minConsumer: 12, badConsumers: [] });
    expect(g1.library.function?.length).toBe(4);
    const m2 = metaOf(events[2]);
    expect(m2.metaInfoDef?.tensorflowVersion).toBe("1.14.0");
    expect(m2.saverDef).toBeUndefined();
    const g3 = graphOf(events[3]);
    expect(g3.node.length).toBe(293);
    expect(topScopes(g3).save).toBe(35);
    const m4 = metaOf(events[4]);
    expect(m4.saverDef?.saveTensorName).toBe("save/Identity:0");
    expect(m4.saverDef?.version).toBe("V2");
    expect(Object.keys(m4.collectionDef ?? {})).toEqual(
      expect.arrayContaining(["variables", "trainable_variables", "train_op", "summaries", "global_step", "savers"]),
    );
    expect(m4.graphDef?.node?.length).toBe(293);
    expect(events[5].sessionLog).toEqual({ status: "CHECKPOINT", checkpointPath: "model/model.ckpt", msg: "" });
    expect(events[5].step).toBe(1000);
    expect(events[6].sessionLog?.status).toBe("START");
    expect(events[6].step).toBe(1001);
    const losses = events.filter((e) => e.summary?.value[0].tag === "loss");
    expect(losses.map((e) => e.step)).toEqual([1001, 1101, 1201, 1301, 1401, 1501, 1601, 1701, 1801, 1901]);
    expect(losses[0].summary?.value[0].simpleValue).toBeCloseTo(133.18, 2);
    expect(losses[9].summary?.value[0].simpleValue).toBeCloseTo(8.28e-8, 9);
    const rates = events.filter((e) => e.summary?.value[0].tag === "global_step/sec");
    expect(rates.map((e) => e.step)).toEqual([1101, 1201, 1301, 1401, 1501, 1601, 1701, 1801, 1901]);
    expect(events[26].sessionLog?.status).toBe("CHECKPOINT");
    expect(events[26].step).toBe(2000);
  });

  it("filewriter_scalars: graph of 78 nodes and 500 steps of weight_1, bias_1, loss_1", () => {
    const events = readEventFile(fixture(SCALARS), SCALARS);
    expect(events.length).toBe(502);
    expect(events[0]).toEqual({ wallTime: 1530867888, step: 0, fileVersion: "brain.Event:2" });
    const g = graphOf(events[1]);
    expect(g.node.length).toBe(78);
    expect(g.versions.producer).toBe(21);
    expect(g.node.filter((n) => n.attr?._output_shapes).length).toBe(74);
    expect(topScopes(g).gradients).toBe(39);
    const loss1 = g.node.find((n) => n.name === "loss_1");
    expect(loss1?.op).toBe("ScalarSummary");
    expect(loss1?.input?.[0]).toBe("loss_1/tags");
    const weight = g.node.find((n) => n.name === "weight");
    expect(weight?.op).toBe("VariableV2");
    expect(weight?.attr?.shape).toEqual({ shape: { dim: [], unknownRank: false } });
    const steps = events.slice(2);
    expect(steps.map((e) => e.step)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    for (const e of steps) expect(e.summary?.value.map((v) => v.tag)).toEqual(["weight_1", "bias_1", "loss_1"]);
    const [w0, b0, l0] = steps[0].summary!.value.map((v) => v.simpleValue) as number[];
    expect([+w0.toPrecision(4), +b0.toPrecision(3), +l0.toPrecision(4)]).toEqual([0.1637, -0.67, 82.03]);
    const [w, b, l] = steps[499].summary!.value.map((v) => v.simpleValue) as number[];
    expect([+w.toPrecision(5), +b.toPrecision(6), +l.toPrecision(2)]).toEqual([2.0006, 10, 0.00026]);
  });

  it("filewriter_graph_only: the 11 nodes in creation order, with inputs and _class", () => {
    const events = readEventFile(fixture(GRAPH_ONLY), GRAPH_ONLY);
    expect(events.length).toBe(2);
    expect(events[1].graphDef?.length).toBe(1096);
    const g = graphOf(events[1]);
    expect(g.versions.producer).toBe(21);
    expect(g.node.map((n) => [n.name, n.op])).toEqual([
      ["input", "Const"],
      ["weight/initial_value", "Const"],
      ["weight", "VariableV2"],
      ["weight/Assign", "Assign"],
      ["weight/read", "Identity"],
      ["bias/initial_value", "Const"],
      ["bias", "VariableV2"],
      ["bias/Assign", "Assign"],
      ["bias/read", "Identity"],
      ["mul_op", "Mul"],
      ["add_opp", "Add"],
    ]);
    for (const n of g.node) expect(n.attr?._output_shapes).toBeDefined();
    expect(g.node[3].input).toEqual(["weight", "weight/initial_value"]);
    expect(g.node[3].attr?._class.list?.s?.map((s) => new TextDecoder().decode(s))).toEqual(["loc:@weight"]);
    expect(g.node[0].attr?.value.tensor?.floatVal).toEqual([1]);
    expect(g.node[1].attr?.value.tensor?.floatVal).toEqual([0.5]);
    expect(g.node[5].attr?.value.tensor?.floatVal).toEqual([Math.fround(0.1)]);
    expect(g.node[10].input).toEqual(["mul_op", "bias/read"]);
  });

  it("name_scope_histograms: scopes, 20 steps of 6 histograms and loss/loss", () => {
    const events = readEventFile(fixture(HISTOGRAMS), HISTOGRAMS);
    expect(events.length).toBe(23);
    const g = graphOf(events[1]);
    expect(g.node.length).toBe(143);
    expect(g.versions.producer).toBe(22);
    expect(topScopes(g)).toEqual({ inputs: 2, layer1: 24, layer2: 23, loss: 8, train: 85, Merge: 1 });
    expect(metaOf(events[2]).metaInfoDef?.tensorflowVersion).toBe("1.1.0-rc2");
    const steps = events.slice(3);
    expect(steps.map((e) => e.step)).toEqual(Array.from({ length: 20 }, (_, i) => i * 50));
    for (const e of steps) {
      expect(e.summary?.value.map((v) => v.tag)).toEqual([
        "layer1/weights/layer1/weights",
        "layer1/biases/layer1/biases",
        "layer1/layer1/outputs",
        "layer2/weights/layer2/weights",
        "layer2/biases/layer2/biases",
        "layer2/layer2/outputs",
        "loss/loss",
      ]);
    }
    expect(steps[0].summary?.value[6].simpleValue).toBeCloseTo(0.2608, 4);
    expect(steps[19].summary?.value[6].simpleValue).toBeCloseTo(0.003629, 6);
    expect(steps[0].summary?.value[4].histo).toEqual({
      min: 0.13372233510017395,
      max: 0.13372233510017395,
      num: 1,
      sum: 0.13372233510017395,
      sumSquares: 0.13372233510017395 ** 2,
      bucketLimit: [0.12394802823537933, 0.13634283105891729, 1.7976931348623157e308],
      bucket: [0, 1, 0],
    });
  });

  it("the histogram builder reproduces TF's protos: every single-value histogram exactly, every limit bit for bit", () => {
    const limits = new Set(defaultBucketLimits());
    expect(defaultBucketLimits().length).toBe(1551);
    const events = readEventFile(fixture(HISTOGRAMS), HISTOGRAMS);
    let exact = 0;
    for (const e of events.slice(3)) {
      for (const v of e.summary?.value ?? []) {
        if (!v.histo) continue;
        for (const limit of v.histo.bucketLimit) expect(limits.has(limit)).toBe(true);
        expect(v.histo.bucket.reduce((a, b) => a + b, 0)).toBe(v.histo.num);
        if (v.histo.num === 1) {
          expect(histogramProto([v.histo.min], v.tag)).toEqual(v.histo);
          exact++;
        }
      }
    }
    expect(exact).toBe(20); // layer2/biases is [1,1]: one value per step
  });

  it("writes the same events back: re-encoded files decode field by field equal", () => {
    for (const path of ALL) {
      const events = readEventFile(fixture(path), path);
      const again = readEventFile(encodeEventFile(events), "rewritten");
      expect(again).toEqual(events);
    }
  });

  it("names event files and first events as EventsWriter does", () => {
    expect(eventFileName(1567057356.75, "leimao-evolvx")).toBe("events.out.tfevents.1567057356.leimao-evolvx");
    expect(eventFileName(12, "h")).toBe("events.out.tfevents.0000000012.h");
    expect(fileVersionEvent(1530861702.9)).toEqual({ wallTime: 1530861702, step: 0, fileVersion: "brain.Event:2" });
    const bytes = fixture(GRAPH_ONLY);
    const first = encodeEventFile([fileVersionEvent(1530861702)]);
    expect(Array.from(bytes.subarray(0, first.length))).toEqual(Array.from(first));
  });

  it("corrupt event files throw DataLossError naming the file and offset", () => {
    const bytes = fixture(GRAPH_ONLY);
    expect(() => readEventFile(bytes.subarray(0, bytes.length - 3), GRAPH_ONLY)).toThrow(DataLossError);
    expect(() => readEventFile(bytes.subarray(0, bytes.length - 3), GRAPH_ONLY)).toThrow(
      `truncated record at 40 in ${GRAPH_ONLY}: the record says 1108 bytes of data, but only 1105 follow`,
    );
    const flipped = bytes.slice();
    flipped[100] ^= 0x01;
    expect(() => readEventFile(flipped, GRAPH_ONLY)).toThrow(
      `corrupted record at 40 in ${GRAPH_ONLY}: the data's checksum does not match`,
    );
    const badLength = bytes.slice();
    badLength[41] ^= 0x01;
    expect(() => readEventFile(badLength, GRAPH_ONLY)).toThrow(
      `corrupted record at 40 in ${GRAPH_ONLY}: the length's checksum does not match`,
    );
    expect(() => readEventFile(bytes.subarray(0, 45), GRAPH_ONLY)).toThrow(
      `truncated record at 40 in ${GRAPH_ONLY}: 5 bytes left, a record header needs 12`,
    );
  });
});
