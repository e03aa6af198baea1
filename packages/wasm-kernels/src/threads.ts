// Worker threads over one shared WebAssembly.Memory. Every worker instantiates the same threaded module on the same
// memory (the module has no mutable globals and its data segments are constants, so re-applying them at each
// instantiation rewrites identical bytes; kernels never allocate) and then loops on a control block in that memory.
// A split call is a table of chunks (export index and arguments each, fixed before the call): the calling thread
// writes it, opens it and bumps the generation word (Atomics.notify), then it and the workers claim chunks with
// Atomics.add on the next-chunk word until none is left, and the caller waits until every chunk is done (spinning:
// a browser window may not Atomics.wait). Whoever runs a chunk, it computes the same thing, so results never
// depend on timing; and a worker that wakes late (a loaded machine) finds its chunk already taken by the caller
// instead of holding it up. Workers spin briefly, then sleep in Atomics.wait. One source for Node's worker_threads
// (eval'd) and Web Workers (a blob: URL), so no bundler has to find a worker file.
import type { KernelExports } from "./module";
import type { WasmMemory, WasmModule } from "./wasm-types";

/** Control block words (i32 indices): generation, chunks completed, stop flag, error flag, next chunk, chunk count. */
const GEN = 0;
const COMPLETED = 1;
const STOP = 2;
const ERR = 3;
const NEXT = 4;
const COUNT = 5;
/** NEXT between calls: no claim succeeds, so a worker that wakes late for a finished call runs nothing. */
const CLOSED = 1 << 30;
/** Bytes of the header before the chunk slots, and of each slot: i32 fn index, i32 argc, then f64 args. */
const HEADER_BYTES = 64;
const SLOT_BYTES = 256;
const MAX_ARGS = (SLOT_BYTES - 8) / 8;
/** Polls of the completed count before a thread that may block sleeps on it. */
const JOIN_SPINS = 20000;

/** Bytes of the control block for calls of up to `chunks` chunks. */
export function controlBytes(chunks: number): number {
  return HEADER_BYTES + chunks * SLOT_BYTES;
}

const WORKER_SOURCE = `
"use strict";
const port = typeof self === "object" && typeof self.postMessage === "function" ? self : process.getBuiltinModule("node:worker_threads").parentPort;
port.addEventListener("message", async (event) => {
  const { module, memory, control, names } = event.data;
  let instance;
  try {
    instance = await WebAssembly.instantiate(module, { env: { memory } });
  } catch (error) {
    port.postMessage({ error: String(error) });
    return;
  }
  const fns = names.map((name) => instance.exports[name]);
  const ctl = new Int32Array(memory.buffer, control, ${HEADER_BYTES / 4});
  const heads = new Int32Array(memory.buffer, control + ${HEADER_BYTES});
  const args = new Float64Array(memory.buffer, control + ${HEADER_BYTES});
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
    for (let i = Atomics.add(ctl, ${NEXT}, 1); i < Atomics.load(ctl, ${COUNT}); i = Atomics.add(ctl, ${NEXT}, 1)) {
      const head = i * ${SLOT_BYTES / 4};
      const arg = i * ${SLOT_BYTES / 8} + 1;
      try {
        fns[heads[head]](...args.subarray(arg, arg + heads[head + 1]));
      } catch {
        Atomics.store(ctl, ${ERR}, 1);
      }
      Atomics.add(ctl, ${COMPLETED}, 1);
      Atomics.notify(ctl, ${COMPLETED});
    }
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
    const slots = workers.length + 1;
    const slot = (c: number) => control + HEADER_BYTES + c * SLOT_BYTES;
    this.heads = Array.from({ length: slots }, (_, c) => new Int32Array(buffer, slot(c), 2));
    this.args = Array.from({ length: slots }, (_, c) => new Float64Array(buffer, slot(c) + 8, MAX_ARGS));
    names.forEach((name, i) => this.index.set(name, i));
    Atomics.store(this.ctl, NEXT, CLOSED);
    Atomics.store(this.ctl, STOP, 0);
  }

  /**
   * Starts `workers` workers on the threaded module and waits until each has instantiated it; `control` holds
   * `controlBytes(workers + 1)` bytes.
   */
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
    try {
      await Promise.all(
        started.map(async (worker) => {
          const answer = firstMessage(worker);
          worker.postMessage({ module, memory, control, names });
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

  /** Runs `calls` (at most `threads` chunks) on this thread and the workers, and returns when all are done. */
  run(calls: readonly ThreadCall[]): void {
    const ctl = this.ctl;
    const count = calls.length;
    for (let c = 0; c < count; c++) {
      const [fn, args] = calls[c];
      this.heads[c][0] = fn;
      this.heads[c][1] = args.length;
      this.args[c].set(args);
    }
    Atomics.store(ctl, COUNT, count);
    Atomics.store(ctl, COMPLETED, 0);
    Atomics.store(ctl, ERR, 0);
    Atomics.store(ctl, NEXT, 0);
    Atomics.add(ctl, GEN, 1);
    Atomics.notify(ctl, GEN);
    let failure: unknown;
    for (let c = Atomics.add(ctl, NEXT, 1); c < count; c = Atomics.add(ctl, NEXT, 1)) {
      try {
        this.exports[this.names[calls[c][0]]](...calls[c][1]);
      } catch (error) {
        failure ??= error;
      }
      Atomics.add(ctl, COMPLETED, 1);
    }
    this.join(count);
    Atomics.store(ctl, NEXT, CLOSED);
    if (failure !== undefined) throw failure;
    if (Atomics.load(ctl, ERR) !== 0) {
      throw new Error("@scopeflow/wasm-kernels: a kernel call on a worker thread trapped");
    }
  }

  /**
   * Waits until `count` chunks are done: spinning (the workers started when this thread did), then, where this
   * thread may block (Node), sleeping in Atomics.wait so that a descheduled worker does not cost a spinning core.
   * A browser window never blocks.
   */
  private join(count: number): void {
    const ctl = this.ctl;
    let spins = 0;
    for (let done = Atomics.load(ctl, COMPLETED); done < count; done = Atomics.load(ctl, COMPLETED)) {
      if (++spins > JOIN_SPINS && this.canBlock) Atomics.wait(ctl, COMPLETED, done, 1);
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
