// Where peers run: one host per process (Node) or page (Chromium), holding the peers that can share it. A host
// times one peer on one case for a share of the budget and returns the samples; the runner interleaves hosts.
import { allCases, type CaseSpec } from "./cases";
import type { PeerId } from "./format";
import { type Limits, loadLimits } from "./peers/limits";
import { type Ort, ortRun } from "./peers/onnxruntime";
import { op, type Scopeflow, type ScopeflowBackend, setScopeflow, Unavailable, useScopeflow } from "./peers/scopeflow";
import { type TfjsBackend, useTfjs } from "./peers/tfjs";
import { measure } from "./stats";

/** What differs between Node and Chromium: where each peer's code and .wasm come from. */
export interface Platform {
  /** @scopeflow/node or @scopeflow/browser. */
  scopeflow: Scopeflow;
  /** Folder (ending in "/") of tfjs-backend-wasm's .wasm files. */
  tfjsWasmDir: string;
  /** onnxruntime-web, initialized with `threads` on first use (a runtime keeps its first thread count). */
  ort(threads: number): Promise<Ort>;
  /** The bytes of a build of the hand-written limits (dist/limits/<file>). */
  limitsWasm(file: string): Promise<BufferSource>;
  /** Shortest sample, longer where the clock is coarse (default 1 ms). */
  minSampleMs?: number;
}

/** One peer's samples on one case, or why there are none. */
export type Outcome = { samples: number[] } | { skipped: string } | { failed: string };

/** The first line of an error's message, short enough for a table cell. */
export function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split("\n")[0]!;
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

interface Prepared {
  run(): unknown;
  dispose(): unknown;
  /** Multiplies every sample (the limit's FLOP floors, scaled from a measured GEMM). */
  scale?: number;
}

const SCOPEFLOW: Partial<Record<PeerId, ScopeflowBackend>> = {
  "sf-reference": "reference",
  "sf-wasm-1": "wasm",
  "sf-wasm": "wasm",
};
const TFJS: Partial<Record<PeerId, TfjsBackend>> = { "tfjs-cpu": "cpu", "tfjs-wasm": "wasm" };
const ORT_THREADS: Partial<Record<PeerId, number>> = { "ort-1": 1, "ort-2": 2 };

export interface Host {
  sample(peer: PeerId, caseId: string, budgetMs: number): Promise<Outcome>;
}

export function createHost(platform: Platform): Host {
  setScopeflow(platform.scopeflow);
  const cases = new Map(allCases().map((c) => [c.id, c]));
  // A case's scopeflow graph is built once and shared by both scopeflow backends (one Session per round).
  const graphs = new Map<string, { graph: any; init: any; run: ReturnType<CaseSpec["scopeflow"]> } | string>();
  let limits: Promise<Limits> | undefined;

  async function graphOf(spec: CaseSpec) {
    if (!graphs.has(spec.id)) {
      try {
        const tf = await useScopeflow("reference");
        const graph = new tf.Graph();
        graphs.set(
          spec.id,
          graph.asDefault(() => ({ graph, run: spec.scopeflow(), init: op("globalVariablesInitializer")() })),
        );
      } catch (error) {
        graphs.set(spec.id, error instanceof Unavailable ? error.message : `graph: ${reason(error)}`);
      }
    }
    const built = graphs.get(spec.id)!;
    if (typeof built === "string") throw new Error(built);
    return built;
  }

  /** The peer ready to time on `spec`, or why it sits this case out. */
  async function prepare(peer: PeerId, spec: CaseSpec): Promise<Prepared | { skipped: string }> {
    if (peer === "limit") {
      if (!spec.limit) return { skipped: "no limit" };
      limits ??= loadLimits(platform.limitsWasm);
      return spec.limit(await limits);
    }
    const sf = SCOPEFLOW[peer];
    if (sf) {
      if (sf === "reference" && spec.skipReference) return { skipped: spec.skipReference };
      const built = await graphOf(spec);
      const tf = await useScopeflow(sf, peer === "sf-wasm-1" ? 1 : undefined);
      const session = new tf.Session({ graph: built.graph, backend: sf });
      session.run(built.init);
      const { fetch, feeds } = built.run;
      return { run: () => session.run(fetch, feeds as any), dispose: () => session.close() };
    }
    const tfjs = TFJS[peer];
    if (tfjs) {
      if (tfjs === "cpu" && spec.skipTfjsCpu) return { skipped: spec.skipTfjsCpu };
      return spec.tfjs(await useTfjs(tfjs, platform.tfjsWasmDir));
    }
    if ("none" in spec.onnx) return { skipped: spec.onnx.none };
    return ortRun(await platform.ort(ORT_THREADS[peer]!), spec.onnx);
  }

  return {
    async sample(peer, caseId, budgetMs) {
      const spec = cases.get(caseId);
      if (!spec) return { failed: `no case ${caseId}` };
      try {
        const prepared = await prepare(peer, spec);
        if ("skipped" in prepared) return prepared;
        try {
          const { samples } = await measure(() => prepared.run(), { budgetMs, minSampleMs: platform.minSampleMs });
          const scale = prepared.scale ?? 1;
          return { samples: samples.map((ms) => ms * scale) };
        } finally {
          await prepared.dispose();
        }
      } catch (error) {
        return { failed: reason(error) };
      }
    },
  };
}
