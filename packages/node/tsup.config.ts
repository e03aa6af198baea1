import { defineConfig } from "tsup";

export default defineConfig({
  // cli: the `scopeflow` bin (package.json "bin"); only the index has declarations.
  entry: { index: "src/index.ts", cli: "src/cli/main.ts" },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts" } },
  clean: true,
  sourcemap: true,
  target: "es2022",
});
