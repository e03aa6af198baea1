// tensorflow/core/util/tensor_bundle/tensor_bundle.cc: a tensor's bytes in a data shard (raw little-endian elements;
// strings as varint64 lengths, a masked crc32c of the lengths, then the bytes: WriteStringTensor / ReadStringTensor).
import type { DataFor, DType } from "../framework/dtypes";
import { concatBytes, pushVarint, readFixed32, readVarint, writeFixed32 } from "./bytes";
import { crc32c, maskCrc } from "./crc32c";
import { TYPED_ARRAY_CLASSES } from "./typed-arrays";

/** float32 → IEEE half bits, round to nearest even (Eigen::half's conversion). */
export function floatToHalfBits(value: number): number {
  const f32 = new Float32Array([value]);
  const x = new Uint32Array(f32.buffer)[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rest > halfway || (rest === halfway && half & 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++;
  e = half;
  return sign | e;
}

export function halfBitsToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function littleEndianView(data: ArrayBufferView & { length: number; BYTES_PER_ELEMENT: number }): Uint8Array {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  if (!LITTLE_ENDIAN && data.BYTES_PER_ELEMENT > 1) {
    for (let i = 0; i < bytes.length; i += data.BYTES_PER_ELEMENT)
      bytes.subarray(i, i + data.BYTES_PER_ELEMENT).reverse();
  }
  return bytes;
}

/** The bytes BundleWriter::Add writes for a tensor of `dtype` holding `data`. */
export function tensorToBytes(dtype: DType, data: DataFor): Uint8Array {
  if (dtype.name === "string") {
    const strings = data as Uint8Array[];
    const lengths: number[] = [];
    for (const s of strings) pushVarint(lengths, s.length);
    const lengthBytes = Uint8Array.from(lengths);
    const checksum = new Uint8Array(4);
    writeFixed32(checksum, 0, maskCrc(crc32c(lengthBytes)));
    return concatBytes([lengthBytes, checksum, ...strings]);
  }
  if (dtype.name === "float16") {
    const halves = Uint16Array.from(data as Float32Array, floatToHalfBits);
    return littleEndianView(halves);
  }
  return littleEndianView(data as Exclude<DataFor, Uint8Array[]>);
}

/**
 * The elements of `count` values of `dtype` from `bytes`; null when the bytes do not hold exactly that many (or the
 * string lengths' checksum fails).
 */
export function bytesToTensorData(dtype: DType, bytes: Uint8Array, count: number): DataFor | null {
  if (dtype.name === "string") {
    const lengths: number[] = [];
    let at = 0;
    for (let i = 0; i < count; i++) {
      const v = readVarint(bytes, at);
      if (!v) return null;
      lengths.push(v.value);
      at = v.next;
    }
    if (at + 4 > bytes.length || readFixed32(bytes, at) !== maskCrc(crc32c(bytes.subarray(0, at)))) return null;
    at += 4;
    const out: Uint8Array[] = [];
    for (const n of lengths) {
      if (at + n > bytes.length) return null;
      out.push(bytes.slice(at, at + n));
      at += n;
    }
    return at === bytes.length ? out : null;
  }
  const width = dtype.size;
  if (bytes.length !== count * width) return null;
  const copy = bytes.slice();
  if (!LITTLE_ENDIAN && width > 1) {
    for (let i = 0; i < copy.length; i += width) copy.subarray(i, i + width).reverse();
  }
  const buffer = copy.buffer;
  if (dtype.name === "float16") return Float32Array.from(new Uint16Array(buffer), halfBitsToFloat);
  return new TYPED_ARRAY_CLASSES[dtype.name](buffer);
}
