// Rarely used reference kernel families, left out of a page that never builds their ops: the reference table holds
// stand-ins for them (lazy-kernel-registry.ts), and the family's kernels are registered by every builder that makes
// these ops (its use*Kernels function, called before createOp) and by importGraphDef (use-builder-kernels.ts).
import { opDefs } from "../../ops/op-defs";
import { kernelStandIns } from "../lazy-kernel-registry";
import type { candidateSamplingKernels } from "./candidate-sampling";
import type { gatherScatterNdKernels } from "./gather-scatter-nd";
import type { linalgKernels } from "./linalg";
import type { nnConv3dKernels } from "./nn-conv3d";
import type { spaceToBatchKernels } from "./space-to-batch";
import type { sparseKernels } from "./sparse";

type BuilderKernels = typeof candidateSamplingKernels &
  typeof gatherScatterNdKernels &
  typeof linalgKernels &
  typeof nnConv3dKernels &
  typeof spaceToBatchKernels &
  typeof sparseKernels;

/** The op types of BuilderKernels (one left out leaves the reference table without it: `satisfies Kernels` fails). */
const BUILDER_OP_TYPES = [
  opDefs.LogUniformCandidateSampler.type,
  opDefs.UniformCandidateSampler.type,
  opDefs.ComputeAccidentalHits.type,
  opDefs.GatherNd.type,
  opDefs.ScatterNd.type,
  opDefs.Qr.type,
  opDefs.DiagPart.type,
  opDefs.Conv3D.type,
  opDefs.Conv3DBackpropInputV2.type,
  opDefs.Conv3DBackpropFilterV2.type,
  opDefs.SpaceToBatchND.type,
  opDefs.BatchToSpaceND.type,
  opDefs.SparseToDense.type,
] as const satisfies readonly (keyof BuilderKernels)[];

/** The reference table's entries for these ops: each runs the registered kernel. */
export const builderKernelStandIns = kernelStandIns(
  BUILDER_OP_TYPES,
  "has its kernel loaded by the code that builds such ops (the tf function that makes it, tf.importGraphDef, tf.train.importMetaGraph, tf.savedModel.loader.load); this graph got the op another way: call one of them first.",
);
