// `npx pnpm@12.4.2 bench`: scopeflow (reference and wasm backends) side by side with tfjs-core (cpu and wasm
// backends) in one process, on the cases of issue 5. Prints the table and writes it to tools/bench/RESULTS.md.
// Flags: --quick (a small subset with a short budget, for smoke tests), --only=<substring> (cases whose id matches),
// --budget=<ms> (sampling time per case and peer), --peers=sf-wasm,tfjs-wasm (only these columns; for profiling
// one side with `node --cpu-prof dist/bench.js ...`), --no-write (leave RESULTS.md alone).
import { writeFileSync } from "node:fs";
import { allCases, type CaseSpec } from "./cases";
import { PEER_TITLES, PEERS, type PeerId, type Row, renderMarkdown, renderText } from "./format";
import { op, type ScopeflowBackend, Unavailable, useScopeflow, wasmSetup } from "./peers/scopeflow";
import { type TfjsBackend, tfjsVersion, useTfjs } from "./peers/tfjs";
import { measure, median } from "./stats";
import { systemInfo } from "./system";

interface Options {
  quick: boolean;
  only?: string;
  budgetMs: number;
  /** Interleaved rounds per case; the budget is split among them. */
  rounds: number;
  peers: ReadonlySet<PeerId>;
  write: boolean;
}

function parseArgs(argv: readonly string[]): Options {
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

/** The first line of an error's message, short enough for a table cell. */
function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split("\n")[0]!;
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

/** One peer ready to time: `run` is the timed closure, `dispose` frees what `prepare` made. */
interface Prepared {
  run(): void;
  dispose(): void;
}

interface PeerSetup {
  peer: PeerId;
  prepare(): Promise<Prepared>;
}

/** The scopeflow peers of a case: its graph is built once; each round opens a Session on that graph. */
function scopeflowSetups(spec: CaseSpec, cells: Row["cells"]): PeerSetup[] {
  let built: { graph: any; init: any; run: ReturnType<CaseSpec["scopeflow"]> } | undefined;
  let buildError: string | undefined;
  const build = async () => {
    if (built || buildError) return;
    try {
      const tf = await useScopeflow("reference");
      const graph = new tf.Graph();
      built = graph.asDefault(() => ({ graph, run: spec.scopeflow(), init: op("globalVariablesInitializer")() }));
    } catch (error) {
      buildError = error instanceof Unavailable ? error.message : `graph: ${reason(error)}`;
    }
  };
  const backends: [PeerId, ScopeflowBackend][] = [
    ["sf-reference", "reference"],
    ["sf-wasm", "wasm"],
  ];
  if (spec.skipReference) cells["sf-reference"] = { skipped: spec.skipReference };
  return backends.map(([peer, backend]) => ({
    peer,
    prepare: async () => {
      await build();
      if (!built) throw new Error(buildError);
      const tf = await useScopeflow(backend);
      const session = new tf.Session({ graph: built.graph, backend });
      session.run(built.init);
      const { fetch, feeds } = built.run;
      return { run: () => session.run(fetch, feeds as any), dispose: () => session.close() };
    },
  }));
}

function tfjsSetups(spec: CaseSpec, cells: Row["cells"]): PeerSetup[] {
  const backends: [PeerId, TfjsBackend][] = [
    ["tfjs-cpu", "cpu"],
    ["tfjs-wasm", "wasm"],
  ];
  if (spec.skipTfjsCpu) cells["tfjs-cpu"] = { skipped: spec.skipTfjsCpu };
  return backends.map(([peer, backend]) => ({ peer, prepare: async () => spec.tfjs(await useTfjs(backend)) }));
}

/**
 * Times every peer of a case in interleaved rounds (order reversed every other round), pooling the samples of all
 * rounds, so that a burst of load from another job on this shared machine falls on all peers rather than on one.
 */
async function runCase(spec: CaseSpec, options: Options): Promise<Row["cells"]> {
  const cells: Row["cells"] = {};
  const setups = [...scopeflowSetups(spec, cells), ...tfjsSetups(spec, cells)].filter((s) => options.peers.has(s.peer));
  const samples = new Map<PeerId, number[]>(setups.map((s) => [s.peer, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const setup of round % 2 === 0 ? setups : [...setups].reverse()) {
      if (cells[setup.peer]) continue; // skipped, or failed in an earlier round
      try {
        const prepared = await setup.prepare();
        try {
          samples
            .get(setup.peer)!
            .push(...measure(prepared.run, { budgetMs: options.budgetMs / options.rounds }).samples);
        } finally {
          prepared.dispose();
        }
      } catch (error) {
        cells[setup.peer] = { failed: reason(error) };
      }
    }
  }
  for (const { peer } of setups) cells[peer] ??= { ms: median(samples.get(peer)!) };
  return cells;
}

const NOTES = [
  "Kernel cases (matmul, add, relu, reduce-sum, softmax, conv2d) time the op over inputs already resident on each side (scopeflow: variables held by the Session; tfjs: tensors held by the backend), without reading the output back.",
  "Per-op overhead is one run of a graph of 1000 chained `Add`s on a 1-element tensor (tfjs: 1000 eager `tf.add`s), divided by 1000; the MLP step feeds its batch (scopeflow) or makes its batch tensors (tfjs) every step.",
  "skipped (too slow): the reference backend at matmul 1024 (about 7 s per run) and tfjs-cpu on transposed matmul 1024 (about 3 s per run) would each take longer than the whole time budget.",
  "tfjs-cpu readback returns the tensor's backing array without a copy, hence about 0 ms.",
];

function header(options: Options): string {
  const sys = systemInfo();
  return [
    `Date: ${sys.date}; Node ${sys.node}; CPU: ${sys.cpu} (${sys.cores} cores, load average ${sys.load})`,
    `Peers: @tensorflow/tfjs-core ${tfjsVersion()} with -backend-cpu and -backend-wasm (SIMD, 1 thread); scopeflow wasm via ${wasmSetup}`,
    `Method: median of the samples taken for ${options.budgetMs} ms per case and peer, in ${options.rounds} interleaved rounds each after a warm-up; ratio = tfjs-wasm time / scopeflow-wasm time (> 1: scopeflow ahead).`,
  ].join("\n");
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const cases = allCases().filter((c) => (!options.quick || c.quick) && (!options.only || c.id.includes(options.only)));
  const rows: Row[] = [];
  const started = performance.now();
  await useScopeflow("wasm"); // load it up front, so that the header can say how
  for (const spec of cases) {
    const cells = await runCase(spec, options);
    const { scopeflow: _s, tfjs: _t, id: _i, quick: _q, skipReference: _r, skipTfjsCpu: _c, ...row } = spec;
    rows.push({ ...row, cells });
    process.stderr.write(
      `${spec.id}: ${Object.entries(cells)
        .map(([p, c]) => `${PEER_TITLES[p as PeerId]} ${"ms" in c ? `${c.ms.toFixed(3)} ms` : "-"}`)
        .join(", ")}\n`,
    );
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const intro = `${header(options)}\nTotal time: ${seconds} s${options.quick ? " (--quick subset)" : ""}.`;
  console.log(`\n${intro}\n\n${renderText(rows)}`);
  if (options.write && !options.quick && !options.only && options.peers.size === PEERS.length) {
    const url = new URL("../RESULTS.md", import.meta.url);
    const notes = NOTES.map((n) => `- ${n}`).join("\n");
    writeFileSync(
      url,
      `# Benchmark results\n\n${intro.split("\n").join("  \n")}\n\n${renderMarkdown(rows)}\n${notes}\n`,
    );
    console.log(`Wrote ${url.pathname}`);
  }
}

await main();
