// ops.py: name_scope (the v1 class: name, default_name, values).
import { ValueError } from "../errors";
import { getDefaultGraph } from "../framework/graph";
import { graphFromInputs } from "./graph-from-inputs";

type ScopeBody<T> = (scopeName: string) => T;

const BY_DEFAULT = { byDefault: true };

/**
 * `with tf.name_scope(name[, default_name, values]) as scope:`. The body gets the scope name ("a/b/").
 * With `values`, their graph is the default inside the scope.
 */
export function nameScope<T>(name: string | null | undefined, body: ScopeBody<T>): T;
export function nameScope<T>(
  name: string | null | undefined,
  defaultName: string | null | undefined,
  values: readonly unknown[] | null | undefined,
  body: ScopeBody<T>,
): T;
export function nameScope<T>(name: string | null | undefined, ...rest: unknown[]): T {
  const body = rest.at(-1) as ScopeBody<T>;
  const defaultName = rest.length > 1 ? (rest[0] as string | null | undefined) : undefined;
  const values = rest.length > 2 ? (rest[1] as readonly unknown[] | null | undefined) : undefined;
  return enterNameScope(name, defaultName, values, body);
}

/** The shared implementation of nameScope, also used by op constructors (`with ops.name_scope(name, "Op", [x])`). */
export function enterNameScope<T>(
  name: string | null | undefined,
  defaultName: string | null | undefined,
  values: readonly unknown[] | null | undefined,
  body: ScopeBody<T>,
): T {
  if (defaultName !== null && defaultName !== undefined && typeof defaultName !== "string") {
    // ops.py: name_scope.__init__
    throw new TypeError(
      `\`default_name\` type (${pyType(defaultName)}) is not a string type. You likely meant to pass this into the \`values\` kwarg.`,
    );
  }
  const effective = name ?? defaultName;
  if ((effective === null || effective === undefined) && values) {
    // ops.py: name_scope.__enter__
    throw new ValueError(
      `At least one of name (${pyStr(name)}) and default_name (${pyStr(defaultName)}) must be provided.`,
    );
  }
  const current = getDefaultGraph();
  const graph = values && values.length > 0 ? graphFromInputs(values) : current;
  // A failing body leaves the graph as it was: no op, name counter or collection entry from it survives.
  // The scope tools note a default name (an op builder's type) as such.
  const how = (name === null || name === undefined) && effective ? BY_DEFAULT : undefined;
  const enter = () => graph.atomically(() => graph.nameScope(effective, body, how));
  return graph === current ? enter() : graph.asDefault(enter);
}

function pyStr(value: string | null | undefined): string {
  return value === null || value === undefined ? "None" : value;
}

/** Python's str(type(value)) for the JS values a caller might pass by mistake. */
function pyType(value: unknown): string {
  const name = Array.isArray(value)
    ? "list"
    : typeof value === "number"
      ? Number.isInteger(value)
        ? "int"
        : "float"
      : typeof value === "boolean"
        ? "bool"
        : typeof value === "object"
          ? "dict"
          : typeof value;
  return `<class '${name}'>`;
}
