// keras/engine/base_layer.py (TF 1.15): the graph-mode parts of keras' Layer that tf.layers.Layer inherits:
// __call__'s body (input checks, build once, call, activity regularization), the weight lists, add_weight's
// default initializers, add_loss, add_update and their input-conditional filters. Eager and functional-model
// (keras history) machinery is not ported.
import { ValueError } from "../errors";
import { asDType, type DType, type DTypeLike, float32 } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import { Operation } from "../framework/operation";
import { numElements, type Shape } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { shape as shapeOf } from "../ops/array-ops";
import { cast, truediv } from "../ops/math-ops";
import { convertToTensor, type TensorLike } from "../ops/op-builder";
import { indexTensor } from "../ops/tensor-index";
import { getVariable } from "../scopes/get-variable";
import { glorotUniform, zeros } from "../variables/initializers";
import type { Variable } from "../variables/variable";
import { assertInputCompatibility, InputSpec, type SpecInput } from "./input-spec";
import { toSnakeCase, uniqueObjectName } from "./layer-names";
import { messages } from "./messages";
import { convertArrayValues, flatten, mapStructure, type Nest, reachableFromInputs } from "./structure";

/** A regularizer: a function of a weight (or a layer output) returning its loss, or null for none. */
export type LayerRegularizer = (x: any) => Tensor | null;
/** A loss as add_loss takes it: a Tensor, a value, or a zero-argument function building one. */
export type LossLike = Tensor | number | (() => Tensor | null) | null;

export interface BaseLayerOptions {
  trainable?: boolean;
  /** The layer's name (tf.layers also takes a VariableScope here). */
  name?: unknown;
  /** The weights' dtype; by default the first input's (TF's "infer" policy). */
  dtype?: DTypeLike | null;
  activityRegularizer?: LayerRegularizer | null;
}

/** Whether a loss or update came from outside the inputs (base_layer.py's `_unconditional_loss/_update`). */
const unconditional = new WeakMap<object, boolean>();

/** base_layer_utils.py: call_context: the inputs of the layer call in progress (add_update reads them). */
const callStack: { inputs: unknown[] }[] = [];

/** keras/engine/base_layer.py: Layer, graph mode (the base of tf.layers.Layer, which sets its name and scopes). */
export class BaseLayer {
  /** The TF class name naming the layer (`Dense` -> `dense`); a subclass without its own uses its JS name. */
  static readonly className: string = "Layer";

  built = false;
  supportsMasking = false;
  stateful = false;
  activityRegularizer: LayerRegularizer | null;
  protected _trainable: boolean;
  protected _name: string;
  protected _dtype: DType | null;
  protected _inputSpec: InputSpec | (InputSpec | null)[] | null = null;
  protected _trainableWeights: Variable[] = [];
  protected _nonTrainableWeights: Variable[] = [];
  protected _updates: Operation[] = [];
  protected _losses: Tensor[] = [];
  protected _callableLosses: (() => Tensor | null)[] = [];

  constructor(options: BaseLayerOptions = {}) {
    this._trainable = options.trainable ?? true;
    this._name = this.initSetName(options.name ?? null);
    this.activityRegularizer = options.activityRegularizer ?? null;
    this._dtype = options.dtype ? asDType(options.dtype) : null;
  }

  /** The snake-cased class name (`Conv2DTranspose` -> `conv2d_transpose`) generated names start from. */
  protected classBaseName(): string {
    const ctor = this.constructor as typeof BaseLayer;
    const own = Object.hasOwn(ctor, "className");
    return toSnakeCase(own ? ctor.className : ctor.name);
  }

  /** base_layer.py: Layer._init_set_name: keras names zero-based (`dense`, `dense_1`). */
  protected initSetName(name: unknown): string {
    return name ? String(name) : uniqueObjectName(this.classBaseName(), { zeroBased: true });
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
  get trainableWeights(): Variable[] {
    return this._trainable ? [...this._trainableWeights] : [];
  }
  get nonTrainableWeights(): Variable[] {
    return this._trainable ? [...this._nonTrainableWeights] : [...this._trainableWeights, ...this._nonTrainableWeights];
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

  /** The name scope ops go to (base_layer.py: Layer._name_scope is the layer's name; tf.layers overrides it). */
  protected nameScope(): string {
    return this._name;
  }

  /** base_layer.py: Layer.__call__ (graph mode): checks, name scope, build, call, activity regularization. */
  protected kerasCall(inputs: any, args: any[]): any {
    inputs = convertArrayValues(inputs);
    const flat = flatten<SpecInput>(inputs);
    assertInputCompatibility(this._inputSpec, flat, this._name);
    callStack.push({ inputs: flat });
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

  /** A failing call or add_weight leaves the layer as it was (arrays copied, fields put back). */
  protected recordStateUndo(): void {
    const saved = new Map<string, unknown>();
    for (const [key, value] of Object.entries(this)) saved.set(key, Array.isArray(value) ? [...value] : value);
    getDefaultGraph().recordUndo(() => {
      for (const key of Object.keys(this)) if (!saved.has(key)) delete (this as Record<string, unknown>)[key];
      for (const [key, value] of saved) (this as Record<string, unknown>)[key] = value;
    });
  }

  /** base_layer.py: Layer.add_weight: the default initializer for the dtype, then the getter (get_variable). */
  protected kerasAddWeight(
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
  protected handleWeightRegularization(name: string, variable: Variable, regularizer: LayerRegularizer): void {
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
   * base_layer.py: Layer.add_loss: tensors (a value becomes a float32 `Const`) are kept, a function is kept to be
   * called by `losses`. `inputs` marks the losses as depending on the layer's inputs.
   */
  addLoss(losses: LossLike | readonly LossLike[], inputs: unknown = null): void {
    getDefaultGraph().atomically(() => {
      this.recordStateUndo();
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
      const op = (x as { op?: unknown })?.op;
      const update = x instanceof Operation ? x : op instanceof Operation ? op : convertToTensor(x as TensorLike).op;
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
