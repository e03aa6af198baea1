// @scopeflow/node's file calls: core's FileWriter, Session (for Saver's SaveV2/RestoreV2), checkpoint and graph
// functions bound to the disk (node-fs.ts) and this host's name, so no call needs a file-system argument.
import { hostname } from "node:os";
import * as core from "@scopeflow/core";
import { nodeFs } from "./node-fs";

const disk = nodeFs();

/** tf.Session whose file kernels (SaveV2, RestoreV2) use the disk unless `fileSystem` is given. */
export class Session extends core.Session {
  constructor(options: ConstructorParameters<typeof core.Session>[0] = {}) {
    super({ fileSystem: disk, ...options });
  }
}

type FileWriterOptions = NonNullable<ConstructorParameters<typeof core.summary.FileWriter>[2]>;

/** tf.summary.FileWriter writing `events.out.tfevents.<seconds>.<hostname>` on the disk. */
export class FileWriter extends core.summary.FileWriter {
  constructor(logdir: string, graph?: core.Graph | null, options: FileWriterOptions = {}) {
    super(logdir, graph, { fileSystem: disk, host: hostname(), ...options });
  }
}

/** tf.summary with FileWriter and summaryIterator on the disk. */
export const summary = {
  ...core.summary,
  FileWriter,
  summaryIterator: (path: string) => core.summary.summaryIterator(path, disk),
};

/** tf.train with the checkpoint, meta graph and write_graph calls on the disk. */
export const train = {
  ...core.train,
  latestCheckpoint: (dir: string, latestFilename?: string) => core.train.latestCheckpoint(dir, disk, latestFilename),
  getCheckpointState: (dir: string, latestFilename?: string) => core.train.getCheckpointState(dir, disk, latestFilename),
  listVariables: (ckptDirOrFile: string) => core.train.listVariables(ckptDirOrFile, disk),
  loadVariable: (ckptDirOrFile: string, name: string) => core.train.loadVariable(ckptDirOrFile, name, disk),
  writeGraph: (graphOrDef: Parameters<typeof core.train.writeGraph>[0], logdir: string, name: string, asText = true) =>
    core.train.writeGraph(graphOrDef, logdir, name, asText, disk),
  exportMetaGraph: (filename?: string | null, options: Parameters<typeof core.train.exportMetaGraph>[1] = {}) =>
    core.train.exportMetaGraph(filename, { fileSystem: disk, ...options }),
  importMetaGraph: (fileOrDef: Parameters<typeof core.train.importMetaGraph>[0], options: Parameters<typeof core.train.importMetaGraph>[1] = {}) =>
    core.train.importMetaGraph(fileOrDef, { fileSystem: disk, ...options }),
  summaryIterator: (path: string) => core.summary.summaryIterator(path, disk),
};

/** tf.io plus the disk FileSystem. */
export const io = { ...core.io, nodeFs, writeGraph: train.writeGraph };
