// util/nest.py (flatten, map_structure, pack_sequence_as, assert_same_structure) and util.cc (AssertSameStructureHelper)
// over JavaScript structures: an array is Python's list, a plain object its dict (flattened in sorted key order, rebuilt
// in its own key order); anything else (Tensor, Operation, Variable, number, ...) is a leaf.
import { pyRepr, ValueError } from "../errors";
import { Operation } from "../framework/operation";
import { Tensor } from "../framework/tensor";

export type Structure<T> = T | readonly Structure<T>[] | { readonly [key: string]: Structure<T> };

function isDict(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** nest.is_sequence: an array or a plain object. */
export function isSequence(value: unknown): value is readonly unknown[] | Record<string, unknown> {
  return Array.isArray(value) || isDict(value);
}

/** nest._yield_value: an array's items, a dict's values in sorted key order. */
function children(value: readonly unknown[] | Record<string, unknown>): unknown[] {
  if (Array.isArray(value)) return [...value];
  const dict = value as Record<string, unknown>;
  return Object.keys(dict)
    .sort()
    .map((key) => dict[key]);
}

/** nest.flatten: the leaves, depth first. */
export function flatten<T>(structure: Structure<T>): T[] {
  if (!isSequence(structure)) return [structure as T];
  return children(structure).flatMap((child) => flatten(child as Structure<T>));
}

/** nest.pack_sequence_as: `flat` in the shape of `structure`. */
export function packSequenceAs<T, U>(structure: Structure<T>, flat: readonly U[]): Structure<U> {
  let next = 0;
  const pack = (node: unknown): unknown => {
    if (!isSequence(node)) return flat[next++];
    if (Array.isArray(node)) return node.map(pack);
    const dict = node as Record<string, unknown>;
    const packed = new Map(
      Object.keys(dict)
        .sort()
        .map((key) => [key, pack(dict[key])] as const),
    );
    return Object.fromEntries(Object.keys(dict).map((key) => [key, packed.get(key)]));
  };
  const result = pack(structure) as Structure<U>;
  if (next !== flat.length) {
    // nest.py: pack_sequence_as
    throw new ValueError(
      `Could not pack sequence. Structure had ${next} elements, but flat_sequence had ${flat.length} elements.`,
    );
  }
  return result;
}

/** nest.map_structure over one structure. */
export function mapStructure<T, U>(structure: Structure<T>, fn: (leaf: T) => U): Structure<U> {
  return packSequenceAs(structure, flatten(structure).map(fn));
}

/** Python's repr of a leaf as it shows inside a list or dict. */
function reprLeaf(value: unknown): string {
  if (value instanceof Tensor) return value.repr();
  if (value instanceof Operation) return `<tf.Operation '${value.name}' type=${value.type}>`;
  if (typeof value === "string") return pyRepr(value);
  if (typeof value === "boolean") return value ? "True" : "False";
  if (value === null || value === undefined) return "None";
  return String(value);
}

/** Python's str of a structure (a list shows its items' reprs). */
function pyStr(value: unknown, leaf: (v: unknown) => string = reprLeaf): string {
  if (Array.isArray(value)) return `[${value.map((v) => pyStr(v, leaf)).join(", ")}]`;
  if (isDict(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${pyRepr(k)}: ${pyStr(v, leaf)}`)
      .join(", ")}}`;
  }
  return leaf(value);
}

/** str() of a top-level leaf: a Tensor prints as `Tensor("x:0", shape=(), dtype=float32)`. */
function strTop(value: unknown): string {
  return value instanceof Tensor ? String(value) : pyStr(value);
}

function typeName(value: unknown): string {
  return Array.isArray(value) ? "list" : "dict";
}

/** util.cc: AssertSameStructureHelper: the first difference, and whether it is a TypeError. */
function difference(a: unknown, b: unknown): { message: string; typeError: boolean } | null {
  const seqA = isSequence(a);
  const seqB = isSequence(b);
  if (seqA !== seqB) {
    const [seq, nonSeq] = seqA ? [a, b] : [b, a];
    return {
      message: `Substructure "${strTop(seq)}" is a sequence, while substructure "${strTop(nonSeq)}" is not`,
      typeError: false,
    };
  }
  if (!seqA) return null;
  if (Array.isArray(a) !== Array.isArray(b)) {
    return {
      message: `The two namedtuples don't have the same sequence type. First structure ${strTop(a)} has type ${typeName(a)}, while second structure ${strTop(b)} has type ${typeName(b)}`,
      typeError: true,
    };
  }
  if (isDict(a) && isDict(b)) {
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    if (keysA.length !== keysB.length || keysA.some((k) => !Object.hasOwn(b, k))) {
      return {
        message: `The two dictionaries don't have the same set of keys. First structure has keys ${pyStr(keysA)}, while second structure has keys ${pyStr(keysB)}`,
        typeError: false,
      };
    }
  }
  const childrenA = children(a as readonly unknown[]);
  const childrenB = children(b as readonly unknown[]);
  for (let i = 0; i < Math.min(childrenA.length, childrenB.length); i++) {
    const inner = difference(childrenA[i], childrenB[i]);
    if (inner) return inner;
  }
  if (childrenA.length !== childrenB.length) {
    return {
      message: `The two structures don't have the same number of elements. First structure: ${strTop(a)}. Second structure: ${strTop(b)}`,
      typeError: false,
    };
  }
  return null;
}

/**
 * nest.assert_same_structure(nest1, nest2, check_types=True): TF's ValueError (TypeError for a list against a dict)
 * with util.cc's message and nest.py's "Entire first structure" lines.
 */
export function assertSameStructure(a: unknown, b: unknown): void {
  const found = difference(a, b);
  if (!found) return;
  const dots = (value: unknown) =>
    pyStr(
      mapStructure(value as Structure<unknown>, () => "."),
      String,
    );
  const message =
    `The two structures don't have the same nested structure.\n\nFirst structure: ${strTop(a)}\n\n` +
    `Second structure: ${strTop(b)}\n\nMore specifically: ${found.message}\n` +
    `Entire first structure:\n${dots(a)}\nEntire second structure:\n${dots(b)}`;
  throw found.typeError ? new TypeError(message) : new ValueError(message);
}
