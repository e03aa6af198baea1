// op_def.proto: OpDef, an op type's signature (inputs, attrs, outputs), as scopeflow's op tables declare it.
// Everything keyed by op type reads these: Graph.createOp, the importer, the executor's ref inputs, Tensor.isRef.
import type { Attrs } from "./attr-value";
import { asDType, type DType } from "./dtypes";

/** op_def.proto AttrDef.type, spelled as TF spells it. */
export type AttrType =
  | "type"
  | "int"
  | "float"
  | "bool"
  | "string"
  | "shape"
  | "tensor"
  | "func"
  | "list(int)"
  | "list(float)"
  | "list(type)"
  | "list(shape)"
  | "list(string)";

/** op_def.proto ArgDef: a plain name, or a ref / list input. */
export interface InputArg {
  readonly name: string;
  /** `Ref(T)`: the op reads the variable's storage, not a snapshot (Assign, Apply*). */
  readonly ref?: boolean;
  /** `N * T`: as many inputs as this int attr says. */
  readonly numberAttr?: string;
  /** A list of mixed types, one per entry of this list(type) attr. */
  readonly typeListAttr?: string;
}

/** The dtypes of an op's outputs, from its attrs (TF's output args are typed by attrs only). */
export type OutputRule = (attrs: Attrs) => DType[];

export interface OpDef<Type extends string = string> {
  readonly type: Type;
  readonly inputs: readonly InputArg[];
  readonly attrs: Readonly<Record<string, AttrType>>;
  readonly outputs: OutputRule;
  /** Output 0 is a reference to a variable's storage (`float32_ref`): variables, and the ops that return it. */
  readonly refOutput: boolean;
  /** The outputs that are references (`[0]` for a refOutput op; both of RefSwitch's). */
  readonly refOutputs: readonly number[];
  /** The op's output is the variable itself (VariableV2): the executor reads the store where it is consumed. */
  readonly isVariable: boolean;
  /** Input positions that take a reference; empty for most ops. */
  readonly refInputs: readonly number[];
}

/** How a table entry is written: inputs as names, or InputArgs where they are refs or lists. */
export interface OpSpec {
  readonly inputs?: readonly (string | InputArg)[];
  readonly attrs?: Readonly<Record<string, AttrType>>;
  readonly outputs: OutputRule;
  readonly refOutput?: boolean;
  /** Ref outputs other than output 0 alone (RefSwitch forwards the reference to both of its outputs). */
  readonly refOutputs?: readonly number[];
  readonly isVariable?: boolean;
}

/** One op def from its spec. */
export function defineOp<const Type extends string>(type: Type, spec: OpSpec): OpDef<Type> {
  const inputs = (spec.inputs ?? []).map((arg) => (typeof arg === "string" ? { name: arg } : arg));
  const firstList = inputs.findIndex((arg) => arg.numberAttr !== undefined || arg.typeListAttr !== undefined);
  // Ref inputs of TF's ops all come before any list input, so their positions are fixed.
  const refInputs = inputs.flatMap((arg, i) => (arg.ref && (firstList < 0 || i < firstList) ? [i] : []));
  const refOutputs = spec.refOutputs ?? ((spec.refOutput ?? spec.isVariable) ? [0] : []);
  return {
    type,
    inputs,
    attrs: spec.attrs ?? {},
    outputs: spec.outputs,
    refOutput: refOutputs.includes(0),
    refOutputs,
    isVariable: spec.isVariable ?? false,
    refInputs,
  };
}

/** A family's table: each key is the TF op type, each value its def. */
export function defineOps<const Specs extends Record<string, OpSpec>>(
  specs: Specs,
): { readonly [Type in keyof Specs & string]: OpDef<Type> } {
  const defs: Record<string, OpDef> = {};
  for (const [type, spec] of Object.entries(specs)) defs[type] = defineOp(type, spec);
  return defs as { readonly [Type in keyof Specs & string]: OpDef<Type> };
}

/** Outputs rules shared by the tables. */
export const outputs = {
  /** One output typed by an attr (`T`, `dtype`, `out_type`); `fallback` when the attr is absent. */
  typeOf(attr: string, fallback?: DType): OutputRule {
    return (attrs) => [attrDType(attrs, attr, fallback)];
  },
  /** Fixed dtypes. */
  fixed(...dtypes: DType[]): OutputRule {
    return () => dtypes;
  },
  none: (() => []) as OutputRule,
  /** `count` outputs of the same attr type. */
  repeat(count: number, attr: string): OutputRule {
    return (attrs) => Array.from({ length: count }, () => attrDType(attrs, attr));
  },
  /** As many outputs as the int attr `countAttr`, each typed by `typeAttr`. */
  listOf(countAttr: string, typeAttr: string, fallback?: DType): OutputRule {
    return (attrs) => Array.from({ length: Number(attrs[countAttr] ?? 0) }, () => attrDType(attrs, typeAttr, fallback));
  },
  /** As many outputs of one fixed dtype as the int attr `countAttr`. */
  fixedList(countAttr: string, dtype: DType): OutputRule {
    return (attrs) => Array.from({ length: Number(attrs[countAttr] ?? 0) }, () => dtype);
  },
  /** One output per entry of a list(type) attr. */
  typeList(attr: string): OutputRule {
    return (attrs) => ((attrs[attr] ?? []) as DType[]).map((d) => asDType(d));
  },
  /** Several single outputs, each by its own rule. */
  concat(...rules: OutputRule[]): OutputRule {
    return (attrs) => rules.flatMap((rule) => rule(attrs));
  },
};

function attrDType(attrs: Attrs, name: string, fallback?: DType): DType {
  const value = attrs[name];
  if (value === undefined || value === null) {
    if (fallback) return fallback;
    throw new Error(`attr '${name}' is missing`);
  }
  return asDType(value as DType);
}

/** How many inputs a def takes with these attrs (list inputs count their attr), or undefined if not fixed. */
export function inputCount(def: OpDef, attrs: Attrs): number | undefined {
  let count = 0;
  for (const arg of def.inputs) {
    if (arg.numberAttr !== undefined) {
      const n = attrs[arg.numberAttr];
      if (typeof n !== "number") return undefined;
      count += n;
    } else if (arg.typeListAttr !== undefined) {
      const list = attrs[arg.typeListAttr];
      if (!Array.isArray(list)) return undefined;
      count += list.length;
    } else count += 1;
  }
  return count;
}

/** The def of an op type that no table declares: typed by the dtypes its creator gives (TF's create_op(dtypes=...)). */
export function adHocOpDef(type: string, outputs: readonly { readonly dtype: DType }[]): OpDef {
  const dtypes = outputs.map((o) => o.dtype);
  return defineOp(type, { outputs: () => dtypes });
}
