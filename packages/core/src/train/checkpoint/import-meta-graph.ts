// python/training/saver.py: import_meta_graph, and python/framework/meta_graph.py: import_scoped_meta_graph: the
// graph of a MetaGraphDef under an optional scope, its collections restored, and a Saver from its SaverDef.
import type { Graph } from "../../framework/graph";
import { getDefaultGraph } from "../../framework/graph";
import { GraphKeys } from "../../framework/graph-keys";
import type { Operation } from "../../framework/operation";
import type { Tensor } from "../../framework/tensor";
import { decodeMetaGraphDef } from "../../graphdef/graphdef-codec";
import { importGraphDef } from "../../graphdef/import-graph-def";
import { prependNameScope } from "../../graphdef/meta-graph";
import type { FileSystem } from "../../io/file-system";
import { decodeMessage } from "../../proto/codec";
import type { MetaGraphDef, SaverDef, VariableDef } from "../../proto/types";
import { Variable } from "../../variables/variable";
import { requireFileSystem } from "./checkpoint-management";
import { Saver } from "./saver";

export interface ImportMetaGraphOptions {
  importScope?: string;
  clearDevices?: boolean;
  fileSystem?: FileSystem;
  graph?: Graph;
}

const VARIABLE_COLLECTIONS = new Set<string>([
  GraphKeys.GLOBAL_VARIABLES,
  GraphKeys.TRAINABLE_VARIABLES,
  GraphKeys.LOCAL_VARIABLES,
  "model_variables",
  "moving_average_variables",
  "global_step",
]);

/**
 * variables.py: RefVariable(variable_def=..., import_scope=...): a Variable over ops that already exist. scopeflow's
 * Variable has no such constructor yet, so this fills the same fields its constructor fills (the variables area
 * should grow `Variable.fromVariableDef`; this is the one place to change then).
 */
function variableFromDef(graph: Graph, def: VariableDef, scope?: string): Variable {
  const tensor = (name: string) => graph.getTensorByName(prependNameScope(name, scope));
  return Variable.fromExistingOps({
    variable: tensor(def.variableName),
    snapshot: tensor(def.snapshotName),
    initializer: graph.getOperationByName(prependNameScope(def.initializerName, scope)),
    initialValue: def.initialValueName ? tensor(def.initialValueName) : undefined,
    trainable: def.trainable ?? false,
  });
}

/**
 * saver.py: import_meta_graph(meta_graph_or_file, clear_devices=False, import_scope=None): returns a Saver built
 * from the SaverDef, a new Saver over the imported variables when there is none, or null without variables.
 */
export function importMetaGraph(
  metaGraphOrFile: MetaGraphDef | string | Uint8Array,
  options: ImportMetaGraphOptions = {},
): Saver | null {
  let meta: MetaGraphDef;
  if (typeof metaGraphOrFile === "string") {
    const fs = requireFileSystem(options.fileSystem, "importMetaGraph");
    meta = decodeMetaGraphDef(fs.readFile(metaGraphOrFile), metaGraphOrFile);
  } else if (metaGraphOrFile instanceof Uint8Array) {
    meta = decodeMetaGraphDef(metaGraphOrFile, "the MetaGraphDef bytes");
  } else meta = metaGraphOrFile;
  const graph = options.graph ?? getDefaultGraph();
  const scope = options.importScope || undefined;
  const graphDef = options.clearDevices
    ? { ...meta.graphDef, node: (meta.graphDef?.node ?? []).map((n) => ({ ...n, device: "" })) }
    : (meta.graphDef ?? {});
  return graph.atomically(() => {
    importGraphDef(graphDef, { name: scope ?? "", graph });
    const variablesByName = new Map<string, Variable>();
    for (const [key, def] of Object.entries(meta.collectionDef ?? {})) {
      if (def.nodeList?.value?.length) {
        for (const name of def.nodeList.value) {
          graph.addToCollection(key, graph.asGraphElement(prependNameScope(name, scope)) as Tensor | Operation);
        }
      } else if (def.bytesList?.value?.length && VARIABLE_COLLECTIONS.has(key)) {
        for (const bytes of def.bytesList.value) {
          const variableDef = decodeMessage<VariableDef>("VariableDef", bytes, `collection '${key}'`);
          let variable = variablesByName.get(variableDef.variableName);
          if (!variable) {
            variable = variableFromDef(graph, variableDef, scope);
            variablesByName.set(variableDef.variableName, variable);
          }
          graph.addToCollection(key, variable);
        }
      } else if (def.int64List?.value?.length) {
        for (const v of def.int64List.value) graph.addToCollection(key, v);
      } else if (def.floatList?.value?.length) {
        for (const v of def.floatList.value) graph.addToCollection(key, v);
      }
    }
    if (meta.saverDef?.restoreOpName) {
      const saverDef: SaverDef = scope
        ? {
            ...meta.saverDef,
            filenameTensorName: prependNameScope(meta.saverDef.filenameTensorName ?? "", scope),
            saveTensorName: prependNameScope(meta.saverDef.saveTensorName ?? "", scope),
            restoreOpName: prependNameScope(meta.saverDef.restoreOpName ?? "", scope),
          }
        : meta.saverDef;
      return graph.asDefault(() => new Saver(null, { saverDef, graph }));
    }
    const variables = graph.getCollection(GraphKeys.GLOBAL_VARIABLES, scope);
    return variables.length > 0 ? graph.asDefault(() => new Saver(variables as Variable[])) : null;
  });
}
