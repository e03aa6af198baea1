// The reference kernels of the ops that read or write TF's file formats (checkpoint bundles, Summary protos) hold the
// protobuf codecs, the biggest part of core. The reference table holds stand-ins for them here
// (lazy-kernel-registry.ts); the real kernels (file-kernels.ts) are registered by the code that builds or imports
// such ops (tf.summary's ops, the Saver's save and restore, initFromCheckpoint, importGraphDef and so importMetaGraph
// and the SavedModel loader): a page that only builds and runs a graph never ships the codecs.
import { opDefs } from "../../ops/op-defs";
import { kernelStandIns, registerKernels } from "../lazy-kernel-registry";
import type { ioKernels } from "./io";
import type { summaryKernels } from "./summary";
import type { summaryMediaKernels } from "./summary-media";

export type FileKernels = typeof ioKernels & typeof summaryKernels & typeof summaryMediaKernels;
type FileOpType = keyof FileKernels;

/** The op types of FileKernels (one left out leaves the reference table without it: `satisfies Kernels` fails). */
const FILE_OP_TYPES = [
  opDefs.SaveV2.type,
  opDefs.RestoreV2.type,
  opDefs.MergeV2Checkpoints.type,
  opDefs.ScalarSummary.type,
  opDefs.HistogramSummary.type,
  opDefs.MergeSummary.type,
  opDefs.ImageSummary.type,
  opDefs.AudioSummaryV2.type,
  opDefs.TensorSummaryV2.type,
] as const satisfies readonly FileOpType[];

/** Makes the file kernels run (idempotent); file-kernels.ts's useFileKernels is the one caller. */
export function registerFileKernels(kernels: FileKernels): void {
  registerKernels(kernels);
}

/** The reference table's entries for the file ops: each runs the registered kernel. */
export const fileKernelStandIns = kernelStandIns(
  FILE_OP_TYPES,
  "reads or writes a TF file format, whose codecs load with the code that builds or imports such ops (tf.summary's ops, tf.train.Saver's save and restore, tf.train.initFromCheckpoint, tf.importGraphDef, tf.train.importMetaGraph, tf.savedModel.loader.load); this graph got the op another way: call one of them first.",
);
