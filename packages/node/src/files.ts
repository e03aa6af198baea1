// @scopeflow/node's file calls: core's Session (for Saver's SaveV2/RestoreV2), FileWriter, checkpoint, graph and tools
// functions bound to the disk (node-fs.ts) and this host's name, so no call needs a file-system argument.
import { hostname } from "node:os";
import * as core from "@scopeflow/core";
import { nodeFs } from "./node-fs";

const disk = nodeFs();
const bound: core.BoundFileCalls = core.bindFileCalls(disk);

/** tf.Session whose file kernels (SaveV2, RestoreV2) use the disk unless `fileSystem` is given. */
export class Session extends core.Session {
  constructor(options: core.SessionOptions = {}) {
    super({ fileSystem: disk, ...options });
  }
}

/** tf.summary.FileWriter writing `events.out.tfevents.<seconds>.<hostname>` on the disk. */
export class FileWriter extends core.summary.FileWriter {
  constructor(logdir: string, graph?: core.Graph | null, options: core.summary.FileWriterOptions = {}) {
    super(logdir, graph, { fileSystem: disk, host: hostname(), ...options });
  }
}

export const summary: core.BoundFileCalls["summary"] = { ...bound.summary, FileWriter };
export const train: core.BoundFileCalls["train"] = bound.train;
export const savedModel: core.BoundFileCalls["savedModel"] = bound.savedModel;
export const tools: core.BoundFileCalls["tools"] = bound.tools;
export const io: core.BoundFileCalls["io"] & { nodeFs: typeof nodeFs } = { ...bound.io, nodeFs };
