// The README's scope-tools section shows the real output of its examples: each ```text block under a
// "### `tf.tools.<name>`" heading is what scope-tools-examples.ts prints for it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runScopeToolExamples } from "./scope-tools-examples";

const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");

/** The first ```text block after the heading of `name`. */
function shownOutput(name: string): string {
  const heading = readme.indexOf(`### \`tf.tools.${name}\``);
  expect(heading).toBeGreaterThan(0);
  const start = readme.indexOf("```text\n", heading) + "```text\n".length;
  return readme.slice(start, readme.indexOf("\n```", start));
}

describe("README scope tools section", () => {
  for (const { name, output } of runScopeToolExamples()) {
    it(`tf.tools.${name}: the README shows the example's output`, () => expect(shownOutput(name)).toBe(output));
  }
});
