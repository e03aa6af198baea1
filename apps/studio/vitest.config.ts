import { defineConfig } from "vitest/config";

// Node tests of the pure modules (src/**) and the page's tests in real Chromium (tests/**, Playwright driving
// Debian's /usr/bin/chromium against dist/ served by scripts/static-server.mjs; `build` runs first under turbo).
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "tests/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // One process for every file (they run one after another anyway): playwright and scopeflow are imported once.
    isolate: false,
    passWithNoTests: false,
  },
});
