// @scopeflow/browser imported in Node: everything but ready() works; ready() explains that fetch cannot read the
// default file: URL and points to @scopeflow/node.
import { describe, expect, it } from "vitest";
import { FILE_URL_HINT, ready } from "./ready";

describe("@scopeflow/browser's ready() in Node", () => {
  it("names the file: URL and points to @scopeflow/node instead of fetch's own failure", async () => {
    const wasm = new URL("../../wasm-kernels/build/kernels.wasm", import.meta.url);
    await expect(ready({ wasmPath: wasm })).rejects.toThrow(
      `The wasm backend failed to load from ${wasm.href}: ${FILE_URL_HINT}. The reference backend stays selected.`,
    );
    expect(FILE_URL_HINT).toContain("@scopeflow/node");
  });
});
