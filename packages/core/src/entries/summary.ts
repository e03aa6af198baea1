// @scopeflow/core/summary: event files and Summary protos (FileWriter comes with the runtimes).

export type { Event, HistogramProto, SessionLog, SessionStatus, Summary, SummaryValue } from "../proto/types";
export * from "../summary/index";
