// tf.io's pure pieces: masked CRC32C, TFRecord framing, the FileSystem contract and an in-memory FileSystem.
export { crc32c, extendCrc32c, maskCrc, maskedCrc32c, unmaskCrc } from "./crc32c";
export { basenamePath, dirnamePath, type FileSystem, joinPath } from "./file-system";
export { type MemoryFileSystem, memoryFs } from "./memory-fs";
export {
  encodeRecord,
  encodeRecords,
  iterateRecords,
  type RecordAt,
  type RecordReadOptions,
  readRecords,
  type TruncatedTail,
} from "./tfrecord";
