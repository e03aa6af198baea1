// The system Chromium every browser run uses (vitest's chromium projects, tools/bench's bench:browser): Debian's
// /usr/bin/chromium (`apt-get install -y chromium`), headless, with no network side traffic.

/** Path of the system Chromium; override with SCOPEFLOW_CHROMIUM. */
export const CHROMIUM_PATH = process.env.SCOPEFLOW_CHROMIUM ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
