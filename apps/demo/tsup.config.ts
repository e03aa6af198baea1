import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    "seed-scopes": "src/seed-scopes.ts",
    siamese: "src/siamese.ts",
    "graph-view": "src/graph-view.ts",
    "scope-tools": "src/scope-tools.ts",
  },
  format: ["esm"],
  clean: true,
  target: "es2022",
});
