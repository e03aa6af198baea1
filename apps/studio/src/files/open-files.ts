// Reads TensorFlow's files dropped on the page (in the worker): each is put in @scopeflow/browser's in-memory file
// system under a fresh folder, recognised by its name, and read with the package's own readers.
import * as tf from "@scopeflow/browser";
import { modelOfGraphDef } from "../graph/model";
import type { GraphDef, MetaGraphDef, TfEvent } from "../tf-types";
import type { CheckpointTable, HistogramSeries, OpenedFile, OpenReport, ScalarSeries } from "../worker/protocol";
import { kindOf } from "./file-kinds";

let batch = 0;
const PREVIEW_BYTES = 4096;

class Collector {
  readonly report: OpenReport = { files: [], scalars: [], histograms: [], checkpoints: [] };
  graphDef?: { source: string; def: GraphDef };
  metaGraph?: { source: string; def: MetaGraphDef };
  private readonly scalars = new Map<string, ScalarSeries>();
  private readonly histograms = new Map<string, HistogramSeries>();

  note(path: string, kind: string, note: string): void {
    this.report.files.push({ path, kind, note });
  }

  setGraph(source: string, def: GraphDef): void {
    this.graphDef = { source, def };
  }

  events(path: string): void {
    let graphs = 0;
    let values = 0;
    for (const event of tf.summary.summaryIterator(path, { stopAtTruncatedTail: true }) as Iterable<TfEvent>) {
      const step = Number(event.step);
      if (event.graphDef) {
        this.setGraph(`${path} (graph_def at step ${step})`, tf.io.decodeGraphDef(event.graphDef));
        graphs++;
      }
      if (event.metaGraphDef) this.metaGraph = { source: path, def: tf.io.decodeMetaGraphDef(event.metaGraphDef) };
      for (const value of event.summary?.value ?? []) {
        values++;
        if (value.simpleValue !== undefined) {
          const series = this.series(this.scalars, value.tag, () => ({ tag: value.tag, steps: [], values: [] }));
          series.steps.push(step);
          series.values.push(value.simpleValue);
        } else if (value.histo) {
          const h = value.histo;
          const series = this.series(this.histograms, value.tag, () => ({ tag: value.tag, steps: [], buckets: [] }));
          series.steps.push(step);
          series.buckets.push({ limits: h.bucketLimit, counts: h.bucket, min: h.min, max: h.max });
        }
      }
    }
    this.note(path, "event file", `${graphs} graph(s), ${values} summary value(s)`);
  }

  private series<T>(map: Map<string, T>, tag: string, make: () => T): T {
    let s = map.get(tag);
    if (!s) map.set(tag, (s = make()));
    return s;
  }

  checkpoint(prefix: string, label: string): void {
    const contents = tf.tools.checkpointEntries(prefix);
    const entries = contents.entries.map((e) => {
      let preview = "";
      if (e.size <= PREVIEW_BYTES) {
        const values = tf.train.loadVariable(prefix, e.key).toArray();
        const text = JSON.stringify(values, (_k, v) => (typeof v === "bigint" ? Number(v) : v));
        preview = text.length > 120 ? `${text.slice(0, 120)}…` : text;
      }
      return { ...e, preview };
    });
    this.report.checkpoints.push({ prefix, entries } satisfies CheckpointTable);
    this.note(label, "checkpoint", `${entries.length} tensor(s)`);
  }

  finish(): OpenReport {
    this.report.scalars = [...this.scalars.values()];
    this.report.histograms = [...this.histograms.values()];
    const graph =
      this.graphDef ??
      (this.metaGraph?.def.graphDef && { source: this.metaGraph.source, def: this.metaGraph.def.graphDef });
    if (graph) this.report.graph = { source: graph.source, model: modelOfGraphDef(graph.def) };
    return this.report;
  }
}

function attempt(collector: Collector, path: string, kind: string, read: () => void): void {
  try {
    read();
  } catch (error) {
    collector.note(path, kind, `could not be read: ${String(error)}`);
  }
}

/** Opens every file (paths relative to what was dropped; a SavedModel folder keeps its `variables/` folder). */
export function openFiles(opened: OpenedFile[]): OpenReport {
  const root = `/opened/${++batch}`;
  const fs = tf.io.files;
  const paths = opened.map((file) => {
    const path = `${root}/${file.path.replace(/^\/+/, "")}`;
    fs.makeDirs(fs.dirname(path));
    fs.writeFileAtomic(path, file.bytes);
    return path;
  });
  const collector = new Collector();
  const lockfiles: string[] = [];
  const prefixes: string[] = [];
  for (const path of paths) {
    const kind = kindOf(path);
    const text = () => new TextDecoder().decode(fs.readFile(path));
    if (kind === "events") attempt(collector, path, "event file", () => collector.events(path));
    else if (kind === "savedModel")
      attempt(collector, path, "SavedModel", () => {
        const model = tf.savedModel.loader.parseSavedModel(fs.dirname(path), fs);
        const meta = model.metaGraphs?.[0];
        if (meta) collector.metaGraph = { source: path, def: meta };
        if (meta?.graphDef) collector.setGraph(`${path} (tags ${meta.metaInfoDef?.tags?.join(",")})`, meta.graphDef);
        collector.note(path, "SavedModel", `${model.metaGraphs?.length ?? 0} meta graph(s)`);
      });
    else if (kind === "metaGraph")
      attempt(collector, path, "MetaGraphDef", () => {
        const meta = tf.io.decodeMetaGraphDef(fs.readFile(path), path);
        collector.metaGraph = { source: path, def: meta };
        if (meta.graphDef) collector.setGraph(path, meta.graphDef);
        collector.note(path, "MetaGraphDef", `${meta.graphDef?.node?.length ?? 0} nodes`);
      });
    else if (kind === "graphDef")
      attempt(collector, path, "GraphDef", () => {
        const def = path.endsWith(".pbtxt")
          ? tf.io.decodeGraphDef(text(), path)
          : tf.io.decodeGraphDef(fs.readFile(path), path);
        collector.setGraph(path, def);
        collector.note(path, "GraphDef", `${def.node?.length ?? 0} nodes`);
      });
    else if (kind === "checkpointIndex") prefixes.push(path.slice(0, -".index".length));
    else if (kind === "lockfile") lockfiles.push(path);
    else if (kind === "checkpointData") collector.note(path, "checkpoint data", "read through its .index");
    else if (kind === "checkpointState") collector.note(path, "checkpoint state", text().trim().split("\n")[0]);
    else collector.note(path, "unknown", "not a file name TensorFlow writes");
  }
  for (const prefix of prefixes) attempt(collector, prefix, "checkpoint", () => collector.checkpoint(prefix, prefix));
  const meta = collector.metaGraph?.def;
  const graphOrDef = meta ?? collector.graphDef?.def;
  if (meta && prefixes.length) {
    const prefix = prefixes[prefixes.length - 1];
    attempt(collector, prefix, "checkpoint doctor", () => {
      collector.report.doctor = tf.tools.checkpointDoctor(meta, prefix).text;
    });
  }
  if (graphOrDef) {
    attempt(collector, "name lock", "name lock", () => {
      collector.report.nameLock = tf.tools.formatNameLock(tf.tools.nameLock(graphOrDef));
    });
    for (const lock of lockfiles)
      attempt(collector, lock, "name lock check", () => {
        collector.report.lockCheck = tf.tools.checkNameLock(lock, graphOrDef).text;
      });
  }
  return collector.finish();
}
