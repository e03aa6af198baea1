// TF's protobuf messages for core's file formats: binary and text codecs over plain objects.
export { decodeMessage, encodeMessage } from "./codec";
export type { MessageName } from "./root";
export { parseTextMessage, printTextMessage } from "./text-format";
export type * from "./types";
