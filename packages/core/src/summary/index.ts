// Event files and Summary protos (the pure part of tf.summary; FileWriter lives with the runtimes).
export {
  decodeEvent,
  encodeEvent,
  encodeEventFile,
  EVENT_FILE_VERSION,
  eventFileName,
  fileVersionEvent,
  iterateEvents,
  readEventFile,
} from "./event-file";
export { defaultBucketLimits, Histogram, histogramProto } from "./histogram";
export {
  decodeSummary,
  encodeSummary,
  histogramSummary,
  histogramValue,
  makeSummary,
  mergeSummaries,
  scalarSummary,
  scalarValue,
} from "./summary-builders";
