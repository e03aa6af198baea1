// @scopeflow/core/summary: the same names as `tf.summary` (summary ops, FileWriter over a FileSystem, event-file
// codecs), plus the decoded message types. The runtimes bind FileWriter to their file system.

export type { Event, HistogramProto, SessionLog, SessionStatus, Summary, SummaryValue } from "../proto/types";
export * from "../summary/tf-summary";
