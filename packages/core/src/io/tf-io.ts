// tf.io: file formats and the file-system interface, as one namespace (src/index.ts exports it as `io`).
export * from "./index";
export { encodeGraphDef, decodeGraphDef, encodeMetaGraphDef, decodeMetaGraphDef, writeGraph } from "../graphdef/index";
