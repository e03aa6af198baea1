// session.py: Session.run: feeds, fetches, and an executor that runs only the ops the fetches need.
import { pyRepr, RuntimeError, ValueError } from "../errors";
import { enterDefaultSession, leaveDefaultSession } from "../framework/default-session";
import type { DType } from "../framework/dtypes";
import { type Graph, getDefaultGraph } from "../framework/graph";
import { NDArray } from "../framework/ndarray";
import type { Operation } from "../framework/operation";
import { runScopeBody } from "../framework/scope-body";
import { isCompatible, shapeToString } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { type ArrayValue, fitsDType, toNDArray } from "../framework/tensor-value";
import type { FileSystem } from "../io/file-system";
import { resolveBackend } from "../kernels/backend-registry";
import type { Backend } from "../kernels/contract";
import { Program, SessionVariables } from "./executor";
import { type FetchResult, type FetchStructure, flattenFetches, resolveFetch } from "./fetches";
import { planRun } from "./run-plan";

export type FeedValue = ArrayValue | NDArray;
export type Feeds = ReadonlyMap<Tensor | string, FeedValue> | Readonly<Record<string, FeedValue>>;

export interface SessionOptions {
  graph?: Graph;
  /**
   * The registered backend this Session runs on ("reference", or "wasm" after `await tf.ready()`); by default, the
   * registry's default when the Session is made. Fixed for the Session's life.
   */
  backend?: string;
  /** Where file-touching kernels (SaveV2, RestoreV2) read and write; @scopeflow/node and /browser set their own. */
  fileSystem?: FileSystem;
}

export class Session {
  readonly graph: Graph;
  readonly fileSystem: FileSystem | undefined;
  /** The name of the backend this Session runs on, resolved once when it was made. */
  readonly backend: string;
  private readonly runsOn: Backend;
  private readonly variables = new SessionVariables();
  private closed = false;
  private readonly programs = new Map<string, { version: number; program: Program }>();

  constructor(options: SessionOptions = {}) {
    this.runsOn = resolveBackend(options.backend);
    this.backend = this.runsOn.name;
    this.graph = options.graph ?? getDefaultGraph();
    this.fileSystem = options.fileSystem;
  }

  /** session.py: Session.run(fetches, feed_dict). Results have the fetches' structure. */
  run<F extends FetchStructure>(fetches: F, feeds?: Feeds): FetchResult<F> {
    if (this.closed) {
      // session.py: BaseSession._run
      throw new RuntimeError("Attempted to use a closed Session.");
    }
    const { leaves, rebuild } = flattenFetches(fetches);
    const targets = leaves.map((f) => resolveFetch(this.graph, f));
    for (const target of targets) {
      if (!this.graph.isFetchable(target)) {
        const op = "valueIndex" in target ? target.op : target;
        // session.py: _FetchHandler._assert_fetchable
        throw new ValueError(`Operation ${pyRepr(op.name)} has been marked as not fetchable.`);
      }
    }
    const fed = this.resolveFeeds(feeds);
    const program = this.programFor(targets, fed);
    return rebuild(program.run([...fed.values()])) as FetchResult<F>;
  }

  /**
   * session.py: BaseSession.as_default(): this Session is the default (for Tensor.eval and Operation.run) while
   * `body` runs. As in TF, the graph does not become the default graph.
   */
  asDefault<T>(body: (session: this) => T): T {
    enterDefaultSession(this);
    try {
      return runScopeBody("Session.asDefault", body, this);
    } finally {
      leaveDefaultSession(this);
    }
  }

  /** session.py: Session.close. Later runs throw. */
  close(): void {
    this.closed = true;
    for (const { program } of this.programs.values()) program.dispose();
    this.programs.clear();
    this.variables.clear();
  }

  private resolveFeeds(feeds: Feeds | undefined): Map<Tensor, NDArray> {
    const fed = new Map<Tensor, NDArray>();
    if (!feeds) return fed;
    const entries: [Tensor | string, FeedValue][] =
      feeds instanceof Map ? [...feeds.entries()] : Object.entries(feeds as Record<string, FeedValue>);
    for (const [key, value] of entries) {
      let tensor: Tensor;
      try {
        tensor = this.graph.asGraphElement(key, { allowTensor: true, allowOperation: false }) as Tensor;
      } catch (error) {
        // session.py: BaseSession._run
        throw new TypeError(`Cannot interpret feed_dict key as Tensor: ${(error as Error).message}`);
      }
      if (value instanceof Tensor) {
        throw new TypeError(
          `The value of a feed cannot be a tf.Tensor object. Acceptable feed values include Python scalars, strings, lists, numpy ndarrays, or TensorHandles. For reference, the tensor object was ${value} which was passed to the feed with key ${tensor}.`,
        );
      }
      const array = feedArray(value, tensor.dtype);
      if (!isCompatible(tensor.shape, array.shape)) {
        throw new ValueError(
          `Cannot feed value of shape ${shapeToString(array.shape)} for Tensor '${tensor.name}', which has shape '${shapeToString(tensor.shape)}'`,
        );
      }
      fed.set(tensor, array);
    }
    return fed;
  }

  /** The compiled plan of a run signature (fetches + feed names), rebuilt when the graph changed. */
  private programFor(targets: (Tensor | Operation)[], fed: Map<Tensor, NDArray>): Program {
    const key = [...targets.map((t) => t.name), "|", ...[...fed.keys()].map((t) => t.name)].join(",");
    const cached = this.programs.get(key);
    if (cached && cached.version === this.graph.version) return cached.program;
    cached?.program.dispose();
    const plan = planRun(targets, new Set(fed.keys()));
    const program = new Program({
      plan,
      fed: [...fed.keys()],
      fetches: targets,
      backend: this.runsOn,
      variables: this.variables,
      fileSystem: this.fileSystem,
    });
    this.programs.set(key, { version: this.graph.version, program });
    return program;
  }
}

/** session.py: BaseSession._run: a Python int must survive conversion to the fed tensor's numpy type. */
function checkIntFeed(value: FeedValue, dtype: DType): void {
  if (typeof value !== "number" || !Number.isInteger(value) || !(dtype.isInteger || dtype.isFloating)) return;
  const kept = dtype.isInteger ? fitsDType(value, dtype) : dtype.name !== "float32" || Math.fround(value) === value;
  if (!kept) {
    // session.py: BaseSession._run
    throw new TypeError(
      `Type of feed value ${value} with type <class 'int'> is not compatible with Tensor type <class 'numpy.${dtype.name}'>. Try explicitly setting the type of the feed tensor to a larger type (e.g. int64).`,
    );
  }
}

/** A fed value as the tensor's dtype: a plain JS value takes it when every element fits (API.md "JS numbers"). */
function feedArray(value: FeedValue, dtype: DType): NDArray {
  checkIntFeed(value, dtype);
  if (value instanceof NDArray) {
    return value.dtype === dtype ? value : toNDArray(value.toArray() as ArrayValue, dtype);
  }
  return toNDArray(value, dtype);
}
