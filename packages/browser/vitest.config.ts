import { defineConfig } from "vitest/config";
import { platformProjects } from "../../tools/test-kit/vitest-projects";

export default defineConfig({
  test: { passWithNoTests: false, projects: platformProjects() },
});
