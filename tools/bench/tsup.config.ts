import { defineConfig } from "tsup";

// dist/bench.js, dist/host-process.js and dist/bench-browser.js: ESM scripts for Node 20 (which cannot strip
// TypeScript types itself). Dependencies stay external, except tfjs-core's gradient registrations (see
// src/peers/tfjs.ts) and the two small packages they import. dist/browser/page.js: the page of bench:browser, with
// everything bundled but onnxruntime-web, which the page loads from the server. `build` empties dist/ first.
export default defineConfig([
  {
    entry: { bench: "src/bench.ts", "host-process": "src/host-process.ts", "bench-browser": "src/bench-browser.ts" },
    format: ["esm"],
    platform: "node",
    target: "node20",
    clean: false,
    sourcemap: true,
    noExternal: [/^@tensorflow\/tfjs-core\/dist\//, "seedrandom", "long"],
    external: ["playwright"],
  },
  {
    entry: { page: "src/browser/page.ts" },
    outDir: "dist/browser",
    format: ["esm"],
    platform: "browser",
    target: "es2022",
    clean: false,
    sourcemap: true,
    noExternal: [/.*/],
  },
]);
