// The reference backend: plain-TypeScript kernels, written to be obviously right. They are the oracle the WASM
// kernels are tested against. Each family exports its table of kernel functions; this is the one place they are
// merged, and the backend adapts them to the OpKernel contract once (eagerKernels: every call runs the function).
import { type Backend, eagerKernels, type Kernels } from "../contract";
import { arrayKernels } from "./array";
import { arrayExtraKernels } from "./array-extra";
import { basicKernels } from "./basic";
import { builderKernelStandIns } from "./builder-kernel-stand-ins";
import { controlFlowKernels } from "./control-flow";
import { datasetKernels } from "./dataset";
import { fileKernelStandIns } from "./file-kernel-registry";
import { imageKernels } from "./image";
import { loggingKernels } from "./logging";
import { mathKernels } from "./math";
import { mathSpecialKernels } from "./math-special";
import { matrixKernels } from "./matrix";
import { nnKernels } from "./nn";
import { nnBatchNormKernels } from "./nn-batch-norm";
import { nnDepthwiseKernels } from "./nn-depthwise";
import { nnExtraKernels } from "./nn-extra";
import { optimizerUpdateKernels } from "./optimizer-updates";
import { randomKernels } from "./random";
import { reverseKernels } from "./reverse";
import { segmentKernels } from "./segment";
import { sortKernels } from "./sort";
import { spaceDepthKernels } from "./space-depth";
import { sparseUpdateKernels } from "./sparse-update";
import { stackKernels } from "./stack";
import { stateKernels } from "./state";
import { stringKernels } from "./string";
import { tensorArrayKernels } from "./tensor-array";
import { trainingKernels } from "./training";
import { adaptiveTrainingKernels } from "./training-adaptive";

export const referenceKernels = {
  ...basicKernels,
  ...mathKernels,
  ...mathSpecialKernels,
  ...matrixKernels,
  ...arrayKernels,
  ...nnKernels,
  ...fileKernelStandIns,
  ...builderKernelStandIns,
  ...stringKernels,
  ...trainingKernels,
  ...stateKernels,
  ...randomKernels,
  ...nnDepthwiseKernels,
  ...nnBatchNormKernels,
  ...controlFlowKernels,
  ...tensorArrayKernels,
  ...sparseUpdateKernels,
  ...reverseKernels,
  ...segmentKernels,
  ...stackKernels,
  ...adaptiveTrainingKernels,
  ...datasetKernels,
  ...imageKernels,
  ...loggingKernels,
  ...optimizerUpdateKernels,
  ...nnExtraKernels,
  ...sortKernels,
  ...arrayExtraKernels,
  ...spaceDepthKernels,
} satisfies Kernels;

export const referenceBackend: Backend = { name: "reference", kernels: eagerKernels(referenceKernels) };
