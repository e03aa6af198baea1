// ops.py: the module-level collection functions (get_collection, get_collection_ref, add_to_collection,
// add_to_collections), each the default graph's method of that name.
import { getDefaultGraph } from "./graph";

/** ops.py: get_collection(key, scope=None): a copy of the default graph's collection, filtered by `scope`. */
export function getCollection<T = unknown>(key: string, scope?: string | null): T[] {
  return getDefaultGraph().getCollection<T>(key, scope);
}

/** ops.py: get_collection_ref(key): the default graph's live list (created empty when missing). */
export function getCollectionRef<T = unknown>(key: string): T[] {
  return getDefaultGraph().getCollectionRef<T>(key);
}

/** ops.py: add_to_collection(name, value) */
export function addToCollection(name: string, value: unknown): void {
  getDefaultGraph().addToCollection(name, value);
}

/** ops.py: add_to_collections(names, value) */
export function addToCollections(names: string | Iterable<string>, value: unknown): void {
  getDefaultGraph().addToCollections(names, value);
}
