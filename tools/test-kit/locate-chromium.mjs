// Which Chromium the browser test projects drive. Shared by the vitest configs (tools/test-kit/vitest-projects.ts)
// and the suite runner (tools/test-kit/run-suite.mjs), so both decide the same way.
//
// SCOPEFLOW_CHROMIUM:
//   unset or ""  look for one: /usr/bin/chromium, `chromium` or `chromium-browser` on PATH, then the browser
//                `npx playwright install chromium` downloads. None found: the browser tests are skipped with one
//                line saying how to enable them, except under CI=true, where a missing browser is a failure.
//   "none"       skip the browser tests on purpose (also under CI=true: an explicit opt-out, not a missing browser)
//   a path       use that executable; a path that is not an executable file is an error, never a silent skip
import { accessSync, constants, statSync } from "node:fs";
import { createRequire } from "node:module";
import { delimiter, join } from "node:path";

export const SKIP = "none";

/** The one line printed when browser tests are skipped. */
export const HOW_TO_ENABLE =
  "Browser tests skipped: no Chromium found. To run them: `apt-get install chromium`, or `npx playwright install " +
  "chromium`, or SCOPEFLOW_CHROMIUM=/path/to/chrome (README: Testing).";

const SYSTEM_PATHS = ["/usr/bin/chromium"];
const PATH_NAMES = ["chromium", "chromium-browser"];

function isExecutableFile(path) {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Playwright's own download (`npx playwright install chromium`), if it is there. */
function playwrightChromium() {
  try {
    const { chromium } = createRequire(import.meta.url)("playwright");
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/**
 * The Chromium to test with: `{ path }`, or `{ path: undefined, requested }` when there is none (`requested`: the
 * skip was asked for with SCOPEFLOW_CHROMIUM=none). Throws when SCOPEFLOW_CHROMIUM names no executable file.
 */
export function locateChromium(
  env = process.env,
  isExecutable = isExecutableFile,
  playwrightPath = playwrightChromium,
) {
  const override = env.SCOPEFLOW_CHROMIUM ?? "";
  if (override === SKIP) return { path: undefined, requested: true };
  if (override !== "") {
    if (!isExecutable(override)) {
      throw new Error(`SCOPEFLOW_CHROMIUM=${override} is not an executable file (unset it to look for a Chromium)`);
    }
    return { path: override };
  }
  const onPath = (env.PATH ?? "")
    .split(delimiter)
    .filter((dir) => dir !== "")
    .flatMap((dir) => PATH_NAMES.map((name) => join(dir, name)));
  const found = [...SYSTEM_PATHS, ...onPath].find((candidate) => isExecutable(candidate));
  if (found !== undefined) return { path: found };
  const downloaded = playwrightPath();
  if (downloaded !== undefined && isExecutable(downloaded)) return { path: downloaded };
  return { path: undefined, requested: false };
}

/** Under CI=true the browser tests are required: a Chromium that cannot be found fails instead of skipping. */
export function browserRequired(env = process.env) {
  return env.CI === "true" || env.CI === "1";
}

/** The line printed when a required browser is missing. */
export const MISSING_IN_CI =
  "Browser tests cannot run: CI=true and no Chromium found (install Debian's chromium as .ci/run does, or set " +
  "SCOPEFLOW_CHROMIUM=/path/to/chrome; SCOPEFLOW_CHROMIUM=none skips them on purpose).";
