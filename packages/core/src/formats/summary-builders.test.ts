import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors";
import { defaultBucketLimits, Histogram, histogramProto } from "./histogram";
import { decodeSummary, encodeSummary, histogramSummary, mergeSummaries, scalarSummary } from "./summary-builders";

describe("summary builders", () => {
  it("scalar values are float32, as ScalarSummary stores them", () => {
    const s = scalarSummary("loss/loss", 0.1);
    expect(s).toEqual({ value: [{ tag: "loss/loss", simpleValue: Math.fround(0.1) }] });
    expect(decodeSummary(encodeSummary(s))).toEqual({
      value: [{ tag: "loss/loss", nodeName: "", simpleValue: Math.fround(0.1) }],
    });
  });

  it("histogram: buckets by upper_bound, empty runs merged (histogram_test.cc EmptyHistogram / SingleValue)", () => {
    expect(new Histogram().toProto()).toEqual({
      min: Number.MAX_VALUE,
      max: -Number.MAX_VALUE,
      num: 0,
      sum: 0,
      sumSquares: 0,
      bucketLimit: [Number.MAX_VALUE],
      bucket: [0],
    });
    const limits = defaultBucketLimits();
    expect(limits[775]).toBe(0);
    expect(limits[776]).toBe(1e-12);
    expect(limits[0]).toBe(-Number.MAX_VALUE);
    const h = histogramProto([0, 0, -1, 2]);
    expect(h.num).toBe(4);
    expect(h.sum).toBe(1);
    expect(h.sumSquares).toBe(5);
    expect([h.min, h.max]).toEqual([-1, 2]);
    // 0 falls in the bucket whose limit is 1e-12 (the first limit greater than 0).
    const zeroAt = h.bucketLimit.indexOf(1e-12);
    expect(h.bucket[zeroAt]).toBe(2);
    expect(h.bucket.reduce((a, b) => a + b, 0)).toBe(4);
    expect(h.bucket.filter((c) => c === 0).length).toBe(h.bucket.length - 3);
    expect(h.bucketLimit[h.bucketLimit.length - 1]).toBe(Number.MAX_VALUE);
  });

  it("NaN in a histogram is TF's error", () => {
    expect(() => histogramSummary("w", [1, Number.NaN])).toThrow(InvalidArgumentError);
    expect(() => histogramSummary("w", [1, Number.NaN])).toThrow("Nan in summary histogram for: w");
  });

  it("merges serialized and decoded summaries in order", () => {
    const merged = mergeSummaries([encodeSummary(scalarSummary("a", 1)), scalarSummary("b", 2)]);
    expect(merged.value.map((v) => [v.tag, v.simpleValue])).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
    expect(() => mergeSummaries([scalarSummary("a", 1), scalarSummary("a", 2)])).toThrow(
      "Duplicate tag a found in summary inputs",
    );
  });
});
