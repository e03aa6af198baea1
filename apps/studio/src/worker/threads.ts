// How many threads run the kernels, and why, from `tf.backendInfo()` in the worker where the kernels run. The wasm
// kernels split big ops across worker threads over one shared WebAssembly.Memory; that needs a cross-origin isolated
// page (COOP/COEP: `pnpm studio` sends them), so file:// and plain static servers run them on one thread.
import type { BackendInfo } from "@scopeflow/browser";

export interface ThreadsInfo {
  /** Threads the kernels run on. */
  threads: number;
  backend: string;
  /** Why the kernels run on one thread although more were asked for (backendInfo().reason). */
  reason?: string;
  /** `crossOriginIsolated` of the worker: SharedArrayBuffer (threads) allowed. */
  isolated: boolean;
  /** navigator.hardwareConcurrency: the cores the browser reports. */
  cores: number;
}

/** Read in the worker, where the kernels run. */
export function threadsInfo(
  info: Pick<BackendInfo, "backend" | "numThreads" | "reason">,
  scope: { crossOriginIsolated?: boolean; navigator?: Navigator },
): ThreadsInfo {
  return {
    threads: info.backend === "wasm" ? info.numThreads : 1,
    backend: info.backend,
    ...(info.reason === undefined ? {} : { reason: info.reason }),
    isolated: scope.crossOriginIsolated === true,
    cores: scope.navigator?.hardwareConcurrency ?? 1,
  };
}

/** "2 threads" and why, for the page's status line. */
export function threadsText(info: ThreadsInfo): { short: string; why: string } {
  const short = `${info.threads} thread${info.threads === 1 ? "" : "s"}`;
  let kernels: string;
  if (info.backend !== "wasm") kernels = `the ${info.backend} kernels run in JavaScript on the worker's thread`;
  else if (info.threads > 1)
    kernels = `the wasm kernels split big ops across ${info.threads} threads over one shared memory`;
  // Not isolated: the page clause below says why; otherwise backendInfo's reason (workers could not start, ...).
  else kernels = `the wasm kernels run on one thread${info.reason && info.isolated ? ` (${info.reason})` : ""}`;
  const page = info.isolated
    ? `the page is cross-origin isolated (SharedArrayBuffer allowed), ${info.cores} cores reported`
    : "the page is not cross-origin isolated (opened from file:// or served without COOP/COEP headers), so threads cannot run here";
  return { short, why: `${short}: ${kernels}; ${page}.` };
}
