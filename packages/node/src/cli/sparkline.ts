// A terminal sparkline: values bucketed into at most `width` columns (mean per column), drawn with the eight
// block heights ▁▂▃▄▅▆▇█ between the smallest and largest mean; a column of only NaNs is a space.

const BARS = "▁▂▃▄▅▆▇█";

export function sparkline(values: readonly number[], width = 30): string {
  if (values.length === 0) return "";
  const columns = Math.min(width, values.length);
  const means: number[] = [];
  for (let c = 0; c < columns; c++) {
    const from = Math.floor((c * values.length) / columns);
    const to = Math.floor(((c + 1) * values.length) / columns);
    const finite = values.slice(from, to).filter(Number.isFinite);
    means.push(finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : Number.NaN);
  }
  const finite = means.filter(Number.isFinite);
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  return means
    .map((m) => {
      if (!Number.isFinite(m)) return " ";
      if (high === low) return BARS[3];
      return BARS[Math.min(7, Math.floor(((m - low) / (high - low)) * 8))];
    })
    .join("");
}

/** A number in at most four significant digits: 133.2, 0.0002611, 8.28e-8. */
export function shortNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  return String(Number(value.toPrecision(4)));
}
