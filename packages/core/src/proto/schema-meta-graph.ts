// tensorflow/core/protobuf/{meta_graph,saver,tensor_bundle}.proto, framework/tensor_slice.proto,
// python/training/checkpoint_state.proto and google/protobuf/any.proto (TF 1.15).

export const META_GRAPH_PROTO = `
syntax = "proto3";
package tensorflow;

message Any {
  string type_url = 1;
  bytes value = 2;
}

message MetaGraphDef {
  message MetaInfoDef {
    string meta_graph_version = 1;
    OpList stripped_op_list = 2;
    Any any_info = 3;
    repeated string tags = 4;
    string tensorflow_version = 5;
    string tensorflow_git_version = 6;
    bool stripped_default_attrs = 7;
  }
  MetaInfoDef meta_info_def = 1;
  GraphDef graph_def = 2;
  SaverDef saver_def = 3;
  map<string, CollectionDef> collection_def = 4;
  map<string, SignatureDef> signature_def = 5;
  repeated AssetFileDef asset_file_def = 6;
}

message CollectionDef {
  message NodeList {
    repeated string value = 1;
  }
  message BytesList {
    repeated bytes value = 1;
  }
  message Int64List {
    repeated int64 value = 1 [packed = true];
  }
  message FloatList {
    repeated float value = 1 [packed = true];
  }
  message AnyList {
    repeated Any value = 1;
  }
  oneof kind {
    NodeList node_list = 1;
    BytesList bytes_list = 2;
    Int64List int64_list = 3;
    FloatList float_list = 4;
    AnyList any_list = 5;
  }
}

message TensorInfo {
  message CooSparse {
    string values_tensor_name = 1;
    string indices_tensor_name = 2;
    string dense_shape_tensor_name = 3;
  }
  oneof encoding {
    string name = 1;
    CooSparse coo_sparse = 4;
  }
  DataType dtype = 2;
  TensorShapeProto tensor_shape = 3;
}

message SignatureDef {
  map<string, TensorInfo> inputs = 1;
  map<string, TensorInfo> outputs = 2;
  string method_name = 3;
}

message AssetFileDef {
  TensorInfo tensor_info = 1;
  string filename = 2;
}

message SaverDef {
  string filename_tensor_name = 1;
  string save_tensor_name = 2;
  string restore_op_name = 3;
  int32 max_to_keep = 4;
  bool sharded = 5;
  float keep_checkpoint_every_n_hours = 6;
  enum CheckpointFormatVersion {
    LEGACY = 0;
    V1 = 1;
    V2 = 2;
  }
  CheckpointFormatVersion version = 7;
}

message TensorSliceProto {
  message Extent {
    int64 start = 1;
    oneof has_length {
      int64 length = 2;
    }
  }
  repeated Extent extent = 1;
}

message BundleHeaderProto {
  int32 num_shards = 1;
  enum Endianness {
    LITTLE = 0;
    BIG = 1;
  }
  Endianness endianness = 2;
  VersionDef version = 3;
}

message BundleEntryProto {
  DataType dtype = 1;
  TensorShapeProto shape = 2;
  int32 shard_id = 3;
  int64 offset = 4;
  int64 size = 5;
  fixed32 crc32c = 6;
  repeated TensorSliceProto slices = 7;
}

message CheckpointState {
  string model_checkpoint_path = 1;
  repeated string all_model_checkpoint_paths = 2;
  repeated double all_model_checkpoint_timestamps = 3;
  double last_preserved_timestamp = 4;
}

// variable.proto: VariableDef and SaveSliceInfoDef (a Variable in the variables collections of a MetaGraphDef).
message SaveSliceInfoDef {
  string full_name = 1;
  repeated int64 full_shape = 2;
  repeated int64 var_offset = 3;
  repeated int64 var_shape = 4;
}

message VariableDef {
  string variable_name = 1;
  string initial_value_name = 6;
  string initializer_name = 2;
  string snapshot_name = 3;
  SaveSliceInfoDef save_slice_info_def = 4;
  bool is_resource = 5;
  bool trainable = 7;
  int32 synchronization = 8;
  int32 aggregation = 9;
}

// control_flow.proto: the contexts of v1 control flow, as the cond_context and while_context collections hold them.
message ValuesDef {
  repeated string values = 1;
  map<string, string> external_values = 2;
}

message ControlFlowContextDef {
  oneof ctxt {
    CondContextDef cond_ctxt = 1;
    WhileContextDef while_ctxt = 2;
  }
}

message CondContextDef {
  string context_name = 1;
  string pred_name = 2;
  string pivot_name = 3;
  int32 branch = 4;
  ValuesDef values_def = 5;
  repeated ControlFlowContextDef nested_contexts = 6;
}

message WhileContextDef {
  string context_name = 1;
  int32 parallel_iterations = 2;
  bool back_prop = 3;
  bool swap_memory = 4;
  string pivot_name = 5;
  string pivot_for_pred_name = 6;
  string pivot_for_body_name = 7;
  repeated string loop_exit_names = 8;
  repeated string loop_enter_names = 10;
  ValuesDef values_def = 9;
  string maximum_iterations_name = 11;
  repeated ControlFlowContextDef nested_contexts = 12;
}
`;
