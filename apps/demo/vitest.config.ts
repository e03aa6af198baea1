import { defineConfig } from "vitest/config";

export default defineConfig({
  // A generous per-test limit: it only guards against hangs (tests assert no timings), and a loaded 2-core CI
  // machine runs the heavier end-to-end tests (event files, training demos) in seconds.
  test: { include: ["src/**/*.test.ts"], environment: "node", testTimeout: 30_000 },
});
