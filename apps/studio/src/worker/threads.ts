// How many threads run the kernels, and why. scopeflow's wasm kernels are one module over one (unshared)
// WebAssembly.Memory, with no worker pool: they run on the studio worker's one thread whatever the page may do.
// Cross-origin isolation (COOP/COEP, `pnpm studio` sends them) is what a threaded build would need
// (SharedArrayBuffer); file:// and plain static servers are not isolated.

export interface ThreadsInfo {
  /** Threads the kernels run on. */
  threads: number;
  backend: string;
  /** `crossOriginIsolated` of the worker: SharedArrayBuffer (threads) allowed. */
  isolated: boolean;
  /** navigator.hardwareConcurrency: the cores the browser reports. */
  cores: number;
}

/** The wasm kernels (and the reference kernels) are single-threaded: see the module comment. */
export const KERNEL_THREADS = 1;

/** Read in the worker, where the kernels run. */
export function threadsInfo(backend: string, scope: { crossOriginIsolated?: boolean; navigator?: Navigator }) {
  return {
    threads: KERNEL_THREADS,
    backend,
    isolated: scope.crossOriginIsolated === true,
    cores: scope.navigator?.hardwareConcurrency ?? 1,
  } satisfies ThreadsInfo;
}

/** "1 thread" and why, for the page's status line. */
export function threadsText(info: ThreadsInfo): { short: string; why: string } {
  const short = `${info.threads} thread${info.threads === 1 ? "" : "s"}`;
  const kernels =
    info.backend === "wasm"
      ? "the wasm kernels are single-threaded (one module, unshared memory, no worker pool)"
      : `the ${info.backend} kernels run in JavaScript on the worker's thread`;
  const page = info.isolated
    ? `the page is cross-origin isolated (SharedArrayBuffer allowed), ${info.cores} cores reported`
    : "the page is not cross-origin isolated (opened from file:// or served without COOP/COEP headers), so a threaded build could not run here either";
  return { short, why: `${short}: ${kernels}; ${page}.` };
}
