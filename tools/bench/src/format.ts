// Pure formatting of the results table: figures, ratios, targets, and the console and Markdown renderings.

export const PEERS = ["sf-reference", "sf-wasm", "tfjs-cpu", "tfjs-wasm"] as const;
export type PeerId = (typeof PEERS)[number];

export const PEER_TITLES: Record<PeerId, string> = {
  "sf-reference": "scopeflow reference",
  "sf-wasm": "scopeflow wasm",
  "tfjs-cpu": "tfjs cpu",
  "tfjs-wasm": "tfjs wasm",
};

/** One peer's outcome on one case: a median time, or why there is none. */
export type Cell = { ms: number } | { skipped: string } | { failed: string };

export interface Target {
  /** scopeflow-wasm / tfjs-wasm speed ratio the issue asks for. */
  ratio: number;
}

export interface Row {
  label: string;
  unit: "ms" | "µs";
  /** Divide a run's time by this to get the figure (per-op overhead: 1000 ops per run). */
  per?: number;
  /** Floating-point operations of one run, for GFLOP/s. */
  flops?: number;
  target?: Target;
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

/** Speed of scopeflow-wasm relative to tfjs-wasm: tfjs time / scopeflow time (> 1: scopeflow ahead). */
export function speedRatio(row: Row): number | undefined {
  const ours = row.cells["sf-wasm"];
  const theirs = row.cells["tfjs-wasm"];
  if (!ours || !theirs || !("ms" in ours) || !("ms" in theirs)) return undefined;
  return theirs.ms / ours.ms;
}

export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return "–";
  return `${ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}x`;
}

/** The target column: "≥ 1.3x: met", "≥ 10x: missed", "≥ 5x: n/a" when there is no ratio, "" without a target. */
export function formatTarget(row: Row): string {
  if (!row.target) return "";
  const ratio = speedRatio(row);
  const wanted = `≥ ${row.target.ratio}x`;
  if (ratio === undefined) return `${wanted}: n/a`;
  return `${wanted}: ${ratio >= row.target.ratio ? "met" : "missed"}`;
}

const HEADER = ["case", ...PEERS.map((p) => PEER_TITLES[p]), "sf-wasm / tfjs-wasm", "target"];

function cellsOf(row: Row): string[] {
  return [
    row.label,
    ...PEERS.map((p) => formatCell(row, row.cells[p])),
    formatRatio(speedRatio(row)),
    formatTarget(row),
  ];
}

export function renderMarkdown(rows: readonly Row[]): string {
  const escapePipes = (s: string) => s.replace(/\|/g, "\\|");
  const lines = [HEADER, HEADER.map(() => "---"), ...rows.map(cellsOf)].map(
    (r) => `| ${r.map(escapePipes).join(" | ")} |`,
  );
  return `${lines.join("\n")}\n`;
}

/** A plain-text table with padded columns, for the terminal. */
export function renderText(rows: readonly Row[]): string {
  const table = [HEADER, ...rows.map(cellsOf)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((r) => [...r[i]!].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return `${[line(table[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...table.slice(1).map(line)].join("\n")}\n`;
}
