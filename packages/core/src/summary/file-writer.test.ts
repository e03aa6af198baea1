// FileWriter appends each flush's records to the event file, as events_writer.cc / record_writer.cc do, and readers
// meet a torn last record as TF 1.15's summary_iterator or TensorBoard's event_file_loader.py do.
import { describe, expect, it } from "vitest";
import { DataLossError } from "../errors";
import { scalarSummary } from "../formats/summary-builders";
import type { FileSystem } from "../io/file-system";
import { memoryFs } from "../io/memory-fs";
import { encodeRecord } from "../io/tfrecord";
import type { Event } from "../proto/types";
import { encodeEvent, encodeEventFile, fileVersionEvent, readEventFile } from "./event-file";
import { FileWriter } from "./file-writer";
import { summaryIterator } from "./summary-iterator";

const PATH = "/logs/run/events.out.tfevents.0000000005.h";

/** memoryFs with every write recorded: which call, and how many bytes. */
function spyFs() {
  const inner = memoryFs();
  const writes: { call: "writeFileAtomic" | "appendFile"; path: string; bytes: number }[] = [];
  const fs: FileSystem = {
    ...inner,
    writeFileAtomic(path, bytes) {
      writes.push({ call: "writeFileAtomic", path, bytes: bytes.length });
      inner.writeFileAtomic(path, bytes);
    },
    appendFile(path, bytes) {
      writes.push({ call: "appendFile", path, bytes: bytes.length });
      inner.appendFile(path, bytes);
    },
  };
  return { fs, inner, writes };
}

/** A writer at t = 5 s whose clock the test moves. */
function writerOn(fs: FileSystem, clock = { ms: 5_000 }, flushSecs?: number) {
  return new FileWriter("/logs/run", null, { fileSystem: fs, host: "h", now: () => clock.ms, flushSecs });
}

/** The Events a writer at t = 5 s writes for scalar `loss` at steps 0..n-1. */
function expectedEvents(n: number): Event[] {
  const steps = Array.from({ length: n }, (_, i) => ({
    wallTime: 5,
    step: i,
    summary: { value: [{ tag: "loss", simpleValue: Math.fround(1 / (i + 1)) }] },
  }));
  return readEventFile(encodeEventFile([fileVersionEvent(5), ...steps]));
}

describe("FileWriter appends (events_writer.cc)", () => {
  it("500 summaries flushed every 7 read back as the same events, and the file is their records in order", () => {
    const fs = memoryFs();
    const writer = writerOn(fs);
    for (let i = 0; i < 500; i++) {
      writer.addSummary(scalarSummary("loss", 1 / (i + 1)), i);
      if (i % 7 === 6) writer.flush();
    }
    writer.close();
    expect(writer.getFilename()).toBe(PATH);
    const events = [...summaryIterator(PATH, fs)];
    expect(events).toEqual(expectedEvents(500));
    // What the whole-file rewrite wrote before: the same bytes.
    expect(Array.from(fs.readFile(PATH))).toEqual(Array.from(encodeEventFile(events)));
  });

  it("each flush writes only its new records, as one append; nothing is rewritten", () => {
    const { fs, writes } = spyFs();
    const writer = writerOn(fs);
    const first = encodeRecord(encodeEvent(fileVersionEvent(5))).length;
    expect(writes).toEqual([{ call: "writeFileAtomic", path: PATH, bytes: first }]);
    writes.length = 0;

    const record = (step: number) =>
      encodeRecord(encodeEvent({ wallTime: 5, step, summary: scalarSummary("loss", 1 / (step + 1)) })).length;
    let step = 0;
    for (const batch of [1, 3, 10, 2, 50]) {
      let expected = 0;
      for (let i = 0; i < batch; i++, step++) {
        writer.addSummary(scalarSummary("loss", 1 / (step + 1)), step);
        expected += record(step);
      }
      writer.flush();
      expect(writes).toEqual([{ call: "appendFile", path: PATH, bytes: expected }]);
      writes.length = 0;
    }
    writer.flush(); // nothing buffered: no write at all
    writer.close();
    expect(writes).toEqual([]);
    expect(fs.readFile(PATH).length).toBe(
      first + Array.from({ length: step }, (_, i) => record(i)).reduce((a, b) => a + b),
    );
  });

  it("the flushSecs timer appends too: bytes written over a run add up to the file's size", () => {
    const { fs, writes } = spyFs();
    const clock = { ms: 5_000 };
    const writer = writerOn(fs, clock, 1);
    for (let i = 0; i < 300; i++) {
      clock.ms = 5_000 + i * 250; // a flush every 4 events
      writer.addSummary(scalarSummary("loss", 1), i);
    }
    writer.close();
    expect(writes.filter((w) => w.call === "writeFileAtomic").length).toBe(1);
    expect(writes.filter((w) => w.call === "appendFile").length).toBeGreaterThanOrEqual(70);
    expect(writes.reduce((sum, w) => sum + w.bytes, 0)).toBe(fs.readFile(PATH).length);
    expect(readEventFile(fs.readFile(PATH)).map((e) => e.step)).toEqual([
      0,
      ...Array.from({ length: 300 }, (_, i) => i),
    ]);
  });

  it("a failed append keeps the events; the next flush cuts the torn tail and writes each record once", () => {
    const inner = memoryFs();
    let failures = 1;
    const fs: FileSystem = {
      ...inner,
      appendFile(path, bytes) {
        if (failures > 0) {
          failures--;
          inner.appendFile(path, bytes.subarray(0, 30)); // a partial write, as a full disk leaves
          throw new Error(`No space left on device: ${path}`);
        }
        inner.appendFile(path, bytes);
      },
    };
    const writer = writerOn(fs);
    writer.addSummary(scalarSummary("loss", 1), 0);
    writer.addSummary(scalarSummary("loss", 0.5), 1);
    expect(() => writer.flush()).toThrow(`No space left on device: ${PATH}`);
    expect(() => [...summaryIterator(PATH, fs)]).toThrow(DataLossError); // the torn record, as TF reads it
    expect([...summaryIterator(PATH, fs, { stopAtTruncatedTail: true })].length).toBe(1);
    writer.addSummary(scalarSummary("loss", 1 / 3), 2);
    writer.close();
    expect([...summaryIterator(PATH, fs)]).toEqual(expectedEvents(3));
  });

  it("reopen() starts a new file with its brain.Event:2 record and appends there", () => {
    const { fs, writes } = spyFs();
    const clock = { ms: 5_000 };
    const writer = writerOn(fs, clock);
    writer.addSummary(scalarSummary("loss", 1), 0);
    writer.close();
    clock.ms = 9_000;
    writer.reopen();
    writer.addSummary(scalarSummary("loss", 0.5), 1);
    writer.close();
    const second = "/logs/run/events.out.tfevents.0000000009.h";
    expect(writes.map((w) => [w.call, w.path])).toEqual([
      ["writeFileAtomic", PATH],
      ["appendFile", PATH],
      ["writeFileAtomic", second],
      ["appendFile", second],
    ]);
    expect([...summaryIterator(second, fs)].map((e) => [e.fileVersion, e.step])).toEqual([
      ["brain.Event:2", 0],
      [undefined, 1],
    ]);
  });
});

describe("a torn last record (the file cut short, as a crash mid-append leaves it)", () => {
  /** The event file of a writer with steps 0..2, and a way to cut `n` bytes off its end. */
  function written() {
    const fs = memoryFs();
    const writer = writerOn(fs);
    for (let i = 0; i < 3; i++) writer.addSummary(scalarSummary("loss", 1 / (i + 1)), i);
    writer.close();
    const bytes = fs.readFile(PATH);
    const cut = (n: number) => fs.writeFileAtomic(PATH, bytes.subarray(0, bytes.length - n));
    return { fs, bytes, cut };
  }

  it("TF 1.15's summary_iterator: a record cut after its header is DataLossError naming the file and offset", () => {
    const { fs, bytes, cut } = written();
    expect(bytes.length).toBe(164); // records at 0, 40, 80 and 122 (step 2: 12 + 26 + 4 bytes)
    cut(1);
    expect(() => [...summaryIterator(PATH, fs)]).toThrow(DataLossError);
    expect(() => [...summaryIterator(PATH, fs)]).toThrow(
      `truncated record at 122 in ${PATH}: the record says 26 bytes of data, but only 25 follow`,
    );
    cut(30); // just the header left
    expect(() => [...summaryIterator(PATH, fs)]).toThrow(
      `truncated record at 122 in ${PATH}: the record says 26 bytes of data, but only 0 follow`,
    );
  });

  it("TF 1.15's summary_iterator: less than a header left ends the file quietly (OutOfRange is its eof)", () => {
    const { fs, cut } = written();
    cut(42 - 5); // 5 bytes of the last record's 12-byte header
    expect([...summaryIterator(PATH, fs)]).toEqual(expectedEvents(2));
    // The decoder itself stays strict.
    expect(() => readEventFile(fs.readFile(PATH), PATH)).toThrow(
      `truncated record at 122 in ${PATH}: 5 bytes left, a record header needs 12`,
    );
  });

  it("stopAtTruncatedTail (TensorBoard's event_file_loader.py): every cut of the last record yields the events before it", () => {
    const { fs, bytes, cut } = written();
    for (let n = 1; n < 42; n++) {
      cut(n);
      expect([...summaryIterator(PATH, fs, { stopAtTruncatedTail: true })]).toEqual(expectedEvents(2));
    }
    fs.writeFileAtomic(PATH, bytes); // the writer completes the record: read again, it is there
    expect([...summaryIterator(PATH, fs, { stopAtTruncatedTail: true })]).toEqual(expectedEvents(3));
  });

  it("a corrupted record in the middle is still DataLossError naming the file and offset, in both modes", () => {
    const { fs, bytes } = written();
    const corrupt = bytes.slice(0, bytes.length - 1); // torn tail too
    corrupt[80 + 14] ^= 0x40; // a data byte of the record at 80 (step 1)
    fs.writeFileAtomic(PATH, corrupt);
    const message = `corrupted record at 80 in ${PATH}: the data's checksum does not match`;
    expect(() => [...summaryIterator(PATH, fs)]).toThrow(message);
    expect(() => [...summaryIterator(PATH, fs, { stopAtTruncatedTail: true })]).toThrow(DataLossError);
    expect(() => [...summaryIterator(PATH, fs, { stopAtTruncatedTail: true })]).toThrow(message);
  });
});
