import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    summary: "src/entries/summary.ts",
    graphdef: "src/entries/graphdef.ts",
    kernels: "src/entries/kernels.ts",
  },
  format: ["esm", "cjs"],
  // One copy of each module for CommonJS too: the subpath entries share chunks with index.cjs (a graph made with
  // require("@scopeflow/core") is the one require("@scopeflow/core/graphdef") imports into). treeshake makes tsup
  // split the CJS output with rollup, which keeps classes as written.
  splitting: true,
  treeshake: true,
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
});
