import { defineConfig } from "vitest/config";

// beforeAll packs and installs the packages and runs tsc, publint, attw and vite build (minutes on a busy machine).
export default defineConfig({
  test: { include: ["*.test.ts"], testTimeout: 30_000, hookTimeout: 480_000, passWithNoTests: false },
});
