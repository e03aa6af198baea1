// A checkpoint's tensor bundle in a FileSystem: written whole or not at all, and opened for reading. Shared by the
// SaveV2/RestoreV2 kernels and the checkpoint tools (listVariables, initFromCheckpoint, checkpoint doctor).
import { NotFoundError } from "../errors";
import type { NDArray } from "../framework/ndarray";
import type { FileSystem } from "../io/file-system";
import { replaceFiles } from "../io/replace-files";
import { type BundleSlice, dataFileName, indexFileName, TensorBundleReader, writeTensorBundle } from "./tensor-bundle";

/**
 * BundleWriter::Finish: both files are written under temporary names and renamed into place only when both are
 * whole; a failure at any step leaves any earlier checkpoint under the same prefix as it was (replaceFiles).
 */
export function writeBundleFiles(
  fs: FileSystem,
  prefix: string,
  tensors: Map<string, NDArray>,
  slices: readonly BundleSlice[] = [],
): void {
  const { index, data } = writeTensorBundle(tensors, slices);
  // BundleWriter::BundleWriter: CreateDir(Dirname(prefix)), one level (a sharded save's `<prefix>_temp_<uuid>`)
  const dir = fs.dirname(prefix);
  if (dir && !fs.isDirectory(dir) && fs.isDirectory(fs.dirname(dir) || ".")) fs.makeDirs(dir);
  replaceFiles(fs, [
    [dataFileName(prefix), data],
    [indexFileName(prefix), index],
  ]);
}

/** A reader over `<prefix>.index` and its data shards in `fs`; NotFoundError when there is no checkpoint there. */
export function openBundle(fs: FileSystem, prefix: string): TensorBundleReader {
  const index = indexFileName(prefix);
  if (!fs.exists(index)) {
    // tensor_bundle.cc: BundleReader (via checkpoint_reader.cc) for a prefix with no .index file
    throw new NotFoundError(
      `Unsuccessful TensorSliceReader constructor: Failed to find any matching files for ${prefix}`,
    );
  }
  return new TensorBundleReader(fs.readFile(index), (_, file) => fs.readFile(file), prefix);
}
