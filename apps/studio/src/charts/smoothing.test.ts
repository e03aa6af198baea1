import { describe, expect, it } from "vitest";
import { smooth } from "./smoothing";

describe("smooth (TensorBoard's debiased EMA)", () => {
  it("keeps the values at weight 0 and starts at the first value (debiased)", () => {
    expect(smooth([3, 1, 2], 0)).toEqual([3, 1, 2]);
    const out = smooth([4, 0], 0.5);
    expect(out[0]).toBe(4); // (0.5 * 4) / (1 - 0.5)
    expect(out[1]).toBeCloseTo((0.5 * 2 + 0.5 * 0) / (1 - 0.25), 12);
  });
  it("passes non-finite values through without poisoning the average", () => {
    expect(smooth([1, Number.NaN, 1], 0.9)).toEqual([1, Number.NaN, 1]);
  });
});
