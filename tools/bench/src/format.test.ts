import { describe, expect, it } from "vitest";
import {
  formatCell,
  formatRatio,
  formatTarget,
  formatTime,
  type Row,
  renderMarkdown,
  renderText,
  speedRatio,
} from "./format";
import { measure, median } from "./stats";

const row = (cells: Row["cells"], extra: Partial<Row> = {}): Row => ({
  label: "matmul 512",
  unit: "ms",
  cells,
  ...extra,
});

describe("median", () => {
  it("takes the middle value, or the mean of the two middle values, regardless of order", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });
  it("rejects an empty list", () => {
    expect(() => median([])).toThrow("median of an empty list");
  });
});

describe("measure", () => {
  it("warms up, batches runs shorter than a sample, and reports the per-run median", async () => {
    let clock = 0;
    let runs = 0;
    const result = await measure(
      () => {
        runs++;
        clock += 0.25;
      },
      { budgetMs: 10, minSampleMs: 1, now: () => clock },
    );
    expect(result.ms).toBe(0.25);
    expect(result.runsPerSample).toBe(4);
    expect(result.samples).toHaveLength(10);
    // 2 ms of warm-up (20% of the budget), batches of 1, 2 and 4 runs until one lasts 1 ms, 10 samples of 4 runs
    expect(runs).toBe(8 + 7 + 40);
  });
  it("warms up with a single run when one run takes half the budget or more, and still takes minSamples", async () => {
    let clock = 0;
    let runs = 0;
    const result = await measure(
      () => {
        runs++;
        clock += 60;
      },
      { budgetMs: 100, minSamples: 2, now: () => clock },
    );
    expect(runs).toBe(1 + 1 + 2); // warm-up, one calibration batch, the samples
    expect(result.samples).toEqual([60, 60]);
  });
  it("takes no calibration batch when the warm-up runs after the first lasted a sample on average", async () => {
    let clock = 0;
    let runs = 0;
    const result = await measure(
      () => {
        runs++;
        clock += 30;
      },
      { budgetMs: 100, minSamples: 2, now: () => clock },
    );
    expect(result.runsPerSample).toBe(1);
    expect(runs).toBe(2 + 4); // two warm-up runs, then samples of one run until 100 ms have passed
  });
  it("calibrates batches despite one slow warm-up run among fast ones (a GC pause)", async () => {
    let clock = 0;
    let runs = 0;
    const result = await measure(
      () => {
        clock += runs++ === 3 ? 5 : 0.1;
      },
      { budgetMs: 100, minSampleMs: 1, now: () => clock },
    );
    expect(result.runsPerSample).toBe(16);
  });
  it("sizes batches by timing them, not by the warm-up's average, which a slow first run inflates", async () => {
    let clock = 0;
    let runs = 0;
    const result = await measure(
      () => {
        clock += runs++ === 0 ? 50 : 0.1;
      },
      { budgetMs: 10, minSampleMs: 1, now: () => clock },
    );
    expect(result.runsPerSample).toBe(16);
    expect(result.ms).toBeCloseTo(0.1);
  });
  it("awaits a run that returns a promise before the clock is read", async () => {
    let clock = 0;
    const result = await measure(
      async () => {
        await Promise.resolve();
        clock += 5;
      },
      { budgetMs: 20, minSampleMs: 1, now: () => clock },
    );
    expect(result.samples.every((ms) => ms === 5)).toBe(true);
    expect(result.runsPerSample).toBe(1);
  });
});

describe("figures and ratios", () => {
  it("formats times with 2, 1 or 0 decimals and converts to µs", () => {
    expect(formatTime(8.123, "ms")).toBe("8.12 ms");
    expect(formatTime(12.345, "ms")).toBe("12.3 ms");
    expect(formatTime(0.5114, "µs")).toBe("511 µs");
    expect(formatTime(0.0028, "µs")).toBe("2.80 µs");
  });
  it("adds GFLOP/s when the case counts FLOPs, and divides per-op cases", () => {
    expect(formatCell(row({}, { flops: 2 * 512 ** 3 }), { ms: 8 })).toBe("8.00 ms, 33.6 GFLOP/s");
    expect(formatCell(row({}, { unit: "µs", per: 1000 }), { ms: 2.8 })).toBe("2.80 µs");
    expect(formatCell(row({}), { skipped: "too slow" })).toBe("skipped (too slow)");
    expect(formatCell(row({}), { failed: "tf.nn.relu not exported yet" })).toBe("n/a (tf.nn.relu not exported yet)");
    expect(formatCell(row({}), undefined)).toBe("–");
  });
  it("ratio is tfjs-wasm time over scopeflow-wasm time, > 1 when scopeflow is ahead", () => {
    expect(speedRatio(row({ "sf-wasm": { ms: 2 }, "tfjs-wasm": { ms: 5 } }))).toBe(2.5);
    expect(speedRatio(row({ "sf-wasm": { failed: "x" }, "tfjs-wasm": { ms: 5 } }))).toBeUndefined();
    expect(formatRatio(2.5)).toBe("2.50x");
    expect(formatRatio(17.04)).toBe("17.0x");
    expect(formatRatio(undefined)).toBe("–");
  });
  it("says whether a target is met, missed, or cannot be judged", () => {
    const targets = [{ ratio: 1.3 }];
    expect(formatTarget(row({ "sf-wasm": { ms: 6 }, "tfjs-wasm": { ms: 8 } }, { targets }))).toBe("≥ 1.3x: met");
    expect(formatTarget(row({ "sf-wasm": { ms: 7 }, "tfjs-wasm": { ms: 8 } }, { targets }))).toBe("≥ 1.3x: missed");
    expect(formatTarget(row({ "tfjs-wasm": { ms: 8 } }, { targets }))).toBe("≥ 1.3x: n/a");
    expect(formatTarget(row({}))).toBe("");
  });
  it("judges a target against onnxruntime-web with 2 threads on that column, next to the tfjs one", () => {
    const cells = { "sf-wasm": { ms: 6 }, "tfjs-wasm": { ms: 8 }, "ort-2": { ms: 5 } };
    expect(speedRatio(row(cells), "ort-2")).toBeCloseTo(5 / 6);
    expect(formatTarget(row(cells, { targets: [{ ratio: 1.2 }, { ratio: 1.1, vs: "ort-2" }] }))).toBe(
      "≥ 1.2x: met; ≥ 1.1x ort-2: missed",
    );
  });
});

describe("the hand-written limit", () => {
  const cells = {
    "sf-wasm-1": { ms: 8 },
    "sf-wasm": { ms: 5 },
    "tfjs-wasm": { ms: 10 },
    limit: { ms: 7 },
  };
  it("rates scopeflow as the share of the limit's speed it reaches, on either scopeflow column", () => {
    expect(speedRatio(row(cells), "limit")).toBeCloseTo(7 / 5);
    expect(speedRatio(row(cells), "limit", "sf-wasm-1")).toBeCloseTo(7 / 8);
  });
  it("judges 'of limit' targets and 1-thread targets on the column they name", () => {
    const targets = [
      { ratio: 1.9 },
      { ratio: 1.2, ours: "sf-wasm-1" as const },
      { ratio: 0.88, vs: "limit" as const, ours: "sf-wasm-1" as const },
      { ratio: 0.9, vs: "limit" as const },
    ];
    expect(formatTarget(row(cells, { targets }))).toBe(
      "≥ 1.9x: met; ≥ 1.2x 1 thread: met; ≥ 0.88 of limit 1 thread: missed; ≥ 0.9 of limit: met",
    );
    expect(formatTarget(row({ "sf-wasm": { ms: 5 } }, { targets: [{ ratio: 0.9, vs: "limit" }] }))).toBe(
      "≥ 0.9 of limit: n/a",
    );
  });
  it("has a column, and ratio columns for both scopeflow columns, when a row has a limit", () => {
    const [head, , line] = renderMarkdown([row(cells), row({ "sf-wasm": { ms: 1 } }, { label: "per-op" })]).split("\n");
    expect(head).toBe(
      "| case | scopeflow wasm 1 thread | scopeflow wasm | tfjs wasm | hand-written limit | sf-wasm / tfjs-wasm | sf-wasm / limit | sf-wasm 1 thread / tfjs-wasm | sf-wasm 1 thread / limit | target |",
    );
    expect(line).toBe("| matmul 512 | 8.00 ms | 5.00 ms | 10.0 ms | 7.00 ms | 2.00x | 1.40x | 1.25x | 0.88x |  |");
    // a row without a limit (or a limit-only row) leaves the other cells "–"
    expect(renderMarkdown([row(cells), row({ limit: { ms: 3 } }, { label: "floor" })]).split("\n")[3]).toBe(
      "| floor | – | – | – | 3.00 ms | – | – | – | – |  |",
    );
  });
});

describe("tables", () => {
  const rows = [
    row(
      {
        "sf-reference": { skipped: "too slow" },
        "sf-wasm": { ms: 4 },
        "tfjs-cpu": { ms: 100 },
        "tfjs-wasm": { ms: 8 },
      },
      { targets: [{ ratio: 1.3 }] },
    ),
  ];
  it("renders Markdown with a header, a rule and one line per case", () => {
    expect(renderMarkdown(rows)).toBe(
      [
        "| case | scopeflow reference | scopeflow wasm | tfjs cpu | tfjs wasm | sf-wasm / tfjs-wasm | target |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        "| matmul 512 | skipped (too slow) | 4.00 ms | 100 ms | 8.00 ms | 2.00x | ≥ 1.3x: met |",
        "",
      ].join("\n"),
    );
  });
  it("has a column, and a ratio column, for onnxruntime-web only when a row has its cells", () => {
    const withOrt = renderMarkdown([row({ "sf-wasm": { ms: 4 }, "ort-1": { ms: 6 }, "ort-2": { ms: 3 } })]);
    expect(withOrt.split("\n")[0]).toBe(
      "| case | scopeflow wasm | ort-web 1 thread | ort-web 2 threads | sf-wasm / ort-2 | target |",
    );
    expect(withOrt.split("\n")[2]).toBe("| matmul 512 | 4.00 ms | 6.00 ms | 3.00 ms | 0.75x |  |");
  });
  it("escapes pipes in Markdown cells", () => {
    expect(renderMarkdown([row({ "sf-wasm": { failed: "a | b" } })])).toContain("n/a (a \\| b)");
  });
  it("renders aligned text columns", () => {
    const lines = renderText(rows).trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]!.indexOf("scopeflow wasm")).toBe(lines[2]!.indexOf("4.00 ms"));
  });
});
