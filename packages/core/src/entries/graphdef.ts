// @scopeflow/core/graphdef: GraphDef and MetaGraphDef encode/decode, binary and text.
export * from "../graphdef/index";
export type {
  AttrValue,
  CollectionDef,
  GraphDef,
  MetaGraphDef,
  NodeDef,
  SaverDef,
  TensorProto,
  TensorShapeProto,
  VersionDef,
} from "../proto/types";
