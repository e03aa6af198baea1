// An in-memory FileSystem (for @scopeflow/browser and for tests), shaped like tensorflow/core/platform/file_system.h.
import { FailedPreconditionError, NotFoundError } from "../errors";
import { basenamePath, dirnamePath, type FileSystem, joinPath } from "./file-system";

/** A FileSystem whose files live in a Map; `files()` hands them out (the browser package turns them into Blobs). */
export interface MemoryFileSystem extends FileSystem {
  /** Every file, path → bytes, sorted by path. */
  files(): Map<string, Uint8Array>;
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}

/** A fresh, empty in-memory file system; relative paths resolve against `/`. */
export function memoryFs(): MemoryFileSystem {
  const files = new Map<string, Uint8Array>();
  const dirs = new Set<string>(["/"]);

  const notFound = (path: string): never => {
    // env.cc / posix_file_system.cc: errors::NotFound(fname, "; No such file or directory")
    throw new NotFoundError(`${path}; No such file or directory`);
  };
  const requireParent = (path: string, key: string) => {
    if (!dirs.has(dirnamePath(key))) notFound(dirnamePath(path) || path);
  };

  return {
    readFile(path) {
      const bytes = files.get(normalize(path));
      if (!bytes) return notFound(path);
      return bytes.slice();
    },
    writeFileAtomic(path, bytes) {
      const key = normalize(path);
      requireParent(path, key);
      if (dirs.has(key)) throw new FailedPreconditionError(`${path}; Is a directory`);
      files.set(key, bytes.slice());
    },
    exists(path) {
      const key = normalize(path);
      return files.has(key) || dirs.has(key);
    },
    isDirectory(path) {
      return dirs.has(normalize(path));
    },
    listDir(path) {
      const key = normalize(path);
      if (!dirs.has(key)) return notFound(path);
      const prefix = key === "/" ? "/" : `${key}/`;
      const names = new Set<string>();
      for (const p of [...files.keys(), ...dirs]) {
        if (p !== key && p.startsWith(prefix)) names.add(p.slice(prefix.length).split("/")[0]);
      }
      return [...names].sort();
    },
    makeDirs(path) {
      let key = normalize(path);
      if (files.has(key)) throw new FailedPreconditionError(`${path}; Not a directory`);
      while (!dirs.has(key)) {
        dirs.add(key);
        key = dirnamePath(key);
      }
    },
    remove(path) {
      const key = normalize(path);
      if (!files.delete(key)) notFound(path);
    },
    rename(from, to) {
      const src = normalize(from);
      const dst = normalize(to);
      const bytes = files.get(src);
      if (!bytes) return notFound(from);
      requireParent(to, dst);
      files.delete(src);
      files.set(dst, bytes);
    },
    join: joinPath,
    dirname: dirnamePath,
    basename: basenamePath,
    files() {
      return new Map(
        [...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, v.slice()]),
      );
    },
  };
}
