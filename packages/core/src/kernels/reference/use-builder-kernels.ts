// All the kernel families of builder-kernel-stand-ins.ts, for the code that may meet any op (importGraphDef).
import { useCandidateSamplingKernels } from "./candidate-sampling";
import { useGatherScatterNdKernels } from "./gather-scatter-nd";
import { useLinalgKernels } from "./linalg";
import { useConv3dKernels } from "./nn-conv3d";
import { useSpaceToBatchKernels } from "./space-to-batch";
import { useSparseKernels } from "./sparse";

/** Makes every op of builder-kernel-stand-ins.ts runnable in every Session (idempotent). */
export function useBuilderKernels(): void {
  useCandidateSamplingKernels();
  useGatherScatterNdKernels();
  useLinalgKernels();
  useConv3dKernels();
  useSpaceToBatchKernels();
  useSparseKernels();
}
