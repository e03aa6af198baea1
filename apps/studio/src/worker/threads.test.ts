import { describe, expect, it } from "vitest";
import { threadsInfo, threadsText } from "./threads";

describe("threads status", () => {
  it("says how many threads the wasm kernels split across, and why only one where the page can't share memory", () => {
    const served = threadsInfo(
      { backend: "wasm", numThreads: 8 },
      { crossOriginIsolated: true, navigator: { hardwareConcurrency: 8 } as never },
    );
    expect(served).toEqual({ threads: 8, backend: "wasm", isolated: true, cores: 8 });
    expect(threadsText(served)).toEqual({
      short: "8 threads",
      why: "8 threads: the wasm kernels split big ops across 8 threads over one shared memory; the page is cross-origin isolated (SharedArrayBuffer allowed), 8 cores reported.",
    });
    const fromDisk = threadsText(
      threadsInfo({ backend: "wasm", numThreads: 1, reason: "the page is not cross-origin isolated (...)" }, {}),
    );
    expect(fromDisk).toEqual({
      short: "1 thread",
      why: "1 thread: the wasm kernels run on one thread; the page is not cross-origin isolated (opened from file:// or served without COOP/COEP headers), so threads cannot run here.",
    });
    const reason = "worker threads could not start: blocked by worker-src";
    const blocked = threadsInfo(
      { backend: "wasm", numThreads: 1, reason },
      { crossOriginIsolated: true, navigator: { hardwareConcurrency: 4 } as never },
    );
    expect(threadsText(blocked).why).toBe(
      `1 thread: the wasm kernels run on one thread (${reason}); the page is cross-origin isolated (SharedArrayBuffer allowed), 4 cores reported.`,
    );
    const reference = threadsText(threadsInfo({ backend: "reference", numThreads: 1 }, {}));
    expect(reference.why).toMatch(/^1 thread: the reference kernels run in JavaScript on the worker's thread; /);
  });
});
