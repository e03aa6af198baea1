// Checkpoint V2 files: tensor bundle (.index table + data shard) and the `checkpoint` state file, as pure bytes/strings.

export {
  type BundleTensorInfo,
  dataFileName,
  indexFileName,
  readTensorBundle,
  TENSOR_BUNDLE_VERSION,
  type TensorBundleFiles,
  TensorBundleReader,
  writeTensorBundle,
} from "../../formats/tensor-bundle";
export { buildTable, readTable, type TableEntry } from "../../io/table";
export { bytesToTensorData, tensorToBytes } from "../../io/tensor-bytes";
export { CHECKPOINT_STATE_FILENAME, parseCheckpointState, printCheckpointState } from "./checkpoint-state";
