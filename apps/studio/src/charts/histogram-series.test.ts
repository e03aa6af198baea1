import { describe, expect, it } from "vitest";
import { resample, stepColor, stepLines } from "./histogram-series";

// TF's HistogramProto: bucket i covers (bucket_limit[i-1], bucket_limit[i]]; the outer limits reach ±DBL_MAX.
const DBL_MAX = 1.7976931348623157e308;
const step0 = { limits: [0, 1, 2, DBL_MAX], counts: [0, 4, 2, 0], min: 0.5, max: 2 };
const step1 = { limits: [1, 3, DBL_MAX], counts: [0, 6, 0], min: 1, max: 3 };

describe("resample", () => {
  it("spreads each bucket's count evenly over its part of [min, max], keeping the total", () => {
    // (0.5, 1] → 4 over bins [0.5,1), (1, 2] → 2 over [1,1.5) and [1.5,2] on a grid of 3 bins over [0.5, 2].
    expect(resample(step0, 0.5, 2, 3)).toEqual([4, 1, 1]);
    const wide = resample(step0, 0, 4, 8);
    expect(wide.reduce((a, b) => a + b)).toBeCloseTo(6, 12);
    expect(wide).toEqual([0, 4, 1, 1, 0, 0, 0, 0]);
  });

  it("puts a point mass (min = max) into the bin holding it", () => {
    expect(resample({ limits: [2.5, DBL_MAX], counts: [3, 0], min: 2, max: 2 }, 0, 4, 4)).toEqual([0, 0, 3, 0]);
  });
});

describe("stepLines", () => {
  const series = { tag: "w", steps: [10, 20], buckets: [step0, step1] };

  it("overlays every step on one grid over all steps' range, lighter for earlier steps", () => {
    const { xs, lines } = stepLines(series, "overlay");
    expect(xs).toHaveLength(30);
    expect(xs[0]).toBeCloseTo(0.5 + 2.5 / 60, 12);
    expect(lines.map((l) => l.label)).toEqual(["step 10", "step 20"]);
    expect(lines[0].values).toEqual(resample(step0, 0.5, 3));
    expect(lines[1].values.reduce((a, b) => a + b)).toBeCloseTo(6, 12);
    expect(lines.map((l) => l.color)).toEqual([stepColor(0, 2), stepColor(1, 2)]);
    expect(stepColor(0, 2)).toBe("rgb(251,204,160)");
    expect(stepColor(1, 2)).toBe("rgb(122,56,0)");
  });

  it("offsets earlier steps upward, the ridges spanning twice the peak bin (2 steps: one peak apart)", () => {
    const overlay = stepLines(series, "overlay").lines;
    const offset = stepLines(series, "offset").lines;
    const peak = Math.max(...overlay.flatMap((l) => l.values));
    offset[0].values.forEach((v, i) => expect(v).toBeCloseTo(overlay[0].values[i] + peak, 12));
    expect(offset[1].values).toEqual(overlay[1].values);
  });
});
