// The one place that binds core's file calls to a runtime's FileSystem, so @scopeflow/node (the disk) and
// @scopeflow/browser (an in-memory file map) expose `tf.train`, `tf.summary` and `tf.io` needing no fs argument.

import * as io from "../graphdef/tf-io";
import type { FileSystem } from "../io/file-system";
import type { SummaryIteratorOptions } from "../summary/summary-iterator";
import * as summary from "../summary/tf-summary";
import * as train from "../train/index";

/** `tf.train`, `tf.summary` and `tf.io` with every file call bound to `fs` (FileWriter is bound by the runtime). */
export function bindFileCalls(fs: FileSystem) {
  const writeGraph = (
    graphOrDef: Parameters<typeof train.writeGraph>[0],
    logdir: string,
    name: string,
    asText = true,
  ) => train.writeGraph(graphOrDef, logdir, name, asText, fs);
  const summaryIterator = (path: string, options?: SummaryIteratorOptions) =>
    summary.summaryIterator(path, fs, options);
  return {
    train: {
      ...train,
      latestCheckpoint: (dir: string, latestFilename?: string) => train.latestCheckpoint(dir, fs, latestFilename),
      getCheckpointState: (dir: string, latestFilename?: string) => train.getCheckpointState(dir, fs, latestFilename),
      listVariables: (ckptDirOrFile: string) => train.listVariables(ckptDirOrFile, fs),
      loadVariable: (ckptDirOrFile: string, name: string) => train.loadVariable(ckptDirOrFile, name, fs),
      writeGraph,
      exportMetaGraph: (filename?: string | null, options: Parameters<typeof train.exportMetaGraph>[1] = {}) =>
        train.exportMetaGraph(filename, { fileSystem: fs, ...options }),
      importMetaGraph: (
        fileOrDef: Parameters<typeof train.importMetaGraph>[0],
        options: Parameters<typeof train.importMetaGraph>[1] = {},
      ) => train.importMetaGraph(fileOrDef, { fileSystem: fs, ...options }),
      summaryIterator,
    },
    summary: { ...summary, summaryIterator },
    io: { ...io, writeGraph },
  };
}

export type BoundFileCalls = ReturnType<typeof bindFileCalls>;
