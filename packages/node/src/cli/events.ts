// `scopeflow events <logdir|file>`: per run (a folder holding tfevents files, as TensorBoard counts them) its files,
// graphs, session logs and tags: steps, last value and a sparkline per scalar, the last histogram's range.
import { statSync } from "node:fs";
import { basename, dirname, relative, resolve } from "node:path";
import type { Event } from "@scopeflow/core/summary";
import * as tf from "../files";
import { table } from "./ckpt";
import { EXIT_OK, FileError, type Output, readingFile } from "./cli-errors";
import { eventFilesUnder, requireExists } from "./load-graph";
import { shortNumber, sparkline } from "./sparkline";

interface TagSeries {
  kind: string;
  steps: number[];
  values: number[];
  last?: string;
}

interface Run {
  name: string;
  files: { path: string; events: number }[];
  graphs: number[];
  metaGraphs: number;
  sessionLogs: Map<string, number>;
  lastCheckpoint?: { path: string; step: number };
  tags: Map<string, TagSeries>;
  wallTimes: number[];
}

function kindOf(value: NonNullable<Event["summary"]>["value"][number]): string {
  if (value.simpleValue !== undefined) return "scalar";
  if (value.histo) return "histogram";
  if (value.image) return "image";
  if (value.audio) return "audio";
  const plugin = value.metadata?.pluginData?.pluginName;
  return plugin ? `tensor (${plugin})` : "tensor";
}

function readRun(name: string, paths: string[]): Run {
  const run: Run = {
    name,
    files: [],
    graphs: [],
    metaGraphs: 0,
    sessionLogs: new Map(),
    tags: new Map(),
    wallTimes: [],
  };
  for (const path of paths) {
    let count = 0;
    readingFile(path, () => {
      for (const event of tf.train.summaryIterator(path)) {
        count++;
        if (event.wallTime) run.wallTimes.push(event.wallTime);
        const step = Number(event.step ?? 0);
        if (event.graphDef)
          run.graphs.push(tf.io.decodeGraphDef(event.graphDef, `${path} (graph_def)`).node?.length ?? 0);
        if (event.metaGraphDef) run.metaGraphs++;
        const status = event.sessionLog?.status;
        if (status) {
          run.sessionLogs.set(status, (run.sessionLogs.get(status) ?? 0) + 1);
          if (status === "CHECKPOINT") run.lastCheckpoint = { path: event.sessionLog?.checkpointPath ?? "", step };
        }
        for (const value of event.summary?.value ?? []) {
          const kind = kindOf(value);
          let series = run.tags.get(value.tag);
          if (!series) {
            series = { kind, steps: [], values: [] };
            run.tags.set(value.tag, series);
          }
          series.steps.push(step);
          if (value.simpleValue !== undefined) series.values.push(value.simpleValue);
          if (value.histo) {
            const h = value.histo;
            series.last = `n=${h.num} min=${shortNumber(h.min)} max=${shortNumber(h.max)} mean=${shortNumber(h.num ? h.sum / h.num : 0)}`;
          }
        }
      }
    });
    run.files.push({ path, events: count });
  }
  return run;
}

function describeRun(run: Run, root: string): string {
  const lines: string[] = [];
  const events = run.files.reduce((s, f) => s + f.events, 0);
  lines.push(`run ${run.name}: ${events} events in ${run.files.length} file${run.files.length === 1 ? "" : "s"}`);
  for (const f of run.files) lines.push(`  ${relative(root, f.path) || f.path} (${f.events} events)`);
  if (run.wallTimes.length) {
    const iso = (t: number) => new Date(t * 1000).toISOString().replace(".000Z", "Z");
    lines.push(`  wall time: ${iso(Math.min(...run.wallTimes))} .. ${iso(Math.max(...run.wallTimes))}`);
  }
  if (run.graphs.length || run.metaGraphs) {
    const graphs = run.graphs.length
      ? `${run.graphs.length} graph_def (${run.graphs.join(", ")} nodes)`
      : "no graph_def";
    lines.push(`  graphs: ${graphs}, ${run.metaGraphs} meta_graph_def`);
  }
  if (run.sessionLogs.size) {
    const logs = [...run.sessionLogs].map(([status, n]) => `${status} x${n}`).join(", ");
    const ckpt = run.lastCheckpoint
      ? `; last checkpoint ${run.lastCheckpoint.path} at step ${run.lastCheckpoint.step}`
      : "";
    lines.push(`  session logs: ${logs}${ckpt}`);
  }
  const byKind = new Map<string, [string, TagSeries][]>();
  for (const entry of [...run.tags].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const kind = entry[1].kind;
    if (!byKind.has(kind)) byKind.set(kind, []);
    byKind.get(kind)?.push(entry);
  }
  for (const [kind, tags] of byKind) {
    lines.push(`  ${kind}s (${tags.length}):`);
    const rows = tags.map(([tag, s]) => {
      const steps = `${s.steps.length} step${s.steps.length === 1 ? "" : "s"} ${Math.min(...s.steps)}..${Math.max(...s.steps)}`;
      if (kind === "scalar") {
        return [tag, steps, `last ${shortNumber(s.values.at(-1) as number)}`, sparkline(s.values)];
      }
      return [tag, steps, s.last ? `last ${s.last}` : "", ""];
    });
    for (const line of table(rows).split("\n")) lines.push(`    ${line.trimEnd()}`);
  }
  if (run.tags.size === 0) lines.push("  no summaries");
  return lines.join("\n");
}

export function eventsCommand(path: string, io: Output): number {
  requireExists(path);
  const isDir = statSync(path).isDirectory();
  const files = isDir ? eventFilesUnder(path) : [path];
  if (files.length === 0)
    throw new FileError(path, "no event file (a name holding 'tfevents') in this folder or below");
  const root = isDir ? path : dirname(path);
  const runs = new Map<string, string[]>();
  for (const file of files) {
    // A run is named by its folder under the logdir (TensorBoard's run names); the logdir's own files by its name.
    const name = relative(root, dirname(file)) || basename(resolve(root));
    if (!runs.has(name)) runs.set(name, []);
    runs.get(name)?.push(file);
  }
  io.out([...runs].map(([name, paths]) => describeRun(readRun(name, paths), root)).join("\n\n"));
  return EXIT_OK;
}
