// `scopeflow lock write|check <graph file> <lockfile>`: tf.tools.writeNameLock / checkNameLock on the file's graph.
import { existsSync } from "node:fs";
import * as tf from "../files";
import { EXIT_DRIFT, EXIT_OK, FileError, type Output, readingFile } from "./cli-errors";
import { loadGraph, metaGraphOf } from "./load-graph";

export function lockWriteCommand(graphFile: string, lockFile: string, io: Output): number {
  const loaded = loadGraph(graphFile);
  const lock = readingFile(lockFile, () => tf.tools.writeNameLock(lockFile, metaGraphOf(loaded)));
  io.out(`Wrote ${lockFile}: ${lock.variables.length} variables of ${loaded.path}.`);
  return EXIT_OK;
}

export function lockCheckCommand(graphFile: string, lockFile: string, io: Output): number {
  const loaded = loadGraph(graphFile);
  if (!existsSync(lockFile)) {
    throw new FileError(lockFile, "no such file (write it first: scopeflow lock write <graph file> <lockfile>)");
  }
  const check = readingFile(lockFile, () => tf.tools.checkNameLock(lockFile, metaGraphOf(loaded)));
  io.out(check.text);
  return check.ok ? EXIT_OK : EXIT_DRIFT;
}
