import { defineConfig } from "tsup";

// One ESM script for Node 20 (which cannot strip TypeScript types itself). Dependencies stay external, except
// tfjs-core's gradient registrations (see src/peers/tfjs.ts) and the two small packages they import.
export default defineConfig({
  entry: { bench: "src/bench.ts", "host-process": "src/host-process.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  clean: true,
  sourcemap: true,
  noExternal: [/^@tensorflow\/tfjs-core\/dist\//, "seedrandom", "long"],
});
