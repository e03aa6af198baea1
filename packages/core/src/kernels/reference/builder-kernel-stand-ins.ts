// Rarely used reference kernel families, left out of a page that never builds their ops: the reference table holds
// stand-ins for them (lazy-kernel-registry.ts), and the family's kernels are registered by every builder that makes
// these ops (its use*Kernels function, called before createOp) and by importGraphDef (use-builder-kernels.ts).
import { opDefs } from "../../ops/op-defs";
import { kernelStandIns } from "../lazy-kernel-registry";
import type { arrayExtraKernels } from "./array-extra";
import type { candidateSamplingKernels } from "./candidate-sampling";
import type { gatherScatterNdKernels } from "./gather-scatter-nd";
import type { imageKernels } from "./image";
import type { linalgKernels } from "./linalg";
import type { loggingKernels } from "./logging";
import type { mathSpecialKernels } from "./math-special";
import type { matrixKernels } from "./matrix";
import type { nnBatchNormKernels } from "./nn-batch-norm";
import type { nnConv3dKernels } from "./nn-conv3d";
import type { nnDepthwiseKernels } from "./nn-depthwise";
import type { optimizerUpdateKernels } from "./optimizer-updates";
import type { segmentKernels } from "./segment";
import type { sortKernels } from "./sort";
import type { spaceDepthKernels } from "./space-depth";
import type { spaceToBatchKernels } from "./space-to-batch";
import type { sparseKernels } from "./sparse";
import type { tensorArrayKernels } from "./tensor-array";

type BuilderKernels = typeof candidateSamplingKernels &
  typeof gatherScatterNdKernels &
  typeof linalgKernels &
  typeof nnConv3dKernels &
  typeof spaceToBatchKernels &
  typeof sparseKernels &
  typeof nnDepthwiseKernels &
  typeof nnBatchNormKernels &
  typeof tensorArrayKernels &
  typeof imageKernels &
  typeof matrixKernels &
  typeof arrayExtraKernels &
  typeof spaceDepthKernels &
  typeof mathSpecialKernels &
  typeof sortKernels &
  typeof loggingKernels &
  typeof segmentKernels &
  typeof optimizerUpdateKernels;

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
  opDefs.DepthwiseConv2dNative.type,
  opDefs.DepthwiseConv2dNativeBackpropInput.type,
  opDefs.DepthwiseConv2dNativeBackpropFilter.type,
  opDefs.FusedBatchNormV3.type,
  opDefs.FusedBatchNormGradV3.type,
  opDefs.TensorArrayV3.type,
  opDefs.TensorArrayWriteV3.type,
  opDefs.TensorArrayReadV3.type,
  opDefs.TensorArrayGatherV3.type,
  opDefs.TensorArrayScatterV3.type,
  opDefs.TensorArrayConcatV3.type,
  opDefs.TensorArraySplitV3.type,
  opDefs.TensorArrayGradV3.type,
  opDefs.TensorArraySizeV3.type,
  opDefs.TensorArrayCloseV3.type,
  opDefs.ResizeBilinear.type,
  opDefs.ResizeNearestNeighbor.type,
  opDefs.ResizeBilinearGrad.type,
  opDefs.ResizeNearestNeighborGrad.type,
  opDefs.Diag.type,
  opDefs.MatrixDiag.type,
  opDefs.MatrixDiagPart.type,
  opDefs.MatrixSetDiag.type,
  opDefs.MatrixBandPart.type,
  opDefs.LinSpace.type,
  opDefs.Roll.type,
  opDefs.BroadcastTo.type,
  opDefs.SpaceToDepth.type,
  opDefs.DepthToSpace.type,
  opDefs.Tan.type,
  opDefs.Asin.type,
  opDefs.Acos.type,
  opDefs.Atan.type,
  opDefs.Sinh.type,
  opDefs.Cosh.type,
  opDefs.Asinh.type,
  opDefs.Acosh.type,
  opDefs.Atanh.type,
  opDefs.Erf.type,
  opDefs.Erfc.type,
  opDefs.Lgamma.type,
  opDefs.Digamma.type,
  opDefs.Expm1.type,
  opDefs.Rint.type,
  opDefs.Polygamma.type,
  opDefs.Zeta.type,
  opDefs.Atan2.type,
  opDefs.TruncateDiv.type,
  opDefs.TruncateMod.type,
  opDefs.Xdivy.type,
  opDefs.Xlogy.type,
  opDefs.EuclideanNorm.type,
  opDefs.TopKV2.type,
  opDefs.Print.type,
  opDefs.CheckNumerics.type,
  opDefs.SegmentSum.type,
  opDefs.SegmentMean.type,
  opDefs.SegmentProd.type,
  opDefs.SegmentMin.type,
  opDefs.SegmentMax.type,
  opDefs.UnsortedSegmentMax.type,
  opDefs.UnsortedSegmentMin.type,
  opDefs.UnsortedSegmentProd.type,
  opDefs.ApplyAdadelta.type,
  opDefs.SparseApplyAdadelta.type,
  opDefs.ApplyFtrl.type,
  opDefs.SparseApplyFtrl.type,
  opDefs.ApplyFtrlV2.type,
  opDefs.SparseApplyFtrlV2.type,
  opDefs.ApplyProximalGradientDescent.type,
  opDefs.SparseApplyProximalGradientDescent.type,
  opDefs.ApplyProximalAdagrad.type,
  opDefs.SparseApplyProximalAdagrad.type,
  opDefs.ApplyAdagradDA.type,
  opDefs.SparseApplyAdagradDA.type,
] as const satisfies readonly (keyof BuilderKernels)[];

/** The reference table's entries for these ops: each runs the registered kernel. */
export const builderKernelStandIns = kernelStandIns(
  BUILDER_OP_TYPES,
  "has its kernel loaded by the code that builds such ops (the tf function that makes it, tf.importGraphDef, tf.train.importMetaGraph, tf.savedModel.loader.load); this graph got the op another way: call one of them first.",
);
