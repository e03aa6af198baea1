// Every line of the seed CLI matches what the thread says TF 1.15 prints.
import { describe, expect, it, vi } from "vitest";
import { runSeedSnippets } from "./seed-snippets";

describe("seed thread snippets (apps/demo seed CLI)", () => {
  it("every name matches TF 1.15", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const checks = runSeedSnippets();
    warn.mockRestore();
    expect(checks.length).toBe(38);
    for (const c of checks) expect({ ...c, actual: c.actual }).toEqual({ ...c, actual: c.expected });
  });
});
