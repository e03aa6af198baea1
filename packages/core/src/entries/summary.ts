// @scopeflow/core/summary: the same names as `tf.summary` (summary ops, FileWriter over a FileSystem, event-file
// codecs), plus the decoded message types. The runtimes bind FileWriter to their file system. Listed from their own
// modules rather than `export * from "../summary/tf-summary"`: sharing that module with index.d.ts makes the dts
// bundler declare the `summary` namespace's types as values (`typeof FileWriterOptions`).

export type { Event, HistogramProto, SessionLog, SessionStatus, Summary, SummaryValue } from "../proto/types";
export { FileWriter, type FileWriterOptions, type GraphOrDef } from "../summary/file-writer";
export * from "../summary/index";
export { type SummaryIteratorOptions, summaryIterator } from "../summary/summary-iterator";
export {
  audio,
  image,
  type MediaSummaryOptions,
  type TensorSummaryOptions,
  tensorSummary,
  text,
} from "../summary/summary-media-ops";
export { cleanTag, histogram, merge, mergeAll, type SummaryOptions, scalar } from "../summary/summary-ops";
