// session.py: _FetchMapper / _DictFetchMapper: fetch structures in, results of the same structure out.
import { KeyError, pyRepr, ValueError } from "../errors";
import { type Graph, isTensorConvertible, type TensorConvertible } from "../framework/graph";
import { IndexedSlices } from "../framework/indexed-slices";
import type { NDArray } from "../framework/ndarray";
import type { Operation } from "../framework/operation";
import { Tensor } from "../framework/tensor";

export type Fetch = Tensor | Operation | TensorConvertible | string;
export type FetchStructure =
  | Fetch
  | IndexedSlices
  | readonly FetchStructure[]
  | { readonly [key: string]: FetchStructure };

/** ops.py: IndexedSlicesValue, what fetching an IndexedSlices gives. */
export interface IndexedSlicesValue {
  values: NDArray;
  indices: NDArray;
  denseShape: NDArray | null;
}

/**
 * What `Session.run` returns for a fetch structure: an NDArray per tensor, null per operation, same nesting; an
 * IndexedSlicesValue for a value typed IndexedSlices. A `Gradient` (Tensor | IndexedSlices) is typed NDArray so that
 * dense gradients fetch without narrowing; narrow a possibly sparse one with `instanceof tf.IndexedSlices` first.
 */
export type FetchResult<F> = [F] extends [IndexedSlices]
  ? IndexedSlicesValue
  : F extends Tensor | TensorConvertible
    ? NDArray
    : F extends Operation
      ? null
      : F extends string
        ? NDArray | null
        : F extends readonly unknown[]
          ? { [K in keyof F]: FetchResult<F[K]> }
          : F extends object
            ? { [K in keyof F]: FetchResult<F[K]> }
            : never;

/** Resolves one fetch to a graph element, with session.py's messages for names that are not in the graph. */
export function resolveFetch(graph: Graph, fetch: Fetch): Tensor | Operation {
  const shown = typeof fetch === "string" ? pyRepr(fetch) : fetch instanceof Tensor ? fetch.repr() : String(fetch);
  try {
    return graph.asGraphElement(fetch, { allowTensor: true, allowOperation: true });
  } catch (error) {
    if (error instanceof TypeError) {
      // session.py: _ElementFetchMapper.__init__
      throw new TypeError(`Fetch argument ${shown} has invalid type, must be a string or Tensor. (${error.message})`);
    }
    // str(KeyError) quotes its message, as Python's repr does.
    const reason = KeyError.isInstance(error) ? `"${(error as Error).message}"` : (error as Error).message;
    // session.py: _ElementFetchMapper.__init__
    throw new ValueError(`Fetch argument ${shown} cannot be interpreted as a Tensor. (${reason})`);
  }
}

function isLeaf(value: unknown): value is Fetch {
  return typeof value === "string" || value instanceof Tensor || isTensorConvertible(value) || isOperation(value);
}

function isOperation(value: unknown): value is Operation {
  return typeof value === "object" && value !== null && "outputs" in value && "controlInputs" in value;
}

/** Flattens a fetch structure into its leaves (depth first) and returns a function that rebuilds it from results. */
export function flattenFetches(structure: FetchStructure): {
  leaves: Fetch[];
  rebuild: (results: (NDArray | null)[]) => unknown;
} {
  const leaves: Fetch[] = [];
  const walk = (node: FetchStructure): ((results: (NDArray | null)[]) => unknown) => {
    if (node instanceof IndexedSlices) {
      // session.py: an IndexedSlices fetches its values, indices and dense_shape (IndexedSlicesValue).
      const { values, indices, denseShape } = node;
      const parts = [values, indices, ...(denseShape === null ? [] : [denseShape])].map(walk);
      return (results) => ({
        values: parts[0](results),
        indices: parts[1](results),
        denseShape: parts.length > 2 ? parts[2](results) : null,
      });
    }
    if (isLeaf(node)) {
      const index = leaves.push(node) - 1;
      return (results) => results[index];
    }
    if (Array.isArray(node)) {
      const parts = node.map(walk);
      return (results) => parts.map((p) => p(results));
    }
    if (node !== null && typeof node === "object") {
      const entries = Object.entries(node).map(([k, v]) => [k, walk(v as FetchStructure)] as const);
      return (results) => Object.fromEntries(entries.map(([k, p]) => [k, p(results)]));
    }
    // session.py: _FetchMapper.for_fetch
    throw new TypeError(`Fetch argument ${String(node)} has invalid type ${typeof node}`);
  };
  const rebuild = walk(structure);
  return { leaves, rebuild };
}
