// tf.summary: summary ops, FileWriter and the event-file codecs, as one namespace (src/index.ts exports it as `summary`).

export { FileWriter, type FileWriterOptions, type GraphOrDef } from "./file-writer";
export * from "./index";
export { summaryIterator } from "./summary-iterator";
export { cleanTag, histogram, merge, mergeAll, type SummaryOptions, scalar } from "./summary-ops";
