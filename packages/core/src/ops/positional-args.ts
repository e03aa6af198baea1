// API.md's mapping rule for Python's positional-or-keyword parameters: values in TF's order, any of them (from some
// position on) given by name in one trailing options object instead.

/** A plain object (not a Tensor, Variable, NDArray, array or typed array): the trailing options object. */
export function isOptionsObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Gathers `args` (what follows a function's leading inputs) into one object keyed by `names`: positional values in
 * order until a plain object, whose entries are merged in. A parameter given both ways is Python's TypeError
 * (`dropout() got multiple values for argument 'keep_prob'`).
 */
export function positionalArgs<T extends object>(
  fn: string,
  names: readonly (keyof T & string)[],
  args: readonly unknown[],
): Partial<T> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < args.length; i++) {
    const value = args[i];
    if (isOptionsObject(value)) {
      for (const [key, v] of Object.entries(value)) {
        if (v === undefined) continue;
        if (out[key] !== undefined) {
          // Python: a parameter given positionally and by keyword
          throw new TypeError(`${fn}() got multiple values for argument '${snakeCase(key)}'`);
        }
        out[key] = v;
      }
      if (args.slice(i + 1).some((a) => a !== undefined)) {
        // scopeflow: the options object is the last argument
        throw new TypeError(`${fn}(): the options object must be the last argument`);
      }
      break;
    }
    if (i >= names.length) {
      // scopeflow: more positional values than the TF signature has parameters
      throw new TypeError(
        `${fn}() got ${args.length} arguments after its inputs; TF 1.15's signature has ${names.length} (${names.map(snakeCase).join(", ")})`,
      );
    }
    if (value !== undefined) out[names[i]] = value;
  }
  return out as Partial<T>;
}
