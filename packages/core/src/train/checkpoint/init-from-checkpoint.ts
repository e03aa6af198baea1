// checkpoint_utils.py (TF 1.15): init_from_checkpoint: the mapped variables' initializers become restores from a
// checkpoint (`checkpoint_initializer` RestoreV2 ops on CPU:0, then an `Assign`), one-to-one or scope to scope.
import { ValueError } from "../../errors";
import { openBundle } from "../../formats/bundle-files";
import { string as stringDType } from "../../framework/dtypes";
import { getDefaultGraph } from "../../framework/graph";
import { isCompatible, shapeToString } from "../../framework/shape";
import type { FileSystem } from "../../io/file-system";
import { constantOp, createOp, opScope } from "../../ops/op-builder";
import { opDefs } from "../../ops/op-defs";
import { assign } from "../../ops/state-ops";
import { defaultVariableStore } from "../../scopes/variable-store";
import { Variable } from "../../variables/variable";
import { checkpointPrefix, requireFileSystem } from "./checkpoint-management";

/** `{ checkpointName: currentVariableOrName }`, or scope to scope (`{ "old_scope/": "new_scope/" }`). */
export type AssignmentMap = Record<string, string | Variable>;

/** Python's repr of the reader's `{name: shape}` map, as TF's not-found message prints it. */
function pyDict(entries: [string, number[]][]): string {
  return `{${entries.map(([k, s]) => `'${k}': [${s.join(", ")}]`).join(", ")}}`;
}

/** checkpoint_utils.py: _set_checkpoint_initializer: RestoreV2 named `checkpoint_initializer` on CPU, Assign. */
function setCheckpointInitializer(variable: Variable, ckptFile: string, tensorName: string): void {
  const restored = opScope("checkpoint_initializer", "checkpoint_initializer", [], (scope) => {
    const prefix = constantOp(ckptFile, stringDType, [], "prefix");
    const names = constantOp([tensorName], stringDType, [1], "tensor_names");
    const slices = constantOp([""], stringDType, [1], "shape_and_slices");
    const op = createOp(opDefs.RestoreV2, [prefix, names, slices], {
      name: scope,
      attrs: { dtypes: [variable.dtype] },
    });
    for (const o of [prefix.op, names.op, slices.op, op]) o.device = "/device:CPU:0";
    return op.outputs[0];
  });
  const initOp = assign(variable, restored, {
    validateShape: variable.shape?.every((d) => d !== null) ?? false,
  }).op;
  restored.setShape(variable.shape);
  variable.replaceInitializer(initOp, restored);
}

/**
 * checkpoint_utils.py: init_from_checkpoint(ckpt_dir_or_file, assignment_map): for each checkpoint name (sorted),
 * the variable (or store name) it initializes; a key ending in `/` maps a checkpoint scope onto a variable scope
 * (`"/"` the root). The variables keep their ops; only their initializers (and initial values) change.
 */
export function initFromCheckpoint(ckptDirOrFile: string, assignmentMap: AssignmentMap, fs?: FileSystem): void {
  const files = requireFileSystem(fs, "initFromCheckpoint");
  const ckptFile = checkpointPrefix(ckptDirOrFile, files);
  const entries = openBundle(files, ckptFile).listVariables();
  const variableMap = new Map(entries);
  const graph = getDefaultGraph();
  graph.atomically(() => {
    const storeVars = new Map(
      defaultVariableStore(graph)
        .variables()
        .map((v) => [v.op.name, v] as const),
    );
    for (const [tensorNameInCkpt, current] of Object.entries(assignmentMap).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const variable = current instanceof Variable ? current : storeVars.get(current);
      if (variable !== undefined) {
        const shape = variableMap.get(tensorNameInCkpt);
        if (shape === undefined) {
          throw new ValueError(
            `Tensor ${tensorNameInCkpt} is not found in ${ckptDirOrFile} checkpoint ${pyDict(entries)}`,
          );
        }
        if (!isCompatible(variable.shape, shape)) {
          throw new ValueError(
            `Shape of variable ${variable.name} (${shapeToString(variable.shape)}) doesn't match with shape of tensor ${tensorNameInCkpt} ([${shape.join(", ")}]) from checkpoint reader.`,
          );
        }
        setCheckpointInitializer(variable, ckptFile, tensorNameInCkpt);
        continue;
      }
      const currentName = current as string;
      const scopes = currentName.includes("/") ? currentName.slice(0, currentName.lastIndexOf("/")) : "";
      if (!tensorNameInCkpt.endsWith("/")) {
        throw new ValueError(
          `Assignment map with scope only name ${scopes} should map to scope only ${tensorNameInCkpt}. Should be 'scope/': 'other_scope/'.`,
        );
      }
      const scopeVariables = [...storeVars.keys()].filter((n) => !scopes || n.startsWith(`${scopes}/`)).sort();
      for (const varName of scopeVariables) {
        // The name below the scope, under the checkpoint's scope ('/' meaning the root on either side).
        let full = varName.slice(scopes.length);
        if (currentName !== "/") full = full.slice(1);
        if (tensorNameInCkpt !== "/") full = tensorNameInCkpt + full;
        if (full.endsWith("/")) full = full.slice(0, -1);
        if (!variableMap.has(full)) {
          throw new ValueError(
            `Tensor ${full} (${varName.slice(scopes.length + 1)} in ${tensorNameInCkpt}) is not found in ${ckptDirOrFile} checkpoint`,
          );
        }
        setCheckpointInitializer(storeVars.get(varName) as Variable, ckptFile, full);
      }
    }
  });
}
