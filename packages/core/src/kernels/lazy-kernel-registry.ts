// Reference kernels that ship only with the code that makes their ops. The reference table holds stand-ins for
// their op types; the real kernels are registered by whatever builds or imports such ops, so a page that only builds
// and runs a simple graph never ships them, and the kernels stay synchronous. The families so registered: the file
// ops (reference/file-kernel-registry.ts) and the rarely used ones the op builders register
// (reference/builder-kernel-stand-ins.ts).
import { UnimplementedError } from "../errors";
import type { Kernel } from "./contract";

/** By op type (a Map: types come from graph data). */
const registered = new Map<string, Kernel>();

/** Makes `kernels` run in every Session (idempotent). */
export function registerKernels(kernels: Readonly<Record<string, Kernel>>): void {
  for (const [type, kernel] of Object.entries(kernels)) registered.set(type, kernel);
}

/**
 * The reference table's entries for `types`: each runs the registered kernel, or, none registered yet, throws
 * UnimplementedError `<type> '<node>' <unregistered>` (which says what registers it).
 */
export function kernelStandIns<T extends string>(types: readonly T[], unregistered: string): Record<T, Kernel> {
  return Object.fromEntries(
    types.map((type): [T, Kernel] => [
      type,
      (inputs, ctx) => {
        const kernel = registered.get(type);
        if (!kernel) throw new UnimplementedError(`${ctx.opType} '${ctx.opName}' ${unregistered}`);
        return kernel(inputs, ctx);
      },
    ]),
  ) as Record<T, Kernel>;
}
