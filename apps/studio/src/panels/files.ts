// Files: TensorFlow's own files, picked or dropped: the graph in a graph view, scalars as plots with smoothing,
// histograms, checkpoint variables as a table, and the checkpoint doctor and name lock on what was opened.
import { type HistogramMode, stepLines } from "../charts/histogram-series";
import { LineChart } from "../charts/line-chart";
import { smooth } from "../charts/smoothing";
import { clear, h } from "../dom";
import { fromDrop, fromFileList } from "../files/collect";
import { GraphView } from "../graph/graph-view";
import type { OpenedFile, OpenReport } from "../worker/protocol";

/** The worker's folder for one batch of opened files, left out of what is shown. */
const OPENED = /\/opened\/\d+\//g;
const local = (text: string) => text.replace(OPENED, "");

export class FilesPanel {
  readonly element: HTMLElement;
  readonly graph = new GraphView("Opened graph");
  private readonly summary: HTMLElement;
  private readonly scalars: HTMLElement;
  private readonly histograms: HTMLElement;
  private readonly checkpoints: HTMLElement;
  private readonly checks: HTMLElement;
  private readonly smoothing: HTMLInputElement;
  private readonly histogramMode: HTMLSelectElement;
  private report: OpenReport | null = null;

  constructor(private readonly open: (files: OpenedFile[]) => Promise<OpenReport>) {
    const picker = h("input", { type: "file", multiple: true, id: "file-picker" });
    picker.addEventListener("change", () => picker.files && void this.load(fromFileList(picker.files)));
    const folder = h("input", { type: "file", id: "folder-picker", webkitdirectory: true });
    folder.addEventListener("change", () => folder.files && void this.load(fromFileList(folder.files)));
    const drop = h(
      "div",
      { class: "drop", "aria-label": "Drop TensorFlow files here" },
      "Drop event files, .pb/.pbtxt, .meta, checkpoints (.index + .data) or a SavedModel folder here",
    );
    drop.addEventListener("dragover", (e) => {
      e.preventDefault();
      drop.classList.add("over");
    });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      drop.classList.remove("over");
      if (e.dataTransfer) void this.load(fromDrop(e.dataTransfer));
    });
    this.smoothing = h("input", { type: "range", min: 0, max: 0.99, step: 0.01, value: 0.6, id: "smoothing" });
    this.smoothing.addEventListener("input", () => this.drawScalars());
    // TensorBoard's histogram modes: every step offset (a ridge per step) or overlaid in one chart; or one step.
    this.histogramMode = h(
      "select",
      { id: "histogram-mode" },
      h("option", { value: "offset" }, "offset (all steps)"),
      h("option", { value: "overlay" }, "overlay (all steps)"),
      h("option", { value: "single" }, "one step"),
    );
    this.histogramMode.addEventListener("change", () => this.drawHistograms());
    this.summary = h("div", { class: "panel-body", role: "status" });
    this.scalars = h("div", { class: "charts" });
    this.histograms = h("div", { class: "charts" });
    this.checkpoints = h("div", { class: "panel-body" });
    this.checks = h("div", { class: "panel-body" });
    const box = (title: string, ...body: HTMLElement[]) =>
      h("section", { class: "box", "aria-label": title }, h("h3", {}, title), ...body);
    this.element = h(
      "section",
      { class: "files", "aria-label": "Files" },
      h(
        "div",
        { class: "toolbar" },
        h("label", { for: "file-picker" }, "Open files "),
        picker,
        h("label", { for: "folder-picker" }, "Open a folder "),
        folder,
      ),
      drop,
      box("Opened", this.summary),
      this.graph.element,
      box("Scalars", h("label", { for: "smoothing" }, "Smoothing "), this.smoothing, this.scalars),
      box("Histograms", h("label", { for: "histogram-mode" }, "Mode "), this.histogramMode, this.histograms),
      box("Checkpoint variables", this.checkpoints),
      box("Checkpoint doctor and name lock", this.checks),
    );
  }

  async load(files: Promise<OpenedFile[]>): Promise<OpenReport> {
    clear(this.summary);
    this.summary.append("reading…");
    const report = await this.open(await files);
    this.show(report);
    return report;
  }

  private show(report: OpenReport): void {
    this.report = report;
    clear(this.summary);
    const list = h("ul", {});
    for (const f of report.files)
      list.append(h("li", {}, h("code", {}, f.path.replace(OPENED, "")), ` ${f.kind}: ${f.note}`));
    this.summary.append(list, report.graph ? h("p", {}, `Graph from ${report.graph.source.replace(OPENED, "")}`) : "");
    this.graph.setModel(report.graph?.model ?? { nodes: [] }, true);
    this.drawScalars();
    this.drawHistograms();
    clear(this.checkpoints);
    for (const table of report.checkpoints) {
      const body = h("tbody", {});
      for (const e of table.entries) {
        body.append(
          h(
            "tr",
            {},
            h("td", {}, h("code", {}, e.key)),
            h("td", {}, e.dtype),
            h("td", {}, `[${e.shape.join(",")}]`),
            h("td", {}, String(e.size)),
            h("td", { class: "preview" }, e.preview),
          ),
        );
      }
      this.checkpoints.append(
        h("h4", {}, table.prefix.replace(OPENED, "")),
        h(
          "table",
          {},
          h(
            "thead",
            {},
            h("tr", {}, ...["key", "dtype", "shape", "bytes", "value"].map((c) => h("th", { scope: "col" }, c))),
          ),
          body,
        ),
      );
    }
    clear(this.checks);
    if (report.doctor) this.checks.append(h("h4", {}, "checkpointDoctor"), h("pre", {}, local(report.doctor)));
    if (report.lockCheck) this.checks.append(h("h4", {}, "checkNameLock"), h("pre", {}, local(report.lockCheck)));
    if (report.nameLock)
      this.checks.append(h("h4", {}, "nameLock of the opened graph"), h("pre", { class: "lock" }, report.nameLock));
  }

  private drawHistograms(): void {
    if (!this.report) return;
    clear(this.histograms);
    const mode = this.histogramMode.value as HistogramMode;
    for (const series of this.report.histograms) {
      const box = h("div", { class: "histogram" });
      this.histograms.append(box);
      if (mode !== "single") {
        const chart = new LineChart(series.tag, "value", { legend: false });
        box.append(chart.element);
        const { xs, lines } = stepLines(series, mode);
        chart.set(xs, lines);
        chart.element.dataset.steps = String(lines.length);
        continue;
      }
      const chart = new LineChart(series.tag, "value");
      const select = h("select", { "aria-label": `Step of ${series.tag}` });
      series.steps.forEach((step, i) => {
        select.append(h("option", { value: i }, `step ${step}`));
      });
      select.value = String(series.steps.length - 1);
      const draw = () => {
        const b = series.buckets[Number(select.value)];
        // Bucket i covers (limit[i-1], limit[i]]: plot counts at each bucket's right edge, clamped to the data range.
        const xs = b.limits.map((l) => Math.min(Math.max(l, b.min), b.max));
        chart.set(xs, [{ label: "count", values: b.counts, color: "#e8710a" }]);
      };
      select.addEventListener("change", draw);
      box.append(select, chart.element);
      draw();
    }
  }

  private drawScalars(): void {
    if (!this.report) return;
    clear(this.scalars);
    const weight = Number(this.smoothing.value);
    for (const series of this.report.scalars) {
      const chart = new LineChart(series.tag);
      this.scalars.append(chart.element);
      chart.set(series.steps, [
        { label: "raw", values: series.values, color: "#f5b07a", width: 1 },
        { label: `smoothed ${weight}`, values: smooth(series.values, weight), color: "#e8710a", width: 2 },
      ]);
    }
  }
}
