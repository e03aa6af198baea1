// python/framework/graph_io.py (write_graph) and graph_pb2 parsing: GraphDef and MetaGraphDef, binary or text.
import { decodeMessage, encodeMessage } from "../proto/codec";
import { parseTextMessage, printTextMessage } from "../proto/text-format";
import type { GraphDef, MetaGraphDef } from "../proto/types";

export interface EncodeOptions {
  /** Text format (`.pbtxt`) instead of binary, as `tf.io.write_graph(as_text=True)`. */
  asText?: boolean;
}

/** Serializes a GraphDef: binary bytes, or text-format string with `{ asText: true }`. */
export function encodeGraphDef(def: GraphDef, options: { asText: true }): string;
export function encodeGraphDef(def: GraphDef, options?: { asText?: false }): Uint8Array;
export function encodeGraphDef(def: GraphDef, options?: EncodeOptions): Uint8Array | string;
export function encodeGraphDef(def: GraphDef, options: EncodeOptions = {}): Uint8Array | string {
  return options.asText ? printTextMessage("GraphDef", def) : encodeMessage("GraphDef", def);
}

/**
 * Parses a GraphDef: a string is text format (unknown fields skipped), bytes are binary. A malformed input throws
 * DataLossError naming `source` and the fault.
 */
export function decodeGraphDef(input: Uint8Array | string, source?: string): GraphDef {
  return typeof input === "string"
    ? parseTextMessage<GraphDef>("GraphDef", input, source ?? "<text>")
    : decodeMessage<GraphDef>("GraphDef", input, source ?? "<bytes>");
}

/** Serializes a MetaGraphDef (`.meta` files are binary). */
export function encodeMetaGraphDef(def: MetaGraphDef, options: { asText: true }): string;
export function encodeMetaGraphDef(def: MetaGraphDef, options?: { asText?: false }): Uint8Array;
export function encodeMetaGraphDef(def: MetaGraphDef, options?: EncodeOptions): Uint8Array | string;
export function encodeMetaGraphDef(def: MetaGraphDef, options: EncodeOptions = {}): Uint8Array | string {
  return options.asText ? printTextMessage("MetaGraphDef", def) : encodeMessage("MetaGraphDef", def);
}

/** Parses a MetaGraphDef: a string is text format, bytes are binary. */
export function decodeMetaGraphDef(input: Uint8Array | string, source?: string): MetaGraphDef {
  return typeof input === "string"
    ? parseTextMessage<MetaGraphDef>("MetaGraphDef", input, source ?? "<text>")
    : decodeMessage<MetaGraphDef>("MetaGraphDef", input, source ?? "<bytes>");
}
