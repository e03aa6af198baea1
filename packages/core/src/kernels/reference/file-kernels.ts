// The file kernels with their codecs, registered into the reference table's stand-ins (file-kernel-registry.ts) by
// whatever builds or imports file ops.
import { registerFileKernels } from "./file-kernel-registry";
import { ioKernels } from "./io";
import { summaryKernels } from "./summary";
import { summaryMediaKernels } from "./summary-media";

/** Makes SaveV2, RestoreV2, MergeV2Checkpoints and the summary ops runnable in every Session. */
export function useFileKernels(): void {
  registerFileKernels({ ...ioKernels, ...summaryKernels, ...summaryMediaKernels });
}
