// tensorflow/core/lib/io/record_writer.cc and record_reader.cc: TFRecord framing (uncompressed).
// Each record: uint64 length | uint32 masked crc32c(length) | data | uint32 masked crc32c(data), all little-endian.
import { DataLossError } from "../errors";
import { concatBytes, readFixed32, readFixed64, writeFixed32, writeFixed64 } from "./bytes";
import { maskedCrc32c } from "./crc32c";

const HEADER = 12;
const FOOTER = 4;

/** record_writer.cc: RecordWriter::WriteRecord, as one framed record. */
export function encodeRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER + data.length + FOOTER);
  writeFixed64(out, 0, data.length);
  writeFixed32(out, 8, maskedCrc32c(out.subarray(0, 8)));
  out.set(data, HEADER);
  writeFixed32(out, HEADER + data.length, maskedCrc32c(data));
  return out;
}

/** Frames several records into the bytes of one TFRecord file. */
export function encodeRecords(records: readonly Uint8Array[]): Uint8Array {
  return concatBytes(records.map(encodeRecord));
}

/** One record and where its frame starts in the file. */
export interface RecordAt {
  offset: number;
  data: Uint8Array;
}

/**
 * What a file that ends inside its last record means (a writer that appends, as EventsWriter does, leaves such a
 * tail when it is cut off mid-write; the bytes that are there are intact). A checksum that does not match is a
 * DataLossError in every mode, wherever it is.
 * - `"error"`: a DataLossError, like any other fault.
 * - `"tf"`: TF 1.x's `tf_record_iterator`: a tail shorter than a record header (12 bytes) ends the file quietly
 *   (RecordReader::ReadChecksummed passes on the input stream's OutOfRange, which the iterator takes as the end),
 *   while a record cut after its header is `DataLoss("truncated record at <offset>")` (ReadRecord).
 * - `"stop"`: TensorBoard's event_file_loader.py: a truncated last record ends the file quietly, to be read once
 *   the writer has completed it.
 */
export type TruncatedTail = "error" | "tf" | "stop";

export interface RecordReadOptions {
  /** Default `"error"`. */
  truncatedTail?: TruncatedTail;
}

/**
 * record_reader.cc: RecordReader::ReadRecord over a whole file. Yields each record's data (a view into `bytes`).
 * Every CRC is checked; a truncated or corrupt frame throws DataLossError naming `file` and the byte offset
 * (a truncated last record may instead end the file: `options.truncatedTail`).
 */
export function* iterateRecords(
  bytes: Uint8Array,
  file = "<bytes>",
  options: RecordReadOptions = {},
): Generator<RecordAt> {
  const tail = options.truncatedTail ?? "error";
  let offset = 0;
  while (offset < bytes.length) {
    if (bytes.length - offset < HEADER) {
      if (tail !== "error") return;
      throw new DataLossError(
        `truncated record at ${offset} in ${file}: ${bytes.length - offset} bytes left, a record header needs ${HEADER}`,
      );
    }
    const lengthBytes = bytes.subarray(offset, offset + 8);
    if (maskedCrc32c(lengthBytes) !== readFixed32(bytes, offset + 8)) {
      // record_reader.cc: ReadChecksummed "corrupted record at <offset>"
      throw new DataLossError(`corrupted record at ${offset} in ${file}: the length's checksum does not match`);
    }
    const length = readFixed64(bytes, offset);
    const available = bytes.length - offset - HEADER - FOOTER;
    if (typeof length !== "number" || length > available) {
      if (tail === "stop") return;
      throw new DataLossError(
        `truncated record at ${offset} in ${file}: the record says ${length} bytes of data, but only ${Math.max(available, 0)} follow`,
      );
    }
    const start = offset + HEADER;
    const data = bytes.subarray(start, start + length);
    if (maskedCrc32c(data) !== readFixed32(bytes, start + length)) {
      throw new DataLossError(`corrupted record at ${offset} in ${file}: the data's checksum does not match`);
    }
    yield { offset, data };
    offset = start + length + FOOTER;
  }
}

/** All records of a TFRecord file, every CRC checked. */
export function readRecords(bytes: Uint8Array, file = "<bytes>", options: RecordReadOptions = {}): Uint8Array[] {
  return Array.from(iterateRecords(bytes, file, options), (r) => r.data);
}
