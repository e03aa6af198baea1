// Running the cases over several hosts (this process, child processes, Chromium pages): each peer of a case takes
// turns in interleaved rounds (order reversed every other round) and the samples of all rounds are pooled, so a
// burst of load from another job on this shared machine falls on all peers rather than on one.
import type { CaseSpec } from "./cases";
import type { PeerId, Row } from "./format";
import type { Outcome } from "./host";
import { median } from "./stats";

/** A peer and the host that times it. */
export interface Sampler {
  peer: PeerId;
  sample(caseId: string, budgetMs: number): Promise<Outcome>;
}

export interface RunOptions {
  budgetMs: number;
  rounds: number;
}

export async function runCase(
  spec: CaseSpec,
  samplers: readonly Sampler[],
  options: RunOptions,
): Promise<Row["cells"]> {
  const cells: Row["cells"] = {};
  // The limit peer runs the cases that have a limit; a limit-only case, nothing else (the other cells stay "–").
  const active = samplers.filter((s) => (s.peer === "limit" ? spec.limit !== undefined : !spec.limitOnly));
  const samples = new Map<PeerId, number[]>(active.map((s) => [s.peer, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const sampler of round % 2 === 0 ? active : [...active].reverse()) {
      if (cells[sampler.peer]) continue; // skipped, or failed in an earlier round
      const outcome = await sampler.sample(spec.id, options.budgetMs / options.rounds);
      if ("samples" in outcome) samples.get(sampler.peer)!.push(...outcome.samples);
      else cells[sampler.peer] = outcome;
    }
  }
  for (const { peer } of active) cells[peer] ??= { ms: median(samples.get(peer)!) };
  return cells;
}

/** The table row of a case: its label, unit, FLOPs and targets, and the cells. */
export function rowOf(spec: CaseSpec, cells: Row["cells"]): Row {
  const { label, unit, per, flops, targets } = spec;
  return { label, unit, per, flops, targets, cells };
}
