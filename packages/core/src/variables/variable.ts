// variables.py: RefVariable (tf.Variable in TF1 graph mode): the ops v, v/initial_value or v/Initializer/...,
// v/Assign and v/read, its collections, and its Python operators.
import { ValueError } from "../errors";
import { type DefaultSession, getDefaultSession } from "../framework/default-session";
import { asDType, type DType, type DTypeLike } from "../framework/dtypes";
import { type Graph, getDefaultGraph, type TensorConvertible } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import { nameFromScopeName } from "../framework/names";
import type { Operation } from "../framework/operation";
import { noteNewVariable } from "../framework/scope-lint";
import { isFullyDefined, type Shape, shapeToString } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { identity } from "../ops/array-ops";
import { convertToTensor, opScope, type TensorLike } from "../ops/op-builder";
import * as operators from "../ops/operators";
import { type AssignOptions, assign, assignAdd, assignSub, variableOpV2 } from "../ops/state-ops";
import { messages } from "./messages";
import type { SaveSliceInfo } from "./partitioned-variable";

export interface VariableOptions {
  name?: string;
  dtype?: DTypeLike | null;
  trainable?: boolean;
  collections?: readonly string[] | null;
  validateShape?: boolean;
}

/** A value, or a function of no arguments that builds the initial value (called inside `v/Initializer/`). */
export type InitialValue = TensorLike | (() => TensorLike);

/** variables.py: RefVariable. */
export class Variable implements TensorConvertible {
  private readonly variable: Tensor;
  private readonly snapshot: Tensor;
  private readonly initializerOp: Operation;
  /** The tensor the variable is initialized from (`v/initial_value:0`, or the initializer's output). */
  readonly initialValue: Tensor;
  readonly trainable: boolean;
  /** variables.py: Variable._save_slice_info: set on the parts of a partitioned variable. */
  saveSliceInfo: SaveSliceInfo | null = null;

  /**
   * variables.py: RefVariable._init_from_proto: a Variable over ops that already exist in the graph (an imported
   * MetaGraph's VariableDef), creating nothing.
   */
  static fromExistingOps(parts: {
    variable: Tensor;
    snapshot: Tensor;
    initializer: Operation;
    initialValue?: Tensor;
    trainable: boolean;
  }): Variable {
    const created = Object.create(Variable.prototype) as Variable;
    return Object.assign(created, {
      variable: parts.variable,
      snapshot: parts.snapshot,
      initializerOp: parts.initializer,
      initialValue: parts.initialValue,
      trainable: parts.trainable,
    });
  }

  constructor(initialValue: InitialValue, options: VariableOptions = {}) {
    if (initialValue === null || initialValue === undefined) {
      // variables.py: RefVariable._init_from_args
      throw new ValueError(messages.initialValueRequired());
    }
    const graph = getDefaultGraph();
    const trainable = options.trainable ?? true;
    const validateShape = options.validateShape ?? true;
    let collections = options.collections ?? [GraphKeys.GLOBAL_VARIABLES];
    if (!Array.isArray(collections)) {
      // variables.py: RefVariable._init_from_args
      throw new ValueError(messages.collectionsNotList(collections));
    }
    if (trainable && !collections.includes(GraphKeys.TRAINABLE_VARIABLES)) {
      collections = [...collections, GraphKeys.TRAINABLE_VARIABLES];
    }
    const dtype = options.dtype ? asDType(options.dtype) : undefined;
    const initFromFn = typeof initialValue === "function";
    this.trainable = trainable;

    const built = graph.atomically(() => {
      // ops.init_scope(): variables are created outside any control-dependency block.
      const parts = graph.controlDependencies(null, () =>
        opScope(options.name, "Variable", initFromFn ? [] : [initialValue], (scope) => {
          let initial: Tensor;
          let variable: Tensor;
          if (initFromFn) {
            // The initializer ops and the variable carry `_class: loc:@v`, as under TF's attr_scope.
            const loc = [`loc:@${nameFromScopeName(scope)}`];
            const first = graph.getOperations().length;
            initial = opScope("Initializer", "Initializer", [], () =>
              convertToTensor((initialValue as () => TensorLike)(), { name: "initial_value", dtype }),
            );
            variable = variableOpV2(validateShape ? initial.shape : null, initial.dtype, scope);
            // The colocation stack is applied after TF's attr scope, so an enclosing colocate_with (a slot
            // variable beside its primary) wins over the variable's own group.
            for (const op of graph.getOperations().slice(first)) op.attrs._class ??= loc;
          } else {
            initial = convertToTensor(initialValue as TensorLike, { name: "initial_value", dtype });
            if (initial.op.controlFlowContext !== null) {
              // variables.py: RefVariable._init_from_args
              throw new ValueError(messages.initialValueInControlFlow(scope));
            }
            variable = variableOpV2(validateShape ? initial.shape : null, initial.dtype, scope);
          }
          if (validateShape && !isFullyDefined(initial.shape)) {
            // variables.py: RefVariable._init_from_args
            throw new ValueError(messages.initialValueShape(String(initial)));
          }
          const initializerOp = assign(variable, initial, { validateShape }).op;
          const snapshot = graph.colocateWith(variable.op, () => identity(variable, "read"));
          return { initial, variable, initializerOp, snapshot };
        }),
      );
      graph.addToCollections(collections, this);
      noteNewVariable(graph, parts.variable.op);
      return parts;
    });
    this.initialValue = built.initial;
    this.variable = built.variable;
    this.initializerOp = built.initializerOp;
    this.snapshot = built.snapshot;
  }

  /** `scope/v:0` */
  get name(): string {
    return this.variable.name;
  }
  /** The `VariableV2` op. */
  get op(): Operation {
    return this.variable.op;
  }
  get graph(): Graph {
    return this.variable.graph;
  }
  get shape(): Shape {
    return this.variable.shape;
  }
  getShape(): Shape {
    return this.shape;
  }
  /** The base dtype (TF shows `float32_ref` for a RefVariable; scopeflow keeps ref-ness on the tensor). */
  get dtype(): DType {
    return this.variable.dtype;
  }
  /**
   * checkpoint_utils.py: _set_checkpoint_initializer sets `_initializer_op` and `_initial_value`: the variable is
   * then initialized from `initialValue` (a restore op's output) by `initializer`. Internal to tf.train.
   */
  replaceInitializer(initializer: Operation, initialValue: Tensor): void {
    const fields = this as unknown as { initializerOp: Operation; initialValue: Tensor };
    fields.initializerOp = initializer;
    fields.initialValue = initialValue;
  }
  /** The `Assign` op that initializes the variable. */
  get initializer(): Operation {
    return this.initializerOp;
  }
  get device(): string {
    return this.variable.op.device;
  }

  /** variables.py: RefVariable.eval(session=None): the variable's value in `session`, else the default session. */
  eval<R = unknown>(session?: DefaultSession | null): R {
    return this.variable.eval<R>(undefined, session);
  }

  /**
   * variables.py: RefVariable.load(value, session=None): runs the initializer with `value` fed as its initial value
   * (no new op), in `session` or else the default session.
   */
  load(value: unknown, session?: DefaultSession | null): void {
    const chosen = session ?? getDefaultSession();
    if (chosen === null) {
      // variables.py: RefVariable.load
      throw new ValueError("Either session argument should be provided or default session should be established");
    }
    chosen.run(this.initializer as never, new Map([[this.initializer.inputs[1], value]]) as never);
  }

  /** variables.py: RefVariable.value: the `v/read` snapshot. */
  value(): Tensor {
    return this.snapshot;
  }
  /** variables.py: RefVariable.read_value: a new Identity named `read` in the current name scope. */
  readValue(): Tensor {
    return identity(this.variable, "read");
  }
  /** The reference (the VariableV2 output), as TF's `_ref()`. */
  ref(): Tensor {
    return this.variable;
  }

  asTensor(): Tensor {
    return this.snapshot;
  }
  asGraphElement(): Tensor {
    return this.variable;
  }
  /** variables.py: RefVariable._TensorConversionFunction: a conversion to another dtype is an error. */
  checkConversionDtype(dtype: DType): void {
    if (dtype !== this.dtype) {
      throw new ValueError(messages.incompatibleConversion(dtype, this.dtype));
    }
  }

  /** variables.py: RefVariable.assign(value, use_locking=False, name=None, read_value=True) */
  assign(value: TensorLike, options: { useLocking?: boolean; name?: string } = {}): Tensor {
    return assign(this.variable, value, {
      useLocking: options.useLocking ?? false,
      name: options.name,
    } as AssignOptions);
  }
  assignAdd(delta: TensorLike, options: { useLocking?: boolean; name?: string } = {}): Tensor {
    return assignAdd(this.variable, delta, { useLocking: options.useLocking ?? false, name: options.name });
  }
  assignSub(delta: TensorLike, options: { useLocking?: boolean; name?: string } = {}): Tensor {
    return assignSub(this.variable, delta, { useLocking: options.useLocking ?? false, name: options.name });
  }

  // Python operators, applied to the snapshot as RefVariable._OverloadAllOperators does.
  add(other: operators.Operand, name?: string): Tensor {
    return operators.add(this.snapshot, other, name);
  }
  sub(other: operators.Operand, name?: string): Tensor {
    return operators.sub(this.snapshot, other, name);
  }
  mul(other: operators.Operand, name?: string): Tensor {
    return operators.mul(this.snapshot, other, name);
  }
  div(other: operators.Operand, name?: string): Tensor {
    return operators.truediv(this.snapshot, other, name);
  }
  matmul(other: operators.Operand, name?: string): Tensor {
    return operators.matmul(this.snapshot, other, name);
  }
  neg(name?: string): Tensor {
    return operators.neg(this.snapshot, name);
  }

  /** Python's repr: <tf.Variable 'v:0' shape=(1,) dtype=float32_ref> */
  toString(): string {
    return `<tf.Variable '${this.name}' shape=${shapeToString(this.shape)} dtype=${this.dtype.name}_ref>`;
  }
}
