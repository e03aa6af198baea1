// tensorflow/core/lib/io/{block_builder,table_builder,format}.cc: the LevelDB-format table of a checkpoint's .index.
import { compareBytes, concatBytes, pushVarint, writeFixed32 } from "./bytes";
import { crc32c, extendCrc32c, maskCrc } from "./crc32c";

/** table_options.h defaults, as BundleWriter uses them (no compression). */
export const BLOCK_SIZE = 262144;
export const BLOCK_RESTART_INTERVAL = 16;
/** format.h: kTableMagicNumber, written as two little-endian fixed32 (low word first). */
export const TABLE_MAGIC_LOW = 0x8b80fb57;
export const TABLE_MAGIC_HIGH = 0xdb477524;
export const FOOTER_LENGTH = 48;
export const BLOCK_TRAILER_LENGTH = 5;

/** block_builder.cc: BlockBuilder, prefix-compressed keys with a restart point every 16 entries. */
class BlockBuilder {
  private buffer: number[] = [];
  private restarts: number[] = [0];
  private counter = 0;
  private lastKey: Uint8Array = new Uint8Array(0);

  get empty(): boolean {
    return this.buffer.length === 0;
  }

  currentSizeEstimate(): number {
    return this.buffer.length + this.restarts.length * 4 + 4;
  }

  add(key: Uint8Array, value: Uint8Array): void {
    let shared = 0;
    if (this.counter < BLOCK_RESTART_INTERVAL) {
      const n = Math.min(this.lastKey.length, key.length);
      while (shared < n && this.lastKey[shared] === key[shared]) shared++;
    } else {
      this.restarts.push(this.buffer.length);
      this.counter = 0;
    }
    pushVarint(this.buffer, shared);
    pushVarint(this.buffer, key.length - shared);
    pushVarint(this.buffer, value.length);
    for (let i = shared; i < key.length; i++) this.buffer.push(key[i]);
    for (const b of value) this.buffer.push(b);
    this.lastKey = key;
    this.counter++;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.buffer.length + this.restarts.length * 4 + 4);
    out.set(this.buffer);
    let at = this.buffer.length;
    for (const r of this.restarts) {
      writeFixed32(out, at, r);
      at += 4;
    }
    writeFixed32(out, at, this.restarts.length);
    this.buffer = [];
    this.restarts = [0];
    this.counter = 0;
    this.lastKey = new Uint8Array(0);
    return out;
  }
}

/** format.cc: BlockHandle::EncodeTo, two varint64s. */
function encodeHandle(offset: number, size: number): number[] {
  const out: number[] = [];
  pushVarint(out, offset);
  pushVarint(out, size);
  return out;
}

/** comparator.cc: BytewiseComparator::FindShortestSeparator. */
export function shortestSeparator(start: Uint8Array, limit: Uint8Array): Uint8Array {
  const n = Math.min(start.length, limit.length);
  let diff = 0;
  while (diff < n && start[diff] === limit[diff]) diff++;
  if (diff >= n) return start;
  const byte = start[diff];
  if (byte < 0xff && byte + 1 < limit[diff]) {
    const out = start.slice(0, diff + 1);
    out[diff]++;
    return out;
  }
  return start;
}

/** comparator.cc: BytewiseComparator::FindShortSuccessor. */
export function shortSuccessor(key: Uint8Array): Uint8Array {
  for (let i = 0; i < key.length; i++) {
    if (key[i] !== 0xff) {
      const out = key.slice(0, i + 1);
      out[i]++;
      return out;
    }
  }
  return key;
}

/**
 * table_builder.cc: TableBuilder over sorted keys: data blocks (flushed at 256 KiB), an empty metaindex block, the
 * index block with separator keys, and the 48-byte footer. Returns the whole file.
 */
export function buildTable(entries: Iterable<[Uint8Array, Uint8Array]>): Uint8Array {
  const parts: Uint8Array[] = [];
  let offset = 0;
  const writeBlock = (contents: Uint8Array): [number, number] => {
    const handle: [number, number] = [offset, contents.length];
    const trailer = new Uint8Array(BLOCK_TRAILER_LENGTH);
    trailer[0] = 0; // kNoCompression
    writeFixed32(trailer, 1, maskCrc(extendCrc32c(crc32c(contents), trailer.subarray(0, 1))));
    parts.push(contents, trailer);
    offset += contents.length + BLOCK_TRAILER_LENGTH;
    return handle;
  };

  const data = new BlockBuilder();
  const index = new BlockBuilder();
  let lastKey: Uint8Array | null = null;
  let pending: [number, number] | null = null;
  for (const [key, value] of entries) {
    if (lastKey && compareBytes(key, lastKey) <= 0) {
      throw new RangeError("buildTable: keys must be added in strictly increasing byte order");
    }
    if (pending && lastKey) {
      index.add(shortestSeparator(lastKey, key), Uint8Array.from(encodeHandle(...pending)));
      pending = null;
    }
    lastKey = key;
    data.add(key, value);
    if (data.currentSizeEstimate() >= BLOCK_SIZE) pending = writeBlock(data.finish());
  }
  if (!data.empty) pending = writeBlock(data.finish());
  const metaindex = writeBlock(new BlockBuilder().finish());
  if (pending && lastKey) index.add(shortSuccessor(lastKey), Uint8Array.from(encodeHandle(...pending)));
  const indexHandle = writeBlock(index.finish());

  const footer = new Uint8Array(FOOTER_LENGTH);
  footer.set([...encodeHandle(...metaindex), ...encodeHandle(...indexHandle)]);
  writeFixed32(footer, 40, TABLE_MAGIC_LOW);
  writeFixed32(footer, 44, TABLE_MAGIC_HIGH);
  parts.push(footer);
  return concatBytes(parts);
}
