// The reference backend: plain-TypeScript kernels, written to be obviously right. They are the oracle the WASM
// kernels are tested against. Each family exports its table of kernel functions; this is the one place they are
// merged, and the backend adapts them to the OpKernel contract once (eagerKernels: every call runs the function).
import { type Backend, eagerKernels, type Kernels } from "../contract";
import { arrayKernels } from "./array";
import { basicKernels } from "./basic";
import { builderKernelStandIns } from "./builder-kernel-stand-ins";
import { controlFlowKernels } from "./control-flow";
import { datasetKernels } from "./dataset";
import { fileKernelStandIns } from "./file-kernel-registry";
import { mathKernels } from "./math";
import { nnKernels } from "./nn";
import { nnExtraKernels } from "./nn-extra";
import { randomKernels } from "./random";
import { reverseKernels } from "./reverse";
import { sparseUpdateKernels } from "./sparse-update";
import { stackKernels } from "./stack";
import { stateKernels } from "./state";
import { stringKernels } from "./string";
import { trainingKernels } from "./training";
import { adaptiveTrainingKernels } from "./training-adaptive";

export const referenceKernels = {
  ...basicKernels,
  ...mathKernels,
  ...arrayKernels,
  ...nnKernels,
  ...fileKernelStandIns,
  ...builderKernelStandIns,
  ...stringKernels,
  ...trainingKernels,
  ...stateKernels,
  ...randomKernels,
  ...controlFlowKernels,
  ...sparseUpdateKernels,
  ...reverseKernels,
  ...stackKernels,
  ...adaptiveTrainingKernels,
  ...datasetKernels,
  ...nnExtraKernels,
} satisfies Kernels;

export const referenceBackend: Backend = { name: "reference", kernels: eagerKernels(referenceKernels) };
