// python/framework/meta_graph.py: create_meta_graph_def, add_collection_def, export_scoped_meta_graph; and
// python/training/saver.py: export_meta_graph. A MetaGraphDef is the graph (with `_output_shapes`), a SaverDef and
// the graph's collections as CollectionDefs.
import { type Graph, getDefaultGraph } from "../framework/graph";
import { stripNameScope } from "../framework/names";
import { Operation } from "../framework/operation";
import { Tensor } from "../framework/tensor";
import type { FileSystem } from "../io/file-system";
import { setOwn } from "../io/own-keys";
import { encodeMessage } from "../proto/codec";
import type {
  CollectionDef,
  ControlFlowContextDef,
  GraphDef,
  MetaGraphDef,
  SaverDef,
  ValuesDef,
  VariableDef,
  WhileContextDef,
} from "../proto/types";
import { encodeMetaGraphDef } from "./graphdef-codec";

export { prependNameScope, stripNameScope } from "../framework/names";

/** The TF release whose files scopeflow writes (meta_info_def.tensorflow_version). */
export const TENSORFLOW_VERSION = "1.15.0";
/** meta_info_def.tensorflow_git_version: says which program wrote the file. */
export const TENSORFLOW_GIT_VERSION = "scopeflow";

/** A variable as a collection holds it (scopeflow's Variable): what variables.py: RefVariable.to_proto reads. */
interface VariableLike {
  readonly name: string;
  readonly initializer: Operation;
  readonly initialValue: Tensor;
  readonly trainable: boolean;
  value(): Tensor;
  asGraphElement(): Tensor;
}

function isVariableLike(value: unknown): value is VariableLike {
  const v = value as VariableLike;
  return (
    typeof v === "object" &&
    v !== null &&
    v.initializer instanceof Operation &&
    typeof v.value === "function" &&
    typeof v.asGraphElement === "function"
  );
}

function isSaverLike(value: unknown): value is { saverDef: SaverDef } {
  return typeof value === "object" && value !== null && typeof (value as { saverDef?: unknown }).saverDef === "object";
}

/** variables.py: RefVariable.to_proto: the VariableDef of a variable, its names relative to `exportScope`. */
export function variableToDef(variable: VariableLike, exportScope?: string): VariableDef {
  const strip = (name: string) => stripNameScope(name, exportScope);
  return {
    variableName: strip(variable.asGraphElement().name),
    initialValueName: strip(variable.initialValue.name),
    initializerName: strip(variable.initializer.name),
    snapshotName: strip(variable.value().name),
    isResource: false,
    trainable: variable.trainable,
    synchronization: 0,
    aggregation: 0,
  };
}

/** A cond branch or while loop as a collection holds it: what CondContext / WhileContext.to_proto read. */
interface ContextLike {
  readonly name: string;
  toControlFlowContextDef(): ControlFlowContextDef;
}

function isContextLike(value: unknown): value is ContextLike {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ContextLike).toControlFlowContextDef === "function" &&
    typeof (value as ContextLike).name === "string"
  );
}

/** A google.protobuf.Any as a collection holds it: `{ typeUrl, value }`. */
function isAnyProto(value: unknown): value is { typeUrl: string; value: Uint8Array } {
  const v = value as { typeUrl?: unknown; value?: unknown };
  return typeof v === "object" && v !== null && typeof v.typeUrl === "string" && v.value instanceof Uint8Array;
}

/** The names of a ValuesDef relative to `scope` (ControlFlowContext._to_values_def). */
function stripValues(def: ValuesDef, scope?: string): ValuesDef {
  const external: Record<string, string> = {};
  for (const [k, v] of Object.entries(def.externalValues))
    external[stripNameScope(k, scope)] = stripNameScope(v, scope);
  return { values: def.values.map((v) => stripNameScope(v, scope)), externalValues: external };
}

/** CondContext / WhileContext.to_proto(export_scope): every name of the context and its nested ones unscoped. */
export function stripContextDef(def: ControlFlowContextDef, scope?: string): ControlFlowContextDef {
  const strip = (name: string) => (name === "" ? name : stripNameScope(name, scope));
  if (def.condCtxt) {
    const c = def.condCtxt;
    return {
      condCtxt: {
        ...c,
        contextName: strip(c.contextName),
        predName: strip(c.predName),
        pivotName: strip(c.pivotName),
        valuesDef: stripValues(c.valuesDef, scope),
        nestedContexts: c.nestedContexts.map((n) => stripContextDef(n, scope)),
      },
    };
  }
  const w = def.whileCtxt as WhileContextDef;
  return {
    whileCtxt: {
      ...w,
      contextName: strip(w.contextName),
      pivotName: strip(w.pivotName),
      pivotForPredName: strip(w.pivotForPredName),
      pivotForBodyName: strip(w.pivotForBodyName),
      loopExitNames: w.loopExitNames.map(strip),
      loopEnterNames: w.loopEnterNames.map(strip),
      valuesDef: stripValues(w.valuesDef, scope),
      maximumIterationsName: strip(w.maximumIterationsName),
      nestedContexts: w.nestedContexts.map((n) => stripContextDef(n, scope)),
    },
  };
}

/**
 * meta_graph.py: add_collection_def. Variables become VariableDef bytes, Savers SaverDef bytes, Tensors and
 * Operations their names, strings bytes, integers int64s, other numbers floats, cond and while contexts their
 * CondContextDef / WhileContextDef bytes, `{ typeUrl, value }` Any protos an any_list. A collection of anything else (or
 * mixed kinds) is left out, as TF leaves it out with a warning.
 */
export function collectionToDef(items: readonly unknown[], exportScope?: string): CollectionDef | undefined {
  if (items.length === 0) return undefined;
  const encoder = new TextEncoder();
  if (items.every(isVariableLike)) {
    return { bytesList: { value: items.map((v) => encodeMessage("VariableDef", variableToDef(v, exportScope))) } };
  }
  if (items.every(isSaverLike))
    return { bytesList: { value: items.map((s) => encodeMessage("SaverDef", s.saverDef)) } };
  if (items.every(isContextLike)) {
    // ops.py: register_proto_function(COND_CONTEXT / WHILE_CONTEXT): CondContextDef / WhileContextDef bytes, the
    // contexts outside `exportScope` left out.
    const inScope = items.filter((c) => !exportScope || c.name.startsWith(exportScope));
    const value = inScope.map((c) => {
      const def = stripContextDef(c.toControlFlowContextDef(), exportScope);
      return def.condCtxt
        ? encodeMessage("CondContextDef", def.condCtxt)
        : encodeMessage("WhileContextDef", def.whileCtxt as WhileContextDef);
    });
    return { bytesList: { value } };
  }
  if (items.every(isAnyProto)) {
    // A google.protobuf.Any each (the SavedModel builder's packed AssetFileDefs).
    return { anyList: { value: items.map((a) => ({ typeUrl: a.typeUrl, value: a.value })) } };
  }
  if (items.every((x) => x instanceof Tensor || x instanceof Operation)) {
    return { nodeList: { value: (items as (Tensor | Operation)[]).map((x) => stripNameScope(x.name, exportScope)) } };
  }
  if (items.every((x) => typeof x === "string"))
    return { bytesList: { value: (items as string[]).map((s) => encoder.encode(s)) } };
  if (items.every((x) => typeof x === "bigint" || (typeof x === "number" && Number.isInteger(x)))) {
    return { int64List: { value: items as (number | bigint)[] } };
  }
  if (items.every((x) => typeof x === "number")) return { floatList: { value: items as number[] } };
  return undefined;
}

export interface CreateMetaGraphDefOptions {
  graphDef?: GraphDef;
  graph?: Graph;
  saverDef?: SaverDef;
  /** Collection keys to export; default all of `graph`'s (none without a graph). */
  collectionList?: readonly string[];
  exportScope?: string;
}

/** meta_graph.py: create_meta_graph_def (without stripped_op_list: scopeflow has no OpDef registry). */
export function createMetaGraphDef(options: CreateMetaGraphDefOptions = {}): MetaGraphDef {
  const graphDef = options.graphDef ?? options.graph?.asGraphDef({ addShapes: true }) ?? { node: [] };
  const meta: MetaGraphDef = {
    metaInfoDef: { tensorflowVersion: TENSORFLOW_VERSION, tensorflowGitVersion: TENSORFLOW_GIT_VERSION },
    graphDef,
  };
  if (options.saverDef) meta.saverDef = options.saverDef;
  if (options.graph) {
    const collectionDef: Record<string, CollectionDef> = {};
    for (const key of options.collectionList ?? options.graph.getAllCollectionKeys()) {
      const def = collectionToDef(options.graph.getCollection(key), options.exportScope);
      if (def) setOwn(collectionDef, key, def);
    }
    meta.collectionDef = collectionDef;
  }
  return meta;
}

export interface ExportMetaGraphOptions {
  graph?: Graph;
  saverDef?: SaverDef;
  collectionList?: readonly string[];
  asText?: boolean;
  /** Needed when `filename` is given (node and browser bind theirs). */
  fileSystem?: FileSystem;
}

/**
 * meta_graph.py / saver.py: export_meta_graph(filename=None, ...): the MetaGraphDef of the graph (default graph by
 * default) with its collections, written to `filename` (binary, or text with asText) when one is given.
 */
export function exportMetaGraph(filename?: string | null, options: ExportMetaGraphOptions = {}): MetaGraphDef {
  const graph = options.graph ?? getDefaultGraph();
  const meta = createMetaGraphDef({ graph, saverDef: options.saverDef, collectionList: options.collectionList });
  if (filename) {
    const fs = options.fileSystem;
    if (!fs)
      throw new TypeError(
        "exportMetaGraph: writing a file needs { fileSystem } in core (node and browser bind theirs)",
      );
    const bytes = options.asText
      ? new TextEncoder().encode(encodeMetaGraphDef(meta, { asText: true }))
      : encodeMetaGraphDef(meta);
    fs.writeFileAtomic(filename, bytes);
  }
  return meta;
}
