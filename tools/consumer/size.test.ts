// The size check of size.mjs: esbuild bundles of a graph-only page and a file-writing page stay under their bounds, and
// the file formats' codecs and the kernel families their op builders register reach only a page that uses them.
import { beforeAll, describe, expect, it } from "vitest";
import { BOUNDS_KB, measure } from "./size.mjs";

let sizes: Awaited<ReturnType<typeof measure>>;

beforeAll(async () => {
  sizes = await measure();
  console.log(JSON.stringify({ graphOnly: sizes.graphOnly.gzipBytes, files: sizes.files.gzipBytes }));
});

describe("bundle size (esbuild --bundle --minify, gzip -9)", () => {
  it("graph-only and file-writing pages stay under their bounds, the graph-only page the smaller", () => {
    expect(sizes.graphOnly.gzipBytes).toBeLessThan(BOUNDS_KB.graphOnly * 1024);
    expect(sizes.files.gzipBytes).toBeLessThan(BOUNDS_KB.files * 1024);
    expect(sizes.graphOnly.gzipBytes).toBeLessThan(sizes.files.gzipBytes);
  });

  it("the protobuf runtime and TF's generated messages reach the file-writing page only", () => {
    const codecs = (page: "graphOnly" | "files") =>
      Object.entries(sizes[page].modules)
        .filter(([path, bytes]) => bytes > 0 && /@bufbuild\/protobuf|\/proto\/gen\//.test(path))
        .map(([path]) => path);
    expect(codecs("graphOnly")).toEqual([]);
    expect(codecs("files").length).toBeGreaterThan(0);
  });

  it("the kernel families their op builders register (builder-kernel-stand-ins.ts) stay off the graph-only page", () => {
    const families = Object.entries(sizes.graphOnly.modules)
      .filter(
        ([path, bytes]) =>
          bytes > 0 &&
          /kernels\/reference\/(candidate-sampling|gather-scatter-nd|linalg|nn-conv3d|space-to-batch|sparse|image|matrix|array-extra|space-depth|math-special|special-functions|sort|logging|segment|optimizer-updates|tensor-array|nn-batch-norm|nn-depthwise)\.js$/.test(
            path,
          ),
      )
      .map(([path]) => path);
    expect(families).toEqual([]);
  });
});
