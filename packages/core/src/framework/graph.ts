// ops.py: Graph: operations by name, unique_name, the name stack, control dependencies, collections, finalize.
import { AssertionError, InvalidArgumentError, KeyError, pyRepr, RuntimeError, ValueError } from "../errors";
import type { GraphDef } from "../proto/types";
import type { AttrValue } from "./attr-value";
import type { ControlFlowContext } from "./control-flow-context";
import { applyDeviceFunctions, type DeviceNameOrFunction, type DeviceStackEntry, deviceStackEntry } from "./device";
import type { DType } from "./dtypes";
import { graphToGraphDef } from "./graph-to-graphdef";
import { nameRecordOf } from "./name-record";
import { nameFromScopeName, VALID_OP_NAME, VALID_SCOPE_NAME } from "./names";
import { adHocOpDef, inputCount, type OpDef } from "./op-def";
import { Operation } from "./operation";
import { runScopeBody } from "./scope-body";
import { checkCollectionFilter } from "./scope-lint";
import type { Shape } from "./shape";
import { Tensor } from "./tensor";

export interface OutputSpec {
  dtype: DType;
  shape: Shape;
}

export interface CreateOpOptions {
  /** A scope name ending in "/" is used as-is (minus the slash); anything else is uniquified. Default: the op type. */
  name?: string;
  attrs?: Record<string, AttrValue>;
  /** Static shapes of the outputs in order (unknown where absent); their dtypes come from the op's def. */
  shapes?: readonly Shape[];
  /**
   * For an op type given by name (no def: tests and user ops, as TF's `create_op(op_type, inputs, dtypes)`),
   * each output's dtype and shape.
   */
  outputs?: OutputSpec[];
  /** Extra control inputs besides those of the enclosing controlDependencies blocks. */
  controlInputs?: Operation[];
}

/** Something with a `.graph` and a `.name`, as ops.py's `_as_graph_element` understands. */
export interface GraphElement {
  readonly graph: Graph;
  readonly name: string;
}

/** Objects (Variables) that stand for a graph element and convert to a Tensor. */
export interface TensorConvertible {
  /** The tensor that reading this object yields (a Variable's `v/read:0`). */
  asTensor(): Tensor;
  /** ops.py: _as_graph_element; a Variable's is its VariableV2 output. */
  asGraphElement(): Tensor;
  /** Throws if converting to `dtype` is not allowed (a Variable's tensor conversion function). */
  checkConversionDtype?(dtype: DType): void;
}

export function isTensorConvertible(value: unknown): value is TensorConvertible {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as TensorConvertible).asTensor === "function" &&
    typeof (value as TensorConvertible).asGraphElement === "function"
  );
}

interface ControlController {
  controlInputs: Operation[];
  /** Ops created inside this block: an op reading one of them needs no control edge of its own. */
  seen: Set<Operation>;
}

export class Graph {
  /** Graph-level random seed (tf.set_random_seed); null when unset. */
  seed: number | null = null;
  private readonly ops: Operation[] = [];
  private readonly byName = new Map<string, Operation>();
  private readonly namesInUse = new Map<string, number>();
  private nameStack = "";
  private controllers: ControlController[] = [];
  private colocationStack: Operation[] = [];
  /** ops.py: Graph._gradient_override_map: op type → the gradient op type its new ops record. */
  private readonly gradientOverrides = new Map<string, string>();
  /** ops.py: Graph._device_function_stack (innermost last). */
  private deviceStack: DeviceStackEntry[] = [];
  private readonly collections = new Map<string, unknown[]>();
  private readonly controlConsumers = new Map<Operation, Operation[]>();
  private isFinalized = false;
  /** ops.py: Graph._control_flow_context: the cond branch being built, if any. */
  private controlFlowContext: ControlFlowContext | null = null;
  /** ops.py: Graph._unfetchable_ops: ops a cond marked as not fetchable (prevent_fetching). */
  private readonly unfetchable = new Set<Operation>();
  private undoLog: (() => void)[] | null = null;
  /** Incremented whenever an op is added or removed; sessions use it to invalidate cached plans. */
  version = 0;

  // ---- default graph -------------------------------------------------------------------------------------------

  /** `with g.as_default():` — makes this graph the default while `body` runs. */
  asDefault<T>(body: (graph: Graph) => T): T {
    defaultGraphStack.push(this);
    try {
      return runScopeBody("Graph.asDefault", body, this);
    } finally {
      defaultGraphStack.pop();
    }
  }

  // ---- names ---------------------------------------------------------------------------------------------------

  /** ops.py: Graph.get_name_scope: the current name scope without a trailing slash ("a/b"). */
  getNameScope(): string {
    return this.nameStack;
  }

  /**
   * ops.py: Graph.unique_name. Names are case-insensitively unique: counters are kept per lowercased name, and a
   * suffix already taken (an explicit `foo_1`) is skipped.
   */
  uniqueName(name: string, options: { markAsUsed?: boolean } = {}): string {
    const markAsUsed = options.markAsUsed ?? true;
    if (this.nameStack) name = `${this.nameStack}/${name}`;
    let nameKey = name.toLowerCase();
    let i = this.namesInUse.get(nameKey) ?? 0;
    if (markAsUsed) this.setNameCount(nameKey, i + 1);
    if (i > 0) {
      const baseNameKey = nameKey;
      while (this.namesInUse.has(nameKey)) {
        nameKey = `${baseNameKey}_${i}`;
        i += 1;
      }
      if (markAsUsed) this.setNameCount(nameKey, 1);
      name = `${name}_${i - 1}`;
    }
    return name;
  }

  private setNameCount(key: string, count: number): void {
    const had = this.namesInUse.has(key);
    const previous = this.namesInUse.get(key);
    this.namesInUse.set(key, count);
    this.recordUndo(() => (had ? this.namesInUse.set(key, previous!) : this.namesInUse.delete(key)));
  }

  /**
   * ops.py: Graph.name_scope. A name ending in "/" re-enters that absolute scope, null or "" resets to the root,
   * anything else opens a new uniquified scope. The body receives the scope name with a trailing slash ("a/b/").
   * `how.byDefault` tells the scope tools that `name` is a default name (no name was given).
   */
  nameScope<T>(name: string | null | undefined, body: (scopeName: string) => T, how?: { byDefault?: boolean }): T {
    const newStack = this.enterNameScope(name);
    const oldStack = this.nameStack;
    this.nameStack = newStack ?? "";
    const record = nameRecordOf(this);
    const frame = record.enterNameScope(name ?? null, oldStack, this.nameStack, how?.byDefault ?? false);
    try {
      // TF yields "" for a reset (None) but "/" for re-entering the root as "/".
      return runScopeBody("nameScope", body, newStack === null ? "" : `${newStack}/`);
    } finally {
      this.nameStack = oldStack;
      record.exit(frame);
    }
  }

  /** Validates `name` as a scope name and returns the name stack it opens (uniquifying it); null resets. */
  private enterNameScope(name: string | null | undefined): string | null {
    if (name) {
      const regex = this.nameStack ? VALID_SCOPE_NAME : VALID_OP_NAME;
      if (!regex.test(name)) {
        // ops.py: Graph.name_scope
        throw new ValueError(`'${name}' is not a valid scope name`);
      }
    }
    if (!name) return null;
    if (name.endsWith("/")) return nameFromScopeName(name);
    return this.uniqueName(name);
  }

  // ---- operations ----------------------------------------------------------------------------------------------

  /** ops.py: Graph.create_op. Validates everything before it changes the graph. */
  /**
   * ops.py: Graph.create_op. `def` is an op table entry (its rule types the outputs), or an op type name with
   * `options.outputs` for an op no table declares.
   */
  createOp(defOrType: OpDef | string, inputs: Tensor[], options: CreateOpOptions = {}): Operation {
    this.checkNotFinalized();
    const def = typeof defOrType === "string" ? adHocOpDef(defOrType, options.outputs ?? []) : defOrType;
    const type = def.type;
    for (const input of inputs) {
      if (input.graph !== this) {
        // ops.py: Graph._create_op_internal -> _assert_same_graph
        throw new ValueError(
          `${input} must be from the same graph as ${this.describeOpBeingBuilt(options.name ?? type)}.`,
        );
      }
    }
    return this.atomically(() => {
      const requested = options.name ?? type;
      const name = requested.endsWith("/") ? nameFromScopeName(requested) : this.uniqueName(requested);
      if (!VALID_OP_NAME.test(name)) {
        // ops.py: Operation.__init__
        throw new ValueError(`'${name}' is not a valid node name`);
      }
      if (this.byName.has(name)) {
        // ops.py: Graph._add_op (a scope name reused as an op name)
        throw new ValueError(`Duplicate node name in graph: '${name}'`);
      }
      const controlInputs = this.controlInputsFor(inputs, options.controlInputs ?? []);
      const attrs: Record<string, AttrValue> = { ...(options.attrs ?? {}) };
      const colocation = this.colocationStack.at(-1);
      if (colocation && !("_class" in attrs)) attrs._class = colocationGroups(colocation);
      // ops.py: _create_op_helper: the overriding op type for gradients, if one is set for this op type.
      const gradientOpType = this.gradientOverrides.get(type);
      if (gradientOpType !== undefined) attrs._gradient_op_type = gradientOpType;
      const dtypes =
        typeof defOrType === "string" ? (options.outputs ?? []).map((o) => o.dtype) : outputDtypes(def, inputs, attrs);
      const op = new Operation(this, this.ops.length, name, def, [...inputs], controlInputs, attrs);
      // ops.py: _create_op_helper: the device functions, then the devices of the ops it is colocated with.
      applyDeviceFunctions(this.deviceStack, op);
      for (const c of this.colocationStack) if (c.device) op.device = c.device;
      const shapes = options.shapes ?? options.outputs?.map((o) => o.shape) ?? [];
      for (const [i, dtype] of dtypes.entries()) op.outputs.push(new Tensor(op, i, dtype, shapes[i] ?? null));
      this.addOp(op);
      const context = this.controlFlowContext;
      if (context !== null) {
        // ops.py: Operation._control_flow_post_processing, in the op's own name scope as _apply_op_helper has it.
        op.controlFlowContext = context;
        this.nameScope(`${op.name}/`, () => context.addOp(op));
      }
      nameRecordOf(this).noteOp(op, requested, options.name === undefined);
      return op;
    });
  }

  private describeOpBeingBuilt(name: string): string {
    return `the op being created ('${name}')`;
  }

  private addOp(op: Operation): void {
    this.ops.push(op);
    this.byName.set(op.name, op);
    for (const input of op.inputs) input.consumerOps.push(op);
    for (const control of op.controlInputs) {
      const list = this.controlConsumers.get(control) ?? [];
      list.push(op);
      this.controlConsumers.set(control, list);
    }
    for (const controller of this.controllers) controller.seen.add(op);
    this.version++;
    this.recordUndo(() => {
      this.ops.pop();
      this.byName.delete(op.name);
      for (const input of op.inputs) input.consumerOps.pop();
      for (const control of op.controlInputs) this.controlConsumers.get(control)?.pop();
      for (const controller of this.controllers) controller.seen.delete(op);
      this.version++;
    });
  }

  /** ops.py: Graph._control_dependencies_for_inputs */
  private controlInputsFor(inputs: Tensor[], extra: Operation[]): Operation[] {
    const inputOps = new Set(inputs.map((t) => t.op));
    const result: Operation[] = [];
    const add = (op: Operation) => {
      if (!inputOps.has(op) && !result.includes(op)) result.push(op);
    };
    for (const controller of this.controllers) {
      const dominated = [...inputOps].some((op) => controller.seen.has(op));
      if (!dominated) controller.controlInputs.forEach(add);
    }
    extra.forEach(add);
    return result;
  }

  /**
   * ops.py: Operation._update_input: `op` reads `tensor` as input `index` instead (a cond's Switch for a captured
   * tensor). Validated as TF's C API UpdateEdge does: same graph, same dtype.
   */
  updateInput(op: Operation, index: number, tensor: Tensor): void {
    this.checkNotFinalized();
    const old = op.inputs[index];
    if (tensor.graph !== this) {
      // ops.py: Operation._update_input -> _assert_same_graph
      throw new ValueError(`${tensor} must be from the same graph as ${old}.`);
    }
    if (tensor.dtype !== old.dtype) {
      // c_api.cc: TF_UpdateEdge
      throw new InvalidArgumentError(
        `Input ${index} of node ${op.name} was passed ${tensor.dtype.name} from ${tensor.op.name}:${tensor.valueIndex} incompatible with expected ${old.dtype.name}.`,
      );
    }
    const at = old.consumerOps.indexOf(op);
    old.consumerOps.splice(at, 1);
    op.inputs[index] = tensor;
    tensor.consumerOps.push(op);
    this.version++;
    this.recordUndo(() => {
      tensor.consumerOps.pop();
      op.inputs[index] = old;
      old.consumerOps.splice(at, 0, op);
      this.version++;
    });
  }

  /** ops.py: Operation._add_control_input (a cond's pivot for an op without inputs); an existing edge is kept once. */
  addControlInput(op: Operation, control: Operation): void {
    this.checkNotFinalized();
    if (op.controlInputs.includes(control)) return;
    op.controlInputs.push(control);
    const list = this.controlConsumers.get(control) ?? [];
    list.push(op);
    this.controlConsumers.set(control, list);
    this.version++;
    this.recordUndo(() => {
      op.controlInputs.pop();
      this.controlConsumers.get(control)?.pop();
      this.version++;
    });
  }

  controlConsumersOf(op: Operation): Operation[] {
    return [...(this.controlConsumers.get(op) ?? [])];
  }

  /** All operations in creation order. */
  getOperations(): Operation[] {
    return [...this.ops];
  }

  /** ops.py: Graph.get_operation_by_name */
  getOperationByName(name: string): Operation {
    if (typeof name !== "string") {
      throw new TypeError(`Operation names are strings (or similar), not ${typeof name}.`);
    }
    return this.asGraphElement(name, { allowTensor: false, allowOperation: true }) as Operation;
  }

  /** ops.py: Graph.get_tensor_by_name */
  getTensorByName(name: string): Tensor {
    if (typeof name !== "string") {
      throw new TypeError(`Tensor names are strings (or similar), not ${typeof name}.`);
    }
    return this.asGraphElement(name, { allowTensor: true, allowOperation: false }) as Tensor;
  }

  /** Looks up an op without throwing. */
  findOperation(name: string): Operation | undefined {
    return this.byName.get(name);
  }

  /** ops.py: Graph._as_graph_element_locked, for names and graph objects. */
  asGraphElement(
    obj: string | Tensor | Operation | TensorConvertible,
    options: { allowTensor?: boolean; allowOperation?: boolean } = {},
  ): Tensor | Operation {
    const allowTensor = options.allowTensor ?? true;
    const allowOperation = options.allowOperation ?? true;
    const typesStr = allowTensor && allowOperation ? "Tensor or Operation" : allowTensor ? "Tensor" : "Operation";
    if (isTensorConvertible(obj)) obj = obj.asGraphElement();
    if (typeof obj === "string") return this.lookupByName(obj, allowTensor, allowOperation, typesStr);
    if (obj instanceof Tensor && allowTensor) {
      if (obj.graph !== this) throw new ValueError(`Tensor ${obj} is not an element of this graph.`);
      return obj;
    }
    if (obj instanceof Operation && allowOperation) {
      if (obj.graph !== this) throw new ValueError(`Operation ${obj} is not an element of this graph.`);
      return obj;
    }
    throw new TypeError(`Can not convert a ${(obj as object)?.constructor?.name ?? typeof obj} into a ${typesStr}.`);
  }

  private lookupByName(name: string, allowTensor: boolean, allowOperation: boolean, typesStr: string) {
    if (allowTensor && name.includes(":")) {
      const [opName, outText, ...rest] = name.split(":");
      const outN = /^\d+$/.test(outText ?? "") && rest.length === 0 ? Number(outText) : Number.NaN;
      if (Number.isNaN(outN)) {
        throw new ValueError(
          `The name ${pyRepr(name)} looks a like a Tensor name, but is not a valid one. Tensor names must be of the form "<op_name>:<output_index>".`,
        );
      }
      const op = this.byName.get(opName);
      if (!op) {
        throw new KeyError(
          `The name ${pyRepr(name)} refers to a Tensor which does not exist. The operation, ${pyRepr(opName)}, does not exist in the graph.`,
        );
      }
      if (outN >= op.outputs.length) {
        throw new KeyError(
          `The name ${pyRepr(name)} refers to a Tensor which does not exist. The operation, ${pyRepr(opName)}, exists but only has ${op.outputs.length} outputs.`,
        );
      }
      return op.outputs[outN];
    }
    if (name.includes(":") && !allowTensor) {
      throw new ValueError(`Name ${pyRepr(name)} appears to refer to a Tensor, not a ${typesStr}.`);
    }
    if (allowOperation) {
      const op = this.byName.get(name);
      if (!op) throw new KeyError(`The name ${pyRepr(name)} refers to an Operation not in the graph.`);
      return op;
    }
    const message = this.byName.has(name)
      ? `The name ${pyRepr(name)} refers to an Operation, not a ${typesStr}.`
      : `The name ${pyRepr(name)} looks like an (invalid) Operation name, not a ${typesStr}.`;
    throw new ValueError(`${message} Tensor names must be of the form "<op_name>:<output_index>".`);
  }

  // ---- control dependencies and colocation ---------------------------------------------------------------------

  /**
   * ops.py: Graph.control_dependencies. Ops created in `body` run after `controlInputs`; `null` clears the
   * dependencies of enclosing blocks, as `None` does.
   */
  controlDependencies<T>(controlInputs: readonly (Operation | Tensor | TensorConvertible)[] | null, body: () => T): T {
    if (controlInputs === null) {
      // ops.py: _ControlDependenciesController.__enter__ with None clears the control flow context too.
      const saved = this.controllers;
      const savedContext = this.controlFlowContext;
      this.controllers = [];
      this.controlFlowContext = null;
      try {
        return runScopeBody("controlDependencies", body, undefined);
      } finally {
        this.controllers = saved;
        this.controlFlowContext = savedContext;
      }
    }
    const ops = controlInputs.map((c) => {
      const element = isTensorConvertible(c) ? c.asGraphElement() : c;
      if (element instanceof Tensor) return element.op;
      if (element instanceof Operation) return element;
      // ops.py: Graph.control_dependencies
      throw new TypeError(`Control input must be Operation or Tensor: ${String(c)}`);
    });
    const controller: ControlController = { controlInputs: ops, seen: new Set() };
    this.controllers.push(controller);
    try {
      return runScopeBody("controlDependencies", body, undefined);
    } finally {
      this.controllers.pop();
    }
  }

  /**
   * ops.py: Graph.colocate_with: ops created in `body` get a `_class: ["loc:@op"]` attr and op's device; the device
   * function stack is set aside meanwhile (colocation is "stronger" than device functions).
   */
  colocateWith<T>(op: Operation, body: () => T): T {
    this.colocationStack.push(op);
    const devices = this.deviceStack;
    this.deviceStack = [];
    try {
      return body();
    } finally {
      this.deviceStack = devices;
      this.colocationStack.pop();
    }
  }

  /**
   * ops.py: Graph.gradient_override_map(op_type_map): ops of a mapped type created in `body` record the mapped
   * type in their `_gradient_op_type` attr, which tf.gradients looks up instead of the op type. The mappings it
   * shadows are restored on exit.
   */
  gradientOverrideMap<T>(opTypeMap: Readonly<Record<string, string>>, body: () => T): T {
    const notStrings = () => new TypeError("op_type_map must be a dictionary mapping strings to strings");
    if (typeof opTypeMap !== "object" || opTypeMap === null || Array.isArray(opTypeMap)) throw notStrings();
    const entries = Object.entries(opTypeMap);
    if (entries.some(([, mapped]) => typeof mapped !== "string")) throw notStrings();
    const saved = entries.map(([opType]) => [opType, this.gradientOverrides.get(opType)] as const);
    for (const [opType, mapped] of entries) this.gradientOverrides.set(opType, mapped);
    try {
      return runScopeBody("gradientOverrideMap", body, undefined);
    } finally {
      for (const [opType, previous] of saved) {
        if (previous === undefined) this.gradientOverrides.delete(opType);
        else this.gradientOverrides.set(opType, previous);
      }
    }
  }

  /**
   * ops.py: Graph.device(device_name_or_function): ops created in `body` record a device (NodeDef.device): a string
   * or DeviceSpec is merged field by field under the inner scopes' (`/job:ps` around `/device:GPU:0` gives
   * `/job:ps/device:GPU:0`), a function's result overwrites it, `null` ignores the outer scopes. Placement is not
   * simulated: the device is recorded and exported only.
   */
  device<T>(deviceNameOrFunction: DeviceNameOrFunction, body: () => T): T {
    const entry = deviceStackEntry(deviceNameOrFunction);
    this.deviceStack.push(entry);
    try {
      return runScopeBody("device", () => body(), undefined);
    } finally {
      this.deviceStack.pop();
    }
  }

  // ---- control flow contexts and fetchability -------------------------------------------------------------------

  /** ops.py: Graph._get_control_flow_context: the context new ops are created in (null outside a cond branch). */
  getControlFlowContext(): ControlFlowContext | null {
    return this.controlFlowContext;
  }

  /** ops.py: Graph._set_control_flow_context (a context's Enter and Exit). */
  setControlFlowContext(context: ControlFlowContext | null): void {
    this.controlFlowContext = context;
  }

  /** ops.py: Graph.prevent_fetching: Session.run refuses to fetch `op` (ops inside a cond branch). */
  preventFetching(op: Operation): void {
    if (this.unfetchable.has(op)) return;
    this.unfetchable.add(op);
    this.recordUndo(() => this.unfetchable.delete(op));
  }

  /** ops.py: Graph.is_fetchable, for a tensor (its op) or an operation. */
  isFetchable(element: Tensor | Operation): boolean {
    return !this.unfetchable.has(element instanceof Tensor ? element.op : element);
  }

  // ---- collections ---------------------------------------------------------------------------------------------

  /** ops.py: Graph.add_to_collection */
  addToCollection(key: string, value: unknown): void {
    this.checkNotFinalized();
    let list = this.collections.get(key);
    if (!list) {
      list = [];
      this.collections.set(key, list);
      this.recordUndo(() => this.collections.delete(key));
    }
    const target = list;
    target.push(value);
    this.recordUndo(() => target.pop());
  }

  /** ops.py: Graph.add_to_collections (each key once; a string is one key, as TF's six.string_types case). */
  addToCollections(keys: string | Iterable<string>, value: unknown): void {
    for (const key of typeof keys === "string" ? [keys] : new Set(keys)) this.addToCollection(key, value);
  }

  /**
   * ops.py: Graph.get_collection: a copy; with `scope`, only items whose `name` matches it at the start
   * (Python's re.match); items without a name are left out then.
   */
  getCollection<T = unknown>(key: string, scope?: string | null): T[] {
    const list = (this.collections.get(key) ?? []) as T[];
    if (scope === undefined || scope === null) return [...list];
    const regex = new RegExp(`^(?:${scope})`);
    const found = list.filter((item) => {
      const name = (item as { name?: unknown })?.name;
      return typeof name === "string" && regex.test(name);
    });
    checkCollectionFilter(
      this,
      key,
      scope,
      regex,
      found.map((item) => (item as { name: string }).name),
    );
    return found;
  }

  /** ops.py: Graph.get_collection_ref: the live list. */
  getCollectionRef<T = unknown>(key: string): T[] {
    let list = this.collections.get(key);
    if (!list) {
      list = [];
      this.collections.set(key, list);
    }
    return list as T[];
  }

  getAllCollectionKeys(): string[] {
    return [...this.collections.entries()].filter(([, v]) => v.length > 0).map(([k]) => k);
  }

  clearCollection(key: string): void {
    this.checkNotFinalized();
    this.collections.delete(key);
  }

  // ---- finalize and atomic changes -----------------------------------------------------------------------------

  get finalized(): boolean {
    return this.isFinalized;
  }

  /** ops.py: Graph.finalize: later changes throw. */
  finalize(): void {
    this.isFinalized = true;
  }

  checkNotFinalized(): void {
    if (this.isFinalized) {
      // ops.py: Graph._check_not_finalized
      throw new RuntimeError("Graph is finalized and cannot be modified.");
    }
  }

  /**
   * Runs `body` so that, if it throws, every op, name counter and collection entry it added is taken back:
   * a failing call leaves the graph as it was. Nested calls join the outermost one.
   */
  atomically<T>(body: () => T): T {
    const outermost = this.undoLog === null;
    if (outermost) this.undoLog = [];
    const log = this.undoLog!;
    const mark = log.length;
    try {
      const result = body();
      if (outermost) this.undoLog = null;
      return result;
    } catch (error) {
      while (log.length > mark) log.pop()!();
      if (outermost) this.undoLog = null;
      throw error;
    }
  }

  /** Registers how to take back a change made inside `atomically` (no-op outside one). */
  recordUndo(undo: () => void): void {
    this.undoLog?.push(undo);
  }

  /**
   * ops.py: Graph.as_graph_def(add_shapes=False). The conversion lives in graphdef/graph-to-graphdef.ts; this is
   * framework's one import from above it, a direct one rather than a converter installed on import, so that
   * bundlers honouring `sideEffects: false` cannot drop it.
   */
  asGraphDef(options: { addShapes?: boolean } = {}): GraphDef {
    return graphToGraphDef(this, options);
  }

  toString(): string {
    return "<tf.Graph>";
  }
}

function colocationGroups(op: Operation): string[] {
  const own = op.attrs._class;
  return Array.isArray(own) && own.length > 0 ? (own as string[]) : [`loc:@${op.name}`];
}

// ---- the default graph stack ---------------------------------------------------------------------------------

const defaultGraphStack: Graph[] = [];
let globalDefaultGraph: Graph | null = null;

/** ops.py: get_default_graph */
export function getDefaultGraph(): Graph {
  const top = defaultGraphStack.at(-1);
  if (top) return top;
  globalDefaultGraph ??= new Graph();
  return globalDefaultGraph;
}

/** Makes `graph` the default until `leaveDefaultGraph` (InteractiveSession, which holds it open between calls). */
export function enterDefaultGraph(graph: Graph): void {
  defaultGraphStack.push(graph);
}

/** Leaves the innermost entry of `graph` on the default graph stack. */
export function leaveDefaultGraph(graph: Graph): void {
  const at = defaultGraphStack.lastIndexOf(graph);
  if (at >= 0) defaultGraphStack.splice(at, 1);
}

/** True while some graph's asDefault body runs. */
export function insideAsDefault(): boolean {
  return defaultGraphStack.length > 0;
}

/** ops.py: reset_default_graph. Not allowed while a graph's asDefault body runs. */
export function resetDefaultGraph(): void {
  if (defaultGraphStack.length > 0) {
    // ops.py: reset_default_graph
    throw new AssertionError(
      "Do not use tf.reset_default_graph() to clear nested graphs. If you need a cleared graph, exit the nesting and create a new graph.",
    );
  }
  globalDefaultGraph = new Graph();
}

/** An op table entry's output dtypes, after checking what the builder gave it against the entry (a scopeflow bug if not). */
function outputDtypes(def: OpDef, inputs: readonly Tensor[], attrs: Readonly<Record<string, AttrValue>>): DType[] {
  for (const key of Object.keys(attrs)) {
    if (!key.startsWith("_") && !Object.hasOwn(def.attrs, key)) {
      throw new Error(`scopeflow: op type '${def.type}' declares no attr '${key}' (its table entry is incomplete)`);
    }
  }
  const count = inputCount(def, attrs);
  if (count !== undefined && count !== inputs.length) {
    throw new Error(`scopeflow: op type '${def.type}' takes ${count} inputs, the builder gave ${inputs.length}`);
  }
  return def.outputs(attrs);
}
