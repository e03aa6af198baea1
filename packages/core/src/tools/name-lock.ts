// Beyond TF1: a lockfile of the variable names, shapes, dtypes and collections that checkpoints depend on (Saver keys
// are variable op names, saver.py), so a test fails when a refactor or an upgrade changes them.
import { ValueError } from "../errors";
import { getDefaultGraph } from "../framework/graph";
import { shapeDebugString } from "../framework/shape";
import type { FileSystem } from "../io/file-system";
import { requireFileSystem } from "../train/checkpoint/checkpoint-management";
import { messages } from "./file-messages";
import { type GraphOrDef, variablesOf } from "./graph-variables";
import { describeRule, matchNames } from "./name-matching";

export interface LockedVariable {
  /** As TF prints it: `dense/kernel:0`. */
  name: string;
  shape: (number | null)[] | null;
  dtype: string;
  trainable: boolean;
  /** Collection keys, sorted. */
  collections: string[];
}

export interface NameLock {
  version: 1;
  /** Sorted by name. */
  variables: LockedVariable[];
}

export type LockField = "shape" | "dtype" | "trainable" | "collections";

export interface NameLockChange {
  name: string;
  field: LockField;
  before: unknown;
  after: unknown;
}

export interface NameLockCheck {
  /** True when the graph's variables are exactly the locked ones. */
  ok: boolean;
  /** Names in the graph, not in the lock. */
  added: string[];
  /** Names in the lock, not in the graph. */
  removed: string[];
  changed: NameLockChange[];
  /** Removed names that look renamed into added ones (same shape and dtype; see checkpointDoctor's rules). */
  renamed: { before: string; after: string; rule: string }[];
  text: string;
}

const FIELDS: LockField[] = ["shape", "dtype", "trainable", "collections"];
const byteCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The lock of a graph (the default graph by default), a GraphDef or a MetaGraphDef: its variables sorted by name. */
export function nameLock(graph?: GraphOrDef): NameLock {
  const variables = variablesOf(graph ?? getDefaultGraph())
    .map(({ name, shape, dtype, trainable, collections }) => ({ name, shape, dtype, trainable, collections }))
    .sort((a, b) => byteCompare(a.name, b.name));
  return { version: 1, variables };
}

/** The lock as JSON, one variable a line so that a diff of the file shows each change on its own line. */
export function formatNameLock(lock: NameLock): string {
  const rows = lock.variables.map((v) => `    ${JSON.stringify(v)}`);
  return `{\n  "version": ${lock.version},\n  "variables": [${rows.length ? `\n${rows.join(",\n")}\n  ` : ""}]\n}\n`;
}

/** Writes the graph's lock to `path` as JSON, whole or not at all (its folder is created); returns the lock. */
export function writeNameLock(path: string, graph?: GraphOrDef, fs?: FileSystem): NameLock {
  const files = requireFileSystem(fs, "tools.writeNameLock");
  const lock = nameLock(graph);
  const dir = files.dirname(path);
  if (dir && !files.isDirectory(dir)) files.makeDirs(dir);
  files.writeFileAtomic(path, new TextEncoder().encode(formatNameLock(lock)));
  return lock;
}

const isShape = (value: unknown) =>
  value === null || (Array.isArray(value) && value.every((d) => d === null || Number.isInteger(d)));

/** Reads a lock written by writeNameLock; a malformed one is a ValueError naming the file and what is wrong. */
export function parseNameLock(text: string, path: string): NameLock {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ValueError(messages.lockNotJson(path, (error as Error).message));
  }
  const lock = value as { version?: unknown; variables?: unknown };
  if (typeof lock !== "object" || lock === null || !Array.isArray(lock.variables)) {
    throw new ValueError(messages.lockNotJson(path, 'no "variables" list'));
  }
  if (lock.version !== 1) throw new ValueError(messages.lockVersion(path, lock.version));
  (lock.variables as unknown[]).forEach((entry, i) => {
    const v = entry as Partial<LockedVariable>;
    const ok =
      typeof v === "object" &&
      v !== null &&
      typeof v.name === "string" &&
      isShape(v.shape) &&
      typeof v.dtype === "string" &&
      typeof v.trainable === "boolean" &&
      Array.isArray(v.collections) &&
      v.collections.every((c) => typeof c === "string");
    if (!ok) throw new ValueError(messages.lockEntry(path, i));
  });
  return lock as NameLock;
}

const show = (field: LockField, value: unknown): string =>
  field === "shape"
    ? shapeDebugString(value as LockedVariable["shape"])
    : field === "collections"
      ? `[${(value as string[]).join(", ")}]`
      : String(value);

const describe = (v: LockedVariable) =>
  `${shapeDebugString(v.shape)} ${v.dtype}${v.trainable ? " trainable" : ""} [${v.collections.join(", ")}]`;

/** What changed from `locked` to `current`, with a readable diff (`+` added, `-` removed, `~` changed). */
export function compareNameLocks(locked: NameLock, current: NameLock, path: string): NameLockCheck {
  const before = new Map(locked.variables.map((v) => [v.name, v]));
  const after = new Map(current.variables.map((v) => [v.name, v]));
  const added = current.variables.filter((v) => !before.has(v.name)).map((v) => v.name);
  const removed = locked.variables.filter((v) => !after.has(v.name)).map((v) => v.name);
  const changed: NameLockChange[] = [];
  for (const v of current.variables) {
    const old = before.get(v.name);
    if (!old) continue;
    for (const field of FIELDS) {
      if (JSON.stringify(old[field]) !== JSON.stringify(v[field])) {
        changed.push({ name: v.name, field, before: old[field], after: v[field] });
      }
    }
  }
  // Matched by op name (`w/Adam` sits under `w`; `w:0/` would not), reported by variable name.
  const opName = (v: LockedVariable) => ({ ...v, name: v.name.replace(/:\d+$/, "") });
  const matching = matchNames(
    added.map((name) => opName(after.get(name) as LockedVariable)),
    removed.map((name) => opName(before.get(name) as LockedVariable)),
  );
  const withIndex = (op: string, names: readonly string[]) => names.find((n) => n.replace(/:\d+$/, "") === op) ?? op;
  const renamed = matching.matches.map((m) => ({
    before: withIndex(m.checkpoint, removed),
    after: withIndex(m.graph, added),
    rule: describeRule(m.kind, m.from, m.to)
      .replace("in the checkpoint", "in the lock")
      .replace("of the checkpoint", "of the lock"),
  }));
  const ok = added.length === 0 && removed.length === 0 && changed.length === 0;
  const lines: string[] = [];
  if (ok) {
    lines.push(`Name lock ${path}: ${current.variables.length} variables, as locked.`);
  } else {
    const changedNames = new Set(changed.map((c) => c.name)).size;
    lines.push(
      `Name lock ${path}: ${locked.variables.length} locked, ${current.variables.length} in the graph: ${added.length} added, ${removed.length} removed, ${changedNames} changed.`,
    );
    for (const name of added) lines.push(`  + ${name}  ${describe(after.get(name) as LockedVariable)}`);
    for (const name of removed) lines.push(`  - ${name}  ${describe(before.get(name) as LockedVariable)}`);
    for (const c of changed)
      lines.push(`  ~ ${c.name}  ${c.field} ${show(c.field, c.before)} -> ${show(c.field, c.after)}`);
    if (renamed.length) {
      lines.push("Renamed, by the look of it (checkpoints written before restore through tools.checkpointDoctor):");
      for (const r of renamed) lines.push(`  ${r.before} -> ${r.after}  (${r.rule})`);
    }
    lines.push(`If the change is intended, write the lock again (tools.writeNameLock, or scopeflow lock write).`);
  }
  return { ok, added, removed, changed, renamed, text: lines.join("\n") };
}

/** Compares the graph's variables with the lock at `path`. */
export function checkNameLock(path: string, graph?: GraphOrDef, fs?: FileSystem): NameLockCheck {
  const files = requireFileSystem(fs, "tools.checkNameLock");
  const locked = parseNameLock(new TextDecoder().decode(files.readFile(path)), path);
  return compareNameLocks(locked, nameLock(graph), path);
}
