import { defineConfig } from "vitest/config";

export default defineConfig({
  // 30 s guards against hangs only: starting onnxruntime-web takes seconds on a loaded 2-core machine.
  test: { include: ["src/**/*.test.ts"], environment: "node", passWithNoTests: false, testTimeout: 30_000 },
});
