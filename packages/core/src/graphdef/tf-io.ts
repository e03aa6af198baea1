// tf.io: file formats and the file-system interface, as one namespace (src/index.ts exports it as `io`).
import type * as io from "../io/index";

export {
  basenamePath,
  crc32c,
  dirnamePath,
  encodeRecord,
  encodeRecords,
  extendCrc32c,
  iterateRecords,
  joinPath,
  maskCrc,
  maskedCrc32c,
  memoryFs,
  readRecords,
  unmaskCrc,
} from "../io/index";
export { decodeGraphDef, decodeMetaGraphDef, encodeGraphDef, encodeMetaGraphDef, writeGraph } from "./index";

// Declared here as aliases, not re-exported: the declaration bundler types a re-exported name that another entry
// shares as a value in index.d.ts' `io` namespace (`typeof FileSystem`, TS2693 under skipLibCheck: false).
export type FileSystem = io.FileSystem;
export type MemoryFileSystem = io.MemoryFileSystem;
export type RecordAt = io.RecordAt;
export type RecordReadOptions = io.RecordReadOptions;
export type TruncatedTail = io.TruncatedTail;
