// session.py: Session.run: feeds, fetches, and an executor that runs only the ops the fetches need.
import { FailedPreconditionError, InvalidArgumentError, RuntimeError, ValueError } from "../errors";
import type { DType } from "../framework/dtypes";
import { type Graph, getDefaultGraph } from "../framework/graph";
import type { Operation } from "../framework/operation";
import { isRefInput, VARIABLE_OP_TYPES } from "../framework/ref-inputs";
import { isCompatible, shapeToString } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { type ArrayValue, toNDArray } from "../framework/tensor-value";
import { activeBackend, kernelFor } from "../kernels/backend-registry";
import type { KernelContext, VariableState } from "../kernels/contract";
import type { FileSystem } from "../io/file-system";
import { type FetchResult, type FetchStructure, flattenFetches, resolveFetch } from "./fetches";
import { NDArray } from "./ndarray";
import { planRun, type RunPlan } from "./run-plan";

export type FeedValue = ArrayValue | NDArray;
export type Feeds = ReadonlyMap<Tensor | string, FeedValue> | Readonly<Record<string, FeedValue>>;

export interface SessionOptions {
  graph?: Graph;
  /** Where file-touching kernels (SaveV2, RestoreV2) read and write; @scopeflow/node and /browser set their own. */
  fileSystem?: FileSystem;
}

/** Variable values of one Session, keyed by the variable op's name. The store owns its arrays. */
class SessionVariables implements VariableState {
  private readonly values = new Map<string, NDArray>();
  get(name: string): NDArray | undefined {
    return this.values.get(name);
  }
  set(name: string, value: NDArray): void {
    this.values.set(name, value);
  }
}

const EMPTY_REF = new NDArray("float32", [0]);

export class Session {
  readonly graph: Graph;
  readonly fileSystem: FileSystem | undefined;
  private readonly variables = new SessionVariables();
  private closed = false;
  private readonly plans = new Map<string, { version: number; plan: RunPlan }>();

  constructor(options: SessionOptions = {}) {
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
    const fed = this.resolveFeeds(feeds);
    const plan = this.planFor(targets, fed);
    const values = this.execute(plan, fed);
    const results = targets.map((t) => (t instanceof Tensor ? this.fetchValue(t, values, plan) : null));
    return rebuild(results) as FetchResult<F>;
  }

  /** session.py: Session.close. Later runs throw. */
  close(): void {
    this.closed = true;
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

  private planFor(targets: (Tensor | Operation)[], fed: Map<Tensor, NDArray>): RunPlan {
    const key = [...targets.map((t) => t.name), "|", ...[...fed.keys()].map((t) => t.name)].join(",");
    const cached = this.plans.get(key);
    if (cached && cached.version === this.graph.version) return cached.plan;
    const plan = planRun(targets, new Set(fed.keys()));
    this.plans.set(key, { version: this.graph.version, plan });
    return plan;
  }

  private execute(plan: RunPlan, fed: Map<Tensor, NDArray>): Map<Tensor, NDArray> {
    const values = new Map<Tensor, NDArray>(fed);
    const backend = activeBackend();
    for (const op of plan.ops) {
      if (VARIABLE_OP_TYPES.has(op.type)) continue; // read where consumed, so an Assign may run first
      if (op.type === "Placeholder") throw placeholderNotFed(op);
      const inputs = op.inputs.map((t, i) =>
        isRefInput(op.type, i) && VARIABLE_OP_TYPES.has(t.op.type)
          ? (this.variables.get(t.op.name) ?? EMPTY_REF)
          : this.valueOf(t, values, op),
      );
      const kernel = kernelFor(op.type, op.name, backend, inputs);
      const outputs = kernel(inputs, this.contextFor(op));
      op.outputs.forEach((t, i) => values.set(t, outputs[i]));
    }
    return values;
  }

  private valueOf(tensor: Tensor, values: Map<Tensor, NDArray>, consumer: Operation): NDArray {
    const value = values.get(tensor);
    if (value) return value;
    if (VARIABLE_OP_TYPES.has(tensor.op.type)) return this.readVariable(tensor.op, consumer);
    throw new InvalidArgumentError(`Internal: no value computed for ${tensor.name} (needed by ${consumer.name})`);
  }

  private readVariable(variableOp: Operation, consumer: Operation): NDArray {
    const value = this.variables.get(variableOp.name);
    if (!value) {
      // Failed precondition from VariableOp::Compute (variable_ops.cc)
      throw new FailedPreconditionError(
        `Attempting to use uninitialized value ${variableOp.name}\n\t [[{{node ${consumer.name}}}]]`,
      );
    }
    return value;
  }

  private contextFor(op: Operation): KernelContext {
    return {
      opName: op.name,
      opType: op.type,
      attrs: op.attrs,
      outputDtypes: op.outputs.map((t) => t.dtype),
      refName: (i: number) => {
        const input = op.inputs[i];
        return input && VARIABLE_OP_TYPES.has(input.op.type) ? input.op.name : undefined;
      },
      variables: this.variables,
      fileSystem: this.fileSystem,
    };
  }

  /** A fetched value the caller may keep: variable storage and Const attrs are copied, never shared. */
  private fetchValue(tensor: Tensor, values: Map<Tensor, NDArray>, plan: RunPlan): NDArray {
    const value = values.get(tensor) ?? this.valueOf(tensor, values, plan.fetchReader(tensor));
    const shared = VARIABLE_OP_TYPES.has(tensor.op.type) || tensor.op.type === "Const" || tensor.isRef;
    return shared ? new NDArray(value.dtype, value.shape, value.data.slice() as NDArray["data"]) : value;
  }
}

function feedArray(value: FeedValue, dtype: DType): NDArray {
  if (value instanceof NDArray) {
    return value.dtype === dtype ? value : toNDArray(value.toArray() as ArrayValue, dtype);
  }
  return toNDArray(value, dtype);
}

/** placeholder_op.cc: PlaceholderOp::Compute */
function placeholderNotFed(op: Operation): Error {
  const dtype = op.outputs[0].dtype;
  const shape = op.outputs[0].shape;
  const shapeText = shape === null ? "" : ` and shape [${shape.map((d) => d ?? -1).join(",")}]`;
  return new InvalidArgumentError(
    `You must feed a value for placeholder tensor '${op.name}' with dtype ${cTypeName(dtype)}${shapeText}\n\t [[{{node ${op.name}}}]]`,
  );
}

/** types.cc: DataTypeString: float, double, int32, int64, bool, string, ... */
export function cTypeName(dtype: DType): string {
  return dtype.name === "float32" ? "float" : dtype.name === "float64" ? "double" : dtype.name === "float16" ? "half" : dtype.name;
}
