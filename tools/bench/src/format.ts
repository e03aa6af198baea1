// Pure formatting of the results table: figures, ratios, targets, and the console and Markdown renderings.

export const PEERS = [
  "sf-reference",
  "sf-wasm-1",
  "sf-wasm",
  "tfjs-cpu",
  "tfjs-wasm",
  "ort-1",
  "ort-2",
  "limit",
] as const;
export type PeerId = (typeof PEERS)[number];

export const PEER_TITLES: Record<PeerId, string> = {
  "sf-reference": "scopeflow reference",
  "sf-wasm-1": "scopeflow wasm 1 thread",
  "sf-wasm": "scopeflow wasm",
  "tfjs-cpu": "tfjs cpu",
  "tfjs-wasm": "tfjs wasm",
  "ort-1": "ort-web 1 thread",
  "ort-2": "ort-web 2 threads",
  limit: "hand-written limit",
};

/**
 * The peers scopeflow-wasm is compared with, each in a ratio column; against the hand-written limit the ratio is
 * the share of the limit's speed scopeflow reaches (limit time / scopeflow time).
 */
export const RIVALS = ["tfjs-wasm", "ort-2", "limit"] as const satisfies readonly PeerId[];
export type Rival = (typeof RIVALS)[number];

/** The rivals also compared with scopeflow-wasm on one thread (`tf.ready({ numThreads: 1 })`). */
const ONE_THREAD_RIVALS = ["tfjs-wasm", "limit"] as const satisfies readonly Rival[];

/** scopeflow-wasm's two columns: tf.ready()'s default threads, and one thread. */
export type Ours = "sf-wasm" | "sf-wasm-1";

/** One peer's outcome on one case: a median time, or why there is none. */
export type Cell = { ms: number } | { skipped: string } | { failed: string };

export interface Target {
  /** Speed ratio the issue asks for: rival time / scopeflow-wasm time. */
  ratio: number;
  /** Against whom (default tfjs-wasm). */
  vs?: Rival;
  /** Which scopeflow column (default sf-wasm, the default threads; sf-wasm-1 for the `numThreads: 1` targets). */
  ours?: Ours;
}

export interface Row {
  label: string;
  unit: "ms" | "µs";
  /** Divide a run's time by this to get the figure (per-op overhead: 1000 ops per run). */
  per?: number;
  /** Floating-point operations of one run, for GFLOP/s. */
  flops?: number;
  targets?: Target[];
  cells: Partial<Record<PeerId, Cell>>;
}

export function formatTime(ms: number, unit: "ms" | "µs"): string {
  const value = unit === "µs" ? ms * 1000 : ms;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

export function gflops(flops: number, ms: number): number {
  return flops / ms / 1e6;
}

export function formatCell(row: Row, cell: Cell | undefined): string {
  if (!cell) return "–";
  if ("skipped" in cell) return `skipped (${cell.skipped})`;
  if ("failed" in cell) return `n/a (${cell.failed})`;
  const ms = cell.ms / (row.per ?? 1);
  const time = formatTime(ms, row.unit);
  return row.flops ? `${time}, ${gflops(row.flops, cell.ms).toFixed(1)} GFLOP/s` : time;
}

/**
 * Speed of scopeflow-wasm (with its default threads, or `ours`) relative to a rival: rival time / scopeflow time
 * (> 1: scopeflow ahead).
 */
export function speedRatio(row: Row, vs: Rival = "tfjs-wasm", ours: Ours = "sf-wasm"): number | undefined {
  const mine = row.cells[ours];
  const theirs = row.cells[vs];
  if (!mine || !theirs || !("ms" in mine) || !("ms" in theirs)) return undefined;
  return theirs.ms / mine.ms;
}

export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return "–";
  return `${ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}x`;
}

/**
 * The target column: "≥ 1.3x: met", "≥ 10x: missed", "≥ 5x: n/a" when there is no ratio, "" without a target;
 * a target against onnxruntime-web says so ("≥ 1.1x ort-2: missed"), one against the hand-written limit reads
 * "≥ 0.9 of limit", one on the 1-thread column adds "1 thread"; several are joined with "; ".
 */
export function formatTarget(row: Row): string {
  return (row.targets ?? [])
    .map(({ ratio: wanted, vs = "tfjs-wasm", ours = "sf-wasm" }) => {
      const ratio = speedRatio(row, vs, ours);
      const against = vs === "limit" ? ` of limit` : `x${vs === "tfjs-wasm" ? "" : ` ${vs}`}`;
      const label = `≥ ${wanted}${against}${ours === "sf-wasm-1" ? " 1 thread" : ""}`;
      if (ratio === undefined) return `${label}: n/a`;
      return `${label}: ${ratio >= wanted ? "met" : "missed"}`;
    })
    .join("; ");
}

/** The peers with a cell in some row, in PEERS order: the columns of a table. */
function peersIn(rows: readonly Row[]): PeerId[] {
  return PEERS.filter((p) => rows.some((r) => r.cells[p] !== undefined));
}

/** Ratio columns for the rivals that have a column. */
function rivalsIn(peers: readonly PeerId[]): Rival[] {
  return RIVALS.filter((r) => peers.includes(r));
}

/** The one-thread ratio columns (sf-wasm-1 / tfjs-wasm, sf-wasm-1 / limit), for those with a column. */
function oneThreadRivalsIn(peers: readonly PeerId[]): Rival[] {
  return peers.includes("sf-wasm-1") ? ONE_THREAD_RIVALS.filter((r) => peers.includes(r)) : [];
}

function header(peers: readonly PeerId[]): string[] {
  return [
    "case",
    ...peers.map((p) => PEER_TITLES[p]),
    ...rivalsIn(peers).map((r) => `sf-wasm / ${r}`),
    ...oneThreadRivalsIn(peers).map((r) => `sf-wasm 1 thread / ${r}`),
    "target",
  ];
}

function cellsOf(row: Row, peers: readonly PeerId[]): string[] {
  return [
    row.label,
    ...peers.map((p) => formatCell(row, row.cells[p])),
    ...rivalsIn(peers).map((r) => formatRatio(speedRatio(row, r))),
    ...oneThreadRivalsIn(peers).map((r) => formatRatio(speedRatio(row, r, "sf-wasm-1"))),
    formatTarget(row),
  ];
}

export function renderMarkdown(rows: readonly Row[]): string {
  const peers = peersIn(rows);
  const head = header(peers);
  const escapePipes = (s: string) => s.replace(/\|/g, "\\|");
  const lines = [head, head.map(() => "---"), ...rows.map((r) => cellsOf(r, peers))].map(
    (r) => `| ${r.map(escapePipes).join(" | ")} |`,
  );
  return `${lines.join("\n")}\n`;
}

/** A plain-text table with padded columns, for the terminal. */
export function renderText(rows: readonly Row[]): string {
  const peers = peersIn(rows);
  const HEADER = header(peers);
  const table = [HEADER, ...rows.map((r) => cellsOf(r, peers))];
  const widths = HEADER.map((_, i) => Math.max(...table.map((r) => [...r[i]!].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return `${[line(table[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...table.slice(1).map(line)].join("\n")}\n`;
}
