// posix/error.cc (ErrnoToCode) + posix_file_system.cc (IOError): @scopeflow/node's file calls fail with the
// tf.errors class of the errno and `<file>; <strerror>`, and a failed whole-file write leaves no temp file.
import * as nodeFs from "node:fs";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fileSystemError } from "./fs-errors";
import * as tf from "./index";

vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  return { ...actual, writeSync: vi.fn(actual.writeSync), renameSync: vi.fn(actual.renameSync) };
});

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "scopeflow-fs-errors-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  vi.mocked(nodeFs.writeSync).mockReset();
  vi.mocked(nodeFs.renameSync).mockReset();
});

/** A Node errno error as libuv makes it. */
const errno = (code: string, text: string, path: string) =>
  Object.assign(new Error(`${code}: ${text}, open '${path}'`), { code, errno: -1, syscall: "open", path });

/** The error `body` throws. */
function errorOf(body: () => unknown): unknown {
  try {
    body();
  } catch (error) {
    return error;
  }
  return "no error";
}

describe("file errors are tf.errors classes naming the file", () => {
  it("maps errno codes as TF's ErrnoToCode does", () => {
    const cases: [string, string, { isInstance(v: unknown): boolean }, string][] = [
      ["ENOENT", "no such file or directory", tf.errors.NotFoundError, "/a; No such file or directory"],
      ["EACCES", "permission denied", tf.errors.PermissionDeniedError, "/a; Permission denied"],
      ["EROFS", "read-only file system", tf.errors.PermissionDeniedError, "/a; Read-only file system"],
      ["ENOSPC", "no space left on device", tf.errors.ResourceExhaustedError, "/a; No space left on device"],
      ["EEXIST", "file already exists", tf.errors.AlreadyExistsError, "/a; File exists"],
      ["ENOTEMPTY", "directory not empty", tf.errors.FailedPreconditionError, "/a; Directory not empty"],
      ["EFBIG", "file too large", tf.errors.OutOfRangeError, "/a; File too large"],
      ["EXDEV", "cross-device link not permitted", tf.errors.UnimplementedError, "/a; Cross-device link not permitted"],
      [
        "EAGAIN",
        "resource temporarily unavailable",
        tf.errors.UnavailableError,
        "/a; Resource temporarily unavailable",
      ],
      ["EIO", "i/o error", tf.errors.UnknownError, "/a; Input/output error"],
    ];
    for (const [code, text, cls, message] of cases) {
      const error = fileSystemError("/a", errno(code, text, "/a"));
      expect(cls.isInstance(error), code).toBe(true);
      expect((error as Error).message).toBe(message);
    }
  });

  it("passes through what is not an errno error", () => {
    const bug = new TypeError("not a file error");
    expect(fileSystemError("/a", bug)).toBe(bug);
  });

  it("real calls: a missing file, a file used as a folder, a folder read as a file, a full device", () => {
    const dir = tempDir();
    const fs = tf.nodeFs();
    const file = join(dir, "f");
    writeFileSync(file, "x");
    const missing = errorOf(() => fs.readFile(join(dir, "nope")));
    expect(tf.errors.NotFoundError.isInstance(missing)).toBe(true);
    expect(String(missing)).toBe(`NotFoundError: ${join(dir, "nope")}; No such file or directory`);
    expect(String(errorOf(() => fs.readFile(join(file, "x"))))).toBe(
      `FailedPreconditionError: ${join(file, "x")}; Not a directory`,
    );
    expect(String(errorOf(() => fs.readFile(dir)))).toBe(`FailedPreconditionError: ${dir}; Is a directory`);
    expect(String(errorOf(() => fs.appendFile("/dev/full", new Uint8Array(8))))).toBe(
      "ResourceExhaustedError: /dev/full; No space left on device",
    );
  });

  it("a full disk in the middle of a whole-file write: ResourceExhaustedError, the old file kept, no temp file", () => {
    const dir = tempDir();
    const fs = tf.nodeFs();
    const path = join(dir, "model.ckpt.index");
    writeFileSync(path, "old");
    vi.mocked(nodeFs.writeSync).mockImplementationOnce(() => {
      throw errno("ENOSPC", "no space left on device", path);
    });
    const error = errorOf(() => fs.writeFileAtomic(path, new Uint8Array(64)));
    expect(tf.errors.ResourceExhaustedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(`${path}; No space left on device`);
    expect(readdirSync(dir)).toEqual(["model.ckpt.index"]);
    expect(nodeFs.readFileSync(path, "utf8")).toBe("old");
  });

  it("a failed rename into place: the tf.errors class naming the file, no temp file", () => {
    const dir = tempDir();
    const fs = tf.nodeFs();
    const path = join(dir, "checkpoint");
    vi.mocked(nodeFs.renameSync).mockImplementationOnce(() => {
      throw errno("EACCES", "permission denied", path);
    });
    expect(String(errorOf(() => fs.writeFileAtomic(path, new Uint8Array(4))))).toBe(
      `PermissionDeniedError: ${path}; Permission denied`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});
