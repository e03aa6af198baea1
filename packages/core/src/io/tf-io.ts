// tf.io: file formats and the file-system interface, as one namespace (src/index.ts exports it as `io`).

export { decodeGraphDef, decodeMetaGraphDef, encodeGraphDef, encodeMetaGraphDef, writeGraph } from "../graphdef/index";
export * from "./index";
