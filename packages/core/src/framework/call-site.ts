// scope tools (no TF equivalent; TF 1.15 keeps a traceback per op): the user's "file:line" for a scope, variable or op,
// taken from a stack trace only while capture is on, since a stack trace per scope is not free.

let captureEnabled = false;

/** tf.tools.captureCallSites: record "file:line" of the user's call for each scope, getVariable and op. */
export function setCaptureCallSites(on: boolean): void {
  captureEnabled = on;
}

export function callSitesCaptured(): boolean {
  return captureEnabled;
}

const FRAME_LOCATION = /\(?((?:[a-z][\w+.-]*:\/\/\/?)?[^\s()]*?):(\d+):\d+\)?$/;

/** Where a stack line points, as "path:line" (URL scheme, query and hash dropped), or undefined. */
function locationOf(line: string): string | undefined {
  const m = FRAME_LOCATION.exec(line.trim());
  if (!m || !m[1]) return undefined;
  const path = m[1].replace(/^file:\/\//, "").replace(/[?#].*$/, "");
  return `${path}:${m[2]}`;
}

/** The source root holding this module: `.../src/` in a checkout, `.../dist/` in a built package. */
let libraryRoot: string | undefined;

/**
 * The first stack frame outside scopeflow: the user's line that made the current scope, variable or op. Frames
 * under scopeflow's own source root count as scopeflow's, except test files, which are users.
 */
export function callSite(): string | undefined {
  const holder = Error as { stackTraceLimit?: number };
  const limit = holder.stackTraceLimit;
  holder.stackTraceLimit = 64;
  const stack = new Error().stack ?? "";
  holder.stackTraceLimit = limit;
  const locations = stack
    .split("\n")
    .map(locationOf)
    .filter((l): l is string => l !== undefined);
  if (locations.length === 0) return undefined;
  if (libraryRoot === undefined) {
    const own = locations[0].replace(/:\d+$/, "");
    const at = Math.max(own.lastIndexOf("/src/"), own.lastIndexOf("/dist/"));
    libraryRoot = at >= 0 ? own.slice(0, own.indexOf("/", at + 1) + 1) : own;
  }
  const root = libraryRoot;
  return locations.find((l) => !l.startsWith(root) || /\.test\.[cm]?[jt]sx?:/.test(l));
}
