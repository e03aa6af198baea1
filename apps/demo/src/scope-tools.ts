// The scope tools CLI: runs the README's tf.tools examples and prints what each prints.
import { cliArgs } from "./cli";
import { runScopeToolExamples } from "./scope-tools-examples";

cliArgs({
  usage: "Usage: node dist/scope-tools.js\n\nRuns the README's tf.tools examples and prints what each prints.",
});

for (const { name, output } of runScopeToolExamples()) console.log(`# tf.tools.${name}\n${output}\n`);
