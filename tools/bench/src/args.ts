// The command-line flags of `bench` and `bench:browser`.
import { PEERS, type PeerId } from "./format";

export interface Options {
  quick: boolean;
  only?: string;
  budgetMs: number;
  /** Interleaved rounds per case; the budget is split among them. */
  rounds: number;
  peers: ReadonlySet<PeerId>;
  write: boolean;
}

export function parseArgs(argv: readonly string[]): Options {
  const quick = argv.includes("--quick");
  const value = (flag: string) => argv.find((a) => a.startsWith(`--${flag}=`))?.slice(flag.length + 3);
  const budget = value("budget");
  const peers = value("peers")?.split(",") ?? [...PEERS];
  for (const peer of peers) {
    if (!(PEERS as readonly string[]).includes(peer))
      throw new Error(`--peers: unknown peer '${peer}' (known: ${PEERS.join(", ")})`);
  }
  return {
    quick,
    only: value("only"),
    budgetMs: budget ? Number(budget) : quick ? 150 : 750,
    rounds: quick ? 1 : 3,
    peers: new Set(peers as PeerId[]),
    write: !argv.includes("--no-write"),
  };
}
