// op_kernel.cc: FindKernelRegistration's error for an op type with no kernel, shared by the kernel lookup and the
// reference kernels of op types scopeflow declares but does not run.
import { UnimplementedError } from "../../errors";

export function noKernelError(opType: string, opName: string): Error {
  return new UnimplementedError(
    `No OpKernel was registered to support Op '${opType}' used by node ${opName}. scopeflow has no kernel for this op type yet.`,
  );
}
