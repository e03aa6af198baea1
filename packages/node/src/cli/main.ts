#!/usr/bin/env node
// The `scopeflow` bin of @scopeflow/node (package.json "bin"); run.ts does the work.
import { run } from "./run";

const write = (stream: NodeJS.WriteStream) => (text: string) => stream.write(text.endsWith("\n") ? text : `${text}\n`);
process.exitCode = run(process.argv.slice(2), { out: write(process.stdout), err: write(process.stderr) });
