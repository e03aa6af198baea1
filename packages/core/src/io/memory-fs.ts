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

/** A file's bytes: `data` has room to grow, so appending copies only the new bytes (amortized). */
interface Stored {
  data: Uint8Array;
  length: number;
}

/** A fresh, empty in-memory file system; relative paths resolve against `/`. */
export function memoryFs(): MemoryFileSystem {
  const files = new Map<string, Stored>();
  const dirs = new Set<string>(["/"]);

  const notFound = (path: string): never => {
    // env.cc / posix_file_system.cc: errors::NotFound(fname, "; No such file or directory")
    throw new NotFoundError(`${path}; No such file or directory`);
  };
  const requireParent = (path: string, key: string) => {
    if (!dirs.has(dirnamePath(key))) notFound(dirnamePath(path) || path);
  };
  const requireFile = (path: string, key: string) => {
    requireParent(path, key);
    if (dirs.has(key)) throw new FailedPreconditionError(`${path}; Is a directory`);
  };
  const contents = (stored: Stored) => stored.data.slice(0, stored.length);

  return {
    readFile(path) {
      const stored = files.get(normalize(path));
      if (!stored) return notFound(path);
      return contents(stored);
    },
    writeFileAtomic(path, bytes) {
      const key = normalize(path);
      requireFile(path, key);
      files.set(key, { data: bytes.slice(), length: bytes.length });
    },
    appendFile(path, bytes) {
      const key = normalize(path);
      requireFile(path, key);
      const stored = files.get(key);
      if (!stored) {
        files.set(key, { data: bytes.slice(), length: bytes.length });
        return;
      }
      const length = stored.length + bytes.length;
      if (length > stored.data.length) {
        const grown = new Uint8Array(Math.max(length, 2 * stored.data.length));
        grown.set(stored.data.subarray(0, stored.length));
        stored.data = grown;
      }
      stored.data.set(bytes, stored.length);
      stored.length = length;
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
    removeDir(path) {
      const key = normalize(path);
      if (!dirs.has(key)) return notFound(path);
      const prefix = key === "/" ? "/" : `${key}/`;
      if ([...files.keys(), ...dirs].some((p) => p.startsWith(prefix))) {
        throw new FailedPreconditionError(`${path}; Directory not empty`);
      }
      dirs.delete(key);
    },
    rename(from, to) {
      const src = normalize(from);
      const dst = normalize(to);
      const stored = files.get(src);
      if (!stored) return notFound(from);
      requireParent(to, dst);
      files.delete(src);
      files.set(dst, stored);
    },
    join: joinPath,
    dirname: dirnamePath,
    basename: basenamePath,
    files() {
      return new Map(
        [...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, contents(v)]),
      );
    },
  };
}
