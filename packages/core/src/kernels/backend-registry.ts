// The backends a Session can run on: the reference backend always, WASM once `ready()` registers it. The registry
// holds them by name and a default (what `ready()` or `setBackend` selects); a Session resolves its backend once,
// when it is made, so changing the default later leaves existing Sessions as they are.
import { NotFoundError } from "../errors";
import type { DType } from "../framework/dtypes";
import { type Attrs, type Backend, lookupKernel, type OpKernel } from "./contract";
import { referenceBackend } from "./reference/index";
import { noKernelError } from "./reference/no-kernel";

const backends = new Map<string, Backend>([[referenceBackend.name, referenceBackend]]);
let defaultBackend: Backend = referenceBackend;

/** Adds (or replaces) a backend under its name. */
export function registerBackend(backend: Backend): void {
  backends.set(backend.name, backend);
  // A replaced default is replaced as the default too, so the default is always a registered backend.
  if (defaultBackend.name === backend.name) defaultBackend = backend;
}

/** The message for a backend name nobody registered. */
function unknownBackendMessage(name: string): string {
  return (
    `No backend named '${name}' is registered (registered: ${[...backends.keys()].join(", ")}). ` +
    `Name a registered backend; "wasm" is registered by \`await tf.ready()\` of @scopeflow/node or @scopeflow/browser.`
  );
}

/**
 * The backend registered as `name`, or the default when `name` is undefined. A Session calls this once, when it is
 * made (`new Session({ backend })`).
 */
export function resolveBackend(name?: string): Backend {
  if (name === undefined) return defaultBackend;
  const backend = backends.get(name);
  if (!backend) throw new NotFoundError(unknownBackendMessage(name));
  return backend;
}

/** Selects the default backend: the one Sessions made after this call run on unless they name another. */
export function setBackend(name: string): void {
  defaultBackend = resolveBackend(name);
}

/** The name of the default backend ("reference", or "wasm" after `await tf.ready()`). */
export function getBackend(): string {
  return defaultBackend.name;
}

/**
 * The op types `backend` (by default, the default backend) runs with its own kernels; the rest fall back to the
 * reference kernels.
 */
export function nativeOpTypes(backend: Backend | string = defaultBackend): string[] {
  const resolved = typeof backend === "string" ? resolveBackend(backend) : backend;
  return Object.keys(resolved.kernels).sort();
}

/** Whether `backend` runs `opType` with its own kernel for these input dtypes (else the reference kernel runs). */
export function runsNatively(opType: string, inputDtypes: readonly DType[], backend: Backend, attrs?: Attrs): boolean {
  return (
    lookupKernel(backend.kernels, opType) !== undefined &&
    (!backend.supports || backend.supports(opType, inputDtypes, attrs))
  );
}

/** The kernel for `opType`: the backend's own, else the reference one (a visible fallback, see nativeOpTypes). */
export function kernelFor(
  opType: string,
  opName: string,
  backend: Backend,
  inputDtypes: readonly DType[] = [],
  attrs?: Attrs,
): OpKernel {
  const kernel = runsNatively(opType, inputDtypes, backend, attrs)
    ? lookupKernel(backend.kernels, opType)
    : lookupKernel(referenceBackend.kernels, opType);
  if (!kernel) {
    // op_kernel.cc: FindKernelRegistration
    throw noKernelError(opType, opName);
  }
  return kernel;
}
