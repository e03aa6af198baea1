// tensorflow/core/util/events_writer.cc and python/summary/summary_iterator.py: event files are TFRecords of Events.
import { DataLossError } from "../errors";
import { encodeRecords, iterateRecords, type RecordReadOptions } from "../io/tfrecord";
import { decodeMessage, encodeMessage } from "../proto/codec";
import type { Event } from "../proto/types";

/** events_writer.cc: kVersionPrefix + kCurrentVersion, the file_version of an event file's first record. */
export const EVENT_FILE_VERSION = "brain.Event:2";

/** events_writer.cc: EventsWriter::InitIfNeeded names files `<prefix>.out.tfevents.%010lld.<host>`. */
export function eventFileName(wallTimeSeconds: number, host: string): string {
  return `events.out.tfevents.${String(Math.floor(wallTimeSeconds)).padStart(10, "0")}.${host}`;
}

/** The first event of every file: `file_version: "brain.Event:2"` at whole seconds, as EventsWriter writes it. */
export function fileVersionEvent(wallTimeSeconds: number): Event {
  return { wallTime: Math.floor(wallTimeSeconds), step: 0, fileVersion: EVENT_FILE_VERSION };
}

export function encodeEvent(event: Partial<Event>): Uint8Array {
  return encodeMessage("Event", event);
}

export function decodeEvent(bytes: Uint8Array, source = "<bytes>"): Event {
  return decodeMessage<Event>("Event", bytes, source);
}

/** The bytes of an event file holding `events`, each framed as a TFRecord. */
export function encodeEventFile(events: readonly Partial<Event>[]): Uint8Array {
  return encodeRecords(events.map(encodeEvent));
}

/**
 * Every Event of an event file, every CRC checked; errors name `file` and the record's offset. A truncated last
 * record is a DataLossError unless `options.truncatedTail` says otherwise (io/tfrecord.ts: TruncatedTail).
 */
export function* iterateEvents(bytes: Uint8Array, file = "<bytes>", options: RecordReadOptions = {}): Generator<Event> {
  for (const record of iterateRecords(bytes, file, options)) {
    try {
      yield decodeEvent(record.data, `record at ${record.offset} in ${file}`);
    } catch (err) {
      if (DataLossError.isInstance(err)) throw err;
      throw new DataLossError(
        `Unable to parse Event from record at ${record.offset} in ${file}: ${(err as Error).message}`,
      );
    }
  }
}

export function readEventFile(bytes: Uint8Array, file = "<bytes>", options: RecordReadOptions = {}): Event[] {
  return Array.from(iterateEvents(bytes, file, options));
}
