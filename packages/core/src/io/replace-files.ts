// util/tensor_bundle's BundleWriter::Finish writes a checkpoint's files under temporary names and renames them into
// place; two renames are not one atomic step, so a failure between them would pair a new .data with an old .index.
// replaceFiles makes the set one change for the caller: a failure at any step puts the earlier files back. A
// FileTransaction widens that change to files written by several steps (Saver.save: the bundle SaveV2 writes, then
// its .meta, then the `checkpoint` state), so that a failure at any of them leaves the previous checkpoint whole.
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
 * Files replaced as one change: `stage` writes each whole under a temp name; `commit` moves each existing file
 * aside and renames each temp into place, in order; `finish` removes the set-aside files. `rollback` (after a
 * failure at any step, including steps the caller takes between `commit` and `finish`) moves the earlier files
 * back and removes every temp, so the folder holds either all the new files or all the old ones (and nothing else).
 */
export class FileTransaction {
  private readonly suffix = tempSuffix();
  private readonly staged = new Map<string, string>();
  private readonly setAside: [path: string, aside: string][] = [];
  private readonly placed: string[] = [];

  constructor(
    private readonly fs: FileSystem,
    /** The paths `replaceFiles` hands to this transaction while it is active (`FileTransaction.during`). */
    readonly covers: (path: string) => boolean = () => false,
  ) {}

  stage(files: readonly (readonly [string, Uint8Array])[]): void {
    for (const [path, bytes] of files) {
      const temp = path + this.suffix;
      this.staged.set(path, temp);
      this.fs.writeFileAtomic(temp, bytes);
    }
  }

  commit(): void {
    for (const path of this.staged.keys()) {
      if (!this.fs.exists(path)) continue;
      const aside = `${path}${this.suffix}.old`;
      this.fs.rename(path, aside);
      this.setAside.push([path, aside]);
    }
    for (const [path, temp] of this.staged) {
      this.fs.rename(temp, path);
      this.placed.push(path);
    }
  }

  rollback(): void {
    for (const path of this.placed.splice(0)) bestEffort(() => this.fs.remove(path));
    for (const [path, aside] of this.setAside.splice(0)) bestEffort(() => this.fs.rename(aside, path));
    for (const temp of this.staged.values()) bestEffort(() => this.fs.exists(temp) && this.fs.remove(temp));
    this.staged.clear();
  }

  finish(): void {
    for (const [, aside] of this.setAside.splice(0)) bestEffort(() => this.fs.remove(aside));
    this.staged.clear();
    this.placed.length = 0;
  }

  /** Runs `body` with this transaction receiving the `replaceFiles(fs, ...)` calls whose paths it covers. */
  during<T>(body: () => T): T {
    const outer = active.get(this.fs);
    active.set(this.fs, this);
    try {
      return body();
    } finally {
      if (outer) active.set(this.fs, outer);
      else active.delete(this.fs);
    }
  }
}

/** The transaction collecting each FileSystem's covered writes, while one is active. */
const active = new WeakMap<FileSystem, FileTransaction>();

/**
 * Replaces `files` as one change (a FileTransaction staged, committed and finished at once, rolled back on any
 * failure). While a transaction covering every one of these paths is active on `fs`, the files are only staged in
 * it: they take their place when that transaction commits.
 */
export function replaceFiles(fs: FileSystem, files: readonly (readonly [string, Uint8Array])[]): void {
  const outer = active.get(fs);
  if (outer && files.every(([path]) => outer.covers(path))) {
    outer.stage(files);
    return;
  }
  const tx = new FileTransaction(fs);
  try {
    tx.stage(files);
    tx.commit();
  } catch (error) {
    tx.rollback();
    throw error;
  }
  tx.finish();
}
