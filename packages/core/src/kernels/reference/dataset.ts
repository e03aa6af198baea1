// dataset_ops.cc: scopeflow runs no tf.data pipeline. Its graph ops import and export (ops/dataset-defs.ts); running
// one fails as TF's executor fails for an op with no kernel.
import type { Kernel } from "../contract";
import { noKernelError } from "./no-kernel";

const unimplemented: Kernel = (_inputs, ctx) => {
  throw noKernelError(ctx.opType, ctx.opName);
};

export const datasetKernels = {
  TensorDataset: unimplemented,
  FlatMapDataset: unimplemented,
  BatchDatasetV2: unimplemented,
  RepeatDataset: unimplemented,
  OptimizeDataset: unimplemented,
  ModelDataset: unimplemented,
  IteratorV2: unimplemented,
  MakeIterator: unimplemented,
  IteratorToStringHandle: unimplemented,
  IteratorGetNext: unimplemented,
} satisfies Record<string, Kernel>;
