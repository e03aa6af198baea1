// A uPlot line chart of one or more series over steps (the scalars, histogram and training plots).
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface Line {
  label: string;
  values: number[];
  color: string;
  width?: number;
  /** `false`: no point markers (many overlaid lines). */
  points?: false;
}

export class LineChart {
  readonly element: HTMLElement;
  private plot: uPlot | null = null;

  constructor(
    readonly title: string,
    private readonly xLabel = "step",
    /** `legend: false` for many lines (a histogram's steps), whose legend would outgrow the chart. */
    private readonly options: { legend?: boolean } = {},
  ) {
    this.element = document.createElement("figure");
    this.element.className = "chart";
    this.element.setAttribute("aria-label", `${title} chart`);
  }

  set(xs: number[], lines: Line[]): void {
    const data = [xs, ...lines.map((l) => l.values)] as uPlot.AlignedData;
    if (this.plot && this.plot.series.length === lines.length + 1) {
      this.plot.setData(data);
      return;
    }
    this.plot?.destroy();
    this.plot = new uPlot(
      {
        title: this.title,
        width: 420,
        height: 220,
        scales: { x: { time: false } },
        legend: { show: this.options.legend ?? true },
        axes: [{ label: this.xLabel }, {}],
        series: [
          { label: this.xLabel },
          ...lines.map((l) => ({
            label: l.label,
            stroke: l.color,
            width: l.width ?? 1.5,
            ...(l.points === false ? { points: { show: false } } : {}),
          })),
        ],
      },
      data,
      this.element,
    );
  }
}
