// util/nest.py (flatten, map_structure) for a layer's inputs and outputs, keras/utils/tf_utils.py:
// get_reachable_from_inputs, and layers/base.py: _add_elements_to_collection.
import { getDefaultGraph, isTensorConvertible } from "../framework/graph";
import { NDArray } from "../framework/ndarray";
import { Operation } from "../framework/operation";
import { Tensor } from "../framework/tensor";
import { convertToTensor, type TensorLike } from "../ops/op-builder";
import { Variable } from "../variables/variable";

/** A layer's inputs or outputs: a Tensor (or Variable), or arrays and objects of them, as Python nests them. */
export type Nest<T> = T | readonly Nest<T>[] | { readonly [key: string]: Nest<T> };

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && Object.getPrototypeOf(x) === Object.prototype;

/**
 * A value keras converts to a Tensor at the door (np.ndarray, float, int, bool): a number, a typed array, an
 * NDArray, or a nested array of those. An array holding a Tensor is a structure of inputs instead.
 */
export function isArrayValue(x: unknown): boolean {
  if (typeof x === "number" || typeof x === "boolean" || typeof x === "bigint") return true;
  if (x instanceof NDArray || ArrayBuffer.isView(x)) return true;
  return Array.isArray(x) && x.length > 0 && x.every(isArrayValue);
}

/** nest.flatten: leaves in order, an object's values by sorted key (as Python sorts a dict). */
export function flatten<T>(structure: Nest<T>): T[] {
  if (Array.isArray(structure) && !isArrayValue(structure)) return structure.flatMap((s) => flatten<T>(s));
  if (isPlainObject(structure)) {
    return Object.keys(structure)
      .sort()
      .flatMap((k) => flatten<T>((structure as Record<string, Nest<T>>)[k]));
  }
  return [structure as T];
}

/** nest.map_structure over one structure. */
export function mapStructure<T, U>(structure: Nest<T>, fn: (leaf: T) => U): Nest<U> {
  if (Array.isArray(structure) && !isArrayValue(structure)) return structure.map((s) => mapStructure(s, fn));
  if (isPlainObject(structure)) {
    const out: Record<string, Nest<U>> = {};
    for (const k of Object.keys(structure)) out[k] = mapStructure((structure as Record<string, Nest<T>>)[k], fn);
    return out;
  }
  return fn(structure as T);
}

/** base_layer.py: Layer.__call__ converts NumPy arrays and Python numbers (a `Const` in the caller's scope). */
export function convertArrayValues<T>(structure: Nest<T>): Nest<T> {
  if (isArrayValue(structure)) return convertToTensor(structure as TensorLike) as T;
  return mapStructure(structure, (leaf) => (isArrayValue(leaf) ? (convertToTensor(leaf as TensorLike) as T) : leaf));
}

type Reachable = Tensor | Operation | Variable;

/**
 * tf_utils.py: get_reachable_from_inputs(inputs, targets): every op, tensor and variable downstream of `inputs`
 * (through consumers, outputs and control outputs), stopping early once all `targets` are found.
 */
export function reachableFromInputs(inputs: readonly unknown[], targets?: readonly unknown[]): Set<unknown> {
  const reachable = new Set<unknown>(inputs);
  const remaining = targets ? new Set<unknown>(targets) : null;
  const queue = [...inputs] as Reachable[];
  while (queue.length > 0) {
    const x = queue.pop()!;
    let outputs: Reachable[];
    if (x instanceof Operation) outputs = [...x.outputs, ...x.graph.controlConsumersOf(x)];
    else if (x instanceof Variable) outputs = [x.op];
    else if (x instanceof Tensor) outputs = x.consumers();
    else if (isTensorConvertible(x)) continue;
    else {
      // tf_utils.py: get_reachable_from_inputs
      throw new TypeError(`Expected Operation, Variable, or Tensor, got ${String(x)}`);
    }
    for (const y of outputs) {
      if (reachable.has(y)) continue;
      reachable.add(y);
      remaining?.delete(y);
      queue.unshift(y);
    }
    if (remaining && remaining.size === 0) return reachable;
  }
  return reachable;
}

/** layers/base.py: _add_elements_to_collection: appends each element not already in the collection. */
export function addElementsToCollection(elements: readonly unknown[], key: string): void {
  const collection = getDefaultGraph().getCollectionRef(key);
  const present = new Set(collection);
  for (const element of elements) {
    if (present.has(element)) continue;
    getDefaultGraph().addToCollection(key, element);
    present.add(element);
  }
}
