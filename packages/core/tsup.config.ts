import { defineConfig, type Options } from "tsup";
import { pureNamespaces } from "./tsup.pure-namespaces";

const common: Options = {
  entry: {
    index: "src/index.ts",
    summary: "src/entries/summary.ts",
    graphdef: "src/entries/graphdef.ts",
    io: "src/entries/io.ts",
    kernels: "src/entries/kernels.ts",
  },
  // One copy of each module: the subpath entries share chunks with the index (a graph made with @scopeflow/core is
  // the one @scopeflow/core/graphdef imports into), in ESM and in CommonJS alike.
  splitting: true,
  dts: true,
  sourcemap: true,
  target: "es2022",
};

// The package's build script empties dist/ first: the two configs run in parallel and must not clean each other.
export default defineConfig([
  // ESM by esbuild alone: its chunks carry no bare `import "./chunk.js"` lines, which sideEffects: false would make a
  // consumer's esbuild warn about.
  { ...common, format: ["esm"], plugins: [pureNamespaces()] },
  // CJS split by rollup (treeshake), which keeps classes as written (tsup's own CJS splitting rewrites them).
  { ...common, format: ["cjs"], treeshake: true },
]);
