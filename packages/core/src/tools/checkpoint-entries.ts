// checkpoint_utils.py: list_variables, with what the bundle's index holds per key (dtype, shape, bytes), for the tools.
import { ValueError } from "../errors";
import { openBundle } from "../formats/bundle-files";
import type { FileSystem } from "../io/file-system";
import { latestCheckpoint, requireFileSystem } from "../train/checkpoint/checkpoint-management";

export interface CheckpointEntry {
  key: string;
  dtype: string;
  shape: number[];
  /** Bytes of the value in the data shard. */
  size: number;
}

export interface CheckpointContents {
  /** The checkpoint prefix read (a folder's latest checkpoint when a folder was given). */
  prefix: string;
  /** Every key but the bundle header, sorted bytewise as TF writes them. */
  entries: CheckpointEntry[];
}

/** checkpoint_utils.py: _get_checkpoint_filename: a folder means its latest checkpoint. */
export function resolveCheckpointPrefix(ckptDirOrPrefix: string, fs: FileSystem): string {
  if (!fs.isDirectory(ckptDirOrPrefix)) return ckptDirOrPrefix;
  const latest = latestCheckpoint(ckptDirOrPrefix, fs);
  if (!latest) {
    // checkpoint_utils.py: load_checkpoint
    throw new ValueError(`Couldn't find 'checkpoint' file or checkpoints in given directory ${ckptDirOrPrefix}`);
  }
  return latest;
}

/** The keys of a V2 checkpoint (a prefix, or a folder with a `checkpoint` file) with their dtypes, shapes and sizes. */
export function checkpointEntries(ckptDirOrPrefix: string, fs?: FileSystem): CheckpointContents {
  const files = requireFileSystem(fs, "tools.checkpointEntries");
  const prefix = resolveCheckpointPrefix(ckptDirOrPrefix, files);
  const reader = openBundle(files, prefix);
  const entries = reader.keys().map((key) => {
    const info = reader.info(key);
    return { key, dtype: info.dtype.name, shape: info.shape, size: Number(info.entry.size ?? 0) };
  });
  return { prefix, entries };
}
