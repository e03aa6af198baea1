// Worker threads over one shared WebAssembly.Memory. Every worker instantiates the same threaded module on the same
// memory (the module has no mutable globals and its data segments are constants, so re-applying them at each
// instantiation rewrites identical bytes; kernels never allocate) and then loops on a control block in that memory:
// it sleeps in Atomics.wait on the generation word, runs the call in its slot, counts itself done. The calling
// thread writes the workers' slots, bumps the generation, runs its own share and spins on the done count (a browser
// window may not Atomics.wait; a kernel call is synchronous anyway). One source for Node's worker_threads (eval'd)
// and Web Workers (a blob: URL), so no bundler has to find a worker file.
import type { KernelExports } from "./module";
import type { WasmMemory, WasmModule } from "./wasm-types";

/** Control block words (i32 indices from its start): generation, done count, stop flag, error flag. */
const GEN = 0;
const DONE = 1;
const STOP = 2;
const ERR = 3;
/** Bytes of the header before the slots, and of each worker's slot: i32 fn index, i32 argc, then f64 args. */
const HEADER_BYTES = 64;
const SLOT_BYTES = 256;
const MAX_ARGS = (SLOT_BYTES - 8) / 8;
/** Polls of the done count before a thread that may block sleeps on it. */
const JOIN_SPINS = 20000;

/** Bytes of the control block for `workers` workers. */
export function controlBytes(workers: number): number {
  return HEADER_BYTES + workers * SLOT_BYTES;
}

const WORKER_SOURCE = `
"use strict";
const port = typeof self === "object" && typeof self.postMessage === "function" ? self : process.getBuiltinModule("node:worker_threads").parentPort;
port.addEventListener("message", async (event) => {
  const { module, memory, control, slot, names } = event.data;
  let instance;
  try {
    instance = await WebAssembly.instantiate(module, { env: { memory } });
  } catch (error) {
    port.postMessage({ error: String(error) });
    return;
  }
  const fns = names.map((name) => instance.exports[name]);
  const ctl = new Int32Array(memory.buffer, control, ${HEADER_BYTES / 4});
  const head = new Int32Array(memory.buffer, slot, 2);
  const args = new Float64Array(memory.buffer, slot + 8, ${MAX_ARGS});
  // The generation seen before saying ready: a call posted right after "ready" is a newer one.
  let seen = Atomics.load(ctl, ${GEN});
  port.postMessage("ready");
  for (;;) {
    let gen = Atomics.load(ctl, ${GEN});
    for (let spin = 0; gen === seen && spin < 20000; spin++) gen = Atomics.load(ctl, ${GEN});
    if (gen === seen) {
      Atomics.wait(ctl, ${GEN}, seen);
      continue;
    }
    seen = gen;
    if (Atomics.load(ctl, ${STOP}) !== 0) return;
    const fn = fns[head[0]];
    if (fn !== undefined) {
      try {
        fn(...args.subarray(0, head[1]));
      } catch {
        Atomics.store(ctl, ${ERR}, 1);
      }
    }
    Atomics.add(ctl, ${DONE}, 1);
    Atomics.notify(ctl, ${DONE});
  }
}, { once: true });
if (typeof port.start === "function") port.start();
`;

/** What the pool needs of a Worker: Node's worker_threads.Worker (an EventEmitter) or the DOM Worker. */
interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): unknown;
  /** Node */
  once?(type: "message" | "error", listener: (value: unknown) => void): void;
  removeAllListeners?(): void;
  unref?(): void;
  /** DOM */
  addEventListener?(type: "message" | "error", listener: (event: { data?: unknown; message?: string }) => void): void;
}

interface NodeWorkerThreads {
  Worker: new (source: string, options: { eval: true }) => WorkerLike;
}

/** The worker's first message (what it posts once instantiated: "ready" or { error }), or its startup error. */
function firstMessage(worker: WorkerLike): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const failed = (error: unknown) =>
      reject(
        new Error(
          `a kernel worker failed to start: ${error instanceof Error ? error.message : String((error as { message?: string })?.message ?? error)}`,
        ),
      );
    if (worker.once !== undefined) {
      worker.once("message", resolve);
      worker.once("error", failed);
    } else {
      worker.addEventListener?.("message", (event) => resolve(event.data));
      worker.addEventListener?.("error", failed);
    }
  });
}

/** Node's worker_threads without a static import (bundlers for the browser never see it), else undefined. */
function nodeWorkerThreads(): NodeWorkerThreads | undefined {
  const g = globalThis as { process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown } };
  if (!g.process?.versions?.node) return undefined;
  return g.process.getBuiltinModule?.("node:worker_threads") as NodeWorkerThreads | undefined;
}

/**
 * Why this runtime cannot run kernels on several threads, or undefined when it can: shared memory needs
 * SharedArrayBuffer (in a browser, a cross-origin isolated page: COOP/COEP headers), and workers.
 */
export function whyNoThreads(): string | undefined {
  const g = globalThis as { crossOriginIsolated?: boolean; Worker?: unknown; SharedArrayBuffer?: unknown };
  if (nodeWorkerThreads() !== undefined) return undefined;
  if (g.crossOriginIsolated === false) {
    return "the page is not cross-origin isolated (serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp), so it cannot share memory with workers";
  }
  if (typeof g.SharedArrayBuffer !== "function") return "this runtime has no SharedArrayBuffer";
  if (typeof g.Worker !== "function") return "this runtime has no Worker";
  return undefined;
}

/** The cores this runtime reports: os.availableParallelism() in Node, navigator.hardwareConcurrency in browsers. */
export function availableCores(): number {
  const g = globalThis as {
    process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown };
    navigator?: { hardwareConcurrency?: number };
  };
  const os = g.process?.versions?.node
    ? (g.process.getBuiltinModule?.("node:os") as { availableParallelism?: () => number } | undefined)
    : undefined;
  const cores = os?.availableParallelism?.() ?? g.navigator?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.floor(cores));
}

function spawn(): WorkerLike {
  const node = nodeWorkerThreads();
  if (node !== undefined) {
    const worker = new node.Worker(WORKER_SOURCE, { eval: true });
    // Idle workers must not keep a Node process alive.
    worker.unref?.();
    return worker;
  }
  // One blob: URL for every worker of the page, kept (a worker may fetch its script after the constructor returns).
  workerUrl ??= URL.createObjectURL(new Blob([WORKER_SOURCE], { type: "text/javascript" }));
  return new (globalThis as unknown as { Worker: new (url: string) => WorkerLike }).Worker(workerUrl);
}

let workerUrl: string | undefined;

/** One call of an export: its index in the pool's names and its arguments (numbers; booleans as 0/1). */
export type ThreadCall = readonly [fn: number, args: readonly number[]];

/** `workers` worker threads running calls of `exports` over `memory`, coordinated through a control block at `control`. */
export class ThreadPool {
  private readonly ctl: Int32Array;
  private readonly heads: Int32Array[];
  private readonly args: Float64Array[];
  private readonly index = new Map<string, number>();
  private terminated = false;
  /** Node's main thread may Atomics.wait; a browser window may not. */
  private readonly canBlock = nodeWorkerThreads() !== undefined;

  private constructor(
    private readonly workers: WorkerLike[],
    private readonly exports: KernelExports,
    private readonly names: readonly string[],
    memory: WasmMemory,
    control: number,
  ) {
    const buffer = memory.buffer;
    this.ctl = new Int32Array(buffer, control, HEADER_BYTES / 4);
    this.heads = workers.map((_, w) => new Int32Array(buffer, control + HEADER_BYTES + w * SLOT_BYTES, 2));
    this.args = workers.map((_, w) => new Float64Array(buffer, control + HEADER_BYTES + w * SLOT_BYTES + 8, MAX_ARGS));
    names.forEach((name, i) => this.index.set(name, i));
  }

  /** Starts `workers` workers on the threaded module and waits until each has instantiated it. */
  static async start(
    workers: number,
    module: WasmModule,
    memory: WasmMemory,
    exports: KernelExports,
    control: number,
  ): Promise<ThreadPool> {
    const names = Object.keys(exports).filter((name) => typeof exports[name] === "function");
    const started: WorkerLike[] = [];
    try {
      for (let w = 0; w < workers; w++) started.push(spawn());
    } catch (error) {
      for (const worker of started) worker.terminate();
      throw error;
    }
    const pool = new ThreadPool(started, exports, names, memory, control);
    Atomics.store(pool.ctl, STOP, 0);
    try {
      await Promise.all(
        started.map(async (worker, w) => {
          const answer = firstMessage(worker);
          worker.postMessage({ module, memory, control, slot: control + HEADER_BYTES + w * SLOT_BYTES, names });
          const message = await answer;
          if (message !== "ready") {
            throw new Error(`a kernel worker failed to start: ${(message as { error?: string })?.error}`);
          }
          // Node refs a worker while it has listeners: without them, idle workers do not keep the process alive.
          worker.removeAllListeners?.();
          worker.unref?.();
        }),
      );
    } catch (error) {
      await pool.terminate();
      throw error;
    }
    return pool;
  }

  /** Threads that run a split kernel: the workers and the calling thread. */
  get threads(): number {
    return this.terminated ? 1 : this.workers.length + 1;
  }

  /** The index of export `name` for a ThreadCall. */
  fn(name: string): number {
    const i = this.index.get(name);
    if (i === undefined) throw new Error(`@scopeflow/wasm-kernels: the module has no export ${name}`);
    return i;
  }

  /**
   * Runs calls[0] on this thread and calls[1..] on workers 0.., and returns when all are done. At most
   * `threads` calls; workers without a call only count themselves done.
   */
  run(calls: readonly ThreadCall[]): void {
    const ctl = this.ctl;
    const n = this.workers.length;
    for (let w = 0; w < n; w++) {
      const call = calls[w + 1];
      const head = this.heads[w];
      if (call === undefined) {
        head[0] = -1;
        continue;
      }
      head[0] = call[0];
      head[1] = call[1].length;
      this.args[w].set(call[1]);
    }
    Atomics.store(ctl, DONE, 0);
    Atomics.store(ctl, ERR, 0);
    Atomics.add(ctl, GEN, 1);
    Atomics.notify(ctl, GEN);
    const [fn, args] = calls[0];
    const f = this.exports[this.names[fn]];
    try {
      f(...args);
    } finally {
      this.join(n);
    }
    if (Atomics.load(ctl, ERR) !== 0) {
      throw new Error("@scopeflow/wasm-kernels: a kernel call on a worker thread trapped");
    }
  }

  /**
   * Waits until `n` workers are done: spinning (they started when this thread did, so usually finish about when it
   * does), then, where this thread may block (Node), sleeping in Atomics.wait so that a descheduled worker does not
   * cost a spinning core. A browser window never blocks.
   */
  private join(n: number): void {
    const ctl = this.ctl;
    let spins = 0;
    for (let done = Atomics.load(ctl, DONE); done < n; done = Atomics.load(ctl, DONE)) {
      if (++spins > JOIN_SPINS && this.canBlock) Atomics.wait(ctl, DONE, done, 1);
    }
  }

  /** Stops the workers (they leave their loop, then are terminated); the pool then runs nothing. */
  async terminate(): Promise<void> {
    if (this.terminated) return;
    this.terminated = true;
    Atomics.store(this.ctl, STOP, 1);
    Atomics.add(this.ctl, GEN, 1);
    Atomics.notify(this.ctl, GEN);
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
