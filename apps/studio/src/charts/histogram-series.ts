// A histogram tag over steps as TensorBoard's histogram dashboard draws it: every step resampled onto one shared grid
// of bins (steps' bucket edges differ), then one line per step, overlaid or offset (a ridge per step, later lower),
// coloured from light (first step) to dark (last).
import type { HistogramSeries } from "../worker/protocol";
import type { Line } from "./line-chart";

export type HistogramBuckets = HistogramSeries["buckets"][number];
export type HistogramMode = "offset" | "overlay" | "single";

/** TensorBoard resamples histograms to 30 bins for display. */
export const DISPLAY_BINS = 30;

/**
 * Counts of `b` in `bins` equal bins over [lo, hi]. Bucket i covers (limits[i-1], limits[i]] clamped to the data's
 * [min, max] (the outer buckets reach ±1e308); its count is spread evenly over that interval, so totals are kept.
 */
export function resample(b: HistogramBuckets, lo: number, hi: number, bins = DISPLAY_BINS): number[] {
  const out = new Array<number>(bins).fill(0);
  const width = (hi - lo) / bins;
  const binOf = (x: number) => (width > 0 ? Math.min(bins - 1, Math.max(0, Math.floor((x - lo) / width))) : 0);
  b.counts.forEach((count, i) => {
    if (!count) return;
    const left = Math.max(i === 0 ? b.min : b.limits[i - 1], b.min);
    const right = Math.min(b.limits[i], b.max);
    if (!(right > left) || width <= 0) {
      out[binOf(Math.min(Math.max(right, b.min), b.max))] += count;
      return;
    }
    for (let k = binOf(left); k <= binOf(right); k++) {
      const overlap = Math.min(right, lo + (k + 1) * width) - Math.max(left, lo + k * width);
      if (overlap > 0) out[k] += (count * overlap) / (right - left);
    }
  });
  return out;
}

/** Light orange (first step) to dark (last), as TensorBoard shades older steps lighter. */
export function stepColor(k: number, n: number): string {
  const t = n > 1 ? k / (n - 1) : 1;
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(251, 122)},${mix(204, 56)},${mix(160, 0)})`;
}

/** The x values (bin centres) and one line per step of `series` on the shared grid; `offset` lifts earlier steps. */
export function stepLines(series: HistogramSeries, mode: "offset" | "overlay"): { xs: number[]; lines: Line[] } {
  const lo = Math.min(...series.buckets.map((b) => b.min));
  const hi = Math.max(...series.buckets.map((b) => b.max));
  const grids = series.buckets.map((b) => resample(b, lo, hi));
  const width = (hi - lo) / DISPLAY_BINS;
  const xs = Array.from({ length: DISPLAY_BINS }, (_, k) => lo + (k + 0.5) * width);
  const peak = Math.max(0, ...grids.flat()) || 1;
  const n = grids.length;
  // Offset: the first step sits highest and each later one lower, the ridges spanning twice the peak bin in all.
  const lift = mode === "offset" ? (2 * peak) / n : 0;
  const lines = grids.map(
    (counts, k): Line => ({
      label: `step ${series.steps[k]}`,
      values: counts.map((c) => c + (n - 1 - k) * lift),
      color: stepColor(k, n),
      width: 1.25,
      points: false,
    }),
  );
  return { xs, lines };
}
