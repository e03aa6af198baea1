// The Chromium every browser run drives (vitest's chromium projects, the studio's page tests, tools/bench's
// bench:browser), as ./locate-chromium.mjs locates it (Debian's /usr/bin/chromium, one on PATH, SCOPEFLOW_CHROMIUM, or
// Playwright's own), headless, with no network side traffic.
import { browserRequired, HOW_TO_ENABLE, locateChromium, MISSING_IN_CI } from "./locate-chromium.mjs";

/** The Chromium to drive, or undefined when there is none (browser tests are then skipped, except under CI=true). */
export const CHROMIUM_PATH = chromiumOrSkip();

function chromiumOrSkip(): string | undefined {
  const located = locateChromium();
  if (located.path !== undefined || located.requested) return located.path;
  if (browserRequired()) throw new Error(MISSING_IN_CI);
  // vitest loads a config more than once per process: the line is printed once.
  const warned = Symbol.for("scopeflow.chromium-skip-warned");
  if (!(globalThis as Record<symbol, unknown>)[warned]) console.warn(HOW_TO_ENABLE);
  (globalThis as Record<symbol, unknown>)[warned] = true;
  return undefined;
}

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
