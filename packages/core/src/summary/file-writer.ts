// python/summary/writer/writer.py (FileWriter, SummaryToEventTransformer) and event_file_writer.py (EventFileWriter),
// over core's FileSystem: TF's writer thread and flush timer become "flush when asked, or when flushSecs have passed".
import { ValueError } from "../errors";
import { decodeSummary } from "../formats/summary-builders";
import type { Graph } from "../framework/graph";
import { encodeGraphDef, encodeMetaGraphDef } from "../graphdef/graphdef-codec";
import { createMetaGraphDef } from "../graphdef/meta-graph";
import { concatBytes } from "../io/bytes";
import type { FileSystem } from "../io/file-system";
import { encodeRecord } from "../io/tfrecord";
import type { Event, GraphDef, MetaGraphDef, SessionLog, Summary } from "../proto/types";
import { encodeEvent, eventFileName, fileVersionEvent } from "./event-file";

export interface FileWriterOptions {
  /** Where the event file goes; @scopeflow/node binds the disk, @scopeflow/browser an in-memory file map. */
  fileSystem?: FileSystem;
  /** The host name in the file name (`socket.gethostname()` in TF); default "localhost". */
  host?: string;
  /** Appended to the file name, as TF's `filename_suffix`. */
  filenameSuffix?: string;
  /** Seconds between automatic flushes (checked when an event is added); default 120, as TF. */
  flushSecs?: number;
  /** The clock, in milliseconds (default Date.now); tests pass a fixed one. */
  now?: () => number;
}

/** A Graph or a GraphDef, as FileWriter's `graph` argument accepts. */
export type GraphOrDef = Graph | GraphDef;

function isGraph(value: GraphOrDef): value is Graph {
  return typeof (value as Graph).asGraphDef === "function";
}

/**
 * writer.py: FileWriter. The event file (`events.out.tfevents.<seconds>.<host>`) exists from the start, holding the
 * `brain.Event:2` record (written whole); later events are buffered, and each flush appends their records to the
 * file in one write (`FileSystem.appendFile`), as events_writer.cc and record_writer.cc do: a flush costs the new
 * records only. A crash mid-flush can leave at most one torn record at the end, which readers stop at
 * (TensorBoard; summaryIterator's `stopAtTruncatedTail`).
 */
export class FileWriter {
  private readonly fs: FileSystem;
  private readonly logdir: string;
  private readonly options: FileWriterOptions;
  private path = "";
  /** Bytes of whole records in the file. */
  private size = 0;
  /** A flush failed: the file may end in part of its records, to be cut back to `size` before the next append. */
  private torn = false;
  private pending: Uint8Array[] = [];
  private lastFlush = 0;
  private closed = false;
  private readonly seenSummaryTags = new Set<string>();

  constructor(logdir: string, graph?: GraphOrDef | null, options: FileWriterOptions = {}) {
    if (!options.fileSystem) {
      throw new ValueError(
        "FileWriter needs a file system: pass { fileSystem } (for example tf.io.memoryFs()), or use @scopeflow/node or @scopeflow/browser, which bind theirs.",
      );
    }
    this.fs = options.fileSystem;
    this.logdir = logdir;
    this.options = options;
    this.open();
    if (graph) {
      // writer.py: SummaryToEventTransformer.__init__: the graph, then its meta graph.
      this.addGraph(graph);
      const graphDef = isGraph(graph) ? graph.asGraphDef({ addShapes: true }) : graph;
      this.addMetaGraph(createMetaGraphDef({ graphDef }));
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** event_file_writer.py: EventFileWriter.__init__ + events_writer.cc InitIfNeeded: the file and its first record. */
  private open(): void {
    if (!this.fs.isDirectory(this.logdir)) this.fs.makeDirs(this.logdir);
    const nowMs = this.now();
    const name = eventFileName(nowMs / 1000, this.options.host ?? "localhost") + (this.options.filenameSuffix ?? "");
    this.path = this.fs.join(this.logdir, name);
    const first = encodeRecord(encodeEvent(fileVersionEvent(nowMs / 1000)));
    this.fs.writeFileAtomic(this.path, first);
    this.size = first.length;
    this.torn = false;
    this.pending = [];
    this.lastFlush = nowMs;
    this.closed = false;
  }

  /** The event file's path. */
  getFilename(): string {
    return this.path;
  }

  getLogdir(): string {
    return this.logdir;
  }

  /** event_file_writer.py: add_event: ignored once closed, as TF ignores it. */
  addEvent(event: Partial<Event>): void {
    if (this.closed) return;
    const full: Partial<Event> = { ...event, wallTime: event.wallTime ?? this.now() / 1000 };
    this.pending.push(encodeRecord(encodeEvent(full)));
    if (this.now() - this.lastFlush >= (this.options.flushSecs ?? 120) * 1000) this.flush();
  }

  private addEventAt(event: Partial<Event>, globalStep?: number | bigint): void {
    this.addEvent(globalStep === undefined ? event : { ...event, step: globalStep });
  }

  /**
   * writer.py: add_summary(summary, global_step): a serialized Summary (as Session.run returns it: bytes, or the
   * string NDArray's item()) or a decoded one. A value's plugin metadata is written only the first time its tag appears.
   */
  addSummary(summary: Summary | Uint8Array | { item(): unknown }, globalStep?: number | bigint): void {
    let decoded: Summary;
    if (summary instanceof Uint8Array) decoded = decodeSummary(summary, "the summary passed to add_summary");
    else if (typeof (summary as { item?: unknown }).item === "function") {
      decoded = decodeSummary((summary as { item(): Uint8Array }).item(), "the summary passed to add_summary");
    } else decoded = summary as Summary;
    const values = decoded.value.map((value) => {
      if (!value.metadata) return value;
      if (this.seenSummaryTags.has(value.tag)) {
        const { metadata: _dropped, ...rest } = value;
        return rest;
      }
      this.seenSummaryTags.add(value.tag);
      return value;
    });
    this.addEventAt({ summary: { value: values } }, globalStep);
  }

  /** writer.py: add_session_log(session_log, global_step) */
  addSessionLog(sessionLog: SessionLog, globalStep?: number | bigint): void {
    this.addEventAt({ sessionLog }, globalStep);
  }

  /** writer.py: add_graph(graph, global_step): the GraphDef with `_output_shapes` (as_graph_def(add_shapes=True)). */
  addGraph(graph: GraphOrDef, globalStep?: number | bigint): void {
    const graphDef = isGraph(graph) ? graph.asGraphDef({ addShapes: true }) : graph;
    this.addEventAt({ graphDef: encodeGraphDef(graphDef) as Uint8Array }, globalStep);
  }

  /** writer.py: add_meta_graph(meta_graph_def, global_step) */
  addMetaGraph(metaGraphDef: MetaGraphDef, globalStep?: number | bigint): void {
    this.addEventAt({ metaGraphDef: encodeMetaGraphDef(metaGraphDef) as Uint8Array }, globalStep);
  }

  /**
   * Appends every buffered event to the file, as one write of whole records. When the write fails the events stay
   * buffered and the error is thrown; the next flush first cuts the file back to its whole records (rewriting it,
   * the one time a flush costs the whole file), so a retry neither repeats nor tears a record.
   */
  flush(): void {
    if (this.pending.length > 0) {
      if (this.torn) {
        this.fs.writeFileAtomic(this.path, this.fs.readFile(this.path).subarray(0, this.size));
        this.torn = false;
      }
      const records = concatBytes(this.pending);
      try {
        this.fs.appendFile(this.path, records);
      } catch (error) {
        this.torn = true;
        throw error;
      }
      this.size += records.length;
      this.pending = [];
    }
    this.lastFlush = this.now();
  }

  /** Flushes and closes; later events are ignored until reopen(). */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
  }

  /** event_file_writer.py: reopen: a new event file, after close(). */
  reopen(): void {
    if (this.closed) this.open();
  }
}
