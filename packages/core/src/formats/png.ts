// core/lib/png/png_io.cc: WriteImageToBuffer: an 8-bit PNG of 1 (gray), 3 (RGB) or 4 (RGBA) channels. Core runs
// without node:zlib, so the zlib stream holds stored (uncompressed) deflate blocks: a valid PNG any decoder reads.
import * as crc32Module from "crc-32/crc32.js";

type Crc32Module = { buf(data: Uint8Array, seed?: number): number };
// crc-32 is CommonJS: under Node's ESM loader its exports sit on `default`; under bundlers and require, on the namespace.
const CRC32: Crc32Module = (crc32Module as Crc32Module & { default?: Crc32Module }).default ?? crc32Module;

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const COLOR_TYPES: Record<number, number> = { 1: 0, 2: 4, 3: 2, 4: 6 };
const MAX_STORED = 65535;

/** zlib's adler32 of `bytes`. */
export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; ) {
    // 5552 bytes keep both sums below 2^32 before the modulo, as zlib does.
    const end = Math.min(i + 5552, bytes.length);
    for (; i < end; i++) {
      a += bytes[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** A zlib stream (RFC 1950) of stored deflate blocks (RFC 1951, BTYPE 00). */
export function zlibStored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / MAX_STORED));
  const out = new Uint8Array(2 + blocks * 5 + data.length + 4);
  const view = new DataView(out.buffer);
  out[0] = 0x78; // CM 8 (deflate), CINFO 7 (32K window)
  out[1] = 0x01; // FLEVEL 0, FCHECK making 0x7801 a multiple of 31
  let pos = 2;
  for (let b = 0; b < blocks; b++) {
    const start = b * MAX_STORED;
    const len = Math.min(MAX_STORED, data.length - start);
    out[pos] = b === blocks - 1 ? 1 : 0; // BFINAL on the last block
    view.setUint16(pos + 1, len, true);
    view.setUint16(pos + 3, ~len & 0xffff, true);
    out.set(data.subarray(start, start + len), pos + 5);
    pos += 5 + len;
  }
  view.setUint32(pos, adler32(data));
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  // The chunk CRC is plain CRC-32 over the type and the data.
  view.setUint32(8 + data.length, CRC32.buf(out.subarray(4, 8 + data.length)) >>> 0);
  return out;
}

/** An 8-bit PNG of `height` rows of `width` pixels of `channels` bytes each, row-major in `pixels`. */
export function encodePng(pixels: Uint8Array, width: number, height: number, channels: number): Uint8Array {
  const colorType = COLOR_TYPES[channels];
  if (colorType === undefined) throw new RangeError(`PNG channels must be 1, 2, 3 or 4, got ${channels}`);
  if (pixels.length !== width * height * channels) {
    throw new RangeError(`PNG pixels hold ${pixels.length} bytes, expected ${width}x${height}x${channels}`);
  }
  const ihdr = new Uint8Array(13);
  const ihdrView = new DataView(ihdr.buffer);
  ihdrView.setUint32(0, width);
  ihdrView.setUint32(4, height);
  ihdr.set([8, colorType, 0, 0, 0], 8); // bit depth, color type, compression, filter, interlace
  const stride = width * channels;
  const raw = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    // Filter type 0 (None) before each row.
    raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const parts = [PNG_SIGNATURE, chunk("IHDR", ihdr), chunk("IDAT", zlibStored(raw)), chunk("IEND", new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}
