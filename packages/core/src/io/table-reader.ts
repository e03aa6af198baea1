// tensorflow/core/lib/io/{table,block,format}.cc: reads a LevelDB-format table, checking every block's CRC.
import { DataLossError } from "../errors";
import { readFixed32, readVarint } from "./bytes";
import { crc32c, extendCrc32c, unmaskCrc } from "./crc32c";
import { BLOCK_TRAILER_LENGTH, FOOTER_LENGTH, TABLE_MAGIC_HIGH, TABLE_MAGIC_LOW } from "./table-builder";

/** One key and value of a table, in the table's (bytewise) order. */
export type TableEntry = [key: Uint8Array, value: Uint8Array];

function corrupt(file: string, what: string): never {
  // format.cc / table.cc: errors::DataLoss("...") with the file named by the bundle reader.
  throw new DataLossError(`Corrupted table ${file}: ${what}`);
}

function decodeHandle(bytes: Uint8Array, at: number, limit: number, file: string, what: string) {
  const offset = readVarint(bytes, at, limit);
  const size = offset && readVarint(bytes, offset.next, limit);
  if (!offset || !size) return corrupt(file, `bad block handle in ${what}`);
  return { offset: offset.value, size: size.value, next: size.next };
}

/** format.cc: ReadBlock, with the trailer's masked CRC checked. */
function readBlock(table: Uint8Array, offset: number, size: number, file: string, what: string): Uint8Array {
  if (offset + size + BLOCK_TRAILER_LENGTH > table.length - FOOTER_LENGTH) {
    corrupt(
      file,
      `${what} at offset ${offset} (${size} bytes) runs past the end of the file (${table.length} bytes); truncated block read`,
    );
  }
  const contents = table.subarray(offset, offset + size);
  const type = table[offset + size];
  const stored = unmaskCrc(readFixed32(table, offset + size + 1));
  const actual = extendCrc32c(crc32c(contents), table.subarray(offset + size, offset + size + 1));
  if (stored !== actual) corrupt(file, `block checksum mismatch in ${what} at offset ${offset}`);
  if (type !== 0)
    corrupt(file, `${what} at offset ${offset} has compression type ${type}; only uncompressed blocks are supported`);
  return contents;
}

/** block.cc: Block::Iter, every entry of one block (keys rebuilt from their shared prefixes). */
function blockEntries(block: Uint8Array, file: string, what: string): TableEntry[] {
  if (block.length < 4) corrupt(file, `${what} is too short (${block.length} bytes)`);
  const numRestarts = readFixed32(block, block.length - 4);
  const restartsAt = block.length - 4 - numRestarts * 4;
  if (numRestarts === 0 || restartsAt < 0) corrupt(file, `${what} has a bad restart array (${numRestarts} restarts)`);
  const entries: TableEntry[] = [];
  let key = new Uint8Array(0);
  let at = 0;
  while (at < restartsAt) {
    const shared = readVarint(block, at, restartsAt);
    const nonShared = shared && readVarint(block, shared.next, restartsAt);
    const valueLength = nonShared && readVarint(block, nonShared.next, restartsAt);
    if (!shared || !nonShared || !valueLength) return corrupt(file, `bad entry in ${what} at ${at}`);
    const keyEnd = valueLength.next + nonShared.value;
    const valueEnd = keyEnd + valueLength.value;
    if (shared.value > key.length || valueEnd > restartsAt) corrupt(file, `bad entry in ${what} at ${at}`);
    const next = new Uint8Array(shared.value + nonShared.value);
    next.set(key.subarray(0, shared.value));
    next.set(block.subarray(valueLength.next, keyEnd), shared.value);
    key = next;
    entries.push([key, block.subarray(keyEnd, valueEnd)]);
    at = valueEnd;
  }
  return entries;
}

/** table.cc: Table::Open and a full scan. Every block's CRC is checked; any fault is a DataLossError naming `file`. */
export function readTable(table: Uint8Array, file = "<bytes>"): TableEntry[] {
  if (table.length < FOOTER_LENGTH) {
    corrupt(file, `file is too short (${table.length} bytes) to be an sstable`);
  }
  const footerAt = table.length - FOOTER_LENGTH;
  if (readFixed32(table, footerAt + 40) !== TABLE_MAGIC_LOW || readFixed32(table, footerAt + 44) !== TABLE_MAGIC_HIGH) {
    corrupt(file, "not an sstable (bad magic number)");
  }
  const metaindex = decodeHandle(table, footerAt, footerAt + 40, file, "footer");
  const index = decodeHandle(table, metaindex.next, footerAt + 40, file, "footer");
  readBlock(table, metaindex.offset, metaindex.size, file, "metaindex block");
  const indexBlock = readBlock(table, index.offset, index.size, file, "index block");
  const entries: TableEntry[] = [];
  for (const [, handleBytes] of blockEntries(indexBlock, file, "index block")) {
    const handle = decodeHandle(handleBytes, 0, handleBytes.length, file, "index block");
    const block = readBlock(table, handle.offset, handle.size, file, "data block");
    entries.push(...blockEntries(block, file, `data block at offset ${handle.offset}`));
  }
  return entries;
}
