// Train: the classifier of worker/train-model.ts trains in the worker; a progress bar, a live loss plot, pause and
// resume, and the event file and checkpoint to download (they open in TensorBoard, and in the Files panel).
import { LineChart } from "../charts/line-chart";
import { h } from "../dom";
import type { StudioWorker } from "../worker/client";
import type { TrainProgress } from "../worker/protocol";

export class TrainPanel {
  readonly element: HTMLElement;
  private readonly progress: HTMLProgressElement;
  private readonly status: HTMLElement;
  private readonly start: HTMLButtonElement;
  private readonly pause: HTMLButtonElement;
  private readonly download: HTMLButtonElement;
  private readonly steps: HTMLInputElement;
  private readonly chart = new LineChart("loss");
  private readonly xs: number[] = [];
  private readonly losses: number[] = [];
  private readonly accuracies: number[] = [];
  private running = false;

  constructor(private readonly worker: StudioWorker) {
    this.steps = h("input", { type: "number", min: 10, max: 5000, step: 10, value: 300, id: "train-steps" });
    this.start = h("button", { type: "button", onclick: () => void this.run() }, "Train");
    this.pause = h("button", { type: "button", disabled: true, onclick: () => void this.worker.pause() }, "Pause");
    this.download = h(
      "button",
      { type: "button", disabled: true, onclick: () => void this.save() },
      "Download event file + checkpoint",
    );
    this.progress = h("progress", { max: 1, value: 0, "aria-label": "Training progress" });
    this.status = h("span", { class: "muted", role: "status" }, "Not started.");
    worker.onProgress = (p) => this.onProgress(p);
    this.element = h(
      "section",
      { class: "train", "aria-label": "Train" },
      h(
        "p",
        {},
        "The seed's scoping graph grown into a classifier: variable scope classifier/{hidden,logits} (tf.layers.dense), sparse softmax cross-entropy, Adam(0.05), 200 points of two spirals.",
      ),
      h(
        "div",
        { class: "toolbar" },
        h("label", { for: "train-steps" }, "Steps "),
        this.steps,
        this.start,
        this.pause,
        this.download,
      ),
      h("div", {}, this.progress, " ", this.status),
      this.chart.element,
    );
  }

  private async run(): Promise<void> {
    if (this.running) return;
    const steps = Number(this.steps.value);
    if (this.xs.length && this.xs[this.xs.length - 1] >= steps)
      this.xs.length = this.losses.length = this.accuracies.length = 0;
    this.running = true;
    this.start.disabled = true;
    this.pause.disabled = false;
    await this.worker.train(steps);
    this.running = false;
    this.start.disabled = false;
    this.pause.disabled = true;
    this.download.disabled = false;
    const last = this.xs[this.xs.length - 1] ?? 0;
    this.start.textContent = last < steps ? "Resume" : "Train again";
    if (last < steps) this.status.textContent += " (paused)";
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

  private async save(): Promise<void> {
    for (const file of await this.worker.trainFiles()) {
      const url = URL.createObjectURL(new Blob([file.bytes as Uint8Array<ArrayBuffer>]));
      const a = h("a", { href: url, download: file.path.slice(file.path.lastIndexOf("/") + 1) });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    }
  }
}
