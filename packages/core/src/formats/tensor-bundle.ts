// tensorflow/core/util/tensor_bundle/tensor_bundle.{h,cc}: BundleWriter and BundleReader for checkpoint V2
// (`<prefix>.index`, a table of BundleEntryProto under the header key "", and `<prefix>.data-00000-of-00001`).
import { DataLossError, NotFoundError } from "../errors";
import { asDType, type DType } from "../framework/dtypes";
import { NDArray, sizeOf } from "../framework/ndarray";
import { compareBytes, concatBytes } from "../io/bytes";
import { maskedCrc32c } from "../io/crc32c";
import { buildTable, readTable } from "../io/table";
import { bytesToTensorData, tensorToBytes } from "../io/tensor-bytes";
import { decodeMessage, encodeMessage } from "../proto/codec";
import type { BundleEntryProto, BundleHeaderProto } from "../proto/types";

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

/**
 * BundleWriter: every tensor's bytes densely packed in key order in one data shard, and the index table holding the
 * header under "" and each key's BundleEntryProto (dtype, shape, offset, size, masked crc32c). Deterministic.
 */
export function writeTensorBundle(tensors: Map<string, NDArray> | Record<string, NDArray>): TensorBundleFiles {
  const items = (tensors instanceof Map ? [...tensors.entries()] : Object.entries(tensors)).map(
    ([key, value]) => [encoder.encode(key), key, value] as const,
  );
  items.sort((a, b) => compareBytes(a[0], b[0]));
  const header: Partial<BundleHeaderProto> = {
    numShards: 1,
    endianness: "LITTLE",
    version: { producer: TENSOR_BUNDLE_VERSION },
  };
  const rows: [Uint8Array, Uint8Array][] = [[new Uint8Array(0), encodeMessage("BundleHeaderProto", header)]];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (let i = 0; i < items.length; i++) {
    const [keyBytes, key, value] = items[i];
    if (key === "") throw new RangeError("writeTensorBundle: the empty key is reserved for the bundle header");
    if (i > 0 && compareBytes(items[i - 1][0], keyBytes) === 0)
      throw new RangeError(`writeTensorBundle: duplicate key ${key}`);
    const bytes = tensorToBytes(value.dtype, value.data);
    const entry: Partial<BundleEntryProto> = {
      dtype: value.dtype.protoName,
      shape: { dim: value.shape.map((size) => ({ size })) },
      shardId: 0,
      offset,
      size: bytes.length,
      crc32c: maskedCrc32c(bytes),
    };
    rows.push([keyBytes, encodeMessage("BundleEntryProto", entry)]);
    chunks.push(bytes);
    offset += bytes.length;
  }
  return { index: buildTable(rows), data: concatBytes(chunks) };
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
      const key = decoder.decode(keyBytes);
      this.entries.set(key, decodeMessage<BundleEntryProto>("BundleEntryProto", value, `${file} (key ${key})`));
    }
  }

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

  /** BundleReader::Lookup: the tensor under `key`, its bytes checked against the entry's size and crc32c. */
  lookup(key: string): NDArray {
    const { dtype, shape, entry } = this.info(key);
    if (entry.slices.length > 0) {
      throw new DataLossError(
        `${indexFileName(this.prefix)}: key ${key} is a partitioned (sliced) tensor; not supported`,
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
    const data = bytesToTensorData(dtype, bytes, sizeOf(shape));
    if (!data) {
      throw new DataLossError(
        `${file}: key ${key} holds ${size} bytes, which is not a ${dtype.name} tensor of shape [${shape.join(",")}]`,
      );
    }
    return new NDArray(dtype, shape, data);
  }
}

/** A reader over one-shard bundle bytes (`files.data` is shard 0). */
export function readTensorBundle(files: TensorBundleFiles, prefix = "<bundle>"): TensorBundleReader {
  return new TensorBundleReader(files.index, () => files.data, prefix);
}
