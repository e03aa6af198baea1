// Timing: warm up, then sample until a time budget is spent, and keep the median (robust to GC pauses and to
// the other engineers' jobs on this shared 2-core machine).

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of an empty list");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface MeasureOptions {
  /** Time to spend sampling, after the warm-up, in milliseconds. */
  budgetMs: number;
  /** Samples taken even when one run exceeds the budget. */
  minSamples?: number;
  maxSamples?: number;
  /** A sample times enough back-to-back runs to last about this long, so that timer resolution does not matter. */
  minSampleMs?: number;
  now?: () => number;
}

export interface Measurement {
  /** Median time of one run, in milliseconds. */
  ms: number;
  /** Time of one run in each sample, in milliseconds. */
  samples: number[];
  runsPerSample: number;
}

/**
 * Times `run`: a warm-up (two runs or more, so that JIT and run plans settle; one when a run alone takes half the
 * budget), then samples until `budgetMs` has passed. A run may return a promise (onnxruntime-web's `session.run`):
 * it is awaited inside the timed loop, and only then, so synchronous peers pay no microtask per run.
 */
/** `n` runs back to back, awaiting those that return a promise. */
async function runs(run: () => unknown, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const pending = run();
    if (pending instanceof Promise) await pending;
  }
}

export async function measure(run: () => unknown, options: MeasureOptions): Promise<Measurement> {
  const { budgetMs, minSamples = 3, maxSamples = 500, minSampleMs = 1, now = () => performance.now() } = options;
  const warmStart = now();
  let warmRuns = 0;
  let firstRunMs = 0;
  do {
    await runs(run, 1);
    if (++warmRuns === 1) firstRunMs = now() - warmStart;
  } while (warmRuns < 2 ? now() - warmStart < budgetMs / 2 : now() - warmStart < budgetMs * 0.2 && warmRuns < 100);
  // Runs per sample: doubled until a batch lasts minSampleMs. Measured, not derived from the warm-up's average,
  // which a slow first run (compiling, planning) inflates: with a coarse clock (100 µs in a page that is not
  // cross-origin isolated) a batch too short reads as 0. Warm-up runs after the first that lasted minSampleMs on
  // average settle it without a batch (runs of seconds: matmul 1024 on the slow peers).
  const laterRunMs = warmRuns < 2 ? 0 : (now() - warmStart - firstRunMs) / (warmRuns - 1);
  let runsPerSample = 1;
  if (laterRunMs < minSampleMs) {
    for (;;) {
      const t = now();
      await runs(run, runsPerSample);
      if (now() - t >= minSampleMs || runsPerSample >= 1 << 20) break;
      runsPerSample *= 2;
    }
  }
  const samples: number[] = [];
  const start = now();
  while (samples.length < maxSamples && (samples.length < minSamples || now() - start < budgetMs)) {
    const t = now();
    await runs(run, runsPerSample);
    samples.push((now() - t) / runsPerSample);
  }
  return { ms: median(samples), samples, runsPerSample };
}
