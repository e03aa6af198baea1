// The page's side of the worker: one promise per request; training progress goes to a listener.
// `?worker&inline`: the worker's bundle is a string in the page's script, started from a Blob URL (a classic worker),
// so the page needs no second request and works from file://, where Chromium refuses module workers.
import type { Explained, OpenedFile, OpenReport, ProgramResult, Reply, Request, TrainProgress } from "./protocol";
import StartStudioWorker from "./studio.worker.ts?worker&inline";

type Pending = { resolve: (reply: Reply) => void; reject: (error: Error) => void };
type WithoutId<R> = R extends unknown ? Omit<R, "id"> : never;

/** A program that runs longer than this is stopped (an endless loop would otherwise hold the worker forever). */
export const RUN_TIMEOUT_MS = 15_000;

export class StudioWorker {
  private worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  onProgress: (progress: TrainProgress) => void = () => {};

  constructor(private readonly runTimeoutMs = RUN_TIMEOUT_MS) {
    this.worker = this.start();
  }

  private start(): Worker {
    const worker = new StartStudioWorker({ name: "scopeflow-studio" });
    worker.onmessage = (event: MessageEvent<Reply>) => {
      const reply = event.data;
      if (reply.kind === "progress") {
        this.onProgress(reply.progress);
        return;
      }
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      if (reply.kind === "failed") pending.reject(new Error(reply.error));
      else pending.resolve(reply);
    };
    worker.onerror = (event) => this.rejectAll(event.message || "the studio worker failed");
    return worker;
  }

  private rejectAll(reason: string): void {
    for (const p of this.pending.values()) p.reject(new Error(reason));
    this.pending.clear();
  }

  /** Ends the worker (whatever it runs) and starts a fresh one; what was asked of the old one fails with `reason`. */
  restart(reason: string): void {
    this.worker.terminate();
    this.rejectAll(reason);
    this.worker = this.start();
  }

  private request(message: WithoutId<Request>): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id } as Request);
    });
  }

  async run(code: string): Promise<ProgramResult> {
    const seconds = this.runTimeoutMs / 1000;
    const timer = setTimeout(
      () => this.restart(`The program ran for more than ${seconds} s and was stopped (the worker was restarted).`),
      this.runTimeoutMs,
    );
    try {
      const reply = await this.request({ kind: "run", code });
      return (reply as Extract<Reply, { kind: "ran" }>).result;
    } finally {
      clearTimeout(timer);
    }
  }

  async explain(name: string): Promise<Explained | { error: string }> {
    const reply = await this.request({ kind: "explain", name });
    return (reply as Extract<Reply, { kind: "explained" }>).result;
  }

  async open(files: OpenedFile[]): Promise<OpenReport> {
    const reply = await this.request({ kind: "open", files });
    return (reply as Extract<Reply, { kind: "opened" }>).result;
  }

  /** Trains until `steps` (resuming where a pause left off); resolves when done or paused. */
  async train(steps: number, resume: boolean): Promise<void> {
    await this.request({ kind: "train", steps, resume });
  }

  async pause(): Promise<void> {
    await this.request({ kind: "pause" });
  }

  async trainFiles(): Promise<OpenedFile[]> {
    const reply = await this.request({ kind: "trainFiles" });
    return (reply as Extract<Reply, { kind: "trainFiles" }>).files;
  }
}
