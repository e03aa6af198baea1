// python/training/saver.py: Saver and BaseSaverBuilder (V2, not sharded): the `save/` ops, save, restore, the
// checkpoint state and max_to_keep. Files go through the Session's FileSystem.
import { NotFoundError, OpError, ValueError } from "../../errors";
import { saveSliceSpec } from "../../formats/tensor-slice";
import { string as stringDType } from "../../framework/dtypes";
import { type Graph, getDefaultGraph, isTensorConvertible, type TensorConvertible } from "../../framework/graph";
import { GraphKeys } from "../../framework/graph-keys";
import type { Operation } from "../../framework/operation";
import { Tensor } from "../../framework/tensor";
import { exportMetaGraph } from "../../graphdef/meta-graph";
import type { FileSystem } from "../../io/file-system";
import { identity } from "../../ops/array-ops";
import { group } from "../../ops/control-flow-ops";
import { constantOp, createOp, opScope } from "../../ops/op-builder";
import { opDefs } from "../../ops/op-defs";
import { assign } from "../../ops/state-ops";
import type { MetaGraphDef, SaverDef } from "../../proto/types";
import { nameScope } from "../../scopes/name-scope";
import type { Session } from "../../session/session";
import { PartitionedVariable } from "../../variables/partitioned-variable";
import { Variable } from "../../variables/variable";
import {
  checkpointExists,
  metaGraphFilename,
  removeCheckpoint,
  requireFileSystem,
  updateCheckpointState,
} from "./checkpoint-management";

/**
 * A variable to save: a Variable (or anything converting to a VariableV2 output), that output itself, a
 * PartitionedVariable, or (as a value of a dict) the list of one partitioned variable's parts.
 */
export type Saveable = TensorConvertible | Tensor | PartitionedVariable;
export type VarList = readonly Saveable[] | Readonly<Record<string, Saveable | readonly Variable[]>>;

export interface SaverOptions {
  /** How many recent checkpoints to keep (older ones are deleted); 0 or null keeps all. Default 5. */
  maxToKeep?: number | null;
  keepCheckpointEveryNHours?: number;
  /** The name scope of the `save/` ops (default "save", uniquified). */
  name?: string;
  /** An existing SaverDef (as importMetaGraph passes): no ops are built. */
  saverDef?: SaverDef;
  /** With no variables: a Saver that does nothing instead of an error. */
  allowEmpty?: boolean;
  /** The graph whose ops an existing `saverDef` names (default: the default graph). */
  graph?: Graph;
}

export interface SaveOptions {
  /** Appended to the path as `-<step>`: a number, or a tensor/variable whose value the session reads. */
  globalStep?: number | bigint | Tensor | TensorConvertible;
  latestFilename?: string;
  metaGraphSuffix?: string;
  writeMetaGraph?: boolean;
  writeState?: boolean;
}

/** saveable_object.py: SaveSpec: what SaveV2 writes and RestoreV2 reads back for one variable (or one part). */
interface SaveSpec {
  /** The checkpoint key: the variable's name, or the full variable's name for a part. */
  name: string;
  variable: Tensor;
  /** Variable.SaveSliceInfo.spec ("10 4 0,5:0,4") for a part; "" for a whole variable. */
  sliceSpec: string;
}

function describe(value: unknown): string {
  if (value instanceof Variable || value instanceof Tensor) return `<tf.Variable '${value.name}'>`;
  return String(value);
}

function variableTensor(value: Saveable): Tensor {
  const tensor = isTensorConvertible(value) ? value.asGraphElement() : value;
  if (!(tensor instanceof Tensor) || !tensor.op.def.isVariable) {
    // saver.py: BaseSaverBuilder.op_list_to_dict / saveable_objects_for_op
    throw new TypeError(`Variable to save is not a Variable: ${String(value)}`);
  }
  return tensor;
}

/** saveable_object_util.py: saveable_objects_for_op for a list of slices (or a PartitionedVariable's parts). */
function sliceSpecs(parts: readonly unknown[], name: string): SaveSpec[] {
  let sliceName: string | null = null;
  return parts.map((variable) => {
    if (!(variable instanceof Variable)) throw new ValueError(`Slices must all be Variables: ${describe(variable)}`);
    const info = variable.saveSliceInfo;
    if (!info) throw new ValueError(`Slices must all be slices: ${describe(variable)}`);
    if (sliceName === null) sliceName = info.fullName;
    else if (sliceName !== info.fullName) {
      throw new ValueError(`Slices must all be from the same tensor: ${sliceName} != ${info.fullName}`);
    }
    return {
      name,
      variable: variableTensor(variable),
      sliceSpec: saveSliceSpec(info.fullShape, info.varOffset, info.varShape),
    };
  });
}

/**
 * saveable_object_util.py: op_list_to_dict (a list: slices grouped under their full name, a PartitionedVariable
 * under its name, the list sorted by name first) and saver.py: BaseSaverBuilder._ValidateAndSliceInputs (keys
 * sorted, each variable saved once): the SaveSpecs in the order SaveV2 gets them.
 */
function saveSpecs(varList: VarList): SaveSpec[] {
  const byName = new Map<string, Saveable | unknown[]>();
  if (Array.isArray(varList)) {
    const sortKey = (v: Saveable) => (v instanceof PartitionedVariable ? v.name : variableTensor(v).name);
    const sorted = [...(varList as readonly Saveable[])].sort((a, b) => compareStrings(sortKey(a), sortKey(b)));
    for (const v of sorted) {
      if (v instanceof PartitionedVariable) {
        if (byName.has(v.name)) throw new ValueError(`At least two variables have the same name: ${v.name}`);
        byName.set(v.name, v);
      } else if (v instanceof Variable && v.saveSliceInfo) {
        const name = v.saveSliceInfo.fullName;
        const found = byName.get(name);
        if (found === undefined) byName.set(name, [v]);
        else if (!Array.isArray(found))
          throw new ValueError(`Mixing slices and non-slices with the same name: ${name}`);
        else found.push(v);
      } else {
        const name = variableTensor(v).op.name;
        if (byName.has(name)) throw new ValueError(`At least two variables have the same name: ${name}`);
        byName.set(name, v);
      }
    }
  } else {
    for (const name of Object.keys(varList)) byName.set(name, (varList as Record<string, Saveable>)[name]);
  }
  const specs: SaveSpec[] = [];
  const seen = new Set<Tensor>();
  for (const name of [...byName.keys()].sort(compareStrings)) {
    const op = byName.get(name) as Saveable | unknown[];
    const parts = op instanceof PartitionedVariable ? op.getVariableList() : Array.isArray(op) ? op : null;
    for (const spec of parts
      ? sliceSpecs(parts, name)
      : [{ name, variable: variableTensor(op as Saveable), sliceSpec: "" }]) {
      if (seen.has(spec.variable)) {
        // saver.py: BaseSaverBuilder._AddSaveable
        throw new ValueError(`The same saveable will be restored with two names: ${name}`);
      }
      seen.add(spec.variable);
      specs.push(spec);
    }
  }
  return specs;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * saver.py: BaseSaverBuilder._build_internal for V2, unsharded, in the ops TF 1.15 makes: `save/filename/input`,
 * `save/filename`, `save/Const` (PlaceholderWithDefault, the filename tensor), `save/SaveV2/tensor_names`,
 * `save/SaveV2/shape_and_slices`, `save/SaveV2`, `save/control_dependency`, `save/RestoreV2/...` (on CPU:0),
 * `save/Assign`, `save/Assign_1`, ... and `save/restore_all`.
 */
function buildSaverDef(graph: Graph, specs: SaveSpec[], options: SaverOptions): SaverDef {
  const variables = specs.map((s) => s.variable);
  return graph.atomically(() =>
    graph.asDefault(() =>
      nameScope(options.name, "save", variables, () => {
        const placeholderWithDefault = (input: Tensor | string, name: string) =>
          opScope(name, opDefs.PlaceholderWithDefault.type, [], (scope) => {
            const value = typeof input === "string" ? constantOp(input, stringDType, null, "input") : input;
            return createOp(opDefs.PlaceholderWithDefault, [value], {
              name: scope,
              attrs: { dtype: stringDType, shape: { shape: [] } },
              shapes: [[]],
            }).outputs[0];
          });
        const filename = placeholderWithDefault(placeholderWithDefault("model", "filename"), opDefs.Const.type);
        const names = specs.map((s) => s.name);
        const sliceSpecs = specs.map((s) => s.sliceSpec);
        const stringsConst = (values: string[], name: string) => constantOp(values, stringDType, [values.length], name);

        const saveOp = opScope(null, opDefs.SaveV2.type, [], (scope) => {
          const tensorNames = stringsConst(names, "tensor_names");
          const slices = stringsConst(sliceSpecs, "shape_and_slices");
          return createOp(opDefs.SaveV2, [filename, tensorNames, slices, ...variables], {
            name: scope,
            attrs: { dtypes: variables.map((v) => v.dtype) },
          });
        });
        // control_flow_ops.py: with_dependencies
        const saveTensor = nameScope(null, "control_dependency", [filename], (scope) =>
          graph.colocateWith(filename.op, () => graph.controlDependencies([saveOp], () => identity(filename, scope))),
        );

        const restored = opScope(null, opDefs.RestoreV2.type, [], (scope) => {
          const tensorNames = stringsConst(names, "tensor_names");
          const slices = stringsConst(sliceSpecs, "shape_and_slices");
          const op = createOp(opDefs.RestoreV2, [filename, tensorNames, slices], {
            name: scope,
            attrs: { dtypes: variables.map((v) => v.dtype) },
          });
          for (const o of [tensorNames.op, slices.op, op]) o.device = "/device:CPU:0";
          return op.outputs;
        });
        const assigns = variables.map((v, i) =>
          assign(v, restored[i], { validateShape: v.shape?.every((d) => d !== null) }),
        );
        const restoreOp = group(assigns, "restore_all");
        return {
          filenameTensorName: filename.name,
          saveTensorName: saveTensor.name,
          restoreOpName: restoreOp.name,
          maxToKeep: options.maxToKeep ?? 0,
          sharded: false,
          keepCheckpointEveryNHours: options.keepCheckpointEveryNHours ?? 10000,
          version: "V2",
        } satisfies SaverDef;
      }),
    ),
  );
}

/** saver.py: Saver. */
export class Saver {
  readonly saverDef: SaverDef;
  readonly graph: Graph;
  private readonly empty: boolean;
  private last: string[] = [];

  constructor(varList?: VarList | null, options: SaverOptions = {}) {
    const maxToKeep = options.maxToKeep === undefined ? 5 : options.maxToKeep;
    if (options.saverDef) {
      this.graph = options.graph ?? getDefaultGraph();
      this.saverDef = { ...options.saverDef };
      this.empty = false;
      return;
    }
    const graph = getDefaultGraph();
    const list: VarList = varList ?? [
      ...graph.getCollection<Saveable>(GraphKeys.GLOBAL_VARIABLES),
      ...graph.getCollection<Saveable>(GraphKeys.SAVEABLE_OBJECTS),
    ];
    const entries = saveSpecs(list);
    if (entries.length === 0) {
      if (!options.allowEmpty) {
        // saver.py: Saver.build
        throw new ValueError("No variables to save");
      }
      this.graph = graph;
      this.saverDef = { maxToKeep: maxToKeep ?? 0, version: "V2" };
      this.empty = true;
      return;
    }
    this.graph = entries[0].variable.graph;
    this.saverDef = buildSaverDef(this.graph, entries, { ...options, maxToKeep });
    this.empty = false;
  }

  /** saver.py: Saver.last_checkpoints: the kept checkpoint prefixes, oldest first. */
  get lastCheckpoints(): string[] {
    return [...this.last];
  }

  /** saver.py: Saver.set_last_checkpoints */
  setLastCheckpoints(paths: readonly string[]): void {
    this.last = [...paths];
  }

  private fileSystemOf(sess: Session): FileSystem {
    return requireFileSystem(sess.fileSystem, "Saver (through its Session)");
  }

  /**
   * saver.py: Saver.save(sess, save_path, global_step=None, ...): runs `save/SaveV2`, then writes the `checkpoint`
   * state (paths relative to its folder), deletes checkpoints beyond max_to_keep and writes `<prefix>.meta`.
   * Returns the checkpoint prefix.
   */
  save(sess: Session, savePath: string, options: SaveOptions = {}): string | null {
    if (this.empty) return null;
    const fs = this.fileSystemOf(sess);
    const latestFilename = options.latestFilename ?? "checkpoint";
    let checkpointFile = savePath;
    if (options.globalStep !== undefined && options.globalStep !== null) {
      const step =
        typeof options.globalStep === "number" || typeof options.globalStep === "bigint"
          ? options.globalStep
          : (sess.run(options.globalStep as Tensor).item() as number | bigint);
      checkpointFile = `${savePath}-${step}`;
    } else if (fs.basename(savePath) === latestFilename) {
      // saver.py: Saver.save
      throw new ValueError(`'latest_filename' collides with 'save_path': '${latestFilename}' and '${savePath}'`);
    }
    const saveDir = fs.dirname(savePath);
    let modelCheckpointPath: string;
    try {
      const result = sess.run(this.saverDef.saveTensorName as string, {
        [this.saverDef.filenameTensorName as string]: checkpointFile,
      });
      modelCheckpointPath = new TextDecoder().decode(result?.item() as Uint8Array);
    } catch (error) {
      if (OpError.isInstance(error) && !fs.isDirectory(saveDir || ".")) {
        // saver.py: Saver.save
        throw new ValueError(`Parent directory of ${savePath} doesn't exist, can't save.`);
      }
      throw error;
    }
    // The state file last (saver.py writes it before the .meta): until every file of this checkpoint is whole,
    // `checkpoint` still names the earlier ones, and old checkpoints are deleted only once it names this one.
    if (options.writeMetaGraph ?? true) {
      this.exportMetaGraph(metaGraphFilename(checkpointFile, options.metaGraphSuffix), { fileSystem: fs });
    }
    if (options.writeState ?? true) {
      const expired = this.recordLastCheckpoint(modelCheckpointPath);
      updateCheckpointState(saveDir, modelCheckpointPath, this.last, fs, latestFilename);
      for (const oldest of expired) removeCheckpoint(oldest, fs, options.metaGraphSuffix);
    }
    return modelCheckpointPath;
  }

  /** saver.py: Saver._RecordLastCheckpoint; returns the prefixes beyond max_to_keep (_MaybeDeleteOldCheckpoints). */
  private recordLastCheckpoint(path: string): string[] {
    const maxToKeep = this.saverDef.maxToKeep ?? 0;
    if (!maxToKeep) return [];
    this.last = this.last.filter((p) => p !== path);
    this.last.push(path);
    return this.last.splice(0, Math.max(0, this.last.length - maxToKeep));
  }

  /**
   * saver.py: Saver.restore(sess, save_path): runs `save/restore_all` fed with the prefix. A key missing from the
   * checkpoint is a NotFoundError listing the missing keys and the ones there are.
   */
  restore(sess: Session, savePath: string): void {
    if (this.empty) return;
    if (savePath === null || savePath === undefined) {
      // saver.py: Saver.restore
      throw new ValueError("Can't load save_path when it is None.");
    }
    const fs = this.fileSystemOf(sess);
    if (!checkpointExists(savePath, fs)) {
      // saver.py: Saver.restore
      throw new ValueError(`The passed save_path is not a valid checkpoint: ${savePath}`);
    }
    try {
      sess.run(this.saverDef.restoreOpName as string, { [this.saverDef.filenameTensorName as string]: savePath });
    } catch (error) {
      if (NotFoundError.isInstance(error)) {
        // saver.py: _wrap_restore_error_with_msg
        throw new NotFoundError(
          `Restoring from checkpoint failed. This is most likely due to a Variable name or other graph key that is missing from the checkpoint. Please ensure that you have not altered the graph expected based on the checkpoint. Original error:\n\n${(error as Error).message}`,
        );
      }
      throw error;
    }
  }

  /** saver.py: Saver.export_meta_graph: this graph with its collections and this SaverDef. */
  exportMetaGraph(
    filename?: string | null,
    options: { fileSystem?: FileSystem; collectionList?: readonly string[]; asText?: boolean } = {},
  ): MetaGraphDef {
    return exportMetaGraph(filename, { ...options, graph: this.graph, saverDef: this.saverDef });
  }

  /** The operation `save/restore_all` (for `sess.run`). */
  get restoreOp(): Operation {
    return this.graph.getOperationByName(this.saverDef.restoreOpName as string);
  }
}
