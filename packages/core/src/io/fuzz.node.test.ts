// Fuzzing every decoder with mutations of the TF fixtures: each must return a value or throw a scopeflow error
// (DataLossError, NotFoundError, InvalidArgumentError), never a raw RangeError/TypeError or a crash.
import { readFileSync } from "node:fs";
import { TF_FIXTURES_DIR } from "@scopeflow/test-kit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DataLossError, InvalidArgumentError, NotFoundError } from "../errors";
import { readTensorBundle } from "../formats/tensor-bundle";
import { decodeGraphDef, decodeMetaGraphDef } from "../graphdef/graphdef-codec";
import { decodeEvent, readEventFile } from "../summary/event-file";
import { parseCheckpointState } from "../train/checkpoint/checkpoint-state";
import { writeFixed32 } from "./bytes";
import { crc32c, extendCrc32c, maskCrc } from "./crc32c";
import { readTable } from "./table";
import { readRecords } from "./tfrecord";

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(path, TF_FIXTURES_DIR)));

const isScopeflowError = (err: unknown) =>
  DataLossError.isInstance(err) || NotFoundError.isInstance(err) || InvalidArgumentError.isInstance(err);

/** Runs `decode`; a thrown error must be one of scopeflow's, with a message. */
function survives(decode: () => unknown): void {
  try {
    decode();
  } catch (err) {
    if (!isScopeflowError(err)) throw new Error(`decoder crashed with ${String(err)}`);
    expect((err as Error).message.length).toBeGreaterThan(10);
  }
}

const mutation = fc.record({
  flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }),
  truncateTo: fc.option(fc.nat(), { nil: undefined }),
  insert: fc.option(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 })), { nil: undefined }),
});
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(bytes: Uint8Array, m: Mutation, from = 0, to = bytes.length): Uint8Array {
  let out = bytes.slice();
  const span = Math.max(1, to - from);
  for (const [at, xor] of m.flips) out[from + (at % span)] ^= xor;
  if (m.insert) {
    const at = from + (m.insert[0] % span);
    out = Uint8Array.from([...out.subarray(0, at), ...m.insert[1], ...out.subarray(at)]);
  }
  if (m.truncateTo !== undefined && m.truncateTo % 4 === 0) out = out.subarray(0, m.truncateTo % (out.length + 1));
  return out;
}

const RUNS = { numRuns: 150 };

describe("decoders survive mutated TF files", () => {
  it("event files (framing and CRCs)", () => {
    const bytes = fixture("filewriter_graph_only/events.out.tfevents.1530861702.clarence-mac.local");
    fc.assert(
      fc.property(mutation, (m) => survives(() => readEventFile(mutate(bytes, m), "events"))),
      RUNS,
    );
  });

  it("Event and GraphDef protos inside valid frames (no CRC to stop them)", () => {
    const records = readRecords(fixture("name_scope_histograms/events.out.tfevents.1494075549.Morvan"));
    fc.assert(
      fc.property(mutation, fc.nat(records.length - 1), (m, i) =>
        survives(() => {
          const event = decodeEvent(mutate(records[i], m), `record ${i}`);
          if (event.graphDef) decodeGraphDef(event.graphDef, "graph_def");
          if (event.metaGraphDef) decodeMetaGraphDef(event.metaGraphDef, "meta_graph_def");
        }),
      ),
      RUNS,
    );
  });

  it("binary GraphDef (model.pb) and MetaGraphDef (.meta)", () => {
    const pb = fixture("graphdef_binary/model.pb");
    const meta = fixture("estimator_model_dir/model.ckpt-2000.meta");
    fc.assert(
      fc.property(mutation, (m) => survives(() => decodeGraphDef(mutate(pb, m), "model.pb"))),
      RUNS,
    );
    fc.assert(
      fc.property(mutation, (m) => survives(() => decodeMetaGraphDef(mutate(meta, m), "x.meta"))),
      { numRuns: 60 },
    );
  });

  it("text GraphDef and checkpoint state", () => {
    const text = fixture("estimator_model_dir/graph.pbtxt").subarray(0, 12000);
    const state = fixture("estimator_model_dir/checkpoint");
    const asText = (b: Uint8Array) => new TextDecoder().decode(b);
    // A 12,000-byte prefix keeps runs fast; it ends inside a node, so many inputs end in a clear "Expected" error.
    fc.assert(
      fc.property(mutation, (m) => survives(() => decodeGraphDef(asText(mutate(text, m)), "g.pbtxt"))),
      RUNS,
    );
    fc.assert(
      fc.property(mutation, (m) => survives(() => parseCheckpointState(asText(mutate(state, m))))),
      RUNS,
    );
  });

  it("checkpoint bundle: mutated .index (raw, and with block CRCs recomputed) and .data", () => {
    const index = fixture("estimator_model_dir/model.ckpt-2000.index");
    const data = fixture("estimator_model_dir/model.ckpt-2000.data-00000-of-00001");
    const lookupAll = (idx: Uint8Array, dat: Uint8Array) => {
      const reader = readTensorBundle({ index: idx, data: dat }, "model.ckpt-2000");
      for (const key of reader.keys()) survives(() => reader.lookup(key));
    };
    // Re-seal the three blocks (data 0..420, metaindex 425..433, index 438..453) so mutations reach the parsers.
    const reseal = (bytes: Uint8Array) => {
      for (const [start, size] of [
        [0, 420],
        [425, 8],
        [438, 15],
      ]) {
        if (start + size + 5 > bytes.length) continue;
        const crc = extendCrc32c(
          crc32c(bytes.subarray(start, start + size)),
          bytes.subarray(start + size, start + size + 1),
        );
        writeFixed32(bytes, start + size + 1, maskCrc(crc));
      }
      return bytes;
    };
    fc.assert(
      fc.property(mutation, (m) => survives(() => lookupAll(mutate(index, m), data))),
      RUNS,
    );
    fc.assert(
      fc.property(mutation, (m) =>
        survives(() =>
          lookupAll(reseal(mutate(index, { ...m, insert: undefined, truncateTo: undefined }, 0, 420)), data),
        ),
      ),
      RUNS,
    );
    fc.assert(
      fc.property(mutation, (m) =>
        survives(() => readTable(reseal(mutate(index, { ...m, insert: undefined, truncateTo: undefined }, 420, 458)))),
      ),
      RUNS,
    );
    fc.assert(
      fc.property(mutation, (m) => survives(() => lookupAll(index, mutate(data, m)))),
      RUNS,
    );
  });
});
