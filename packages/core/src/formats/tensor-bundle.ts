// tensorflow/core/util/tensor_bundle/tensor_bundle.{h,cc}: BundleWriter and BundleReader for checkpoint V2
// (`<prefix>.index`, a table of BundleEntryProto under the header key "", and `<prefix>.data-00000-of-00001`).
import { DataLossError, InvalidArgumentError, NotFoundError } from "../errors";
import { asDType, type DType } from "../framework/dtypes";
import { NDArray, sizeOf } from "../framework/ndarray";
import { compareBytes, concatBytes } from "../io/bytes";
import { maskedCrc32c } from "../io/crc32c";
import { buildTable, readTable } from "../io/table";
import { bytesToTensorData, tensorToBytes } from "../io/tensor-bytes";
import { decodeMessage, encodeMessage } from "../proto/codec";
import type { BundleEntryProto, BundleHeaderProto } from "../proto/types";
import {
  boxSize,
  copySliceToSlice,
  encodeTensorNameSlice,
  fullSlice,
  intersect,
  isFullSlice,
  sliceDebugString,
  sliceFromProto,
  sliceTensorShape,
  sliceToProto,
  type TensorSlice,
} from "./tensor-slice";

/** tensor_bundle.h: kTensorBundleVersion, kTensorBundleMinConsumer. */
export const TENSOR_BUNDLE_VERSION = 1;

/** tensor_bundle.cc: MetaFilename. */
export function indexFileName(prefix: string): string {
  return `${prefix}.index`;
}

/** tensor_bundle.cc: DataFilename, `<prefix>.data-%05d-of-%05d`. */
export function dataFileName(prefix: string, shardId = 0, numShards = 1): string {
  return `${prefix}.data-${String(shardId).padStart(5, "0")}-of-${String(numShards).padStart(5, "0")}`;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The two files of a one-shard bundle. */
export interface TensorBundleFiles {
  index: Uint8Array;
  data: Uint8Array;
}

/** One slice of a partitioned tensor to save (SaveV2 with a `shape_and_slices` spec): BundleWriter::AddSlice. */
export interface BundleSlice {
  /** The full tensor's key. */
  name: string;
  fullShape: number[];
  slice: TensorSlice;
  value: NDArray;
}

interface BundleRow {
  key: Uint8Array;
  label: string;
  entry: Partial<BundleEntryProto>;
  value?: NDArray;
}

/**
 * BundleWriter: every tensor's bytes densely packed in key order in one data shard, and the index table holding the
 * header under "" and each key's BundleEntryProto (dtype, shape, offset, size, masked crc32c). A slice that is not
 * the whole tensor (AddSlice) adds its TensorSliceProto to the full tensor's entry (dtype, full shape, slices; no
 * data) and is stored under its EncodeTensorNameSlice key. Deterministic.
 */
export function writeTensorBundle(
  tensors: Map<string, NDArray> | Record<string, NDArray>,
  slices: readonly BundleSlice[] = [],
): TensorBundleFiles {
  const rows: BundleRow[] = [];
  const add = (key: string, value: NDArray) => {
    if (key === "") throw new RangeError("writeTensorBundle: the empty key is reserved for the bundle header");
    rows.push({ key: encoder.encode(key), label: key, entry: {}, value });
  };
  for (const [key, value] of tensors instanceof Map ? tensors.entries() : Object.entries(tensors)) add(key, value);
  const fullEntries = new Map<string, BundleRow>();
  for (const { name, fullShape, slice, value } of slices) {
    if (isFullSlice(slice, fullShape)) {
      add(name, value);
      continue;
    }
    let full = fullEntries.get(name);
    if (!full) {
      full = { key: encoder.encode(name), label: name, entry: { dtype: value.dtype.protoName, slices: [] } };
      full.entry.shape = { dim: fullShape.map((size) => ({ size })) };
      fullEntries.set(name, full);
      rows.push(full);
    } else if (full.entry.dtype !== value.dtype.protoName) {
      throw new RangeError(
        `writeTensorBundle: the slices of ${name} have dtypes ${full.entry.dtype} and ${value.dtype}`,
      );
    }
    (full.entry.slices as BundleEntryProto["slices"]).push(sliceToProto(slice));
    rows.push({
      key: encodeTensorNameSlice(name, slice),
      label: `${name} (slice ${sliceDebugString(slice)})`,
      entry: {},
      value,
    });
  }
  rows.sort((a, b) => compareBytes(a.key, b.key));
  const header: Partial<BundleHeaderProto> = {
    numShards: 1,
    endianness: "LITTLE",
    version: { producer: TENSOR_BUNDLE_VERSION },
  };
  const table: [Uint8Array, Uint8Array][] = [[new Uint8Array(0), encodeMessage("BundleHeaderProto", header)]];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [i, { key, label, entry, value }] of rows.entries()) {
    if (i > 0 && compareBytes(rows[i - 1].key, key) === 0) {
      throw new RangeError(`writeTensorBundle: duplicate key ${label}`);
    }
    if (value) {
      const bytes = tensorToBytes(value.dtype, value.data);
      Object.assign(entry, {
        dtype: value.dtype.protoName,
        shape: { dim: value.shape.map((size) => ({ size })) },
        shardId: 0,
        offset,
        size: bytes.length,
        crc32c: maskedCrc32c(bytes),
      } satisfies Partial<BundleEntryProto>);
      chunks.push(bytes);
      offset += bytes.length;
    }
    table.push([key, encodeMessage("BundleEntryProto", entry)]);
  }
  return { index: buildTable(table), data: concatBytes(chunks) };
}

/** One tensor of a bundle as the index describes it. */
export interface BundleTensorInfo {
  key: string;
  dtype: DType;
  shape: number[];
  entry: BundleEntryProto;
}

/**
 * BundleReader over the bytes of the `.index` and its data shards. The index's block CRCs are checked on open; a
 * lookup checks that the shard holds the entry's bytes and that their crc32c matches. Errors name the file and key.
 */
export class TensorBundleReader {
  readonly header: BundleHeaderProto;
  private readonly entries = new Map<string, BundleEntryProto>();
  /** The entries of tensor slices, under their EncodeTensorNameSlice keys (bytes as a binary string). */
  private readonly sliceEntries = new Map<string, BundleEntryProto>();
  /** Stored slices already read, so that restoring several parts from one stored tensor reads it once. */
  private readonly storedSlices = new Map<string, NDArray>();

  constructor(
    index: Uint8Array,
    private readonly readShard: (shardId: number, fileName: string) => Uint8Array,
    readonly prefix = "<bundle>",
  ) {
    const file = indexFileName(prefix);
    const rows = readTable(index, file);
    if (rows.length === 0 || rows[0][0].length !== 0) {
      throw new DataLossError(`Corrupted table ${file}: the bundle header (empty key) is missing`);
    }
    this.header = decodeMessage<BundleHeaderProto>("BundleHeaderProto", rows[0][1], `${file} (header)`);
    if (this.header.endianness !== "LITTLE") {
      throw new DataLossError(`${file}: big-endian bundles are not supported`);
    }
    for (const [keyBytes, value] of rows.slice(1)) {
      if (keyBytes[0] === 0) {
        // saved_tensor_slice_util.cc: every slice key starts with OrderedCode's 0; no tensor name does
        const entry = decodeMessage<BundleEntryProto>("BundleEntryProto", value, `${file} (a slice key)`);
        this.sliceEntries.set(binaryString(keyBytes), entry);
        continue;
      }
      const key = decoder.decode(keyBytes);
      this.entries.set(key, decodeMessage<BundleEntryProto>("BundleEntryProto", value, `${file} (key ${key})`));
    }
  }

  /** The tensor names (checkpoint_reader.cc: the slice keys are left out, as list_variables shows them). */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  info(key: string): BundleTensorInfo {
    const entry = this.entries.get(key);
    if (!entry) {
      // tensor_bundle.cc: BundleReader::GetBundleEntryProto
      throw new NotFoundError(`Key ${key} not found in checkpoint`);
    }
    let dtype: DType;
    try {
      dtype = asDType(entry.dtype);
    } catch {
      throw new DataLossError(`${indexFileName(this.prefix)}: key ${key} has unsupported dtype ${entry.dtype}`);
    }
    const shape = (entry.shape?.dim ?? []).map((d) => Number(d.size));
    if (shape.some((d) => !Number.isSafeInteger(d) || d < 0)) {
      throw new DataLossError(`${indexFileName(this.prefix)}: key ${key} has an invalid shape [${shape.join(",")}]`);
    }
    return { key, dtype, shape, entry };
  }

  /** checkpoint_utils.list_variables: [key, shape] pairs in key order. */
  listVariables(): [string, number[]][] {
    return this.keys().map((key) => [key, this.info(key).shape]);
  }

  /** BundleReader::Lookup: the tensor under `key`, its bytes checked; a sliced tensor is assembled from its slices. */
  lookup(key: string): NDArray {
    const info = this.info(key);
    if (info.entry.slices.length > 0) return this.lookupSlice(key, fullSlice(info.shape.length));
    return this.readEntry(key, info.dtype, info.shape, info.entry);
  }

  /**
   * BundleReader::LookupSlice / GetSliceValue: `slice` of the tensor under `key`, copied from the stored slices that
   * overlap it (a tensor saved whole counts as one full slice), so a checkpoint saved with one partitioning restores
   * into another. InvalidArgumentError when the stored slices do not cover `slice`.
   */
  lookupSlice(key: string, slice: TensorSlice): NDArray {
    const { dtype, shape: fullShape, entry } = this.info(key);
    const stored = entry.slices.length === 0 ? [fullSlice(fullShape.length)] : entry.slices.map(sliceFromProto);
    const wanted = sliceDebugString(slice);
    const exact = stored.find((s) => sliceDebugString(s) === wanted);
    // tensor_slice_set.cc: TensorSliceSet::QueryMeta (the stored slices never overlap one another)
    const details = exact ? [exact] : stored.filter((s) => intersect(s, slice, fullShape) !== null);
    const targetShape = sliceTensorShape(slice, fullShape);
    const covered = exact
      ? sizeOf(targetShape)
      : details.reduce((n, s) => n + boxSize(intersect(s, slice, fullShape) ?? []), 0);
    if (covered !== sizeOf(targetShape)) {
      throw new InvalidArgumentError(
        `Does not have sufficient slices for partitioned tensor ${key} to restore in slice_spec: ${wanted}`,
      );
    }
    const out = new NDArray(dtype, targetShape);
    for (const storedSlice of details) {
      let storedEntry = entry;
      if (entry.slices.length > 0) {
        const sliceKey = binaryString(encodeTensorNameSlice(key, storedSlice));
        const found = this.sliceEntries.get(sliceKey);
        if (!found) {
          // tensor_bundle.cc: BundleReader::GetBundleEntryProto
          throw new NotFoundError(`Key ${key} (slice ${sliceDebugString(storedSlice)}) not found in checkpoint`);
        }
        storedEntry = found;
      }
      const storedShape = (storedEntry.shape?.dim ?? []).map((d) => Number(d.size));
      const label = entry.slices.length > 0 ? `${key} (slice ${sliceDebugString(storedSlice)})` : key;
      const value = this.storedSlices.get(label) ?? this.readEntry(label, dtype, storedShape, storedEntry);
      if (!exact) this.storedSlices.set(label, value);
      if (exact) return new NDArray(dtype, targetShape, value.data);
      copySliceToSlice(fullShape, storedSlice, slice, value, out);
    }
    return out;
  }

  /** BundleReader::GetValue: the bytes of one entry, checked against its shard, size and crc32c. */
  private readEntry(key: string, dtype: DType, shape: number[], entry: BundleEntryProto): NDArray {
    if (entry.dtype !== dtype.protoName) {
      throw new DataLossError(
        `${indexFileName(this.prefix)}: key ${key} is ${entry.dtype}, its tensor ${dtype.protoName}`,
      );
    }
    const numShards = this.header.numShards;
    if (entry.shardId < 0 || entry.shardId >= numShards) {
      throw new DataLossError(`${indexFileName(this.prefix)}: key ${key} names shard ${entry.shardId} of ${numShards}`);
    }
    const file = dataFileName(this.prefix, entry.shardId, numShards);
    const shard = this.readShard(entry.shardId, file);
    const offset = Number(entry.offset);
    const size = Number(entry.size);
    if (!(offset >= 0 && size >= 0 && offset + size <= shard.length)) {
      throw new DataLossError(
        `${file} holds ${shard.length} bytes, but key ${key} needs bytes [${offset}, ${offset + size}): the data file is truncated`,
      );
    }
    const bytes = shard.subarray(offset, offset + size);
    const actual = maskedCrc32c(bytes);
    if (actual !== entry.crc32c) {
      // tensor_bundle.cc: BundleReader::GetValue "Checksum does not match: stored X vs. calculated on the restored bytes Y"
      throw new DataLossError(
        `Checksum does not match for key ${key} in ${file}: stored ${entry.crc32c} vs. calculated on the restored bytes ${actual}`,
      );
    }
    const data = shape.some((d) => !Number.isSafeInteger(d) || d < 0)
      ? null
      : bytesToTensorData(dtype, bytes, sizeOf(shape));
    if (!data) {
      throw new DataLossError(
        `${file}: key ${key} holds ${size} bytes, which is not a ${dtype.name} tensor of shape [${shape.join(",")}]`,
      );
    }
    return new NDArray(dtype, shape, data);
  }
}

/** Key bytes as a string of char codes 0-255 (slice keys are not UTF-8). */
function binaryString(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

/** A reader over one-shard bundle bytes (`files.data` is shard 0). */
export function readTensorBundle(files: TensorBundleFiles, prefix = "<bundle>"): TensorBundleReader {
  return new TensorBundleReader(files.index, () => files.data, prefix);
}
