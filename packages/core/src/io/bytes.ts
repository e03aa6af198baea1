// tensorflow/core/lib/core/coding.{h,cc}: little-endian fixed-width integers and varints, as TF's file formats store them.

/** Reads an unsigned little-endian 32-bit integer; the caller checks bounds. */
export function readFixed32(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16) | (bytes[offset + 3] << 24)) >>> 0;
}

/** Reads an unsigned little-endian 64-bit integer as a number when exact, else a bigint; the caller checks bounds. */
export function readFixed64(bytes: Uint8Array, offset: number): number | bigint {
  const low = readFixed32(bytes, offset);
  const high = readFixed32(bytes, offset + 4);
  if (high < 0x200000) return high * 0x100000000 + low;
  return (BigInt(high) << 32n) | BigInt(low);
}

export function writeFixed32(out: Uint8Array, offset: number, value: number): void {
  out[offset] = value & 0xff;
  out[offset + 1] = (value >>> 8) & 0xff;
  out[offset + 2] = (value >>> 16) & 0xff;
  out[offset + 3] = (value >>> 24) & 0xff;
}

export function writeFixed64(out: Uint8Array, offset: number, value: number): void {
  writeFixed32(out, offset, value >>> 0);
  writeFixed32(out, offset + 4, Math.floor(value / 0x100000000) >>> 0);
}

/** A varint decoded from `bytes` at `offset`: its value and the offset after it; null if it runs past `limit` or is too long. */
export function readVarint(
  bytes: Uint8Array,
  offset: number,
  limit = bytes.length,
): { value: number; next: number } | null {
  let value = 0;
  let scale = 1;
  for (let i = offset; i < limit && i < offset + 10; i++) {
    const byte = bytes[i];
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return Number.isSafeInteger(value) ? { value, next: i + 1 } : null;
    scale *= 128;
  }
  return null;
}

/** Appends `value` (a non-negative safe integer) as a varint. */
export function pushVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

/** Concatenates byte arrays into one. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Bytewise comparison of two keys, as leveldb's BytewiseComparator and std::string order them. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
