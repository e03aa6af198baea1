// contrib/framework/python/ops/variables.py (TF 1.15): the variable helpers beyond slim's variable/model_variable:
// local/global variables, the collection getters by scope, suffix and name, get_variables_to_restore,
// get_unique_variable, assign_from_values(_fn), assign_from_checkpoint(_fn), filter_variables.
import { ValueError } from "../errors";
import { allocData } from "../framework/dtypes";
import { type Graph, getDefaultGraph } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import { NDArray } from "../framework/ndarray";
import type { Operation } from "../framework/operation";
import { shapeToString } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { type ArrayValue, toNDArray } from "../framework/tensor-value";
import type { FileSystem } from "../io/file-system";
import { placeholder } from "../ops/array-ops";
import { group } from "../ops/control-flow-ops";
import type { Session } from "../session/session";
import { NewCheckpointReader } from "../train/checkpoint/checkpoint-reader";
import { Saver } from "../train/checkpoint/saver";
import { assertGlobalStep, type GlobalStep, getGlobalStep } from "../train/training-util";
import { type InitialValue, Variable } from "../variables/variable";
import { getVariables } from "./variables";

/** variables.py: local_variable(initial_value, validate_shape=True, name=None): untrainable, in LOCAL_VARIABLES. */
export function localVariable(initialValue: InitialValue, validateShape = true, name?: string | null): Variable {
  return new Variable(initialValue, {
    trainable: false,
    collections: [GraphKeys.LOCAL_VARIABLES],
    validateShape,
    name: name ?? undefined,
  });
}

/** variables.py: global_variable(initial_value, validate_shape=True, name=None): untrainable, in GLOBAL_VARIABLES. */
export function globalVariable(initialValue: InitialValue, validateShape = true, name?: string | null): Variable {
  return new Variable(initialValue, {
    trainable: false,
    collections: [GraphKeys.GLOBAL_VARIABLES],
    validateShape,
    name: name ?? undefined,
  });
}

/** variables.py: add_model_variable(var): into MODEL_VARIABLES unless already there. */
export function addModelVariable(v: Variable): void {
  if (!getDefaultGraph().getCollection(GraphKeys.MODEL_VARIABLES).includes(v)) {
    getDefaultGraph().addToCollection(GraphKeys.MODEL_VARIABLES, v);
  }
}

/** variables.py: get_local_variables(scope=None, suffix=None) */
export function getLocalVariables(scope: string | null = null, suffix: string | null = null): Variable[] {
  return getVariables(scope, suffix, GraphKeys.LOCAL_VARIABLES);
}

/** variables.py: get_variables_to_restore(include=None, exclude=None): by scope prefixes, include then exclude. */
export function getVariablesToRestore(
  include: readonly string[] | null = null,
  exclude: readonly string[] | null = null,
): Variable[] {
  let toInclude: Variable[];
  if (include === null) toInclude = getVariables();
  else {
    if (!Array.isArray(include)) throw new TypeError("include is provided but is not a list or a tuple.");
    toInclude = include.flatMap((scope) => getVariables(scope));
  }
  const toExclude = new Set<Variable>();
  if (exclude !== null) {
    if (!Array.isArray(exclude)) throw new TypeError("exclude is provided but is not a list or a tuple.");
    for (const scope of exclude) for (const v of getVariables(scope)) toExclude.add(v);
  }
  return toInclude.filter((v) => !toExclude.has(v));
}

/** variables.py: get_variables_by_suffix(suffix, scope=None) */
export function getVariablesBySuffix(suffix: string, scope: string | null = null): Variable[] {
  return getVariables(scope, suffix);
}

/** variables.py: get_variables_by_name(given_name, scope=None): variables named `given_name` in any scope. */
export function getVariablesByName(givenName: string, scope: string | null = null): Variable[] {
  return getVariables(scope, `/${givenName}:|^${givenName}:`);
}

/** variables.py: get_unique_variable(var_op_name): the variable whose op is named exactly `varOpName`. */
export function getUniqueVariable(varOpName: string): Variable {
  const candidates = getVariables(varOpName);
  if (candidates.length === 0) throw new ValueError(`Couldn't find variable ${varOpName}`);
  const found = candidates.find((c) => c.op.name === varOpName);
  if (!found) throw new ValueError(`Variable ${varOpName} does not uniquely identify a variable`);
  return found;
}

/** variables.py: get_variable_full_name(var): its partitioned variable's name for a part, else its op's name. */
export function getVariableFullName(v: Variable): string {
  return v.saveSliceInfo ? v.saveSliceInfo.fullName : v.op.name;
}

/** The feeds assign_from_values and assign_from_checkpoint return (TF's feed_dict), ready for Session.run. */
export type AssignFeeds = Map<Tensor, NDArray>;

/** numpy's `value.reshape(shape)`: the same elements in `shape`, or numpy's ValueError. */
function reshaped(value: ArrayValue, v: Variable): NDArray {
  const array = value instanceof NDArray ? value : toNDArray(value, v.dtype);
  const shape = v.shape as number[];
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== array.size) {
    throw new ValueError(`cannot reshape array of size ${array.size} into shape ${shapeToString(shape)}`);
  }
  return new NDArray(array.dtype, shape, array.data);
}

/** A `placeholder/<var op name>` and the var's assign from it (TF keeps large values out of the graph this way). */
function assignFromPlaceholder(v: Variable): [Tensor, Tensor] {
  const p = placeholder(v.dtype, v.shape, `placeholder/${v.op.name}`);
  return [p, v.assign(p)];
}

/**
 * variables.py: assign_from_values(var_names_to_values): `[assignOp, feeds]`, one `placeholder/<name>` and assign
 * per variable (found by op name among the global variables); ValueError for a name that finds none or several.
 */
export function assignFromValues(varNamesToValues: Readonly<Record<string, ArrayValue>>): [Operation, AssignFeeds] {
  const feeds: AssignFeeds = new Map();
  const assignOps: Tensor[] = [];
  for (const name of Object.keys(varNamesToValues)) {
    const candidates = getDefaultGraph().getCollection<Variable>(GraphKeys.GLOBAL_VARIABLES, name);
    let v: Variable | undefined;
    if (candidates.length === 0) throw new ValueError(`Variable ${name} wasn't found`);
    if (candidates.length > 1) {
      // get_collection is a prefix filter: find the exact match.
      v = candidates.find((c) => c.op.name === name);
      if (!v) throw new ValueError(`Variable ${name} doesn't uniquely identify a variable`);
    } else v = candidates[0];
    const [p, assign] = assignFromPlaceholder(v);
    assignOps.push(assign);
    feeds.set(p, reshaped(varNamesToValues[name], v));
  }
  return [group(assignOps), feeds];
}

/** variables.py: assign_from_values_fn: a function of a Session that runs assign_from_values' op with its feeds. */
export function assignFromValuesFn(varNamesToValues: Readonly<Record<string, ArrayValue>>): (session: Session) => null {
  const [assignOp, feeds] = assignFromValues(varNamesToValues);
  return (session) => session.run(assignOp, feeds);
}

/** numpy's `value[offset:offset+shape, ...]` for a partition of a checkpointed tensor. */
function sliceOf(value: NDArray, offsets: readonly number[], shape: readonly number[]): NDArray {
  const size = shape.reduce((a, b) => a * b, 1);
  const data = allocData(value.dtype, size);
  const strides = value.shape.map((_, d) => value.shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const source = value.data as ArrayLike<unknown>;
  for (let i = 0; i < size; i++) {
    let rest = i;
    let at = 0;
    for (let d = shape.length - 1; d >= 0; d--) {
      at += ((rest % shape[d]) + offsets[d]) * strides[d];
      rest = Math.floor(rest / shape[d]);
    }
    data[i] = source[at] as never;
  }
  return new NDArray(value.dtype, [...shape], data);
}

/** What assign_from_checkpoint restores: variables (keyed by their full names), or checkpoint names to variables. */
export type CheckpointVarList = readonly Variable[] | Readonly<Record<string, Variable | readonly Variable[]>>;

/**
 * variables.py: assign_from_checkpoint(model_path, var_list, ignore_missing_vars=False): `[assignOp, feeds]` that set
 * each variable (or each part of a partitioned one) to its value in the checkpoint `modelPath`. ValueError
 * `Checkpoint is missing variable [<name>]` unless `ignoreMissingVars` (then it logs a warning and skips it).
 */
export function assignFromCheckpoint(
  modelPath: string,
  varList: CheckpointVarList,
  ignoreMissingVars = false,
  fs?: FileSystem,
): [Operation, AssignFeeds] {
  const grouped = new Map<string, Variable[]>();
  if (Array.isArray(varList)) {
    for (const v of varList as readonly Variable[]) {
      const name = getVariableFullName(v);
      grouped.set(name, [...(grouped.get(name) ?? []), v]);
    }
  } else {
    for (const [name, value] of Object.entries(varList as Record<string, Variable | readonly Variable[]>)) {
      grouped.set(name, Array.isArray(value) ? [...value] : [value as Variable]);
    }
  }
  const reader = NewCheckpointReader(modelPath, fs);
  const feeds: AssignFeeds = new Map();
  const assignOps: Tensor[] = [];
  for (const [ckptName, vars] of grouped) {
    if (!reader.hasTensor(ckptName)) {
      const message = `Checkpoint is missing variable [${ckptName}]`;
      if (ignoreMissingVars) {
        console.warn(message);
        continue;
      }
      throw new ValueError(message);
    }
    const value = reader.getTensor(ckptName);
    for (const v of vars) {
      const [p, assign] = assignFromPlaceholder(v);
      assignOps.push(assign);
      const info = v.saveSliceInfo;
      if (!info) {
        const shape = v.shape;
        if (shape === null || shape.length !== value.shape.length || shape.some((d, i) => d !== value.shape[i])) {
          throw new ValueError(
            `Total size of new array must be unchanged for ${ckptName} lh_shape: [${shapeToString(value.shape)}], rh_shape: [${shapeToString(shape)}]`,
          );
        }
        feeds.set(p, value);
      } else feeds.set(p, sliceOf(value, info.varOffset, info.varShape));
    }
  }
  return [group(assignOps), feeds];
}

/**
 * variables.py: assign_from_checkpoint_fn(model_path, var_list, ignore_missing_vars=False): a function of a Session
 * that restores `varList` from `modelPath` with a Saver; with `ignoreMissingVars`, only the variables the checkpoint
 * has (null, with a warning, when none). ValueError `var_list cannot be empty`.
 */
export function assignFromCheckpointFn(
  modelPath: string,
  varList: readonly Variable[] | Readonly<Record<string, Variable>>,
  ignoreMissingVars = false,
  fs?: FileSystem,
): ((session: Session) => void) | null {
  const entries: [string, Variable][] = Array.isArray(varList)
    ? (varList as readonly Variable[]).map((v) => [v.op.name, v])
    : Object.entries(varList as Record<string, Variable>);
  if (entries.length === 0) throw new ValueError("var_list cannot be empty");
  let available = entries;
  if (ignoreMissingVars) {
    const reader = NewCheckpointReader(modelPath, fs);
    available = entries.filter(([name]) => {
      if (reader.hasTensor(name)) return true;
      console.warn(`Variable ${name} missing in checkpoint ${modelPath}`);
      return false;
    });
  }
  if (available.length === 0) {
    console.warn("No Variables to restore");
    return null;
  }
  const saver = new Saver(Object.fromEntries(available));
  return (session) => saver.restore(session, modelPath);
}

/**
 * variables.py: filter_variables(var_list, include_patterns=None, exclude_patterns=None, reg_search=True): the
 * variables whose name matches an include pattern (all when none) and no exclude pattern; re.search, or re.match
 * (anchored at the start) when `regSearch` is false.
 */
export function filterVariables<V extends { name: string }>(
  varList: readonly V[],
  includePatterns: readonly string[] | null = null,
  excludePatterns: readonly string[] | null = null,
  regSearch = true,
): V[] {
  const matches = (pattern: string, name: string) => new RegExp(regSearch ? pattern : `^(?:${pattern})`).test(name);
  const included =
    includePatterns === null ? [...varList] : varList.filter((v) => includePatterns.some((p) => matches(p, v.name)));
  return excludePatterns === null ? included : included.filter((v) => !excludePatterns.some((p) => matches(p, v.name)));
}

/**
 * variables.py: assert_or_get_global_step(graph=None, global_step_tensor=None): the given global step once checked
 * (assert_global_step), else the graph's (get_global_step), else null.
 */
export function assertOrGetGlobalStep(
  graph: Graph | null = null,
  globalStepTensor: GlobalStep | null = null,
): GlobalStep | null {
  if (globalStepTensor === null) return getGlobalStep(graph ?? getDefaultGraph());
  assertGlobalStep(globalStepTensor);
  return globalStepTensor;
}
