// GraphDef and MetaGraphDef codecs (binary and text).
export {
  decodeGraphDef,
  decodeMetaGraphDef,
  type EncodeOptions,
  encodeGraphDef,
  encodeMetaGraphDef,
} from "./graphdef-codec";
