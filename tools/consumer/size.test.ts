// The size check of size.mjs: esbuild bundles of a graph-only page and a file-writing page stay under generous bounds.
import { describe, expect, it } from "vitest";
import { BOUNDS_KB, measure } from "./size.mjs";

describe("bundle size (esbuild --bundle --minify, gzip -9)", () => {
  it("graph-only and file-writing pages stay under their bounds, the graph-only page the smaller", async () => {
    const sizes = await measure();
    console.log(JSON.stringify(sizes));
    expect(sizes.graphOnly.gzipBytes).toBeLessThan(BOUNDS_KB.graphOnly * 1024);
    expect(sizes.files.gzipBytes).toBeLessThan(BOUNDS_KB.files * 1024);
    expect(sizes.graphOnly.gzipBytes).toBeLessThan(sizes.files.gzipBytes);
  });
});
