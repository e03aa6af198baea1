// contrib/layers/python/layers/utils.py and layers.py's helpers (TF 1.15): collect_named_outputs,
// get_variable_collections, _add_variable_to_collections, _build_variable_getter, smart_cond, constant_value.
import { ValueError } from "../errors";
import { getDefaultGraph } from "../framework/graph";
import { Tensor } from "../framework/tensor";
import { cond } from "../ops/cond";
import { constantValue as tensorConstantValue } from "../ops/shape-inference";
import type { CustomGetter, GetVariableOptions } from "../scopes/variable-store";
import type { Variable } from "../variables/variable";
import { modelVariable } from "./variables";

/** Collections for a layer's variables: a list for all, or an object keyed by variable kind (`weights`, ...). */
export type VariablesCollections = readonly string[] | Record<string, readonly string[] | null | undefined> | null;
export type OutputsCollections = string | readonly string[] | null;

/** A Tensor with the aliases collect_named_outputs gives it (utils.py: append_tensor_alias). */
export type AliasedTensor = Tensor & { aliases?: string[] };

/** utils.py: append_tensor_alias: `alias` (without a trailing `/`) appended to `tensor.aliases`. */
export function appendTensorAlias(tensor: Tensor, alias: string): Tensor {
  const name = alias.endsWith("/") ? alias.slice(0, -1) : alias;
  const t = tensor as AliasedTensor;
  if (t.aliases) t.aliases.push(name);
  else t.aliases = [name];
  return tensor;
}

/** utils.py: collect_named_outputs(collections, alias, outputs) */
export function collectNamedOutputs(
  collections: OutputsCollections | undefined,
  alias: string,
  outputs: Tensor,
): Tensor {
  if (collections && collections.length > 0) {
    appendTensorAlias(outputs, alias);
    const graph = getDefaultGraph();
    for (const key of typeof collections === "string" ? [collections] : collections)
      graph.addToCollection(key, outputs);
  }
  return outputs;
}

/** utils.py: get_variable_collections(variables_collections, name) */
export function getVariableCollections(
  variablesCollections: VariablesCollections | undefined,
  name: string,
): readonly string[] | null {
  if (!variablesCollections) return null;
  if (Array.isArray(variablesCollections)) return variablesCollections as readonly string[];
  return (variablesCollections as Record<string, readonly string[] | null | undefined>)[name] ?? null;
}

/** layers.py: _add_variable_to_collections(variable, collections_set, collections_name) */
export function addVariableToCollections(
  variable: Variable,
  collectionsSet: VariablesCollections | undefined,
  collectionsName: string,
): void {
  const graph = getDefaultGraph();
  for (const key of getVariableCollections(collectionsSet, collectionsName) ?? []) {
    if (!graph.getCollection(key).includes(variable)) graph.addToCollection(key, variable);
  }
}

/**
 * layers.py: _build_variable_getter(rename) / _model_variable_getter: a custom getter that creates the layer's
 * weights with model_variable, renaming the last name component (`kernel` → `weights`, `bias` → `biases`).
 */
export function buildVariableGetter(rename: Record<string, string> | null = null): CustomGetter {
  return (getter, name, ...rest) => {
    const o: GetVariableOptions = rest.at(-1) ?? {};
    let fullName = name;
    const parts = name.split("/");
    const short = parts[parts.length - 1];
    if (rename && Object.hasOwn(rename, short)) {
      parts[parts.length - 1] = rename[short];
      fullName = parts.join("/");
    }
    return modelVariable(fullName, {
      shape: o.shape ?? null,
      dtype: o.dtype ?? null,
      initializer: o.initializer,
      regularizer: o.regularizer ?? null,
      collections: o.collections ?? null,
      trainable: o.trainable ?? true,
      customGetter: (n: string, options: GetVariableOptions) => getter(n, options),
    });
  };
}

/** `is_training` as layers take it: a boolean, or a bool Tensor (a placeholder, a variable) read at run time. */
export type IsTraining = boolean | Tensor | Variable;

/** utils.py: constant_value(value_or_tensor_or_var): a boolean now, or null for a value only known at run time. */
export function constantValue(value: IsTraining): boolean | null {
  if (typeof value === "boolean") return value;
  if (value instanceof Tensor) {
    const v = tensorConstantValue(value);
    return v === null || v.length !== 1 ? null : v[0] !== 0;
  }
  if (typeof value === "number") return value !== 0;
  // A Variable's value is only known at run time.
  if (value && typeof value === "object" && "op" in value) return null;
  // utils.py: constant_value
  throw new TypeError(`\`value\` should be a boolean, a Tensor or a Variable; got ${String(value)}.`);
}

/** utils.py: smart_cond(pred, fn1, fn2, name=None): calls one function when `pred` is known now, else a tf.cond. */
export function smartCond<T>(pred: IsTraining, fn1: () => T, fn2: () => T, name?: string): T {
  const value = constantValue(pred);
  if (value !== null) return value ? fn1() : fn2();
  return cond(pred as Tensor, fn1, fn2, { name }) as T;
}

/** conv_utils.py: normalize_tuple(value, n, name) */
export function normalizeTuple(value: number | readonly number[], n: number, name: string): number[] {
  if (typeof value === "number") return Array.from({ length: n }, () => value);
  if (value.length !== n || !value.every((v) => Number.isInteger(v))) {
    // conv_utils.py: normalize_tuple
    throw new ValueError(
      `The \`${name}\` argument must be a tuple of ${n} integers. Received: (${value.join(", ")}${value.length === 1 ? "," : ""})`,
    );
  }
  return [...value];
}
