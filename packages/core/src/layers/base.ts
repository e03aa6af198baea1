// layers/base.py (TF 1.15): tf.layers.Layer, v1 style: its variables come from get_variable in the layer's own
// variable scope (made on first use, reused once built), its ops go to the name scope that scope first opened,
// and its losses and updates also go to the REGULARIZATION_LOSSES and UPDATE_OPS collections. Keras-style layers
// (keras_style_scope) are not ported.
import { ValueError } from "../errors";
import { asDType, type DTypeLike, float32 } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import type { Tensor } from "../framework/tensor";
import { VariableScope, variableScope } from "../scopes/variable-scope";
import type { ReuseMode } from "../scopes/variable-store";
import type { Variable } from "../variables/variable";
import { BaseLayer, type BaseLayerOptions, type LayerRegularizer, type LossLike } from "./keras-base-layer";
import { uniqueObjectName } from "./layer-names";
import { messages } from "./messages";
import { addElementsToCollection } from "./structure";

export type { LayerRegularizer, LossLike } from "./keras-base-layer";

export interface LayerOptions extends BaseLayerOptions {
  /** The layer's name; a VariableScope names its variable scope while the layer gets a generated name. */
  name?: string | VariableScope | null;
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

const isPlainOptions = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && Object.getPrototypeOf(x) === Object.prototype;

/** layers/base.py: Layer (tf.layers.Layer). Subclasses override `build` and `call`. */
export class Layer extends BaseLayer {
  /** Whether `call` takes a `scope` option (TF reads call's signature); if so it gets the layer's VariableScope. */
  protected callHasScopeArg = false;
  protected _baseName: string;
  protected _scope: VariableScope | null;
  protected _reuse: ReuseMode | null;
  protected _currentScope: VariableScope | null = null;

  constructor(options: LayerOptions = {}) {
    super(options);
    const name = options.name ?? null;
    this._baseName = name instanceof VariableScope ? name.name : name || this.classBaseName();
    this._reuse = options._reuse ?? null;
    const scope = options._scope;
    this._scope = scope ? variableScope(scope, (captured) => captured) : null;
  }

  /** layers/base.py: Layer._init_set_name / _make_unique_name: no name (or a VariableScope) is one-based per graph. */
  protected override initSetName(name: unknown): string {
    if (name instanceof VariableScope || !name) return uniqueObjectName(this.classBaseName());
    return String(name);
  }

  /** layers/base.py: Layer.scope_name */
  get scopeName(): string {
    // layers/base.py: Layer.scope_name
    if (!this._scope) throw new ValueError(messages.noScopeName(this._name));
    return this._scope.name;
  }

  /** layers/base.py: Layer._name_scope: ops go to the name scope the layer's variable scope first opened. */
  protected override nameScope(): string {
    return this._currentScope?.originalNameScope ?? "";
  }

  /** layers/base.py: Layer._set_scope: the first time, `variable_scope(scope, default_name=base_name)`. */
  protected setScope(scope: string | VariableScope | null = null): void {
    if (this._scope !== null) return;
    if (this._reuse) this._scope = variableScope(scope ?? this._baseName, (captured) => captured);
    else this._scope = variableScope(scope, { defaultName: this._baseName }, (captured) => captured);
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
          args = isPlainOptions(last)
            ? [...args.slice(0, -1), { ...last, scope: current }]
            : [...args, { scope: current }];
        }
        return this.kerasCall(inputs, args);
      });
      addElementsToCollection(this.updates, GraphKeys.UPDATE_OPS);
      return outputs;
    });
  }

  /**
   * layers/base.py: Layer.add_weight: `get_variable(name, ...)` in the layer's variable scope (reused once the
   * layer is built), the weight regularizer's loss added once per new variable. `addWeight(name, shape?, options?)`.
   */
  addWeight(
    name: string,
    shape?: readonly number[] | null | AddWeightOptions,
    options: AddWeightOptions = {},
  ): Variable {
    const o: AddWeightOptions =
      Array.isArray(shape) || shape === null
        ? { ...options, shape: shape as readonly number[] | null }
        : { ...(shape as AddWeightOptions | undefined), ...options };
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

  /**
   * layers/base.py: Layer.add_loss: keras' add_loss, then the new losses (a function is called now) into
   * REGULARIZATION_LOSSES.
   */
  override addLoss(losses: LossLike | readonly LossLike[], inputs: unknown = null): void {
    getDefaultGraph().atomically(() => {
      const lossesBefore = this._losses.length;
      const callablesBefore = this._callableLosses.length;
      super.addLoss(losses, inputs);
      const added = this._losses.slice(lossesBefore);
      for (const regularizer of this._callableLosses.slice(callablesBefore)) {
        const loss = regularizer();
        if (loss !== null) added.push(loss);
      }
      addElementsToCollection(added, GraphKeys.REGULARIZATION_LOSSES);
    });
  }
}
