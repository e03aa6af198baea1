// Shared vitest projects: the same test files under `node` and `chromium` (browser mode, Playwright driving the
// Chromium ./locate-chromium.mjs locates: Debian's /usr/bin/chromium, one on PATH, SCOPEFLOW_CHROMIUM, or Playwright's own).
// The only difference between them is which loader `@scopeflow/test-kit/load-bytes` resolves to: fs in node, fetch
// in the browser. Without a Chromium the `chromium` project is left out (one line says so), except under CI=true.
import { fileURLToPath } from "node:url";
import { playwright } from "@vitest/browser-playwright";
import type { TestProjectInlineConfiguration } from "vitest/config";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium";

const loader = (runtime: "node" | "browser") =>
  fileURLToPath(new URL(`./src/load-bytes.${runtime}.ts`, import.meta.url));

export { CHROMIUM_ARGS, CHROMIUM_PATH };

/** Guards against hangs only (tests assert no timings); a loaded 2-core CI machine needs seconds for the heavy ones. */
const TEST_TIMEOUT = 30_000;

export function nodeProject(include: string[] = ["src/**/*.test.ts"]): TestProjectInlineConfiguration {
  return {
    extends: true,
    resolve: {
      alias: { "@scopeflow/test-kit/load-bytes": loader("node") },
    },
    test: {
      name: "node",
      include,
      exclude: ["**/*.browser.test.ts", "**/node_modules/**"],
      environment: "node",
      testTimeout: TEST_TIMEOUT,
    },
  };
}

export function chromiumProject(include: string[] = ["src/**/*.test.ts"]): TestProjectInlineConfiguration {
  return {
    extends: true,
    resolve: {
      alias: { "@scopeflow/test-kit/load-bytes": loader("browser") },
    },
    test: {
      name: "chromium",
      include,
      testTimeout: TEST_TIMEOUT,
      exclude: ["**/*.node.test.ts", "**/node_modules/**"],
      browser: {
        enabled: true,
        headless: true,
        screenshotFailures: false,
        provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } }),
        instances: [{ browser: "chromium" }],
      },
    },
  };
}

/** Both projects (node only without a Chromium), for a package's vitest.config.ts: `projects: runtimeProjects()`. */
export function runtimeProjects(include?: string[]): TestProjectInlineConfiguration[] {
  return CHROMIUM_PATH === undefined ? [nodeProject(include)] : [nodeProject(include), chromiumProject(include)];
}

const platformEntry = (runtime: "node" | "browser") =>
  fileURLToPath(new URL(`../../packages/${runtime}/dist/index.js`, import.meta.url));

/**
 * Both projects, with `@scopeflow/test-kit/platform` resolving to the built `@scopeflow/node` under `node` and the
 * built `@scopeflow/browser` under `chromium`: one test file loads scopeflow as each runtime's users do.
 */
export function platformProjects(include?: string[]): TestProjectInlineConfiguration[] {
  const withPlatform = (project: TestProjectInlineConfiguration, runtime: "node" | "browser") => ({
    ...project,
    resolve: {
      alias: {
        ...(project.resolve?.alias as Record<string, string>),
        "@scopeflow/test-kit/platform": platformEntry(runtime),
      },
    },
  });
  const node = withPlatform(nodeProject(include), "node");
  return CHROMIUM_PATH === undefined ? [node] : [node, withPlatform(chromiumProject(include), "browser")];
}
