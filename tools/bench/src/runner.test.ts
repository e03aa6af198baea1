import { describe, expect, it } from "vitest";
import type { CaseSpec } from "./cases";
import type { PeerId } from "./format";
import { runCase, type Sampler } from "./runner";

/** Samplers that answer one sample of `ms[peer]` and record who was asked. */
function samplers(ms: Partial<Record<PeerId, number>>, asked: PeerId[]): Sampler[] {
  return (Object.keys(ms) as PeerId[]).map((peer) => ({
    peer,
    sample: async () => {
      asked.push(peer);
      return { samples: [ms[peer]!] };
    },
  }));
}

const spec = (extra: Partial<CaseSpec>) => ({ id: "c", label: "c", unit: "ms", ...extra }) as CaseSpec;
const limit = () => ({ run: () => {}, dispose: () => {} });

describe("runCase and the limit peer", () => {
  const ms = { "sf-wasm": 2, "tfjs-wasm": 4, limit: 1 };
  it("samples the limit peer only on cases that have a limit, in every round with the others", async () => {
    const asked: PeerId[] = [];
    const cells = await runCase(spec({ limit }), samplers(ms, asked), { budgetMs: 30, rounds: 2 });
    expect(cells).toEqual({ "sf-wasm": { ms: 2 }, "tfjs-wasm": { ms: 4 }, limit: { ms: 1 } });
    expect(asked).toEqual(["sf-wasm", "tfjs-wasm", "limit", "limit", "tfjs-wasm", "sf-wasm"]);
    const without: PeerId[] = [];
    expect(await runCase(spec({}), samplers(ms, without), { budgetMs: 30, rounds: 1 })).toEqual({
      "sf-wasm": { ms: 2 },
      "tfjs-wasm": { ms: 4 },
    });
    expect(without).not.toContain("limit");
  });
  it("samples only the limit peer on a limit-only case", async () => {
    const asked: PeerId[] = [];
    const cells = await runCase(spec({ limit, limitOnly: true }), samplers(ms, asked), { budgetMs: 30, rounds: 1 });
    expect(cells).toEqual({ limit: { ms: 1 } });
    expect(asked).toEqual(["limit"]);
  });
});
