// tf.summary: summary ops, FileWriter and the event-file codecs, as one namespace (src/index.ts exports it as `summary`).
// The types are aliases declared here (not re-exported) so that the bundled index.d.ts keeps them types in the
// `summary` namespace: entries/summary.ts exports the same names from their own modules, in a chunk of its own.
import type * as fileWriter from "./file-writer";
import type * as iterator from "./summary-iterator";
import type * as mediaOps from "./summary-media-ops";
import type * as ops from "./summary-ops";

export { FileWriter } from "./file-writer";
export * from "./index";
export { summaryIterator } from "./summary-iterator";
export { audio, image, tensorSummary, text } from "./summary-media-ops";
export { cleanTag, histogram, merge, mergeAll, scalar } from "./summary-ops";
export type FileWriterOptions = fileWriter.FileWriterOptions;
export type GraphOrDef = fileWriter.GraphOrDef;
export type SummaryIteratorOptions = iterator.SummaryIteratorOptions;
export type SummaryOptions = ops.SummaryOptions;
export type MediaSummaryOptions = mediaOps.MediaSummaryOptions;
export type TensorSummaryOptions = mediaOps.TensorSummaryOptions;
