// layers/base.py (TF 1.15): tf.layers.Layer, v1 style (variables through get_variable in the layer's variable
// scope), on the graph-mode parts of keras/engine/base_layer.py it inherits: __call__, add_weight, add_loss,
// add_update, the weight lists, activity regularization and the input_spec checks. Keras-style layers are not ported.
import { ValueError } from "../errors";
import { asDType, type DType, type DTypeLike, float32 } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import { Operation } from "../framework/operation";
import { numElements, type Shape } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { shape as shapeOf } from "../ops/array-ops";
import { cast, truediv } from "../ops/math-ops";
import { convertToTensor, type TensorLike } from "../ops/op-builder";
import { indexTensor } from "../ops/tensor-index";
import { getVariable } from "../scopes/get-variable";
import { VariableScope, variableScope } from "../scopes/variable-scope";
import type { ReuseMode } from "../scopes/variable-store";
import { glorotUniform, zeros } from "../variables/initializers";
import type { Variable } from "../variables/variable";
import { assertInputCompatibility, InputSpec, type SpecInput } from "./input-spec";
import { toSnakeCase, uniqueObjectName } from "./layer-names";
import { messages } from "./messages";
import { addElementsToCollection, convertArrayValues, flatten, mapStructure, type Nest, reachableFromInputs } from "./structure";

/** A regularizer: a function of a weight (or a layer output) returning its loss, or null for none. */
export type LayerRegularizer = (x: any) => Tensor | null;
/** A loss as add_loss takes it: a Tensor, a value, or a zero-argument function building one. */
export type LossLike = Tensor | number | (() => Tensor | null) | null;

export interface LayerOptions {
  trainable?: boolean;
  /** The layer's name; a VariableScope names its variable scope while the layer gets a generated name. */
  name?: string | VariableScope | null;
  /** The weights' dtype; by default the first input's (TF's "infer" policy). */
  dtype?: DTypeLike | null;
  activityRegularizer?: LayerRegularizer | null;
  /** TF's `_scope` keyword: the variable scope (name or VariableScope) the layer's variables live in. */
  _scope?: string | VariableScope | null;
  /** TF's `_reuse` keyword: reuse the variables of an earlier layer of the same scope. */
  _reuse?: ReuseMode | null;
}

export interface AddWeightOptions {
  shape?: readonly number[] | null;
  dtype?: DTypeLike | null;
  initializer?: unknown;
  regularizer?: LayerRegularizer | null;
  trainable?: boolean | null;
  /** Kept for TF's signature; scopeflow's variables hold no constraint (TF1's optimizers never apply it). */
  constraint?: ((x: Tensor) => Tensor) | null;
}

/** Whether a loss or update came from outside the inputs (base_layer.py's `_unconditional_loss/_update`). */
const unconditional = new WeakMap<object, boolean>();

/** base_layer_utils.py: call_context: the inputs of the layer call in progress (add_update reads them). */
const callStack: { layer: Layer; inputs: unknown[] }[] = [];

const isPlainOptions = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && Object.getPrototypeOf(x) === Object.prototype;

/** layers/base.py: Layer (tf.layers.Layer, v1 variable management). */
export class Layer {
  /** The TF class name naming the layer (`Dense` -> `dense`); a subclass without its own uses its JS name. */
  static readonly className: string = "Layer";

  built = false;
  supportsMasking = false;
  stateful = false;
  activityRegularizer: LayerRegularizer | null;
  /** Whether `call` takes a `scope` option (TF reads call's signature); if so it gets the layer's VariableScope. */
  protected callHasScopeArg = false;
  protected _trainable: boolean;
  protected _name: string;
  protected _baseName: string;
  protected _scope: VariableScope | null;
  protected _reuse: ReuseMode | null;
  protected _currentScope: VariableScope | null = null;
  protected _dtype: DType | null;
  protected _inputSpec: InputSpec | (InputSpec | null)[] | null = null;
  protected _trainableWeights: Variable[] = [];
  protected _nonTrainableWeights: Variable[] = [];
  protected _updates: Operation[] = [];
  protected _losses: Tensor[] = [];
  protected _callableLosses: (() => Tensor | null)[] = [];

  constructor(options: LayerOptions = {}) {
    this._reuse = options._reuse ?? null;
    this._trainable = options.trainable ?? true;
    [this._name, this._baseName] = this.initSetName(options.name ?? null);
    this.activityRegularizer = options.activityRegularizer ?? null;
    this._dtype = options.dtype ? asDType(options.dtype) : null;
    const scope = options._scope;
    this._scope = scope ? variableScope(scope, (captured) => captured) : null;
  }

  /** layers/base.py: Layer._init_set_name: a VariableScope or no name gets a generated name (`dense_1`). */
  private initSetName(name: string | VariableScope | null): [string, string] {
    if (name instanceof VariableScope) return [this.makeUniqueName()[0], name.name];
    if (!name) return this.makeUniqueName();
    return [name, name];
  }

  /** layers/base.py: Layer._make_unique_name: the snake-cased class name, one-based per graph. */
  protected makeUniqueName(): [string, string] {
    const ctor = this.constructor as typeof Layer;
    const own = Object.prototype.hasOwnProperty.call(ctor, "className");
    const baseName = toSnakeCase(own ? ctor.className : ctor.name);
    return [uniqueObjectName(baseName), baseName];
  }

  get name(): string {
    return this._name;
  }
  /** The weights' dtype, or null until the first input (or weight) sets it. */
  get dtype(): DType | null {
    return this._dtype;
  }
  get trainable(): boolean {
    return this._trainable;
  }
  set trainable(value: boolean) {
    this._trainable = value;
  }
  get inputSpec(): InputSpec | (InputSpec | null)[] | null {
    return this._inputSpec;
  }
  set inputSpec(value: InputSpec | (InputSpec | null)[] | null) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== null && v !== undefined && !(v instanceof InputSpec)) {
        // base_layer.py: Layer.input_spec
        throw new TypeError(messages.notInputSpec(v));
      }
    }
    this._inputSpec = value;
  }
  /** layers/base.py: Layer.scope_name */
  get scopeName(): string {
    // layers/base.py: Layer.scope_name
    if (!this._scope) throw new ValueError(messages.noScopeName(this._name));
    return this._scope.name;
  }
  get trainableWeights(): Variable[] {
    return this._trainable ? [...this._trainableWeights] : [];
  }
  get nonTrainableWeights(): Variable[] {
    return this._trainable
      ? [...this._nonTrainableWeights]
      : [...this._trainableWeights, ...this._nonTrainableWeights];
  }
  get weights(): Variable[] {
    return [...this.trainableWeights, ...this.nonTrainableWeights];
  }
  get variables(): Variable[] {
    return this.weights;
  }
  get trainableVariables(): Variable[] {
    return this.trainableWeights;
  }
  get nonTrainableVariables(): Variable[] {
    return this.nonTrainableWeights;
  }
  /** base_layer.py: Layer.updates: none when neither trainable nor stateful. */
  get updates(): Operation[] {
    if (!this._trainable && !this.stateful) return [];
    return [...this._updates];
  }
  /** base_layer.py: Layer.losses: each weight regularizer is called again, building its loss ops anew. */
  get losses(): Tensor[] {
    const collected = [...this._losses];
    for (const regularizer of this._callableLosses) {
      const loss = regularizer();
      if (loss !== null && loss !== undefined) collected.push(loss);
    }
    return collected;
  }

  /** base_layer.py: Layer.build: creates the weights; subclasses override it. */
  build(_inputShape: any): void {
    this.built = true;
  }

  /** base_layer.py: Layer.call: the layer's computation; subclasses override it. */
  call(inputs: any, ..._args: any[]): any {
    return inputs;
  }

  /** base_layer.py: Layer.compute_output_shape (TF raises NotImplementedError in graph mode). */
  computeOutputShape(_inputShape: any): any {
    const error = new Error(`Layer ${this._name} (${this.constructor.name}) does not implement computeOutputShape.`);
    error.name = "NotImplementedError";
    throw error;
  }

  /**
   * `layer(inputs, *args, **kwargs)` (base_layer.py: Layer.apply is its alias). A trailing options object is
   * passed to `call`, except its `scope` (the variable scope to create the layer's scope in, the first time).
   */
  apply(inputs: any, ...args: any[]): any {
    let scope: string | VariableScope | null = null;
    const last = args.at(-1);
    if (isPlainOptions(last) && "scope" in last) {
      const { scope: given, ...rest } = last;
      scope = (given as string | VariableScope | null) ?? null;
      args = Object.keys(rest).length > 0 ? [...args.slice(0, -1), rest] : args.slice(0, -1);
    }
    return this.callLayer(inputs, args, scope);
  }

  /** layers/base.py: Layer.__call__: the layer's variable scope, reused once built, around keras' __call__. */
  protected callLayer(inputs: any, args: any[], scope: string | VariableScope | null = null): any {
    const graph = getDefaultGraph();
    return graph.atomically(() => {
      this.recordStateUndo();
      this.setScope(scope);
      const reuse = this.built ? true : this._reuse;
      const outputs = variableScope(this._scope, { reuse, auxiliaryNameScope: false }, (current) => {
        this._currentScope = current;
        if (this.callHasScopeArg) {
          const last = args.at(-1);
          args = isPlainOptions(last) ? [...args.slice(0, -1), { ...last, scope: current }] : [...args, { scope: current }];
        }
        return this.kerasCall(inputs, args);
      });
      addElementsToCollection(this.updates, GraphKeys.UPDATE_OPS);
      return outputs;
    });
  }

  /** base_layer.py: Layer.__call__ (graph mode): checks, name scope, build, call, activity regularization. */
  private kerasCall(inputs: any, args: any[]): any {
    inputs = convertArrayValues(inputs);
    const flat = flatten<SpecInput>(inputs);
    assertInputCompatibility(this._inputSpec, flat, this._name);
    callStack.push({ layer: this, inputs: flat });
    try {
      return getDefaultGraph().nameScope(this.nameScope(), () => {
        this.maybeBuild(inputs, flat);
        const outputs = this.call(inputs, ...args);
        if (outputs === null || outputs === undefined) {
          // base_layer.py: Layer.__call__
          throw new ValueError(messages.callReturnedNone(this._name));
        }
        this.handleActivityRegularization(inputs, outputs);
        return outputs;
      });
    } finally {
      callStack.pop();
    }
  }

  /** base_layer.py: Layer._maybe_build: the dtype from the first input, then build(input shapes), once. */
  private maybeBuild(inputs: any, flat: SpecInput[]): void {
    if (this.built) return;
    assertInputCompatibility(this._inputSpec, flat, this._name);
    if (flat.length > 0 && this._dtype === null && flat[0]?.dtype) this._dtype = flat[0].dtype;
    const shapes = flat.every((x) => x && "shape" in x) ? mapStructure<SpecInput, Shape>(inputs, (x) => x.shape) : null;
    this.build(shapes);
    this.built = true;
  }

  /** layers/base.py: Layer._name_scope: ops go to the name scope the layer's variable scope first opened. */
  protected nameScope(): string {
    return this._currentScope?.originalNameScope ?? "";
  }

  /** layers/base.py: Layer._set_scope: the first time, `variable_scope(scope, default_name=base_name)`. */
  protected setScope(scope: string | VariableScope | null = null): void {
    if (this._scope !== null) return;
    if (this._reuse) this._scope = variableScope(scope ?? this._baseName, (captured) => captured);
    else this._scope = variableScope(scope, { defaultName: this._baseName }, (captured) => captured);
  }

  /** A failing call or add_weight leaves the layer as it was (arrays copied, fields put back). */
  private recordStateUndo(): void {
    const saved = new Map<string, unknown>();
    for (const [key, value] of Object.entries(this)) saved.set(key, Array.isArray(value) ? [...value] : value);
    getDefaultGraph().recordUndo(() => {
      for (const key of Object.keys(this)) if (!saved.has(key)) delete (this as Record<string, unknown>)[key];
      for (const [key, value] of saved) (this as Record<string, unknown>)[key] = value;
    });
  }

  /**
   * layers/base.py: Layer.add_weight: `get_variable(name, ...)` in the layer's variable scope (reused once the
   * layer is built), the weight regularizer's loss added once per new variable. `addWeight(name, shape?, options?)`.
   */
  addWeight(name: string, shape?: readonly number[] | null | AddWeightOptions, options: AddWeightOptions = {}): Variable {
    const o: AddWeightOptions = Array.isArray(shape) || shape === null ? { ...options, shape: shape as readonly number[] | null } : { ...(shape as AddWeightOptions | undefined), ...options };
    const graph = getDefaultGraph();
    return graph.atomically(() => {
      this.recordStateUndo();
      const trainable = o.trainable ?? true;
      const existing = new Set(graph.getCollection(GraphKeys.GLOBAL_VARIABLES));
      const dtype = asDType(o.dtype ?? this._dtype ?? float32);
      this.setScope(null);
      const reuse = this.built ? true : this._reuse;
      const before = this._trainableWeights.length;
      return variableScope(this._scope, { reuse, auxiliaryNameScope: false }, (scope) => {
        this._currentScope = scope;
        return graph.nameScope(this.nameScope(), () => {
          const initializer = o.initializer ?? scope.initializer;
          const variable = this.kerasAddWeight(name, o.shape ?? [], dtype, initializer, trainable && this._trainable);
          if (o.regularizer && !existing.has(variable)) this.handleWeightRegularization(name, variable, o.regularizer);
          // A custom getter (or scope) that made the variable non-trainable moves it to the non-trainable list.
          if (trainable && this._trainable && !graph.getCollection(GraphKeys.TRAINABLE_VARIABLES).includes(variable)) {
            this._nonTrainableWeights.push(...this._trainableWeights.slice(before));
            this._trainableWeights = this._trainableWeights.slice(0, before);
          }
          return variable;
        });
      });
    });
  }

  /** base_layer.py: Layer.add_variable, the deprecated alias of add_weight. */
  addVariable(name: string, shape?: readonly number[] | null | AddWeightOptions, options?: AddWeightOptions): Variable {
    return this.addWeight(name, shape, options);
  }

  /** base_layer.py: Layer.add_weight: the default initializer for the dtype, then get_variable. */
  private kerasAddWeight(
    name: string,
    shape: readonly number[],
    dtype: DType,
    initializer: unknown,
    trainable: boolean,
  ): Variable {
    if (this._dtype === null) this._dtype = dtype;
    if (initializer === null || initializer === undefined) {
      if (dtype.isFloating) initializer = glorotUniform();
      else if (dtype.isInteger || dtype.isBool) initializer = zeros();
      // base_layer.py: Layer.add_weight
      else throw new ValueError(messages.initializerRequired(name, dtype, this._name));
    }
    const variable = getVariable(name, { shape, dtype, initializer, trainable });
    (trainable ? this._trainableWeights : this._nonTrainableWeights).push(variable);
    return variable;
  }

  /** base_layer.py: Layer._handle_weight_regularization: a loss built in `<name>/Regularizer` when called. */
  private handleWeightRegularization(name: string, variable: Variable, regularizer: LayerRegularizer): void {
    this.addLoss(() => getDefaultGraph().nameScope(`${name}/Regularizer`, () => regularizer(variable)));
  }

  /** base_layer.py: Layer._handle_activity_regularization: per output, the loss over the batch size. */
  private handleActivityRegularization(inputs: any, outputs: any): void {
    const regularizer = this.activityRegularizer;
    if (!regularizer) return;
    getDefaultGraph().nameScope("ActivityRegularizer", () => {
      for (const output of flatten<Tensor>(outputs)) {
        const loss = regularizer(output) as Tensor;
        const batchSize = cast(indexTensor(shapeOf(output), 0), loss.dtype);
        this.addLoss(truediv(loss, batchSize), inputs);
      }
    });
  }

  /**
   * layers/base.py: Layer.add_loss: keras' add_loss, then the new losses (a function is called now) into
   * REGULARIZATION_LOSSES. `inputs` marks the losses as depending on the layer's inputs.
   */
  addLoss(losses: LossLike | readonly LossLike[], inputs: unknown = null): void {
    const graph = getDefaultGraph();
    graph.atomically(() => {
      this.recordStateUndo();
      const lossesBefore = this._losses.length;
      const callablesBefore = this._callableLosses.length;
      const isConditional = inputs !== null && inputs !== undefined;
      const tag = (loss: LossLike): Tensor | null => {
        if (typeof loss === "function") loss = loss();
        if (loss === null || loss === undefined) return null;
        const t = loss instanceof Tensor ? loss : convertToTensor(loss as TensorLike, { dtype: float32 });
        unconditional.set(t, !isConditional);
        return t;
      };
      for (const loss of (Array.isArray(losses) ? losses : [losses]) as LossLike[]) {
        if (typeof loss === "function") this._callableLosses.push(() => tag(loss));
        else if (loss !== null && loss !== undefined) this._losses.push(tag(loss) as Tensor);
      }
      const added = this._losses.slice(lossesBefore);
      for (const regularizer of this._callableLosses.slice(callablesBefore)) {
        const loss = regularizer();
        if (loss !== null) added.push(loss);
      }
      addElementsToCollection(added, GraphKeys.REGULARIZATION_LOSSES);
    });
  }

  /**
   * base_layer.py: Layer.add_update (graph mode): ops (a Tensor counts as its op, a function is called now),
   * conditional when reachable from the inputs of the call in progress.
   */
  addUpdate(updates: unknown, _inputs?: unknown): void {
    const relevant = callStack.at(-1)?.inputs ?? [];
    const process = (x: unknown): Operation => {
      if (typeof x === "function") return process(x());
      const update =
        x instanceof Operation ? x : x instanceof Tensor || (x as { op?: unknown })?.op instanceof Operation
          ? (x as { op: Operation }).op
          : convertToTensor(x as TensorLike).op;
      unconditional.set(update, !reachableFromInputs(relevant, [update]).has(update));
      return update;
    };
    const processed = (Array.isArray(updates) ? updates : [updates]).map(process);
    getDefaultGraph().atomically(() => {
      this.recordStateUndo();
      this._updates.push(...processed);
    });
  }

  /** base_layer.py: Layer.get_updates_for: null for the unconditional ones, else those reachable from `inputs`. */
  getUpdatesFor(inputs: unknown): Operation[] {
    if (inputs === null || inputs === undefined) return this.updates.filter((u) => unconditional.get(u));
    const conditional = this.updates.filter((u) => !unconditional.get(u));
    const reachable = reachableFromInputs(flatten(inputs as Nest<unknown>), conditional);
    return conditional.filter((u) => reachable.has(u));
  }

  /** base_layer.py: Layer.get_losses_for: null for the unconditional ones, else those reachable from `inputs`. */
  getLossesFor(inputs: unknown): Tensor[] {
    const losses = this.losses;
    if (inputs === null || inputs === undefined) return losses.filter((l) => unconditional.get(l));
    const conditional = losses.filter((l) => !unconditional.get(l));
    const reachable = reachableFromInputs(flatten(inputs as Nest<unknown>), conditional);
    return conditional.filter((l) => reachable.has(l));
  }

  /** base_layer.py: Layer.count_params */
  countParams(): number {
    // base_layer.py: Layer.count_params
    if (!this.built) throw new ValueError(messages.notBuilt(this._name));
    return this.weights.reduce((sum, w) => sum + (numElements(w.shape) ?? 0), 0);
  }

  toString(): string {
    return `<tf.layers.${this.constructor.name} '${this._name}'>`;
  }
}
