// optimizer.py: Optimizer (minimize = compute_gradients + apply_gradients), slots, non-slot variables, update scopes.
import { ValueError } from "../errors";
import { asDType, type DType, float32 } from "../framework/dtypes";
import { type Graph, getDefaultGraph } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import { IndexedSlices } from "../framework/indexed-slices";
import { lintMessages } from "../framework/lint-messages";
import { nameRecordOf } from "../framework/name-record";
import type { Operation } from "../framework/operation";
import { checkUpdateOps, reportLint, withoutLint } from "../framework/scope-lint";
import { Tensor } from "../framework/tensor";
import { type Gradient, gradients } from "../gradients/gradients";
import { tuple } from "../gradients/support-ops";
import { shape } from "../ops/array-ops";
import { group } from "../ops/control-flow-ops";
import { cast } from "../ops/math-ops";
import { convertToTensor, createOp, opScope, type TensorLike } from "../ops/op-builder";
import { opDefs } from "../ops/op-defs";
import { unsortedSegmentSum } from "../ops/slicing-ops";
import { unique } from "../ops/sparse-update-ops";
import { assignAdd } from "../ops/state-ops";
import { indexTensor } from "../ops/tensor-index";
import { getVariableScope } from "../scopes/variable-scope";
import { type Initializer, initializers } from "../variables/initializers";
import { Variable } from "../variables/variable";
import { trainableVariables } from "../variables/variable-collections";
import { messages } from "./messages";
import { createSlot, createSlotWithInitializer } from "./slot-creator";
import type { GlobalStep } from "./training-util";

/** A gradient (dense, or IndexedSlices) and the variable it belongs to, as compute_gradients returns them. */
export type GradAndVar = [Gradient | null, Variable];

/** A hyperparameter: a number (a Python float: float32), a Tensor, or a function returning one (called in _prepare). */
export type Hyperparameter = TensorLike | (() => TensorLike);

export interface ComputeGradientsOptions {
  varList?: readonly Variable[] | null;
  /** Optimizer.GATE_NONE, GATE_OP (default) or GATE_GRAPH. */
  gateGradients?: number;
  /** The gradient of `loss` (TF's grad_loss). */
  gradLoss?: TensorLike | null;
}

export interface ApplyGradientsOptions {
  /** A variable incremented by one after the update (an `AssignAdd` named like the optimizer's scope). */
  globalStep?: GlobalStep | null;
  /** The name scope of the update ops; default the optimizer's name. */
  name?: string | null;
}

export type MinimizeOptions = ComputeGradientsOptions & ApplyGradientsOptions;

const VALID_DTYPES = new Set(["float16", "float32", "float64"]);

/**
 * optimizer.py: Optimizer(use_locking, name), the base of the TF1 optimizers. Subclasses implement `_applyDense` (and
 * `_createSlots`, `_prepare`, `_finish`) as TF's do, or override `applyGradients`.
 */
export class Optimizer {
  static readonly GATE_NONE = 0;
  static readonly GATE_OP = 1;
  static readonly GATE_GRAPH = 2;

  protected readonly useLocking: boolean;
  private readonly optimizerName: string;
  /** slot name -> primary variable op -> slot variable (TF's _slots keyed by _var_key). */
  private readonly slots = new Map<string, Map<Operation, Variable>>();
  /** Non-slot variables (beta1_power, ...) per graph and name (TF's _non_slot_dict). */
  private readonly nonSlot = new Map<Graph, Map<string, Variable>>();

  constructor(useLocking: boolean, name: string) {
    if (!name) {
      // optimizer.py: Optimizer.__init__
      throw new ValueError(messages.nameRequired());
    }
    this.useLocking = useLocking;
    this.optimizerName = name;
  }

  getName(): string {
    return this.optimizerName;
  }

  /** optimizer.py: Optimizer.minimize: compute_gradients, then apply_gradients; the train op. */
  minimize(loss: Tensor, options: MinimizeOptions = {}): Operation {
    const gradsAndVars = this.computeGradients(loss, options);
    if (!gradsAndVars.some(([g]) => g !== null)) {
      // optimizer.py: Optimizer.minimize
      throw new ValueError(
        messages.noGradientsMinimize(
          gradsAndVars.map(([, v]) => v.toString()),
          loss.toString(),
        ),
      );
    }
    return this.applyGradients(gradsAndVars, { globalStep: options.globalStep, name: options.name });
  }

  /**
   * optimizer.py: Optimizer.compute_gradients: tf.gradients of `loss` with respect to each variable's reference
   * (the trainable variables by default), gated per op (GATE_OP) as TF does by default.
   */
  computeGradients(loss: Tensor, options: ComputeGradientsOptions = {}): GradAndVar[] {
    const gate = options.gateGradients ?? Optimizer.GATE_OP;
    if (gate !== Optimizer.GATE_NONE && gate !== Optimizer.GATE_OP && gate !== Optimizer.GATE_GRAPH) {
      // optimizer.py: Optimizer.compute_gradients
      throw new ValueError(messages.gateGradients(gate));
    }
    this.assertValidDtypes([loss]);
    const varList = options.varList ? [...options.varList] : trainableVariables();
    if (varList.length === 0) {
      // optimizer.py: Optimizer.compute_gradients
      throw new ValueError(messages.noVariables());
    }
    for (const v of varList) {
      if (!(v instanceof Variable)) {
        // optimizer.py: _get_processor
        throw new Error(messages.noProcessor(String(v)));
      }
    }
    let grads = gradients(loss, varList, {
      gradYs: options.gradLoss === undefined || options.gradLoss === null ? undefined : [options.gradLoss],
      gateGradients: gate === Optimizer.GATE_OP,
    });
    if (gate === Optimizer.GATE_GRAPH) grads = tuple(grads);
    const pairs = grads.map((g, i): GradAndVar => [g, varList[i]]);
    this.assertValidDtypes(pairs.filter(([g]) => g !== null).map(([, v]) => v));
    return pairs;
  }

  /**
   * optimizer.py: Optimizer.apply_gradients: creates the slots (outside control dependencies), then inside the
   * optimizer's name scope `_prepare`, one `update_<var op name>` scope per variable colocated with it, and
   * `_finish`; with a global step, the returned op is its `AssignAdd` named like the scope.
   */
  applyGradients(
    gradsAndVars: readonly (readonly [Gradient | null, Variable])[],
    options: ApplyGradientsOptions = {},
  ): Operation {
    if (gradsAndVars.length === 0) {
      // optimizer.py: Optimizer.apply_gradients
      throw new ValueError(messages.noVariablesProvided());
    }
    for (const [g, v] of gradsAndVars) {
      if (g !== null && !(g instanceof Tensor) && !(g instanceof IndexedSlices)) {
        // optimizer.py: Optimizer.apply_gradients
        throw new TypeError(messages.gradientNotTensor(String(g)));
      }
      if (!(v instanceof Variable)) {
        // optimizer.py: _get_processor
        throw new Error(messages.noProcessor(String(v)));
      }
    }
    const varList = gradsAndVars.filter(([g]) => g !== null).map(([, v]) => v);
    if (varList.length === 0) {
      // optimizer.py: Optimizer.apply_gradients
      throw new ValueError(messages.noGradients(gradsAndVars.map(([, v]) => v.toString())));
    }
    const graph = getDefaultGraph();
    return graph.atomically(() => {
      // ops.init_scope(): slots are created outside any control-dependency block.
      graph.controlDependencies(null, () => this.createSlots(varList));
      return opScope(options.name ?? undefined, this.optimizerName, [], (scope) => {
        this.prepare();
        const updateOps: Operation[] = [];
        for (const [grad, v] of gradsAndVars) {
          if (grad === null) continue;
          // optimizer.py: _RefVariableProcessor.update_op: an IndexedSlices goes to _apply_sparse_duplicate_indices.
          graph.nameScope(`update_${v.op.name}`, () =>
            graph.colocateWith(v.op, () =>
              updateOps.push(
                grad instanceof IndexedSlices ? this.applySparseDuplicateIndices(grad, v) : this.applyDense(grad, v),
              ),
            ),
          );
        }
        let applyUpdates: Operation;
        const globalStep = options.globalStep;
        if (globalStep === null || globalStep === undefined) {
          applyUpdates = this.finish(updateOps, scope);
        } else {
          const finished = this.finish(updateOps, "update");
          applyUpdates = graph.controlDependencies([finished], () =>
            graph.colocateWith(globalStep.op, () => assignAdd(globalStep, 1, { name: scope }).op),
          );
        }
        if (!graph.getCollection<Operation>(GraphKeys.TRAIN_OP).includes(applyUpdates)) {
          graph.addToCollection(GraphKeys.TRAIN_OP, applyUpdates);
        }
        checkUpdateOps(graph, applyUpdates);
        return applyUpdates;
      });
    });
  }

  /** optimizer.py: Optimizer.get_slot: the slot `name` of `variable`, or null. */
  getSlot(variable: Variable, name: string): Variable | null {
    return this.slots.get(name)?.get(variable.op) ?? null;
  }

  /** optimizer.py: Optimizer.get_slot_names: sorted. */
  getSlotNames(): string[] {
    return [...this.slots.keys()].sort();
  }

  /** optimizer.py: Optimizer.variables: non-slot and slot variables of the default graph, sorted by name. */
  variables(): Variable[] {
    const graph = getDefaultGraph();
    const found = [...(this.nonSlot.get(graph)?.values() ?? [])];
    for (const bySlot of this.slots.values()) {
      for (const slot of bySlot.values()) if (slot.graph === graph) found.push(slot);
    }
    return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  // ---- for subclasses --------------------------------------------------------------------------------------------

  // The protected hooks below call TF's spellings (`_createSlots`, `_prepare`, `_applyDense`, `_finish`), so a user
  // subclass written as TF's are (`class MySGD extends tf.train.Optimizer { _applyDense(grad, v) {...} }`) works.
  // scopeflow's own optimizers override the protected names directly.

  /** optimizer.py: Optimizer._create_slots: no slots by default. */
  protected createSlots(varList: Variable[]): void {
    this._createSlots(varList);
  }

  /** optimizer.py: Optimizer._prepare: builds the hyperparameter tensors inside the optimizer's name scope. */
  protected prepare(): void {
    this._prepare();
  }

  /** optimizer.py: Optimizer._apply_dense: the update op for one variable. */
  protected applyDense(grad: Tensor, variable: Variable): Operation {
    return this._applyDense(grad, variable);
  }

  /**
   * optimizer.py: Optimizer._apply_sparse_duplicate_indices: the rows of a repeated index summed first (`Unique`,
   * `UnsortedSegmentSum` over `Shape`'s first entry), then _apply_sparse.
   */
  protected applySparseDuplicateIndices(grad: IndexedSlices, variable: Variable): Operation {
    const [uniqueIndices, newIndexPositions] = unique(grad.indices);
    const summedValues = unsortedSegmentSum(grad.values, newIndexPositions, indexTensor(shape(uniqueIndices), 0));
    return this.applySparse(new IndexedSlices(summedValues, uniqueIndices, grad.denseShape), variable);
  }

  /** optimizer.py: Optimizer._apply_sparse: the update op for one variable given unique-index IndexedSlices. */
  protected applySparse(_grad: IndexedSlices, _variable: Variable): Operation {
    // optimizer.py: Optimizer._apply_sparse (raise NotImplementedError())
    throw new Error(`NotImplementedError: ${this.constructor.name} has no _apply_sparse`);
  }

  /** optimizer.py: Optimizer._finish: a group of the update ops named `nameScope`. */
  protected finish(updateOps: Operation[], nameScope: string): Operation {
    return this._finish(updateOps, nameScope);
  }

  /** optimizer.py: Optimizer._create_slots(var_list), for user subclasses: nothing by default. */
  _createSlots(_varList: Variable[]): void {}

  /** optimizer.py: Optimizer._prepare(), for user subclasses: nothing by default. */
  _prepare(): void {}

  /** optimizer.py: Optimizer._apply_dense(grad, var), for user subclasses: TF raises NotImplementedError. */
  _applyDense(_grad: Tensor, _variable: Variable): Operation {
    // optimizer.py: Optimizer._apply_dense
    throw new Error("NotImplementedError");
  }

  /** optimizer.py: Optimizer._finish(update_ops, name_scope): `group(*update_ops, name=name_scope)`. */
  _finish(updateOps: Operation[], nameScope: string): Operation {
    return group(updateOps, nameScope);
  }

  /** optimizer.py: Optimizer._zeros_slot(var, slot_name, op_name), for user subclasses' `_createSlots`. */
  _zerosSlot(variable: Variable, slotName: string, opName: string): Variable {
    return this.zerosSlot(variable, slotName, opName);
  }

  /** optimizer.py: Optimizer._use_locking. */
  get _useLocking(): boolean {
    return this.useLocking;
  }

  /** optimizer.py: Optimizer._zeros_slot: the slot `slotName` of `variable`, created once (`v/<opName>`). */
  protected zerosSlot(variable: Variable, slotName: string, opName: string): Variable {
    return this.slotWithInitializer(variable, initializers.zeros(), slotName, opName);
  }

  /** optimizer.py: Optimizer._get_or_make_slot_with_initializer: as _zeros_slot, initialized by `initializer`. */
  protected slotWithInitializer(
    variable: Variable,
    initializer: Initializer,
    slotName: string,
    opName: string,
  ): Variable {
    return this.makeSlot(variable, slotName, opName, () => createSlotWithInitializer(variable, initializer, opName));
  }

  /** optimizer.py: Optimizer._get_or_make_slot(var, val, slot_name, op_name): the slot initialized from `val`. */
  protected getOrMakeSlot(variable: Variable, val: Tensor, slotName: string, opName: string): Variable {
    return this.makeSlot(variable, slotName, opName, () => createSlot(variable, val, opName));
  }

  /** The slot `slotName` of `variable`, or the one `create` makes, recorded once. */
  private makeSlot(variable: Variable, slotName: string, opName: string, create: () => Variable): Variable {
    let named = this.slots.get(slotName);
    if (!named) {
      named = new Map();
      this.slots.set(slotName, named);
    }
    let slot = named.get(variable.op);
    if (!slot) {
      const graph = variable.graph;
      const scope = getVariableScope();
      if (scope.reuse === true) {
        // scope tools: TF's get_variable of the slot is about to fail (reuse=True inherited by the slot's scope).
        const name = `${scope.name ? `${scope.name}/` : ""}${variable.op.name}/${opName}`;
        const setBy = nameRecordOf(graph).reuseSetBy()?.name ?? null;
        reportLint(
          graph,
          "minimizeUnderReuse",
          name,
          lintMessages.minimizeUnderReuse(this.optimizerName, scope.name, setBy, name),
        );
      }
      slot = create();
      named.set(variable.op, slot);
      const entry = { primary: variable.op, variable: slot.op, slot: slotName, optimizerName: this.optimizerName };
      nameRecordOf(graph).noteSlot({ ...entry, optimizer: this });
    }
    return slot;
  }

  /**
   * optimizer.py: Optimizer._create_non_slot_variable: a non-trainable `Variable(initialValue, name=name)`
   * colocated with `colocateWith`, once per graph.
   */
  protected createNonSlotVariable(initialValue: number, name: string, colocateWith: Variable): Variable {
    const graph = colocateWith.graph;
    let byName = this.nonSlot.get(graph);
    if (!byName) {
      byName = new Map();
      this.nonSlot.set(graph, byName);
    }
    let v = byName.get(name);
    if (!v) {
      // A non-slot variable is a tf.Variable on purpose, also inside a reuse scope: no lint finding for it.
      v = withoutLint(graph, () =>
        graph.colocateWith(
          colocateWith.op,
          () => new Variable(initialValue, { name, trainable: false, dtype: float32 }),
        ),
      );
      byName.set(name, v);
      const entry = { primary: null, variable: v.op, slot: name, optimizerName: this.optimizerName };
      nameRecordOf(graph).noteSlot({ ...entry, optimizer: this });
    }
    return v;
  }

  /** optimizer.py: Optimizer._get_non_slot_variable */
  protected getNonSlotVariable(name: string, graph: Graph = getDefaultGraph()): Variable | null {
    return this.nonSlot.get(graph)?.get(name) ?? null;
  }

  /** optimizer.py: Optimizer._assert_valid_dtypes: float16, bfloat16, float32, float64. */
  private assertValidDtypes(items: readonly (Tensor | Variable)[]): void {
    for (const t of items) {
      if (!VALID_DTYPES.has(t.dtype.name)) {
        // optimizer.py: Optimizer._assert_valid_dtypes
        throw new ValueError(messages.invalidType(t.dtype.name, t.name));
      }
    }
  }
}

/** `ops.convert_to_tensor(value, name=name)` for a hyperparameter; a plain number is a Python float (float32). */
export function hyperparameterTensor(value: Hyperparameter, name: string): Tensor {
  const resolved = typeof value === "function" ? (value as () => TensorLike)() : value;
  return convertToTensor(resolved, { name, preferredDtype: float32 });
}

/**
 * math_ops.py: cast(x, dtype) as the optimizers call it: a Tensor of that dtype is returned as is; anything else
 * (a Variable) opens the scope `Cast` and reads the variable, adding a `Cast` op only when the dtype differs.
 */
export function castTo(x: Tensor | Variable, dtype: DType): Tensor {
  const target = asDType(dtype);
  if (x instanceof Tensor && x.dtype === target) return x;
  return cast(x, target);
}

/**
 * math_ops.py: cast(x, dtype) of a hyperparameter kept as a Python float (AdagradDA's l1, l2): a plain number is
 * converted as Python's float, float32 (`Cast/x`), then cast when var's dtype differs; a Tensor goes to castTo.
 */
export function castFloat(x: TensorLike, dtype: DType): Tensor {
  if (x instanceof Tensor) return castTo(x, dtype);
  return opScope(undefined, opDefs.Cast.type, [x], (scope) => {
    const t = convertToTensor(x, { name: "x", preferredDtype: float32 });
    if (t.dtype === dtype) return t;
    return createOp(opDefs.Cast, [t], {
      name: scope,
      attrs: { SrcT: t.dtype, DstT: dtype, Truncate: false },
      shapes: [t.shape],
    }).outputs[0];
  });
}
