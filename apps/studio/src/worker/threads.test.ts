import { describe, expect, it } from "vitest";
import { threadsInfo, threadsText } from "./threads";

describe("threads status", () => {
  it("says 1 thread on the wasm backend and whether the page could share memory", () => {
    const served = threadsInfo("wasm", { crossOriginIsolated: true, navigator: { hardwareConcurrency: 8 } as never });
    expect(served).toEqual({ threads: 1, backend: "wasm", isolated: true, cores: 8 });
    expect(threadsText(served)).toEqual({
      short: "1 thread",
      why: "1 thread: the wasm kernels are single-threaded (one module, unshared memory, no worker pool); the page is cross-origin isolated (SharedArrayBuffer allowed), 8 cores reported.",
    });
    const fromDisk = threadsText(threadsInfo("reference", {}));
    expect(fromDisk.why).toBe(
      "1 thread: the reference kernels run in JavaScript on the worker's thread; the page is not cross-origin isolated (opened from file:// or served without COOP/COEP headers), so a threaded build could not run here either.",
    );
  });
});
