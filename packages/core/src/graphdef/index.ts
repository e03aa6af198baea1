// GraphDef and MetaGraphDef: codecs (binary and text), Graph → GraphDef, import_graph_def, meta graphs, write_graph.

export {
  type AsGraphDefOptions,
  GRAPH_DEF_VERSION,
  graphToGraphDef,
  operationToNodeDef,
} from "../framework/graph-to-graphdef";
export { ndarrayToTensorProto, shapeFromProto, shapeToProto, tensorProtoToNdarray } from "../framework/tensor-proto";
export {
  decodeGraphDef,
  decodeMetaGraphDef,
  type EncodeOptions,
  encodeGraphDef,
  encodeMetaGraphDef,
} from "./graphdef-codec";
export { type ImportGraphDefOptions, importGraphDef } from "./import-graph-def";
export { createMetaGraphDef, type ExportMetaGraphOptions, exportMetaGraph, TENSORFLOW_VERSION } from "./meta-graph";
export { writeGraph } from "./write-graph";
