// python/training/checkpoint_management.py (get_checkpoint_state, update_checkpoint_state_internal, latest_checkpoint,
// checkpoint_exists, remove_checkpoint, meta_graph_filename) and checkpoint_utils.py (list_variables, load_variable),
// over core's FileSystem.
import { NotFoundError, ValueError } from "../../errors";
import { openBundle } from "../../formats/bundle-files";
import { indexFileName } from "../../formats/tensor-bundle";
import type { NDArray } from "../../framework/ndarray";
import type { FileSystem } from "../../io/file-system";
import { replaceFiles } from "../../io/replace-files";
import { useFileKernels } from "../../kernels/reference/file-kernels";
import type { CheckpointState } from "../../proto/types";
import { CHECKPOINT_STATE_FILENAME, parseCheckpointState, printCheckpointState } from "./checkpoint-state";

const decoder = new TextDecoder();

/**
 * The file system of a checkpoint or model call (`what` names it in the error). Every such call (the Saver's save and
 * restore, initFromCheckpoint, importMetaGraph, the SavedModel loader, ...) passes here before it runs a graph's
 * SaveV2/RestoreV2, so here the file kernels get registered (file-kernel-registry.ts).
 */
export function requireFileSystem(fs: FileSystem | undefined, what: string): FileSystem {
  useFileKernels();
  if (!fs) {
    throw new TypeError(
      `${what} needs a file system: pass one (for example tf.io.memoryFs()) in core; @scopeflow/node and @scopeflow/browser bind theirs.`,
    );
  }
  return fs;
}

function isAbsolute(path: string): boolean {
  return path.startsWith("/") || /^[A-Za-z]:[\\/]/.test(path);
}

/** checkpoint_management.py: meta_graph_filename: `<prefix>.meta` */
export function metaGraphFilename(checkpointFilename: string, metaGraphSuffix = "meta"): string {
  const base = checkpointFilename.replace(/-\d+-of-\d+$/, "");
  return `${base}.${metaGraphSuffix}`;
}

/** checkpoint_management.py: checkpoint_exists_internal (V2: the `.index` file). */
export function checkpointExists(prefix: string, fs: FileSystem): boolean {
  return fs.exists(indexFileName(prefix));
}

/**
 * checkpoint_management.py: get_checkpoint_state(checkpoint_dir, latest_filename=None): the parsed `checkpoint` file
 * with relative paths joined to `checkpointDir`; null when there is no such file. A malformed file is a DataLossError
 * naming it (TF logs and returns None; scopeflow says what is wrong).
 */
export function getCheckpointState(
  checkpointDir: string,
  fs?: FileSystem,
  latestFilename = CHECKPOINT_STATE_FILENAME,
): CheckpointState | null {
  const files = requireFileSystem(fs, "getCheckpointState");
  const path = files.join(checkpointDir, latestFilename);
  if (!files.exists(path)) return null;
  const state = parseCheckpointState(decoder.decode(files.readFile(path)), path);
  if (!state.modelCheckpointPath) {
    // checkpoint_management.py: get_checkpoint_state
    throw new ValueError(`Invalid checkpoint state loaded from ${checkpointDir}`);
  }
  const resolve = (p: string) => (isAbsolute(p) ? p : files.join(checkpointDir, p));
  return {
    ...state,
    modelCheckpointPath: resolve(state.modelCheckpointPath),
    allModelCheckpointPaths: state.allModelCheckpointPaths.map(resolve),
  };
}

/**
 * checkpoint_management.py: update_checkpoint_state_internal with save_relative_paths=True: paths inside `saveDir`
 * are written relative to it. The file is replaced whole (or, inside a Saver's FileTransaction, staged in it).
 */
export function updateCheckpointState(
  saveDir: string,
  modelCheckpointPath: string,
  allModelCheckpointPaths: readonly string[],
  fs: FileSystem,
  latestFilename = CHECKPOINT_STATE_FILENAME,
): void {
  const relative = (p: string) => {
    const prefix = saveDir === "" || saveDir === "." ? "" : saveDir.endsWith("/") ? saveDir : `${saveDir}/`;
    return prefix && p.startsWith(prefix) ? p.slice(prefix.length) : p;
  };
  const text = printCheckpointState({
    modelCheckpointPath: relative(modelCheckpointPath),
    allModelCheckpointPaths: allModelCheckpointPaths.map(relative),
  });
  // file_io.atomic_write_string_to_file; through replaceFiles so that a Saver's transaction can hold it back
  replaceFiles(fs, [[fs.join(saveDir, latestFilename), new TextEncoder().encode(text)]]);
}

/** checkpoint_management.py: latest_checkpoint(checkpoint_dir): the newest prefix whose files exist, or null. */
export function latestCheckpoint(checkpointDir: string, fs?: FileSystem, latestFilename?: string): string | null {
  const files = requireFileSystem(fs, "latestCheckpoint");
  const state = getCheckpointState(checkpointDir, files, latestFilename);
  if (state?.modelCheckpointPath && checkpointExists(state.modelCheckpointPath, files))
    return state.modelCheckpointPath;
  return null;
}

/** checkpoint_management.py: remove_checkpoint (V2): `.index`, every `.data-*` shard and `.meta`. */
export function removeCheckpoint(prefix: string, fs: FileSystem, metaGraphSuffix = "meta"): void {
  const dir = fs.dirname(prefix);
  const base = fs.basename(prefix);
  const shard = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.data-\\d{5}-of-\\d{5}$`);
  const names = fs.isDirectory(dir || ".") ? fs.listDir(dir || ".") : [];
  const targets = [
    indexFileName(prefix),
    metaGraphFilename(prefix, metaGraphSuffix),
    ...names.filter((n) => shard.test(n)).map((n) => fs.join(dir, n)),
  ];
  for (const path of targets) if (fs.exists(path)) fs.remove(path);
}

/** checkpoint_utils.py: _get_checkpoint_filename: a folder means its latest checkpoint. */
export function checkpointPrefix(ckptDirOrFile: string, fs: FileSystem): string {
  if (fs.isDirectory(ckptDirOrFile)) {
    const latest = latestCheckpoint(ckptDirOrFile, fs);
    if (!latest) {
      // checkpoint_utils.py: load_checkpoint
      throw new ValueError(`Couldn't find 'checkpoint' file or checkpoints in given directory ${ckptDirOrFile}`);
    }
    return latest;
  }
  return ckptDirOrFile;
}

/** checkpoint_utils.py: list_variables(ckpt_dir_or_file): [name, shape] pairs, sorted by name. */
export function listVariables(ckptDirOrFile: string, fs?: FileSystem): [string, number[]][] {
  const files = requireFileSystem(fs, "listVariables");
  return openBundle(files, checkpointPrefix(ckptDirOrFile, files)).listVariables();
}

/** checkpoint_utils.py: load_variable(ckpt_dir_or_file, name): the tensor (a trailing `:0` is dropped). */
export function loadVariable(ckptDirOrFile: string, name: string, fs?: FileSystem): NDArray {
  const files = requireFileSystem(fs, "loadVariable");
  const key = name.endsWith(":0") ? name.slice(0, -2) : name;
  const reader = openBundle(files, checkpointPrefix(ckptDirOrFile, files));
  if (!reader.has(key)) {
    // tensor_bundle.cc: BundleReader::GetBundleEntryProto, with the keys there are
    throw new NotFoundError(
      `Key ${key} not found in checkpoint ${reader.prefix} (the checkpoint holds: ${reader.keys().join(", ")})`,
    );
  }
  return reader.lookup(key);
}
