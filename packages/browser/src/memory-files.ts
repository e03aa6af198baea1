// @scopeflow/browser's file calls: core's FileWriter, Session (Saver's SaveV2/RestoreV2), checkpoint, graph and tools calls
// bound to one in-memory file map (tf.io.memoryFs()), whose files can be taken out as Blobs or downloaded.
import * as core from "@scopeflow/core";
// Named imports from the subpaths, not `core.io.memoryFs`/`core.summary.FileWriter`: a property of a namespace object
// keeps the whole namespace (every file format) in a bundle that only runs graphs.
import { memoryFs } from "@scopeflow/core/io";
import { FileWriter as CoreFileWriter } from "@scopeflow/core/summary";

/** The file map every browser file call uses by default (replace per call with the `fileSystem` option). */
export const files: core.io.MemoryFileSystem = /* @__PURE__ */ memoryFs();

/** A file of the map as a Blob (`application/octet-stream`). */
export function fileBlob(path: string, fileSystem: core.io.MemoryFileSystem = files): Blob {
  return new Blob([fileSystem.readFile(path) as Uint8Array<ArrayBuffer>], { type: "application/octet-stream" });
}

/** Every file under `dir` (default all), path → Blob, for saving a logdir or a checkpoint folder. */
export function fileBlobs(dir = "/", fileSystem: core.io.MemoryFileSystem = files): Map<string, Blob> {
  const prefix = dir.endsWith("/") ? dir : `${dir}/`;
  const out = new Map<string, Blob>();
  for (const [path, bytes] of fileSystem.files()) {
    if (path.startsWith(prefix) || dir === "/")
      out.set(path, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "application/octet-stream" }));
  }
  return out;
}

/** Offers one file of the map as a download (an anchor element with an object URL), named after its basename. */
export function downloadFile(path: string, fileSystem: core.io.MemoryFileSystem = files): void {
  const url = URL.createObjectURL(fileBlob(path, fileSystem));
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = fileSystem.basename(path);
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

// Pure calls (no effect beyond their result): a page that uses none of the bound calls lets its bundler drop them, and
// with them the file formats and their protobuf codecs.
const bound: core.BoundFileCalls = /* @__PURE__ */ core.bindFileCalls(files);

/** tf.Session whose file kernels use the in-memory file map unless `fileSystem` is given. */
export class Session extends core.Session {
  constructor(options: core.SessionOptions = {}) {
    super({ fileSystem: files, ...options });
  }
}

/** tf.summary.FileWriter into the in-memory file map (host "browser"). */
export class FileWriter extends CoreFileWriter {
  constructor(logdir: string, graph?: core.Graph | null, options: core.summary.FileWriterOptions = {}) {
    super(logdir, graph, { fileSystem: files, host: "browser", ...options });
  }
}

// Built in pure closures so that an unused namespace costs a bundle nothing (an object spread at top level would stay).
export const summary: core.BoundFileCalls["summary"] = /* @__PURE__ */ (() => ({ ...bound.summary, FileWriter }))();
export const train: core.BoundFileCalls["train"] = /* @__PURE__ */ (() => bound.train)();
export const savedModel: core.BoundFileCalls["savedModel"] = /* @__PURE__ */ (() => bound.savedModel)();
export const tools: core.BoundFileCalls["tools"] = /* @__PURE__ */ (() => bound.tools)();
export const io: core.BoundFileCalls["io"] & {
  files: core.io.MemoryFileSystem;
  fileBlob: typeof fileBlob;
  fileBlobs: typeof fileBlobs;
  downloadFile: typeof downloadFile;
} = /* @__PURE__ */ (() => ({ ...bound.io, files, fileBlob, fileBlobs, downloadFile }))();
