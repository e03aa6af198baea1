// Pure formatting of the results table: figures, ratios, targets, and the console and Markdown renderings.

export const PEERS = ["sf-reference", "sf-wasm-1", "sf-wasm", "tfjs-cpu", "tfjs-wasm", "ort-1", "ort-2"] as const;
export type PeerId = (typeof PEERS)[number];

export const PEER_TITLES: Record<PeerId, string> = {
  "sf-reference": "scopeflow reference",
  "sf-wasm-1": "scopeflow wasm 1 thread",
  "sf-wasm": "scopeflow wasm",
  "tfjs-cpu": "tfjs cpu",
  "tfjs-wasm": "tfjs wasm",
  "ort-1": "ort-web 1 thread",
  "ort-2": "ort-web 2 threads",
};

/** The peers scopeflow-wasm is compared with, each in a ratio column. */
export const RIVALS = ["tfjs-wasm", "ort-2"] as const satisfies readonly PeerId[];
export type Rival = (typeof RIVALS)[number];

/** One peer's outcome on one case: a median time, or why there is none. */
export type Cell = { ms: number } | { skipped: string } | { failed: string };

export interface Target {
  /** Speed ratio the issue asks for: rival time / scopeflow-wasm time. */
  ratio: number;
  /** Against whom (default tfjs-wasm). */
  vs?: Rival;
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
export function speedRatio(
  row: Row,
  vs: Rival = "tfjs-wasm",
  ours: "sf-wasm" | "sf-wasm-1" = "sf-wasm",
): number | undefined {
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
 * a target against onnxruntime-web says so ("≥ 1.1x ort-2: missed"), several are joined with "; ".
 */
export function formatTarget(row: Row): string {
  return (row.targets ?? [])
    .map(({ ratio: wanted, vs = "tfjs-wasm" }) => {
      const ratio = speedRatio(row, vs);
      const label = `≥ ${wanted}x${vs === "tfjs-wasm" ? "" : ` ${vs}`}`;
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

/** The one-thread ratio column (sf-wasm-1 / tfjs-wasm), when both have a column. */
function oneThreadRatio(peers: readonly PeerId[]): boolean {
  return peers.includes("sf-wasm-1") && peers.includes("tfjs-wasm");
}

function header(peers: readonly PeerId[]): string[] {
  return [
    "case",
    ...peers.map((p) => PEER_TITLES[p]),
    ...rivalsIn(peers).map((r) => `sf-wasm / ${r}`),
    ...(oneThreadRatio(peers) ? ["sf-wasm 1 thread / tfjs-wasm"] : []),
    "target",
  ];
}

function cellsOf(row: Row, peers: readonly PeerId[]): string[] {
  return [
    row.label,
    ...peers.map((p) => formatCell(row, row.cells[p])),
    ...rivalsIn(peers).map((r) => formatRatio(speedRatio(row, r))),
    ...(oneThreadRatio(peers) ? [formatRatio(speedRatio(row, "tfjs-wasm", "sf-wasm-1"))] : []),
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
