// All the kernel families of builder-kernel-stand-ins.ts, for the code that may meet any op (importGraphDef).

import { useArrayExtraKernels } from "./array-extra";
import { useCandidateSamplingKernels } from "./candidate-sampling";
import { useGatherScatterNdKernels } from "./gather-scatter-nd";
import { useImageKernels } from "./image";
import { useLinalgKernels } from "./linalg";
import { useLoggingKernels } from "./logging";
import { useMathSpecialKernels } from "./math-special";
import { useMatrixKernels } from "./matrix";
import { useBatchNormKernels } from "./nn-batch-norm";
import { useConv3dKernels } from "./nn-conv3d";
import { useDepthwiseKernels } from "./nn-depthwise";
import { useOptimizerUpdateKernels } from "./optimizer-updates";
import { useSegmentKernels } from "./segment";
import { useSortKernels } from "./sort";
import { useSpaceDepthKernels } from "./space-depth";
import { useSpaceToBatchKernels } from "./space-to-batch";
import { useSparseKernels } from "./sparse";
import { useTensorArrayKernels } from "./tensor-array";

/** Makes every op of builder-kernel-stand-ins.ts runnable in every Session (idempotent). */
export function useBuilderKernels(): void {
  useCandidateSamplingKernels();
  useGatherScatterNdKernels();
  useLinalgKernels();
  useConv3dKernels();
  useSpaceToBatchKernels();
  useSparseKernels();
  useDepthwiseKernels();
  useBatchNormKernels();
  useTensorArrayKernels();
  useImageKernels();
  useMatrixKernels();
  useArrayExtraKernels();
  useSpaceDepthKernels();
  useMathSpecialKernels();
  useSortKernels();
  useLoggingKernels();
  useSegmentKernels();
  useOptimizerUpdateKernels();
}
