// variable_scope.py: AUTO_REUSE, _VariableStore (get_variable, _get_single_variable, _get_default_initializer),
// _get_default_variable_store.
import { ValueError } from "../errors";
import { asDType, type DType, type DTypeLike, float32 } from "../framework/dtypes";
import { type Graph, getDefaultGraph } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import { nameRecordOf } from "../framework/name-record";
import { asShape, isCompatible, isFullyDefined, mergeShapes, type Shape } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { convertToTensor, type TensorLike } from "../ops/op-builder";
import { slice } from "../ops/slicing-ops";
import { glorotUniform, type Initializer, zeros } from "../variables/initializers";
import { PartitionedVariable, type Partitioner } from "../variables/partitioned-variable";
import { type InitialValue, Variable } from "../variables/variable";
import { messages } from "./messages";

/** variable_scope.py: AUTO_REUSE: get_variable creates the variable if it does not exist, else returns it. */
export const AUTO_REUSE: unique symbol = Symbol.for("scopeflow.AUTO_REUSE") as never;
export type ReuseMode = boolean | typeof AUTO_REUSE;

/** A function of a variable returning its loss tensor, or null for none (`tf.noRegularizer`). */
export type Regularizer = (variable: Variable) => Tensor | null;

/** What a getter returns: the true getter a Variable; a custom getter may stand a Tensor in for it (a cast, a sum). */
export type GetterResult = Variable | Tensor;

/**
 * The next getter of a chain, called as `getter(name, ...rest)`. TF passes get_variable's keyword arguments; here
 * they are one options object, the last of `rest` (the store passes exactly one).
 */
export type Getter<T = GetterResult> = (name: string, ...rest: GetVariableOptions[]) => T;

/** variable_scope.py: custom_getter: called as `customGetter(getter, name, options)` in place of the true getter. */
export type CustomGetter<T = GetterResult> = (getter: Getter<T>, name: string, ...rest: GetVariableOptions[]) => T;

/** get_variable's keyword arguments: what callers give, what the scope fills in and what getters receive. */
export interface GetVariableOptions {
  shape?: readonly (number | null)[] | null;
  dtype?: DTypeLike | null;
  /**
   * An initializer (`tf.initializers.*`), a function of no arguments, or a value (number, array, Tensor). Left
   * `unknown` because TF tells them apart at run time (callable or not) and raises TF's errors for the rest.
   */
  initializer?: unknown;
  regularizer?: Regularizer | null;
  /** get_variable itself takes reuse from the scope; getters receive the scope's reuse here. */
  reuse?: ReuseMode | null;
  trainable?: boolean | null;
  collections?: readonly string[] | null;
  validateShape?: boolean;
  customGetter?: CustomGetter | null;
  /** Splits the new variable into `name/part_i` Variables (a PartitionedVariable), as `tf.fixedSizePartitioner(n)`. */
  partitioner?: Partitioner | null;
}

/** variable_scope.py: _VariableStore: the variables get_variable made, one store per graph. */
export class VariableStore {
  /** Variables by the name get_variable was asked for (which a name clash may have uniquified in the graph). */
  private readonly vars = new Map<string, Variable>();
  /** PartitionedVariables by name (variable_scope.py: _VariableStore._partitioned_vars). */
  private readonly partitionedVars = new Map<string, PartitionedVariable>();

  constructor(private readonly graph: Graph) {}

  /** The stored variables, in creation order. */
  variables(): Variable[] {
    return [...this.vars.values()];
  }

  /** _VariableStore.get_variable: runs the custom getter, if any, around the true getter. */
  getVariable(name: string, options: GetVariableOptions = {}): GetterResult {
    const customGetter = options.customGetter;
    if (customGetter !== null && customGetter !== undefined && typeof customGetter !== "function") {
      // variable_scope.py: _VariableStore.get_variable
      throw new ValueError(messages.customGetterNotCallable(customGetter));
    }
    const kwargs: GetVariableOptions = {
      shape: options.shape,
      dtype: asDType(options.dtype ?? float32),
      initializer: options.initializer,
      regularizer: options.regularizer,
      reuse: options.reuse,
      trainable: options.trainable ?? true,
      collections: options.collections,
      validateShape: options.validateShape ?? true,
      partitioner: options.partitioner ?? null,
    };
    // A getter that forwards no options gets the call's own, as TF's partial application of them would.
    // With a partitioner it is a PartitionedVariable, typed as a Variable as TF1 code uses get_variable's result.
    const trueGetter: Getter<Variable> = (n, ...rest) => {
      const o = rest.at(-1) ?? kwargs;
      if (o.partitioner) return this.getPartitionedVariable(n, o.partitioner, o) as unknown as Variable;
      return this.getSingleVariable(n, o);
    };
    if (customGetter) return customGetter(trueGetter, name, kwargs);
    return trueGetter(name, kwargs);
  }

  /**
   * _VariableStore._get_partitioned_variable: the partitions from `partitioner`, one `name/part_i` variable per
   * slice along the partitioned axis (initialized from the slice of a value initializer, under
   * `name/part_i/PartitionedInitializer`), each with its SaveSliceInfo, as one PartitionedVariable.
   */
  private getPartitionedVariable(
    name: string,
    partitioner: Partitioner,
    options: GetVariableOptions,
  ): PartitionedVariable {
    let dtype = asDType(options.dtype ?? float32);
    const initializer = options.initializer ?? null;
    const fromTensor = initializer instanceof Tensor;
    if (this.vars.has(name)) throw new ValueError(messages.partitionedUnpartitionedExists(name));
    let shape: Shape = asShape(options.shape);
    if (fromTensor) shape = mergeShapes(shape, (initializer as Tensor).shape) ?? shape;
    const reuse = options.reuse;
    const partitions = callPartitioner(partitioner, shape, dtype);
    const found = this.partitionedVars.get(name);
    if (found) {
      if (reuse === false) throw new ValueError(messages.partitionedAlreadyExists(name));
      if (!isCompatible(shape, found.shape)) {
        throw new ValueError(messages.partitionedShapeMismatch(name, shape, found.shape));
      }
      if (dtype !== found.dtype) throw new ValueError(messages.partitionedDtypeMismatch(name, dtype, found.dtype));
      if (found.getPartitions().join() !== partitions.join()) {
        // variable_scope.py: _VariableStore._get_partitioned_variable
        throw new ValueError(
          `Trying to reuse partitioned variable ${name}, but specified partitions [${partitions.join(", ")}] and found partitions [${found.getPartitions().join(", ")}].`,
        );
      }
      return found;
    }
    if (reuse === true) throw new ValueError(messages.partitionedDoesNotExist(name));
    const fullShape = shape as number[];
    const sliceDim = Math.max(
      0,
      partitions.findIndex((p) => p > 1),
    );
    const numSlices = partitions[sliceDim];
    const graph = this.graph;
    return graph.atomically(() => {
      const parts: Variable[] = [];
      for (const [i, { offset, sliceShape }] of iterSlices(fullShape, numSlices, sliceDim).entries()) {
        const partName = `${name}/part_${i}`;
        let init: unknown;
        let initShape: number[] | null = sliceShape;
        graph.nameScope(`${partName}/PartitionedInitializer`, () => {
          if (initializer === null || typeof initializer === "function") {
            init = initializer;
          } else {
            const full = fromTensor ? (initializer as Tensor) : convertToTensor(initializer as TensorLike, { dtype });
            init = slice(full, offset, sliceShape);
            dtype = (init as Tensor).dtype;
            initShape = null;
          }
        });
        const partitionInfo: PartitionInfo = { fullShape, varOffset: offset };
        const v = graph.nameScope(null, () =>
          this.getSingleVariable(
            partName,
            { ...options, shape: initShape, dtype, initializer: init, partitioner: null },
            partitionInfo,
          ),
        );
        v.saveSliceInfo = { fullName: name, fullShape, varOffset: offset, varShape: sliceShape };
        parts.push(v);
      }
      const partitioned = new PartitionedVariable(name, fullShape, dtype, parts, partitions);
      this.partitionedVars.set(name, partitioned);
      graph.recordUndo(() => this.partitionedVars.delete(name));
      return partitioned;
    });
  }

  /** _VariableStore._get_single_variable: share, reuse checks, or create (with regularizer loss). */
  private getSingleVariable(
    name: string,
    options: GetVariableOptions,
    partitionInfo: PartitionInfo | null = null,
  ): Variable {
    const dtype = asDType(options.dtype ?? float32);
    const reuse = options.reuse;
    let initializer = options.initializer ?? null;
    let initializingFromValue = initializer !== null && typeof initializer !== "function";
    if (options.shape !== null && options.shape !== undefined && initializingFromValue) {
      // variable_scope.py: _VariableStore._get_single_variable
      throw new ValueError(messages.constantWithShape());
    }
    const shape: Shape = asShape(options.shape);
    const found = this.vars.get(name);
    if (found) {
      if (reuse === false) {
        // variable_scope.py: _VariableStore._get_single_variable ("... Originally defined at:" + traceback dropped)
        throw new ValueError(messages.alreadyExists(name));
      }
      if (!isCompatible(shape, found.shape)) {
        // variable_scope.py: _VariableStore._get_single_variable
        throw new ValueError(messages.shapeMismatch(name, shape, found.shape));
      }
      if (dtype !== found.dtype) {
        // variable_scope.py: _VariableStore._get_single_variable
        throw new ValueError(messages.dtypeMismatch(name, dtype, found.dtype));
      }
      nameRecordOf(this.graph).noteReuse(found.op);
      return found;
    }
    if (reuse === true) {
      // variable_scope.py: _VariableStore._get_single_variable
      throw new ValueError(messages.doesNotExist(name));
    }
    if (initializer === null) {
      initializer = defaultInitializer(name, dtype);
      initializingFromValue = false;
    }
    let initVal: InitialValue;
    let variableDtype: DType | null = null;
    if (initializingFromValue) {
      checkConvertible(initializer);
      initVal = initializer as TensorLike;
    } else {
      const fn = initializer as Initializer;
      if (isFullyDefined(shape)) {
        initVal = () => fn(shape, dtype, partitionInfo);
        variableDtype = dtype;
      } else if (fn.length === 0) {
        initVal = fn as unknown as () => TensorLike;
      } else {
        // variable_scope.py: _VariableStore._get_single_variable
        throw new ValueError(messages.invalidInitializer());
      }
    }
    const graph = this.graph;
    return graph.atomically(() => {
      const v = new Variable(initVal, {
        name,
        trainable: options.trainable ?? true,
        collections: options.collections ?? null,
        dtype: variableDtype,
        validateShape: options.validateShape ?? true,
      });
      this.vars.set(name, v);
      graph.recordUndo(() => this.vars.delete(name));
      const regularizer = options.regularizer;
      if (regularizer) {
        const loss = graph.colocateWith(v.op, () =>
          graph.nameScope(`${name}/Regularizer/`, () => graph.controlDependencies(null, () => regularizer(v))),
        );
        if (loss !== null && loss !== undefined) graph.addToCollection(GraphKeys.REGULARIZATION_LOSSES, loss);
      }
      return v;
    });
  }
}

/** variable_scope.py: _PartitionInfo: the full variable's shape and this part's offset in it. */
export interface PartitionInfo {
  fullShape: number[];
  varOffset: number[];
}

/** variable_scope.py: _call_partitioner: the partitions, checked as TF checks them. */
function callPartitioner(partitioner: Partitioner, shape: Shape, dtype: DType): number[] {
  if (!isFullyDefined(shape)) throw new ValueError(messages.partitionShapeNotDefined(shape));
  if (shape.length < 1) throw new ValueError(messages.partitionRankZero(shape));
  const slicing = partitioner(shape, dtype);
  if (slicing.length !== shape.length) throw new ValueError(messages.partitionListRank(slicing, shape));
  if (slicing.some((p) => p < 1)) throw new ValueError(messages.partitionZero(slicing));
  if (slicing.filter((p) => p > 1).length > 1) throw new ValueError(messages.partitionTwoAxes(shape, slicing));
  return slicing;
}

/** variable_scope.py: _iter_slices: the first `full % n` slices one row longer. */
function iterSlices(fullShape: number[], numSlices: number, sliceDim: number) {
  const excess = fullShape[sliceDim] % numSlices;
  const minLen = Math.floor(fullShape[sliceDim] / numSlices);
  const offset = new Array<number>(fullShape.length).fill(0);
  return Array.from({ length: numSlices }, (_, i) => {
    const sliceShape = [...fullShape];
    sliceShape[sliceDim] = minLen + (i < excess ? 1 : 0);
    const out = { offset: [...offset], sliceShape };
    offset[sliceDim] += sliceShape[sliceDim];
    return out;
  });
}

/** constant_op.py / tensor_util.py: a plain object is not a tensor value (TF: a dict). */
function checkConvertible(value: unknown): void {
  const plain = typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
  if (plain) {
    // tensor_util.py: make_tensor_proto (via ops.convert_to_tensor)
    throw new TypeError(messages.notConvertible(value));
  }
}

/** variable_scope.py: _VariableStore._get_default_initializer: glorot uniform for floats, zeros for the rest. */
function defaultInitializer(name: string, dtype: DType): Initializer {
  if (dtype.isFloating) return glorotUniform();
  if (dtype.isInteger || dtype.isBool || dtype.name === "string") return zeros();
  // variable_scope.py: _VariableStore._get_default_initializer
  throw new ValueError(messages.noDefaultInitializer(name, dtype));
}

const stores = new WeakMap<Graph, VariableStore>();

/** variable_scope.py: _get_default_variable_store: the default graph's store. */
export function defaultVariableStore(graph: Graph = getDefaultGraph()): VariableStore {
  let store = stores.get(graph);
  if (!store) {
    store = new VariableStore(graph);
    stores.set(graph, store);
  }
  return store;
}
