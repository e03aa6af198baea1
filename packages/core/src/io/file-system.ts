// tensorflow/core/platform/file_system.h: the synchronous file calls core's writers and readers need.
// @scopeflow/node implements this on the disk, @scopeflow/browser (and tests) with memoryFs().

/** A synchronous file system. Paths use `/`; errors are TF's (`NotFoundError` for a missing path). */
export interface FileSystem {
  /** The whole file; NotFoundError when it does not exist. */
  readFile(path: string): Uint8Array;
  /** Writes the whole file or nothing (temp file + rename on disk); the parent folder must exist. */
  writeFileAtomic(path: string, bytes: Uint8Array): void;
  /**
   * Appends `bytes` to the end of the file in one write, creating it when missing; the parent folder must exist.
   * Not atomic: a crash can leave a prefix of `bytes` (TF's EventsWriter appends its records the same way).
   */
  appendFile(path: string, bytes: Uint8Array): void;
  exists(path: string): boolean;
  /** The names (not paths) in a folder, sorted; NotFoundError when it does not exist. */
  listDir(path: string): string[];
  /** Creates a folder and its missing parents (`mkdir -p`). */
  makeDirs(path: string): void;
  /** Removes a file; NotFoundError when it does not exist. */
  remove(path: string): void;
  /** Removes an empty folder (TF's DeleteDir); optional: without it, merged checkpoints leave their temp folder. */
  removeDir?(path: string): void;
  /** Renames a file, replacing `to` if it exists. */
  rename(from: string, to: string): void;
  isDirectory(path: string): boolean;
  join(...parts: string[]): string;
  dirname(path: string): string;
  basename(path: string): string;
}

/** Posix path join: empty parts are skipped, an absolute part restarts the path, `//` collapses. */
export function joinPath(...parts: string[]): string {
  let out = "";
  for (const part of parts) {
    if (!part) continue;
    if (part.startsWith("/") || out === "") out = part;
    else out = out.endsWith("/") ? out + part : `${out}/${part}`;
  }
  return out.replace(/\/{2,}/g, "/");
}

/** os.path.dirname: everything before the last `/` ("" when there is none; "/" for a file at the root). */
export function dirnamePath(path: string): string {
  const i = path.lastIndexOf("/");
  if (i < 0) return "";
  if (i === 0) return "/";
  return path.slice(0, i).replace(/\/+$/, "") || "/";
}

/** os.path.basename: everything after the last `/`. */
export function basenamePath(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
