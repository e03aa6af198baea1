// Messages between the page and the studio worker (structured-clone plain data only).
import type { GraphModel } from "../graph/model";
import type { ExplainStep, LintFinding, ScopeNode, SharingRow, SlotRow } from "../tf-types";
import type { ThreadsInfo } from "./threads";

export interface CreatedName {
  /** As TF prints it: `scope/a:0` for a tensor or variable, `scope/init` for an op without outputs. */
  name: string;
  type: string;
  isVariable: boolean;
  /** 1-based line of the program that created it (from the op's recorded call site). */
  line?: number;
}

export interface ProgramError {
  /** The error class, as TF names it (`ValueError`, `TypeError`, `InvalidArgumentError`). */
  name: string;
  message: string;
  line?: number;
}

export interface ProgramResult {
  names: CreatedName[];
  printed: string[];
  error?: ProgramError;
  graph: GraphModel;
  trees: { nameScopes: ScopeNode; variableScopes: ScopeNode };
  audit: SharingRow[];
  lint: LintFinding[];
  slots: SlotRow[];
  backend: string;
  threads: ThreadsInfo;
  millis: number;
}

export interface Explained {
  name: string;
  steps: ExplainStep[];
  text: string;
}

export interface OpenedFile {
  path: string;
  bytes: Uint8Array;
}

export interface ScalarSeries {
  tag: string;
  steps: number[];
  values: number[];
}

export interface HistogramSeries {
  tag: string;
  steps: number[];
  /** One per step: bucket right edges and counts. */
  buckets: { limits: number[]; counts: number[]; min: number; max: number }[];
}

export interface CheckpointTable {
  prefix: string;
  entries: { key: string; dtype: string; shape: number[]; size: number; preview: string }[];
}

export interface OpenReport {
  /** What each opened path was read as (or why it was not). */
  files: { path: string; kind: string; note: string }[];
  graph?: { source: string; model: GraphModel };
  scalars: ScalarSeries[];
  histograms: HistogramSeries[];
  checkpoints: CheckpointTable[];
  doctor?: string;
  nameLock?: string;
  lockCheck?: string;
}

export interface TrainProgress {
  step: number;
  steps: number;
  loss: number;
  accuracy: number;
}

export type Request =
  | { kind: "run"; id: number; code: string }
  | { kind: "explain"; id: number; name: string }
  | { kind: "open"; id: number; files: OpenedFile[] }
  | { kind: "train"; id: number; steps: number; resume: boolean }
  | { kind: "pause"; id: number }
  | { kind: "trainFiles"; id: number };

export type Reply =
  | { kind: "ran"; id: number; result: ProgramResult }
  | { kind: "explained"; id: number; result: Explained | { error: string } }
  | { kind: "opened"; id: number; result: OpenReport }
  | { kind: "progress"; id: number; progress: TrainProgress }
  | { kind: "trained"; id: number; progress: TrainProgress }
  | { kind: "paused"; id: number }
  | { kind: "trainFiles"; id: number; files: OpenedFile[] }
  | { kind: "failed"; id: number; error: string };
