import { defineConfig } from "vitest/config";
import { CHROMIUM_PATH } from "../../tools/test-kit/vitest-projects";

// Node tests of the pure modules (src/**) and the page's tests in real Chromium (tests/**, Playwright driving the
// Chromium test-kit locates against dist/ served by scripts/static-server.mjs; `build` runs first under turbo).
// Without a Chromium the page's tests are left out, as the other packages' browser projects are (test-kit's rule).
export default defineConfig({
  test: {
    include: CHROMIUM_PATH === undefined ? ["src/**/*.test.ts"] : ["src/**/*.test.ts", "tests/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // One process for every file (they run one after another anyway): playwright and scopeflow are imported once.
    isolate: false,
    passWithNoTests: false,
  },
});
