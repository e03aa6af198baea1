// Beyond TF1: why saver.py's Saver.restore fails ("Key dense/kernel not found in checkpoint", "Assign requires shapes
// of both tensors to match") and the `{ checkpointKey: variable }` var list that restores what can be restored.
import { type Graph, isTensorConvertible } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import { Tensor } from "../framework/tensor";
import type { FileSystem } from "../io/file-system";
import { setOwn } from "../io/own-keys";
import type { MetaGraphDef, SaverDef } from "../proto/types";
import { requireFileSystem } from "../train/checkpoint/checkpoint-management";
import type { Variable } from "../variables/variable";
import { doctorText } from "./checkpoint-doctor-text";
import { type CheckpointEntry, checkpointEntries } from "./checkpoint-entries";
import { messages } from "./file-messages";
import { isMetaGraphDef, savedVariablesOf, variableObjectsOf, variablesOfDef } from "./graph-variables";
import { type MatchKind, matchNames, type NamedEntry, shapesCompatible } from "./name-matching";

/** What a Saver restores: a Saver, a list of variables, a `{ checkpointKey: variable }` map, or a MetaGraphDef. */
export type GraphDoctorInput =
  | { saverDef: SaverDef; graph: Graph }
  | readonly (Variable | Tensor)[]
  | Readonly<Record<string, Variable | Tensor>>;
export type DoctorInput = GraphDoctorInput | MetaGraphDef;

export interface ShapeMismatch {
  key: string;
  /** The variable's name as TF prints it (`dense/kernel:0`). */
  variable: string;
  graphShape: (number | null)[] | null;
  checkpointShape: number[];
}

export interface DtypeMismatch {
  key: string;
  variable: string;
  graphDtype: string;
  checkpointDtype: string;
}

export interface ProposedMatch {
  checkpointKey: string;
  variable: string;
  kind: MatchKind;
  /** The graph-side and checkpoint-side scopes of the rule (see name-matching.ts). */
  from: string;
  to: string;
}

export interface CheckpointDoctorReport<V = Variable | Tensor | string> {
  /** The checkpoint prefix read. */
  checkpoint: string;
  /** True when the var list restores as given (every key found, shapes and dtypes equal). */
  ok: boolean;
  /** The var list's keys absent from the checkpoint. */
  missing: string[];
  /** Checkpoint keys the var list does not use. */
  unexpected: string[];
  shapeMismatches: ShapeMismatch[];
  dtypeMismatches: DtypeMismatch[];
  /**
   * Checkpoint key → variable for every pair found, sorted by key: `new tf.train.Saver(proposedVarList)` restores
   * them. For a MetaGraphDef (no Graph to hold variables) the values are variable names (`dense/kernel:0`).
   */
  proposedVarList: Record<string, V>;
  matches: ProposedMatch[];
  /** What stays unpaired: variables that keep their initial values, and checkpoint keys nothing reads. */
  leftovers: { variables: string[]; checkpointKeys: string[] };
  text: string;
}

/** A key the var list restores, the variable it goes to, and that variable's static shape and dtype. */
interface GraphKey<V> {
  key: string;
  variableName: string;
  value: V;
  shape: (number | null)[] | null;
  dtype: string;
}

function isSaverLike(value: unknown): value is { saverDef: SaverDef; graph: Graph } {
  const v = value as { saverDef?: unknown; graph?: { asGraphDef?: unknown } };
  return (
    typeof v === "object" && v !== null && typeof v.saverDef === "object" && typeof v.graph?.asGraphDef === "function"
  );
}

function variableTensor(value: unknown): Tensor {
  const tensor = isTensorConvertible(value) ? value.asGraphElement() : value;
  if (!(tensor instanceof Tensor) || !tensor.op.def.isVariable) {
    // saver.py: BaseSaverBuilder.op_list_to_dict
    throw new TypeError(`Variable to save is not a Variable: ${String(value)}`);
  }
  return tensor;
}

function keyOfTensor<V>(key: string, value: V, tensor: Tensor): GraphKey<V> {
  const shape = tensor.shape === null ? null : [...tensor.shape];
  return { key, variableName: tensor.name, value, shape, dtype: tensor.dtype.name };
}

function keysOfMetaGraph(meta: MetaGraphDef): GraphKey<string>[] {
  const records = variablesOfDef(meta);
  const byOp = new Map(records.map((r) => [r.opName, r]));
  const fromRecord = (key: string, opName: string): GraphKey<string> => {
    const record = byOp.get(opName);
    const name = `${opName}:0`;
    return { key, variableName: name, value: name, shape: record?.shape ?? null, dtype: record?.dtype ?? "unknown" };
  };
  if (meta.saverDef?.restoreOpName && meta.graphDef) {
    return savedVariablesOf(meta.graphDef, meta.saverDef).map((s) => fromRecord(s.key, s.opName));
  }
  // saver.py: Saver() with var_list=None saves the global variables.
  const global = records.filter((r) => r.collections.includes(GraphKeys.GLOBAL_VARIABLES));
  return (global.length > 0 ? global : records).map((r) => fromRecord(r.opName, r.opName));
}

function keysOf(input: DoctorInput): GraphKey<Variable | Tensor | string>[] {
  if (isSaverLike(input)) {
    if (!input.saverDef.restoreOpName) return [];
    const objects = variableObjectsOf(input.graph);
    return savedVariablesOf(input.graph.asGraphDef(), input.saverDef).map(({ key, opName }) => {
      const value = objects.get(opName) ?? input.graph.getOperationByName(opName).outputs[0];
      return keyOfTensor(key, value, variableTensor(value));
    });
  }
  if (Array.isArray(input)) {
    const list = input as readonly (Variable | Tensor)[];
    return list.map((value) => {
      const tensor = variableTensor(value);
      return keyOfTensor(tensor.op.name, value, tensor);
    });
  }
  if (isMetaGraphDef(input)) return keysOfMetaGraph(input);
  if (typeof input !== "object" || input === null) throw new TypeError(messages.doctorInput(input));
  return Object.entries(input as Record<string, Variable | Tensor>).map(([key, value]) =>
    keyOfTensor(key, value, variableTensor(value)),
  );
}

const byteCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Compares what a Saver would restore with what a checkpoint holds, and proposes the var list that restores what
 * can be restored: equal names, then outer scopes added or removed, `_N` suffix shifts and renamed scopes (optimizer
 * slots follow their variables), then layers renamed, matched by shape and order. `checkpointPrefix` may be a
 * folder (its latest checkpoint).
 */
export function checkpointDoctor(
  saverOrVarList: GraphDoctorInput,
  checkpointPrefix: string,
  fs?: FileSystem,
): CheckpointDoctorReport<Variable | Tensor>;
export function checkpointDoctor(
  metaGraphDef: MetaGraphDef,
  checkpointPrefix: string,
  fs?: FileSystem,
): CheckpointDoctorReport<string>;
export function checkpointDoctor(
  saverOrVarList: DoctorInput,
  checkpointPrefix: string,
  fs?: FileSystem,
): CheckpointDoctorReport {
  const files = requireFileSystem(fs, "tools.checkpointDoctor");
  const keys = keysOf(saverOrVarList);
  const { prefix, entries } = checkpointEntries(checkpointPrefix, files);
  const inCheckpoint = new Map<string, CheckpointEntry>(entries.map((e) => [e.key, e]));
  const keySet = new Set(keys.map((k) => k.key));

  const missing = keys.filter((k) => !inCheckpoint.has(k.key)).map((k) => k.key);
  const unexpected = entries.filter((e) => !keySet.has(e.key)).map((e) => e.key);
  const shapeMismatches: ShapeMismatch[] = [];
  const dtypeMismatches: DtypeMismatch[] = [];
  for (const k of keys) {
    const entry = inCheckpoint.get(k.key);
    if (!entry) continue;
    if (!shapesCompatible(k.shape, entry.shape)) {
      shapeMismatches.push({ key: k.key, variable: k.variableName, graphShape: k.shape, checkpointShape: entry.shape });
    }
    if (k.dtype !== entry.dtype) {
      dtypeMismatches.push({ key: k.key, variable: k.variableName, graphDtype: k.dtype, checkpointDtype: entry.dtype });
    }
  }

  const graphEntries: NamedEntry[] = keys.map((k) => ({ name: k.key, shape: k.shape, dtype: k.dtype }));
  const checkpointNamed: NamedEntry[] = entries.map((e) => ({ name: e.key, shape: e.shape, dtype: e.dtype }));
  const matching = matchNames(graphEntries, checkpointNamed);
  const byKey = new Map(keys.map((k) => [k.key, k]));
  const matches: ProposedMatch[] = matching.matches
    .map((m) => ({
      checkpointKey: m.checkpoint,
      variable: byKey.get(m.graph)?.variableName ?? m.graph,
      kind: m.kind,
      from: m.from,
      to: m.to,
    }))
    .sort((a, b) => byteCompare(a.checkpointKey, b.checkpointKey));
  const proposedVarList: Record<string, Variable | Tensor | string> = {};
  for (const m of [...matching.matches].sort((a, b) => byteCompare(a.checkpoint, b.checkpoint))) {
    setOwn(proposedVarList, m.checkpoint, byKey.get(m.graph)?.value as Variable | Tensor | string);
  }
  const report = {
    checkpoint: prefix,
    ok: missing.length === 0 && shapeMismatches.length === 0 && dtypeMismatches.length === 0,
    missing,
    unexpected,
    shapeMismatches,
    dtypeMismatches,
    proposedVarList,
    matches,
    leftovers: {
      variables: matching.graphLeftovers.map((key) => byKey.get(key)?.variableName ?? key),
      checkpointKeys: matching.checkpointLeftovers,
    },
  };
  return { ...report, text: doctorText(report, keys.length, entries.length) };
}
