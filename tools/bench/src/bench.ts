// `npx pnpm@12.4.2 bench`: scopeflow (reference and wasm backends) side by side with tfjs-core (cpu and wasm
// backends) in this process and onnxruntime-web with 1 and 2 threads in one child process each, on the cases of
// issues 5 and 14. Prints the table and writes it to tools/bench/RESULTS.md (the Node section).
// Flags: --quick (a small subset with a short budget, for smoke tests), --only=<substring> (cases whose id matches),
// --budget=<ms> (sampling time per case and peer), --peers=sf-wasm,tfjs-wasm (only these columns; for profiling
// one side with `node --cpu-prof dist/bench.js ...`), --no-write (leave RESULTS.md alone).
import { type ChildProcess, fork } from "node:child_process";
import { bestInstructionSet } from "@scopeflow/wasm-kernels";
import { parseArgs } from "./args";
import { allCases } from "./cases";
import { PEER_TITLES, PEERS, type PeerId, type Row, renderText } from "./format";
import { createHost, type Outcome } from "./host";
import type { SampleRequest } from "./host-process";
import { nodePlatform } from "./node-platform";
import { useScopeflow, wasmSetup } from "./peers/scopeflow";
import { tfjsVersion } from "./peers/tfjs";
import { writeSection } from "./results";
import { rowOf, runCase, type Sampler } from "./runner";
import { systemInfo } from "./system";

/** A child process hosting onnxruntime-web with `threads` threads; requests are answered in order. */
class ChildHost {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, (outcome: Outcome) => void>();
  private nextId = 0;
  readonly ready: Promise<string>;

  constructor(threads: number) {
    this.child = fork(new URL("./host-process.js", import.meta.url), [`--ort-threads=${threads}`]);
    this.ready = new Promise((resolve, reject) => {
      this.child.once("error", reject);
      this.child.on("message", (message: { ready?: true; ortVersion?: string; id?: number; outcome?: Outcome }) => {
        if (message.ready) resolve(message.ortVersion!);
        else this.pending.get(message.id!)?.(message.outcome!);
      });
    });
  }

  sample(peer: PeerId, caseId: string, budgetMs: number): Promise<Outcome> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.send({ id, peer, caseId, budgetMs } satisfies SampleRequest);
    });
  }

  close(): void {
    this.child.send("exit");
  }
}

const NOTES = [
  "Kernel cases (matmul, add, relu, reduce-sum, softmax, conv2d) time the op over inputs already resident on each side (scopeflow: variables held by the Session; tfjs: tensors held by the backend; onnxruntime-web: initializers of the model, graph optimizations off so that they are not constant-folded), without reading the output back, except onnxruntime-web, whose API copies every output out of its heap.",
  "Per-op overhead is one run of a graph of 1000 chained `Add`s on a 1-element tensor (tfjs: 1000 eager `tf.add`s), divided by 1000; the MLP step feeds its batch (scopeflow) or makes its batch tensors (tfjs) every step; onnxruntime-web has no training and no resident outputs to read back.",
  "onnxruntime-web runs in one child process per thread count (it fixes the count when it first initializes); its conv2d is NCHW (ONNX's layout), the others NHWC.",
  "skipped (too slow): the reference backend at matmul 1024 (about 7 s per run) and tfjs-cpu on transposed matmul 1024 (about 3 s per run) would each take longer than the whole time budget.",
  "tfjs-cpu readback returns the tensor's backing array without a copy, hence about 0 ms.",
  "Targets are issue 14's, against scopeflow wasm with tf.ready()'s default threads (the cores available); its `numThreads: 1` targets (marked 1 thread) read the 1-thread column.",
  "Hand-written limit: one thread of plain wasm SIMD written for the case alone (tools/bench/limits), in the build scopeflow picked (relaxed SIMD where it validates): a 4x8 SGEMM packing A and B (matmul, non-transposed), v128 add and reduce-sum; the MLP step's FLOP floor is its FLOPs at the limit GEMM's rate on its [128,784]x[784,256] MatMul. `sf-wasm / limit` is the share of the limit's speed scopeflow reaches.",
  "Readback's limit is `new Float32Array(16M).set(view over wasm memory)`: the fresh array's page faults are most of it (the two floor rows below it: the same copy into an already-touched array, and a 64 MiB copy inside wasm memory), so a readback returning a fresh array cannot go much below it.",
];

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const cases = allCases().filter((c) => (!options.quick || c.quick) && (!options.only || c.id.includes(options.only)));
  const started = performance.now();
  const host = createHost(nodePlatform);
  const defaults = (await useScopeflow("wasm")).backendInfo(); // load it up front, so that the header can say how
  const children = new Map<PeerId, ChildHost>();
  for (const [peer, threads] of [
    ["ort-1", 1],
    ["ort-2", 2],
  ] as const) {
    if (options.peers.has(peer)) children.set(peer, new ChildHost(threads));
  }
  const ortVersions = await Promise.all([...children.values()].map((c) => c.ready));
  const samplers: Sampler[] = PEERS.filter((p) => options.peers.has(p)).map((peer) => ({
    peer,
    sample: (caseId, budgetMs) =>
      children.get(peer)?.sample(peer, caseId, budgetMs) ?? host.sample(peer, caseId, budgetMs),
  }));
  const rows: Row[] = [];
  for (const spec of cases) {
    const cells = await runCase(spec, samplers, options);
    rows.push(rowOf(spec, cells));
    process.stderr.write(
      `${spec.id}: ${Object.entries(cells)
        .map(([p, c]) => `${PEER_TITLES[p as PeerId]} ${"ms" in c ? `${c.ms.toFixed(3)} ms` : "-"}`)
        .join(", ")}\n`,
    );
  }
  for (const child of children.values()) child.close();
  const sys = systemInfo();
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const intro = [
    `Date: ${sys.date}; Node ${sys.node}; CPU: ${sys.cpu} (${sys.cores} cores, load average ${sys.load})`,
    `Peers: @tensorflow/tfjs-core ${tfjsVersion()} with -backend-cpu and -backend-wasm (SIMD, 1 thread); onnxruntime-web ${ortVersions[0] ?? "–"} (wasm, 1 and 2 threads); scopeflow wasm via ${wasmSetup} (its ${bestInstructionSet()} build; ${defaults.numThreads} thread(s) by default); hand-written limits: the ${bestInstructionSet()} build of tools/bench/limits, 1 thread`,
    `Method: median of the samples taken for ${options.budgetMs} ms per case and peer, in ${options.rounds} interleaved rounds each after a warm-up; ratio = rival time / scopeflow-wasm time (> 1: scopeflow ahead).`,
    `Total time: ${seconds} s${options.quick ? " (--quick subset)" : ""}.`,
  ];
  console.log(`\n${intro.join("\n")}\n\n${renderText(rows)}`);
  if (options.write && !options.quick && !options.only && options.peers.size === PEERS.length) {
    const path = writeSection("node", "Node", intro, rows, NOTES);
    console.log(`Wrote ${path}`);
  }
  process.exit(0);
}

await main();
