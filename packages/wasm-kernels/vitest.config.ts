import { defineConfig } from "vitest/config";
import { runtimeProjects } from "../../tools/test-kit/vitest-projects";

export default defineConfig({
  test: { passWithNoTests: false, projects: runtimeProjects() },
});
