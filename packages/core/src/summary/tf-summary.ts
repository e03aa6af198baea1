// tf.summary: summary ops, FileWriter and the event-file codecs, as one namespace (src/index.ts exports it as `summary`).
export * from "./index";
export { FileWriter, type FileWriterOptions, type GraphOrDef } from "./file-writer";
export { cleanTag, histogram, merge, mergeAll, scalar, type SummaryOptions } from "./summary-ops";
export { summaryIterator } from "./summary-iterator";
