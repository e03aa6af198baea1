// locateChromium's decisions (node --test: this package has no vitest config of its own).
import assert from "node:assert/strict";
import { test } from "node:test";
import { browserRequired, locateChromium } from "./locate-chromium.mjs";

const only =
  (...paths) =>
  (path) =>
    paths.includes(path);
const noPlaywright = () => undefined;

test("system /usr/bin/chromium first", () => {
  const found = locateChromium({ PATH: "/opt/bin" }, only("/usr/bin/chromium", "/opt/bin/chromium"), noPlaywright);
  assert.deepEqual(found, { path: "/usr/bin/chromium" });
});

test("then chromium or chromium-browser on PATH, in PATH order", () => {
  const isExecutable = only("/b/chromium", "/a/chromium-browser");
  assert.deepEqual(locateChromium({ PATH: "/a:/b" }, isExecutable, noPlaywright), { path: "/a/chromium-browser" });
});

test("then Playwright's own download", () => {
  const found = locateChromium({ PATH: "/a" }, only("/pw/chrome"), () => "/pw/chrome");
  assert.deepEqual(found, { path: "/pw/chrome" });
});

test("a Playwright path that was never downloaded is not a browser", () => {
  const found = locateChromium({ PATH: "/a" }, only(), () => "/pw/chrome");
  assert.deepEqual(found, { path: undefined, requested: false });
});

test("SCOPEFLOW_CHROMIUM wins over every other place", () => {
  const found = locateChromium({ SCOPEFLOW_CHROMIUM: "/x/chrome" }, only("/x/chrome", "/usr/bin/chromium"));
  assert.deepEqual(found, { path: "/x/chrome" });
});

test("SCOPEFLOW_CHROMIUM naming no executable is an error, not a skip", () => {
  assert.throws(
    () => locateChromium({ SCOPEFLOW_CHROMIUM: "/nowhere/chrome" }, only("/usr/bin/chromium")),
    /SCOPEFLOW_CHROMIUM=\/nowhere\/chrome is not an executable file/,
  );
});

test("SCOPEFLOW_CHROMIUM=none skips on purpose even with a Chromium installed", () => {
  const found = locateChromium({ SCOPEFLOW_CHROMIUM: "none" }, only("/usr/bin/chromium"));
  assert.deepEqual(found, { path: undefined, requested: true });
});

test("CI=true (or 1) requires the browser", () => {
  assert.equal(browserRequired({ CI: "true" }), true);
  assert.equal(browserRequired({ CI: "1" }), true);
  assert.equal(browserRequired({}), false);
  assert.equal(browserRequired({ CI: "false" }), false);
});
