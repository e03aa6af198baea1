// util/tensor_bundle's BundleWriter::Finish writes a checkpoint's files under temporary names and renames them into
// place; two renames are not one atomic step, so a failure between them would pair a new .data with an old .index.
// replaceFiles makes the set one change for the caller: a failure at any step puts the earlier files back.
import type { FileSystem } from "./file-system";

/** A temp-name suffix (TF's `.tempstate<random>`), unique enough for concurrent writers in one folder. */
export function tempSuffix(): string {
  return `.tempstate${Math.floor(Math.random() * 2 ** 52).toString(16)}`;
}

/** Runs `step`, ignoring its failure: cleanup after an error must not hide that error. */
function bestEffort(step: () => void): void {
  try {
    step();
  } catch {
    // the original error is the one the caller needs
  }
}

/**
 * Replaces `files` as one change: every file is written whole under a temp name first; then each existing file is
 * moved aside and each temp renamed into place, in order; then the set-aside files are removed. A failure at any
 * step moves the earlier files back and removes every temp and set-aside file before rethrowing, so the folder
 * holds either all the new files or all the old ones (and nothing else).
 */
export function replaceFiles(fs: FileSystem, files: readonly (readonly [string, Uint8Array])[]): void {
  const suffix = tempSuffix();
  const temps: string[] = [];
  const setAside: [path: string, aside: string][] = [];
  const placed: string[] = [];
  try {
    for (const [path, bytes] of files) {
      temps.push(path + suffix);
      fs.writeFileAtomic(path + suffix, bytes);
    }
    for (const [path] of files) {
      if (!fs.exists(path)) continue;
      fs.rename(path, `${path}${suffix}.old`);
      setAside.push([path, `${path}${suffix}.old`]);
    }
    for (const [path] of files) {
      fs.rename(path + suffix, path);
      placed.push(path);
    }
  } catch (error) {
    for (const path of placed) bestEffort(() => fs.remove(path));
    for (const [path, aside] of setAside) bestEffort(() => fs.rename(aside, path));
    for (const temp of temps) bestEffort(() => fs.exists(temp) && fs.remove(temp));
    throw error;
  }
  for (const [, aside] of setAside) bestEffort(() => fs.remove(aside));
}
