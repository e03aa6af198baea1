// tensorflow/core/protobuf/saved_model.proto (TF 1.15): the SavedModel written as saved_model.pb(txt).

export const SAVED_MODEL_PROTO = `
syntax = "proto3";
package tensorflow;

message SavedModel {
  int64 saved_model_schema_version = 1;
  repeated MetaGraphDef meta_graphs = 2;
}
`;
