// The page's side of the worker: one promise per request; training progress goes to a listener.
import type { Explained, OpenedFile, OpenReport, ProgramResult, Reply, Request, TrainProgress } from "./protocol";

type Pending = { resolve: (reply: Reply) => void; reject: (error: Error) => void };
type WithoutId<R> = R extends unknown ? Omit<R, "id"> : never;

export class StudioWorker {
  private readonly worker = new Worker(new URL("./studio.worker.ts", import.meta.url), { type: "module" });
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  onProgress: (progress: TrainProgress) => void = () => {};

  constructor() {
    this.worker.onmessage = (event: MessageEvent<Reply>) => {
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
    this.worker.onerror = (event) => {
      for (const p of this.pending.values()) p.reject(new Error(event.message || "the studio worker failed"));
      this.pending.clear();
    };
  }

  private request(message: WithoutId<Request>): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id } as Request);
    });
  }

  async run(code: string): Promise<ProgramResult> {
    const reply = await this.request({ kind: "run", code });
    return (reply as Extract<Reply, { kind: "ran" }>).result;
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
