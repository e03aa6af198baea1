// The scope tools CLI: runs the README's tf.tools examples and prints what each prints.
import { runScopeToolExamples } from "./scope-tools-examples";

for (const { name, output } of runScopeToolExamples()) console.log(`# tf.tools.${name}\n${output}\n`);
