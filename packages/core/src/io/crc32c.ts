// tensorflow/core/lib/hash/crc32c.h: Value, Extend, Mask, Unmask (CRC-32C, Castagnoli), computed by the crc-32 package.
import * as crc32cModule from "crc-32/crc32c.js";

type Crc32cModule = { buf(data: Uint8Array, seed?: number): number };
// crc-32 is CommonJS: under Node's ESM loader its exports sit on `default`; under bundlers and require, on the namespace.
const CRC32C: Crc32cModule = (crc32cModule as Crc32cModule & { default?: Crc32cModule }).default ?? crc32cModule;

const MASK_DELTA = 0xa282ead8;

/** crc32c::Value: the CRC-32C of `bytes` as an unsigned 32-bit number. */
export function crc32c(bytes: Uint8Array): number {
  return CRC32C.buf(bytes) >>> 0;
}

/** crc32c::Extend: the CRC-32C of `previous`'s data followed by `bytes`. */
export function extendCrc32c(previous: number, bytes: Uint8Array): number {
  return CRC32C.buf(bytes, previous | 0) >>> 0;
}

/** crc32c::Mask: rotate right by 15 bits and add a constant, as TF stores CRCs of data that may contain CRCs. */
export function maskCrc(crc: number): number {
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + MASK_DELTA) >>> 0;
}

/** crc32c::Unmask. */
export function unmaskCrc(masked: number): number {
  const rot = (masked - MASK_DELTA) >>> 0;
  return ((rot >>> 17) | (rot << 15)) >>> 0;
}

/** The masked CRC-32C of `bytes`, as TFRecord frames, table block trailers and BundleEntryProto.crc32c hold it. */
export function maskedCrc32c(bytes: Uint8Array): number {
  return maskCrc(crc32c(bytes));
}
