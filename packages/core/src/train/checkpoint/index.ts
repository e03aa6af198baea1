// Checkpoint V2 files: tensor bundle (.index table + data shard) and the `checkpoint` state file, as pure bytes/strings.
export { CHECKPOINT_STATE_FILENAME, parseCheckpointState, printCheckpointState } from "./checkpoint-state";
export { buildTable, readTable, type TableEntry } from "./table";
export {
  type BundleTensorInfo,
  dataFileName,
  indexFileName,
  readTensorBundle,
  TENSOR_BUNDLE_VERSION,
  type TensorBundleFiles,
  TensorBundleReader,
  writeTensorBundle,
} from "./tensor-bundle";
export { bytesToTensorData, tensorToBytes } from "./tensor-bytes";
