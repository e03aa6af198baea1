// random_seed.py: get_seed, set_random_seed: TF1's graph-level plus op-level seed rule.
import { type Graph, getDefaultGraph } from "../framework/graph";

/** random_seed.py: DEFAULT_GRAPH_SEED, used when only an op-level seed is set. */
export const DEFAULT_GRAPH_SEED = 87654321;
const MAXINT32 = 2 ** 31 - 1;

function truncateSeed(seed: number): number {
  // Python's %, which is never negative for a positive modulus.
  return ((seed % MAXINT32) + MAXINT32) % MAXINT32;
}

/**
 * random_seed.py: get_seed(op_seed). With a graph seed, an op without its own seed takes the graph's op count
 * (`Graph._last_id`) so that a seeded graph is deterministic; with neither, both are 0 (nondeterministic in TF).
 * Returns the `seed` and `seed2` attrs of a random op.
 */
export function getSeed(opSeed: number | null | undefined, graph: Graph = getDefaultGraph()): [number, number] {
  const globalSeed = graph.seed;
  let seeds: [number | null, number | null];
  if (globalSeed !== null && globalSeed !== undefined) {
    const op = opSeed ?? graph.getOperations().length;
    seeds = [truncateSeed(globalSeed), truncateSeed(op)];
  } else if (opSeed !== null && opSeed !== undefined) {
    seeds = [DEFAULT_GRAPH_SEED, truncateSeed(opSeed)];
  } else {
    seeds = [null, null];
  }
  // (0, 0) would mean "nondeterministic" to the kernels.
  if (seeds[0] === 0 && seeds[1] === 0) return [0, MAXINT32];
  return [seeds[0] ?? 0, seeds[1] ?? 0];
}

/** random_seed.py: set_random_seed(seed): the default graph's seed. */
export function setRandomSeed(seed: number | null): void {
  getDefaultGraph().seed = seed;
}
