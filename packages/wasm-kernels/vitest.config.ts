import { defineConfig } from "vitest/config";
import { nodeProject, runtimeProjects } from "../../tools/test-kit/vitest-projects";
import { hasWasmRelaxedSimd } from "./src/module";

// Node < 22 validates relaxed SIMD only behind a flag: there, a third project runs the conformance tables on the
// relaxed-SIMD build (and checks that it is the one chosen) in workers started with the flag. Node >= 22 and
// Chromium run both builds in their own projects.
const relaxedProject = () => {
  const project = nodeProject(["src/conformance.test.ts", "src/module.test.ts"]);
  return {
    ...project,
    test: {
      ...project.test,
      name: "node-relaxed-simd",
      execArgv: ["--experimental-wasm-relaxed-simd"],
      env: { SCOPEFLOW_KERNELS_BUILD: "relaxed-simd" },
    },
  };
};

export default defineConfig({
  test: {
    passWithNoTests: false,
    projects: [...runtimeProjects(), ...(hasWasmRelaxedSimd() ? [] : [relaxedProject()])],
  },
});
