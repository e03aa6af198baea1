// keras/utils/generic_utils.py: to_snake_case; keras/backend.py: unique_object_name and its per-graph uid map
// (get_default_graph_uid_map), which name layers `dense_1`, `dense_2`, ... as TF 1.15 does.
import { type Graph, getDefaultGraph } from "../framework/graph";

/** generic_utils.py: to_snake_case: `Conv2DTranspose` -> `conv2d_transpose`; a leading `_` gets `private`. */
export function toSnakeCase(name: string): string {
  const intermediate = name.replace(/(.)([A-Z][a-z0-9]+)/g, "$1_$2");
  const insecure = intermediate.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();
  return insecure[0] !== "_" ? insecure : `private${insecure}`;
}

/** backend.py: PER_GRAPH_OBJECT_NAME_UIDS: per graph, how often each (namespace, name) was handed out. */
const uidMaps = new WeakMap<Graph, Map<string, number>>();

/** backend.py: get_default_graph_uid_map */
export function defaultGraphUidMap(graph: Graph = getDefaultGraph()): Map<string, number> {
  let map = uidMaps.get(graph);
  if (!map) {
    map = new Map();
    uidMaps.set(graph, map);
  }
  return map;
}

export interface UniqueNameOptions {
  nameUidMap?: Map<string, number>;
  avoidNames?: ReadonlySet<string>;
  namespace?: string;
  /** Start at `name` itself (`dense`, `dense_1`); else one-based (`dense_1`, `dense_2`), tf.layers' default. */
  zeroBased?: boolean;
}

/** backend.py: unique_object_name(name, name_uid_map=None, avoid_names=None, namespace='', zero_based=False) */
export function uniqueObjectName(name: string, options: UniqueNameOptions = {}): string {
  const map = options.nameUidMap ?? defaultGraphUidMap();
  const avoid = options.avoidNames ?? new Set<string>();
  const key = `${options.namespace ?? ""}\u0000${name}`;
  // Inside a failing atomic call (tf.layers.dense), the count goes back too.
  const before = map.get(key);
  getDefaultGraph().recordUndo(() => (before === undefined ? map.delete(key) : map.set(key, before)));
  let proposed: string | null = null;
  while (proposed === null || avoid.has(proposed)) {
    const number = map.get(key) ?? 0;
    if (options.zeroBased) {
      proposed = number ? `${name}_${number}` : name;
      map.set(key, number + 1);
    } else {
      map.set(key, number + 1);
      proposed = `${name}_${number + 1}`;
    }
  }
  return proposed;
}
