// tensorflow/core/platform/posix/posix_file_system.cc, for @scopeflow/node: core's FileSystem on the disk with
// synchronous calls. Whole-file writes go to a temp file in the same folder and are renamed into place; appends
// (event files) go to the end of the file, as posix_file_system.cc's NewAppendableFile does.
import * as nodeFsModule from "node:fs";
import * as nodePath from "node:path";
import type { SessionOptions } from "@scopeflow/core";
import { fileSystemError } from "./fs-errors";

/** core's FileSystem interface (io/file-system.ts). */
type FileSystem = NonNullable<SessionOptions["fileSystem"]>;

export interface NodeFsOptions {
  /** fsync each file before its rename, and after each append (durable across power loss; slower). Default false. */
  fsync?: boolean;
}

function wrap<T>(path: string, body: () => T): T {
  try {
    return body();
  } catch (error) {
    throw fileSystemError(path, error);
  }
}

const local = (path: string) => (path === "" ? "." : path);

/** Writes all of `bytes` at the fd's position (writeSync may write fewer bytes than asked). */
function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += nodeFsModule.writeSync(fd, bytes, done, bytes.length - done);
}

/** The disk as a core FileSystem. */
export function nodeFs(options: NodeFsOptions = {}): FileSystem {
  return {
    readFile: (path) => wrap(path, () => new Uint8Array(nodeFsModule.readFileSync(local(path)))),
    writeFileAtomic(path, bytes) {
      const temp = `${path}.tmp${process.pid}.${Math.floor(Math.random() * 2 ** 32).toString(16)}`;
      wrap(path, () => {
        try {
          const fd = nodeFsModule.openSync(temp, "w");
          try {
            writeAll(fd, bytes);
            if (options.fsync) nodeFsModule.fsyncSync(fd);
          } finally {
            nodeFsModule.closeSync(fd);
          }
          nodeFsModule.renameSync(temp, path);
        } catch (error) {
          // Whatever failed (a full disk mid-write, the rename), the temp file goes: a full disk does not stay full.
          nodeFsModule.rmSync(temp, { force: true });
          throw error;
        }
      });
    },
    appendFile(path, bytes) {
      wrap(path, () => {
        // O_APPEND: every write lands at the end of the file, whatever else has the file open.
        const fd = nodeFsModule.openSync(path, "a");
        try {
          writeAll(fd, bytes);
          if (options.fsync) nodeFsModule.fsyncSync(fd);
        } finally {
          nodeFsModule.closeSync(fd);
        }
      });
    },
    exists: (path) => nodeFsModule.existsSync(local(path)),
    listDir: (path) => wrap(path, () => nodeFsModule.readdirSync(local(path)).sort()),
    makeDirs: (path) => wrap(path, () => void nodeFsModule.mkdirSync(local(path), { recursive: true })),
    remove: (path) => wrap(path, () => nodeFsModule.unlinkSync(path)),
    removeDir: (path) => wrap(path, () => nodeFsModule.rmdirSync(local(path))),
    rename: (from, to) => wrap(from, () => nodeFsModule.renameSync(from, to)),
    isDirectory: (path) => {
      try {
        return nodeFsModule.statSync(local(path)).isDirectory();
      } catch {
        return false;
      }
    },
    join: (...parts) => nodePath.join(...parts.filter((p) => p !== "")),
    dirname: (path) => {
      const dir = nodePath.dirname(path);
      return dir === "." && !path.startsWith(".") ? "" : dir;
    },
    basename: (path) => nodePath.basename(path),
  };
}
