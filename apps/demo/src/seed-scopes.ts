// The seed CLI: runs every snippet of the seed thread and prints each name next to the one TF 1.15 prints.
import { cliArgs } from "./cli";
import { runSeedSnippets } from "./seed-snippets";

cliArgs({
  usage:
    "Usage: node dist/seed-scopes.js\n\nRuns every snippet of the seed thread and prints each name next to TF 1.15's;\n" +
    "exits 1 when a name differs.",
});

const checks = runSeedSnippets();
let failures = 0;
let snippet = "";
for (const c of checks) {
  if (c.snippet !== snippet) {
    snippet = c.snippet;
    console.log(`\n# ${snippet}`);
  }
  const ok = c.actual === c.expected;
  if (!ok) failures++;
  console.log(`${ok ? "✓" : "✗"} ${c.what.padEnd(20)} ${c.actual}${ok ? "" : `   (TF prints ${c.expected})`}`);
  if (c.note) console.log(`    note: ${c.note}`);
}
console.log(`\n${checks.length - failures}/${checks.length} names match TensorFlow 1.15.`);
if (failures > 0) process.exitCode = 1;
