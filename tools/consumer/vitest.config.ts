import { defineConfig } from "vitest/config";

// beforeAll packs the four packages and installs them with npm (about a minute on a busy machine).
export default defineConfig({
  test: { include: ["*.test.ts"], testTimeout: 30_000, hookTimeout: 240_000, passWithNoTests: false },
});
