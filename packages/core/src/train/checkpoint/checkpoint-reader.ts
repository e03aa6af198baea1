// pywrap_tensorflow.NewCheckpointReader / checkpoint_reader.cc (TF 1.15): a reader over a V2 checkpoint's bundle with
// the maps, has_tensor, get_tensor and debug_string of TF's CheckpointReader; its errors are TF's NotFoundErrors.
import { openBundle } from "../../formats/bundle-files";
import type { TensorBundleReader } from "../../formats/tensor-bundle";
import type { DType } from "../../framework/dtypes";
import type { NDArray } from "../../framework/ndarray";
import type { FileSystem } from "../../io/file-system";
import { requireFileSystem } from "./checkpoint-management";

/** checkpoint_reader.cc: CheckpointReader (V2 bundles). Maps are null-prototype objects keyed by tensor name. */
export class CheckpointReader {
  constructor(private readonly bundle: TensorBundleReader) {}

  /** CheckpointReader::GetVariableToShapeMap: name → shape (a partitioned variable under its full name). */
  getVariableToShapeMap(): Record<string, number[]> {
    const map: Record<string, number[]> = Object.create(null);
    for (const key of this.bundle.keys()) map[key] = this.bundle.info(key).shape;
    return map;
  }

  /** CheckpointReader::GetVariableToDataTypeMap: name → dtype. */
  getVariableToDtypeMap(): Record<string, DType> {
    const map: Record<string, DType> = Object.create(null);
    for (const key of this.bundle.keys()) map[key] = this.bundle.info(key).dtype;
    return map;
  }

  /** CheckpointReader::HasTensor */
  hasTensor(name: string): boolean {
    return this.bundle.has(name);
  }

  /** CheckpointReader::GetTensor: NotFoundError `Key <name> not found in checkpoint` for a missing name. */
  getTensor(name: string): NDArray {
    return this.bundle.lookup(name);
  }

  /** BundleReader::DebugString: one `<key> (<DT_...>) [<dims>]` line per tensor (slice entries left out). */
  debugString(): string {
    return this.bundle
      .keys()
      .map((key) => {
        const { dtype, shape } = this.bundle.info(key);
        return `${key} (${dtype.protoName}) [${shape.join(",")}]\n`;
      })
      .join("");
  }
}

/**
 * pywrap_tensorflow.NewCheckpointReader(filepattern): the reader of the checkpoint with that prefix; NotFoundError
 * `Unsuccessful TensorSliceReader constructor: Failed to find any matching files for <prefix>` when there is none.
 */
export function NewCheckpointReader(filepattern: string, fs?: FileSystem): CheckpointReader {
  const files = requireFileSystem(fs, "NewCheckpointReader");
  return new CheckpointReader(openBundle(files, filepattern));
}
