// The backends a Session can run on: the reference backend always, WASM once `ready()` registers it.
import { NotFoundError, UnimplementedError } from "../errors";
import type { DType } from "../framework/dtypes";
import { type Attrs, type Backend, type Kernel, lookupKernel } from "./contract";
import { referenceBackend } from "./reference/index";

const backends = new Map<string, Backend>([[referenceBackend.name, referenceBackend]]);
let active: Backend = referenceBackend;

/** Adds (or replaces) a backend under its name. */
export function registerBackend(backend: Backend): void {
  backends.set(backend.name, backend);
}

/** Selects the backend new `Session.run` calls use. */
export function setBackend(name: string): void {
  const backend = backends.get(name);
  if (!backend) {
    throw new NotFoundError(
      `No backend named '${name}' is registered (registered: ${[...backends.keys()].join(", ")}).`,
    );
  }
  active = backend;
}

/** The name of the active backend ("reference", or "wasm" after `await tf.ready()`). */
export function getBackend(): string {
  return active.name;
}

export function activeBackend(): Backend {
  return active;
}

/** The op types the active backend runs with its own kernels (the rest fall back to the reference kernels). */
export function nativeOpTypes(backend: Backend = active): string[] {
  return Object.keys(backend.kernels).sort();
}

/** Whether `backend` runs `opType` with its own kernel for these input dtypes (else the reference kernel runs). */
export function runsNatively(
  opType: string,
  inputDtypes: readonly DType[],
  backend: Backend = active,
  attrs?: Attrs,
): boolean {
  return (
    lookupKernel(backend.kernels, opType) !== undefined &&
    (!backend.supports || backend.supports(opType, inputDtypes, attrs))
  );
}

/** The kernel for `opType`: the backend's own, else the reference one (a visible fallback, see nativeOpTypes). */
export function kernelFor(
  opType: string,
  opName: string,
  backend: Backend = active,
  inputDtypes: readonly DType[] = [],
  attrs?: Attrs,
): Kernel {
  const kernel = runsNatively(opType, inputDtypes, backend, attrs)
    ? lookupKernel(backend.kernels, opType)
    : lookupKernel(referenceBackend.kernels, opType);
  if (!kernel) {
    // op_kernel.cc: FindKernelRegistration
    throw new UnimplementedError(
      `No OpKernel was registered to support Op '${opType}' used by node ${opName}. scopeflow has no kernel for this op type yet.`,
    );
  }
  return kernel;
}
