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
import { condContextFromProto, whileContextFromProto } from "../../ops/control-flow-from-proto";
import { decodeMessage } from "../../proto/codec";
import type { CondContextDef, MetaGraphDef, SaverDef, VariableDef, WhileContextDef } from "../../proto/types";
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
  // meta_graph.py: the names are prefixed with the scope the import lands in (under the current name scope).
  const scope = graph.uniqueName(options.importScope ?? "", { markAsUsed: false }) || undefined;
  const graphDef = options.clearDevices
    ? { ...meta.graphDef, node: (meta.graphDef?.node ?? []).map((n) => ({ ...n, device: "" })) }
    : (meta.graphDef ?? {});
  return graph.atomically(() => {
    importGraphDef(graphDef, { name: options.importScope || (scope ? `${scope}/` : ""), graph });
    const variablesByName = new Map<string, Variable>();
    // meta_graph.py: import_scoped_meta_graph_with_return_elements restores trainable_variables first, then the
    // other collections in sorted key order (a cond nested in a loop is rebuilt by the loop's context).
    const rank = (key: string) => (key === GraphKeys.TRAINABLE_VARIABLES ? 0 : 1);
    const collections = Object.entries(meta.collectionDef ?? {}).sort(
      ([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
    );
    for (const [key, def] of collections) {
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
      } else if (def.bytesList?.value?.length && key === GraphKeys.COND_CONTEXT) {
        // ops.py: register_proto_function(COND_CONTEXT, from_proto=CondContext.from_proto)
        for (const bytes of def.bytesList.value) {
          const contextDef = decodeMessage<CondContextDef>("CondContextDef", bytes, `collection '${key}'`);
          graph.addToCollection(key, condContextFromProto(graph, contextDef, scope));
        }
      } else if (def.bytesList?.value?.length && key === GraphKeys.WHILE_CONTEXT) {
        // ops.py: register_proto_function(WHILE_CONTEXT, from_proto=WhileContext.from_proto)
        for (const bytes of def.bytesList.value) {
          const contextDef = decodeMessage<WhileContextDef>("WhileContextDef", bytes, `collection '${key}'`);
          graph.addToCollection(key, whileContextFromProto(graph, contextDef, scope));
        }
      } else if (def.anyList?.value?.length) {
        for (const any of def.anyList.value) {
          graph.addToCollection(key, { typeUrl: any.typeUrl ?? "", value: any.value ?? new Uint8Array() });
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
