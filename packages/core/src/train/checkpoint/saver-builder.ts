// python/training/saver.py: BaseSaverBuilder (V2): which tensors a Saver saves under which keys
// (saveable_object_util.py: op_list_to_dict, saveable_objects_for_op) and the `save/` ops it builds, unsharded or
// sharded per device (_AddShardedSaveOpsForV2: ShardedFilename, SaveV2 per shard, MergeV2Checkpoints).
import { ValueError } from "../../errors";
import { saveSliceSpec } from "../../formats/tensor-slice";
import { DeviceSpec } from "../../framework/device";
import { int32, string as stringDType } from "../../framework/dtypes";
import { type Graph, isTensorConvertible, type TensorConvertible } from "../../framework/graph";
import type { Operation } from "../../framework/operation";
import { Tensor } from "../../framework/tensor";
import { identity } from "../../ops/array-ops";
import { group } from "../../ops/control-flow-ops";
import { constantOp, createOp, opScope } from "../../ops/op-builder";
import { opDefs } from "../../ops/op-defs";
import { stack } from "../../ops/slicing-ops";
import { assign } from "../../ops/state-ops";
import type { SaverDef } from "../../proto/types";
import { nameScope } from "../../scopes/name-scope";
import { PartitionedVariable } from "../../variables/partitioned-variable";
import { Variable } from "../../variables/variable";

/**
 * A variable to save: a Variable (or anything converting to a VariableV2 output), that output itself, a
 * PartitionedVariable, or (as a value of a dict) the list of one partitioned variable's parts.
 */
export type Saveable = TensorConvertible | Tensor | PartitionedVariable;
export type VarList = readonly Saveable[] | Readonly<Record<string, Saveable | readonly Variable[]>>;

/** What buildSaverDef needs of the Saver's options. */
export interface SaverBuildOptions {
  name?: string;
  maxToKeep?: number | null;
  keepCheckpointEveryNHours?: number;
  sharded?: boolean;
}

/** saveable_object.py: SaveSpec: what SaveV2 writes and RestoreV2 reads back for one variable (or one part). */
export interface SaveSpec {
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
export function saveSpecs(varList: VarList): SaveSpec[] {
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

/** A 32-hex-digit random id, as Python's `uuid.uuid4().hex` (a temp folder name: Math.random is enough). */
function uuid4Hex(): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(Math.random() * 256));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** saveable_object_util.py: set_cpu0: the device with its type and index replaced by CPU:0. */
function setCpu0(device: string): string {
  const spec = DeviceSpec.fromString(device);
  return new DeviceSpec({
    job: spec.job,
    replica: spec.replica,
    task: spec.task,
    deviceType: "CPU",
    deviceIndex: 0,
  }).toString();
}

/** saver.py: BaseSaverBuilder._GroupByDevices: the specs per canonical device of their variable, devices sorted. */
function groupByDevices(specs: readonly SaveSpec[]): [string, SaveSpec[]][] {
  const perDevice = new Map<string, SaveSpec[]>();
  for (const spec of specs) {
    const device = DeviceSpec.fromString(spec.variable.op.device ?? "").toString();
    const list = perDevice.get(device) ?? [];
    list.push(spec);
    perDevice.set(device, list);
  }
  return [...perDevice.entries()].sort(([a], [b]) => compareStrings(a, b));
}

/** The ops of one saver, built in the graph's default context under its `save` name scope. */
class SaverBuilder {
  constructor(private readonly graph: Graph) {}

  private stringsConst(values: string[], name: string): Tensor {
    return constantOp(values, stringDType, [values.length], name);
  }

  /** saver.py: BaseSaverBuilder.save_op + _AddSaveOps: SaveV2, then the filename with a control dependency on it. */
  addSaveOps(filename: Tensor, specs: readonly SaveSpec[]): Tensor {
    const variables = specs.map((s) => s.variable);
    const saveOp = opScope(null, opDefs.SaveV2.type, [], (scope) => {
      const tensorNames = this.stringsConst(
        specs.map((s) => s.name),
        "tensor_names",
      );
      const slices = this.stringsConst(
        specs.map((s) => s.sliceSpec),
        "shape_and_slices",
      );
      return createOp(opDefs.SaveV2, [filename, tensorNames, slices, ...variables], {
        name: scope,
        attrs: { dtypes: variables.map((v) => v.dtype) },
      });
    });
    return this.withDependencies([saveOp], filename);
  }

  /** control_flow_ops.py: with_dependencies: an Identity of `output`, colocated with it, after `deps`. */
  private withDependencies(deps: Operation[], output: Tensor): Tensor {
    return nameScope(null, "control_dependency", [output], (scope) =>
      this.graph.colocateWith(output.op, () => this.graph.controlDependencies(deps, () => identity(output, scope))),
    );
  }

  /** saver.py: BaseSaverBuilder.bulk_restore (RestoreV2 on cpu:0) + _AddRestoreOps (an Assign per spec, grouped). */
  addRestoreOps(filename: Tensor, specs: readonly SaveSpec[], name: string): Operation {
    const variables = specs.map((s) => s.variable);
    const restored = this.graph.device("cpu:0", () =>
      opScope(null, opDefs.RestoreV2.type, [], (scope) => {
        const tensorNames = this.stringsConst(
          specs.map((s) => s.name),
          "tensor_names",
        );
        const slices = this.stringsConst(
          specs.map((s) => s.sliceSpec),
          "shape_and_slices",
        );
        return createOp(opDefs.RestoreV2, [filename, tensorNames, slices], {
          name: scope,
          attrs: { dtypes: variables.map((v) => v.dtype) },
        }).outputs;
      }),
    );
    const assigns = variables.map((v, i) =>
      assign(v, restored[i], { validateShape: v.shape?.every((d) => d !== null) }),
    );
    return group(assigns, name);
  }

  /**
   * saver.py: BaseSaverBuilder._AddShardedSaveOpsForV2: each device's shard saved under
   * `<prefix>_temp_<uuid>/part-<shard>-of-<n>`, then MergeV2Checkpoints (deleting the temp folder) into `<prefix>`;
   * the save tensor is `<prefix>` after the merge.
   */
  addShardedSaveOpsForV2(prefix: Tensor, perDevice: [string, SaveSpec[]][]): Tensor {
    const tmpPrefix = opScope(null, opDefs.StringJoin.type, [], (scope) => {
      const suffix = constantOp(`_temp_${uuid4Hex()}/part`, stringDType, [], "inputs_1");
      return createOp(opDefs.StringJoin, [prefix, suffix], { name: scope, attrs: { N: 2, separator: "" } }).outputs[0];
    });
    const numShards = constantOp(perDevice.length, int32, [], "num_shards");
    const shardedSaves: Tensor[] = [];
    const shardedPrefixes: Tensor[] = [];
    let lastDevice = "";
    for (const [shard, [device, specs]] of perDevice.entries()) {
      lastDevice = device;
      this.graph.device(setCpu0(device), () => {
        const filename = opScope(null, opDefs.ShardedFilename.type, [], (scope) => {
          const shardConst = constantOp(shard, int32, [], "shard");
          return createOp(opDefs.ShardedFilename, [tmpPrefix, shardConst, numShards], { name: scope }).outputs[0];
        });
        shardedPrefixes.push(filename);
        shardedSaves.push(this.addSaveOps(filename, specs));
      });
    }
    return this.graph.controlDependencies(
      shardedSaves.map((t) => t.op),
      () =>
        this.graph.device(setCpu0(lastDevice), () => {
          const merge = opScope(null, opDefs.MergeV2Checkpoints.type, [], (scope) => {
            const prefixes = stack(shardedPrefixes, 0, "checkpoint_prefixes");
            return createOp(opDefs.MergeV2Checkpoints, [prefixes, prefix], {
              name: scope,
              attrs: { delete_old_dirs: true },
            });
          });
          return this.graph.controlDependencies([merge], () => identity(prefix));
        }),
    );
  }

  /** saver.py: BaseSaverBuilder._AddShardedRestoreOps: a `restore_shard` group per device, then `restore_all`. */
  addShardedRestoreOps(filename: Tensor, perDevice: [string, SaveSpec[]][]): Operation {
    const shards = perDevice.map(([device, specs]) =>
      this.graph.device(device, () => this.addRestoreOps(filename, specs, "restore_shard")),
    );
    return group(shards, "restore_all");
  }
}

/**
 * saver.py: BaseSaverBuilder._build_internal for V2, in the ops TF 1.15 makes: `save/filename/input`,
 * `save/filename`, `save/Const` (PlaceholderWithDefault, the filename tensor); unsharded `save/SaveV2` (with its
 * `tensor_names` and `shape_and_slices`), `save/control_dependency`, `save/RestoreV2` (on CPU:0), `save/Assign`,
 * `save/Assign_1`, ... and `save/restore_all`; sharded, `save/StringJoin`, `save/num_shards`, per device
 * `save/ShardedFilename` + `save/SaveV2` + `save/control_dependency`, `save/MergeV2Checkpoints`, `save/Identity`,
 * and a `save/restore_shard` per device under `save/restore_all`.
 */
export function buildSaverDef(graph: Graph, specs: SaveSpec[], options: SaverBuildOptions): SaverDef {
  const variables = specs.map((s) => s.variable);
  const builder = new SaverBuilder(graph);
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
        let saveTensor: Tensor;
        let restoreOp: Operation;
        if (options.sharded) {
          const perDevice = groupByDevices(specs);
          saveTensor = builder.addShardedSaveOpsForV2(filename, perDevice);
          restoreOp = builder.addShardedRestoreOps(filename, perDevice);
        } else {
          saveTensor = builder.addSaveOps(filename, specs);
          restoreOp = builder.addRestoreOps(filename, specs, "restore_all");
        }
        return {
          filenameTensorName: filename.name,
          saveTensorName: saveTensor.name,
          restoreOpName: restoreOp.name,
          maxToKeep: options.maxToKeep ?? 0,
          sharded: options.sharded ?? false,
          keepCheckpointEveryNHours: options.keepCheckpointEveryNHours ?? 10000,
          version: "V2",
        } satisfies SaverDef;
      }),
    ),
  );
}
