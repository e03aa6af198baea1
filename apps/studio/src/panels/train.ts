// Train: the classifier of worker/train-model.ts trains in the worker; a progress bar, a live loss plot, pause and
// resume, and the event file and checkpoint as download links (they open in TensorBoard, and in the Files panel).
import { LineChart } from "../charts/line-chart";
import { clear, h } from "../dom";
import type { StudioWorker } from "../worker/client";
import type { TrainProgress } from "../worker/protocol";

export class TrainPanel {
  readonly element: HTMLElement;
  private readonly progress: HTMLProgressElement;
  private readonly status: HTMLElement;
  private readonly start: HTMLButtonElement;
  private readonly pause: HTMLButtonElement;
  private readonly save: HTMLButtonElement;
  private readonly links: HTMLElement;
  private readonly steps: HTMLInputElement;
  private readonly chart = new LineChart("loss and accuracy");
  private readonly xs: number[] = [];
  private readonly losses: number[] = [];
  private readonly accuracies: number[] = [];
  private urls: string[] = [];
  /** Set while paused: the next Train click resumes the same run. */
  private pausedAt = 0;
  private running = false;

  constructor(private readonly worker: StudioWorker) {
    this.steps = h("input", { type: "number", min: 10, max: 5000, step: 10, value: 300, id: "train-steps" });
    this.start = h("button", { type: "button", onclick: () => void this.run() }, "Train");
    this.pause = h("button", { type: "button", disabled: true, onclick: () => void this.worker.pause() }, "Pause");
    this.save = h(
      "button",
      { type: "button", disabled: true, onclick: () => void this.offerFiles() },
      "Save event file + checkpoint",
    );
    this.links = h("ul", { class: "downloads", "aria-label": "Downloads" });
    this.progress = h("progress", { max: 1, value: 0, "aria-label": "Training progress" });
    this.status = h("span", { class: "muted", role: "status" }, "Not started.");
    worker.onProgress = (p) => this.onProgress(p);
    this.element = h(
      "section",
      { class: "train", "aria-label": "Train" },
      h(
        "p",
        {},
        "The seed's scoping graph grown into a classifier: variable scope classifier/{hidden,logits} (tf.layers.dense), sparse softmax cross-entropy, Adam(0.05), 200 points of two spirals; summaries every 10 steps.",
      ),
      h(
        "div",
        { class: "toolbar" },
        h("label", { for: "train-steps" }, "Steps "),
        this.steps,
        this.start,
        this.pause,
        this.save,
      ),
      h("div", {}, this.progress, " ", this.status),
      this.chart.element,
      this.links,
    );
  }

  private async run(): Promise<void> {
    if (this.running) return;
    const steps = Number(this.steps.value);
    const resume = this.pausedAt > 0 && this.pausedAt < steps;
    if (!resume) this.xs.length = this.losses.length = this.accuracies.length = 0;
    this.running = true;
    this.start.disabled = true;
    this.pause.disabled = false;
    try {
      await this.worker.train(steps, resume);
    } catch (error) {
      this.status.textContent = `training failed: ${String(error)}`;
    }
    this.running = false;
    this.start.disabled = false;
    this.pause.disabled = true;
    this.save.disabled = false;
    const last = this.xs[this.xs.length - 1] ?? 0;
    this.pausedAt = last < steps ? last : 0;
    this.start.textContent = this.pausedAt ? "Resume" : "Train again";
    if (this.pausedAt) this.status.textContent += " (paused)";
  }

  private onProgress(p: TrainProgress): void {
    this.xs.push(p.step);
    this.losses.push(p.loss);
    this.accuracies.push(p.accuracy);
    this.progress.value = p.step / p.steps;
    this.status.textContent = `step ${p.step}/${p.steps} · loss ${p.loss.toFixed(4)} · accuracy ${(p.accuracy * 100).toFixed(1)}%`;
    if (p.step % 5 === 0 || p.step === p.steps) {
      this.chart.set(this.xs.slice(), [
        { label: "loss", values: this.losses.slice(), color: "#e8710a" },
        { label: "accuracy", values: this.accuracies.slice(), color: "#1a73e8" },
      ]);
    }
  }

  /** One link per file (a browser asks before a page starts several downloads at once). */
  private async offerFiles(): Promise<void> {
    for (const url of this.urls) URL.revokeObjectURL(url);
    this.urls = [];
    clear(this.links);
    const files = await this.worker.trainFiles().catch((error) => {
      this.status.textContent = `saving failed: ${String(error)}`;
      return [];
    });
    for (const file of files) {
      const url = URL.createObjectURL(
        new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: "application/octet-stream" }),
      );
      this.urls.push(url);
      const name = file.path.slice(file.path.lastIndexOf("/") + 1);
      this.links.append(
        h("li", {}, h("a", { href: url, download: name }, name), ` (${file.bytes.length} bytes, ${file.path})`),
      );
    }
  }
}
