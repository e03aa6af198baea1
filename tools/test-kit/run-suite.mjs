// The README's `pnpm test`: build, typecheck, lint, tools/check, then every package's tests. Every stage runs even
// when an earlier one failed (turbo --continue inside a stage too), so one failure never hides the other results;
// the exit code is non-zero when anything failed. The Chromium decision is made once here (./locate-chromium.mjs) and
// handed to every package through SCOPEFLOW_CHROMIUM (a path, or "none"), which is also part of turbo's task hash.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { browserRequired, HOW_TO_ENABLE, locateChromium, MISSING_IN_CI, SKIP } from "./locate-chromium.mjs";

const CONTINUE = "--continue=dependencies-successful";
const failed = [];

function stage(name, command, args, env = process.env, cwd = undefined) {
  const { status, error } = spawnSync(command, args, { stdio: "inherit", env, cwd });
  if (error !== undefined || status !== 0) failed.push(name);
}

let located;
try {
  located = locateChromium();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
const browserMissing = located.path === undefined && !located.requested;

stage("build/typecheck", "turbo", ["run", "build", "typecheck", CONTINUE]);
stage("biome", "biome", ["check", "."]);
stage("tools/check", "node", ["tools/check/check.mjs"]);
stage("tests", "turbo", ["run", "test", "--concurrency=2", CONTINUE], {
  ...process.env,
  SCOPEFLOW_CHROMIUM: located.path ?? SKIP,
});

// Users run Node 22/24 (relaxed SIMD on by default there, so the FMA build is the one ready() picks): the Node
// projects of the packages that run kernels, again under Node 24 from the npm registry (`npx -y node@24`).
const VITEST = fileURLToPath(new URL("../../node_modules/vitest/vitest.mjs", import.meta.url));
for (const [dir, project] of [
  ["packages/core", undefined],
  ["packages/wasm-kernels", "node"],
  ["packages/node", undefined],
]) {
  const args = ["-y", "node@24", VITEST, "run", ...(project ? ["--project", project] : [])];
  stage(`tests on Node 24 (${dir})`, "npx", args, { ...process.env, SCOPEFLOW_CHROMIUM: SKIP }, dir);
}

// Printed last, where it is seen: the skip line, or (CI=true) the failure.
if (browserMissing && browserRequired()) {
  console.error(MISSING_IN_CI);
  failed.push("browser tests (no Chromium)");
} else if (browserMissing) {
  console.log(HOW_TO_ENABLE);
}
if (failed.length > 0) {
  console.error(`Failed: ${failed.join(", ")}`);
  process.exit(1);
}
