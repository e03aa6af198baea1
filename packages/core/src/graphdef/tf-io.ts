// tf.io: file formats and the file-system interface, as one namespace (src/index.ts exports it as `io`).

export * from "../io/index";
export { decodeGraphDef, decodeMetaGraphDef, encodeGraphDef, encodeMetaGraphDef, writeGraph } from "./index";
