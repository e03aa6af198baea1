// Plain-object shapes of TF's messages as core decodes them (camelCase; int64 as number, or bigint beyond 2^53;
// bytes as Uint8Array; enums by name). Decoders fill proto3 scalar defaults; encoders accept any subset.

export type Int64 = number | bigint;
export type DataTypeName = string; // "DT_FLOAT", "DT_INT64_REF", ...

export interface TensorShapeProto {
  dim?: { size: Int64; name?: string }[];
  unknownRank?: boolean;
}

export interface TensorProto {
  dtype?: DataTypeName;
  tensorShape?: TensorShapeProto;
  versionNumber?: number;
  tensorContent?: Uint8Array;
  halfVal?: number[];
  floatVal?: number[];
  doubleVal?: number[];
  intVal?: number[];
  stringVal?: Uint8Array[];
  scomplexVal?: number[];
  int64Val?: Int64[];
  boolVal?: boolean[];
  dcomplexVal?: number[];
  uint32Val?: number[];
  uint64Val?: Int64[];
}

export interface NameAttrList {
  name?: string;
  attr?: Record<string, AttrValue>;
}

export interface AttrValue {
  s?: Uint8Array;
  i?: Int64;
  f?: number;
  b?: boolean;
  type?: DataTypeName;
  shape?: TensorShapeProto;
  tensor?: TensorProto;
  list?: {
    s?: Uint8Array[];
    i?: Int64[];
    f?: number[];
    b?: boolean[];
    type?: DataTypeName[];
    shape?: TensorShapeProto[];
    tensor?: TensorProto[];
    func?: NameAttrList[];
  };
  func?: NameAttrList;
  placeholder?: string;
}

export interface NodeDef {
  name: string;
  op: string;
  input?: string[];
  device?: string;
  attr?: Record<string, AttrValue>;
  experimentalDebugInfo?: { originalNodeNames?: string[]; originalFuncNames?: string[] };
}

export interface VersionDef {
  producer?: number;
  minConsumer?: number;
  badConsumers?: number[];
}

/** FunctionDefLibrary, OpDef and FunctionDef are read and kept as decoded (not executed). */
export interface FunctionDefLibrary {
  function?: Record<string, unknown>[];
  gradient?: { functionName?: string; gradientFunc?: string }[];
}

export interface GraphDef {
  node?: NodeDef[];
  versions?: VersionDef;
  version?: number;
  library?: FunctionDefLibrary;
}

export interface SaverDef {
  filenameTensorName?: string;
  saveTensorName?: string;
  restoreOpName?: string;
  maxToKeep?: number;
  sharded?: boolean;
  keepCheckpointEveryNHours?: number;
  version?: "LEGACY" | "V1" | "V2";
}

export interface CollectionDef {
  nodeList?: { value?: string[] };
  bytesList?: { value?: Uint8Array[] };
  int64List?: { value?: Int64[] };
  floatList?: { value?: number[] };
  anyList?: { value?: { typeUrl?: string; value?: Uint8Array }[] };
}

export interface TensorInfo {
  name?: string;
  cooSparse?: { valuesTensorName?: string; indicesTensorName?: string; denseShapeTensorName?: string };
  dtype?: DataTypeName;
  tensorShape?: TensorShapeProto;
}

export interface MetaGraphDef {
  metaInfoDef?: {
    metaGraphVersion?: string;
    strippedOpList?: { op?: Record<string, unknown>[] };
    anyInfo?: { typeUrl?: string; value?: Uint8Array };
    tags?: string[];
    tensorflowVersion?: string;
    tensorflowGitVersion?: string;
    strippedDefaultAttrs?: boolean;
  };
  graphDef?: GraphDef;
  saverDef?: SaverDef;
  collectionDef?: Record<string, CollectionDef>;
  signatureDef?: Record<
    string,
    { inputs?: Record<string, TensorInfo>; outputs?: Record<string, TensorInfo>; methodName?: string }
  >;
  assetFileDef?: { tensorInfo?: TensorInfo; filename?: string }[];
}

export interface HistogramProto {
  min: number;
  max: number;
  num: number;
  sum: number;
  sumSquares: number;
  bucketLimit: number[];
  bucket: number[];
}

export interface SummaryValue {
  nodeName?: string;
  tag: string;
  metadata?: {
    pluginData?: { pluginName?: string; content?: Uint8Array };
    displayName?: string;
    summaryDescription?: string;
  };
  simpleValue?: number;
  obsoleteOldStyleHistogram?: Uint8Array;
  image?: { height?: number; width?: number; colorspace?: number; encodedImageString?: Uint8Array };
  histo?: HistogramProto;
  audio?: {
    sampleRate?: number;
    numChannels?: Int64;
    lengthFrames?: Int64;
    encodedAudioString?: Uint8Array;
    contentType?: string;
  };
  tensor?: TensorProto;
}

export interface Summary {
  value: SummaryValue[];
}

export type SessionStatus = "STATUS_UNSPECIFIED" | "START" | "STOP" | "CHECKPOINT";

export interface SessionLog {
  status?: SessionStatus;
  checkpointPath?: string;
  msg?: string;
}

export interface Event {
  wallTime: number;
  step: Int64;
  fileVersion?: string;
  graphDef?: Uint8Array;
  summary?: Summary;
  logMessage?: { level?: string; message?: string };
  sessionLog?: SessionLog;
  taggedRunMetadata?: { tag?: string; runMetadata?: Uint8Array };
  metaGraphDef?: Uint8Array;
}

export interface BundleHeaderProto {
  numShards: number;
  endianness: "LITTLE" | "BIG";
  version?: VersionDef;
}

export interface BundleEntryProto {
  dtype: DataTypeName;
  shape?: TensorShapeProto;
  shardId: number;
  offset: Int64;
  size: Int64;
  crc32c: number;
  slices: { extent?: { start?: Int64; length?: Int64 }[] }[];
}

export interface CheckpointState {
  modelCheckpointPath: string;
  allModelCheckpointPaths: string[];
  allModelCheckpointTimestamps?: number[];
  lastPreservedTimestamp?: number;
}

/** variable.proto: VariableDef (synchronization and aggregation kept as their enum numbers). */
export interface VariableDef {
  variableName: string;
  initialValueName: string;
  initializerName: string;
  snapshotName: string;
  saveSliceInfoDef?: { fullName?: string; fullShape?: Int64[]; varOffset?: Int64[]; varShape?: Int64[] };
  isResource: boolean;
  trainable: boolean;
  synchronization: number;
  aggregation: number;
}

/** control_flow.proto: ValuesDef: the tensors a context has seen, and the outer tensors it reads through others. */
export interface ValuesDef {
  values: string[];
  externalValues: Record<string, string>;
}

/** control_flow.proto: ControlFlowContextDef, a nested context. */
export interface ControlFlowContextDef {
  condCtxt?: CondContextDef;
  whileCtxt?: WhileContextDef;
}

/** control_flow.proto: CondContextDef, one branch of a tf.cond. */
export interface CondContextDef {
  contextName: string;
  predName: string;
  pivotName: string;
  branch: number;
  valuesDef: ValuesDef;
  nestedContexts: ControlFlowContextDef[];
}

/** control_flow.proto: WhileContextDef, a tf.whileLoop. */
export interface WhileContextDef {
  contextName: string;
  parallelIterations: number;
  backProp: boolean;
  swapMemory: boolean;
  pivotName: string;
  pivotForPredName: string;
  pivotForBodyName: string;
  loopExitNames: string[];
  loopEnterNames: string[];
  valuesDef: ValuesDef;
  maximumIterationsName: string;
  nestedContexts: ControlFlowContextDef[];
}

/** saved_model.proto: SavedModel. */
export interface SavedModel {
  savedModelSchemaVersion?: Int64;
  metaGraphs?: MetaGraphDef[];
}
