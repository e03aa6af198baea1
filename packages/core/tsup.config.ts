import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    summary: "src/entries/summary.ts",
    graphdef: "src/entries/graphdef.ts",
    kernels: "src/entries/kernels.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
});
