// Event files and Summary protos (the pure part of tf.summary; FileWriter lives with the runtimes).

export { defaultBucketLimits, Histogram, histogramProto } from "../formats/histogram";
export {
  decodeSummary,
  encodeSummary,
  histogramSummary,
  histogramValue,
  makeSummary,
  mergeSummaries,
  scalarSummary,
  scalarValue,
} from "../formats/summary-builders";
export {
  decodeEvent,
  EVENT_FILE_VERSION,
  encodeEvent,
  encodeEventFile,
  eventFileName,
  fileVersionEvent,
  iterateEvents,
  readEventFile,
} from "./event-file";
