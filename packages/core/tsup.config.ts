import { defineConfig, type Options } from "tsup";
import { moduleEntries, relativeImports } from "./tsup.modules";

/** The published entry points (package.json `exports`), by output name. */
const ENTRIES = {
  index: "src/index.ts",
  summary: "src/entries/summary.ts",
  graphdef: "src/entries/graphdef.ts",
  io: "src/entries/io.ts",
  kernels: "src/entries/kernels.ts",
};

// The package's build script empties dist/ first: the two configs run in parallel and must not clean each other.
export default defineConfig((): Options[] => {
  const entry = moduleEntries(ENTRIES);
  // One output file per source module, its relative imports kept (rewritten to the output names): a consumer's
  // bundler then drops every module a page does not use (sideEffects: false), as it would from the sources; one
  // bundle per entry would keep every top-level call of every module. One copy of each module in ESM and CommonJS
  // alike: the subpath entries import the same files as the index.
  const common: Options = {
    entry,
    bundle: true,
    splitting: false,
    sourcemap: true,
    target: "es2022",
    // Declarations stay one bundle per entry point.
    dts: { entry: ENTRIES },
  };
  return [
    { ...common, format: ["esm"], esbuildPlugins: [relativeImports(entry, ".js")] },
    { ...common, format: ["cjs"], esbuildPlugins: [relativeImports(entry, ".cjs")] },
  ];
});
