// contrib/framework/python/ops/arg_scope.py (TF 1.15): arg_scope, add_arg_scope, has_arg_scope, arg_scoped_arguments.
// Python's keyword arguments are each function's trailing options object (API.md's mapping rule).
import { ValueError } from "../errors";
import { isOptionsObject } from "../ops/positional-args";

/** An arg scope: `{ keyOp(fn): { option: default } }`, as TF's dict `{op: {arg: value}}`. */
export type ArgScope = Record<string, Record<string, unknown>>;

type AnyFunction = (...args: any[]) => any;

// arg_scope.py: _ARGSTACK and _DECORATED_OPS are module-level, not per graph.
const argStack: ArgScope[] = [{}];
const decoratedOps = new Map<string, readonly string[] | null>();
const keys = new WeakMap<AnyFunction, string>();
let nextKey = 1;

/** arg_scope.py: _key_op: the key a function has in arg scopes (a decorated function shares its original's key). */
export function keyOp(fn: AnyFunction): string {
  let key = keys.get(fn);
  if (key === undefined) {
    // Python's str(func) names the function and its address; the counter stands for the address.
    key = `<function ${fn.name || "<lambda>"} at 0x${(nextKey++).toString(16)}>`;
    keys.set(fn, key);
  }
  return key;
}

/** arg_scope.py: _current_arg_scope */
export function currentArgScope(): ArgScope {
  return argStack[argStack.length - 1];
}

function copyScope(scope: ArgScope): ArgScope {
  return { ...scope };
}

function run<T>(scope: ArgScope, body: (scope: ArgScope) => T): T {
  argStack.push(scope);
  try {
    return body(scope);
  } finally {
    argStack.pop();
  }
}

/**
 * `with slim.arg_scope(list_ops_or_scope, **kwargs) as sc:`: `argScope([slim.conv2d, slim.fullyConnected],
 * { activationFn, weightsRegularizer }, (sc) => ...)` sets defaults for those functions' options while `body` runs;
 * `argScope(sc, (sc) => ...)` re-enters a scope object. Nested scopes merge, the inner value winning.
 */
export function argScope<T>(listOpsOrScope: readonly AnyFunction[] | ArgScope, body: (scope: ArgScope) => T): T;
export function argScope<T>(
  listOpsOrScope: readonly AnyFunction[] | ArgScope,
  kwargs: Record<string, unknown>,
  body: (scope: ArgScope) => T,
): T;
export function argScope<T>(
  listOpsOrScope: readonly AnyFunction[] | ArgScope,
  kwargsOrBody: Record<string, unknown> | ((scope: ArgScope) => T),
  maybeBody?: (scope: ArgScope) => T,
): T {
  const kwargs = typeof kwargsOrBody === "function" ? {} : kwargsOrBody;
  const body = (typeof kwargsOrBody === "function" ? kwargsOrBody : maybeBody) as (scope: ArgScope) => T;
  if (isOptionsObject(listOpsOrScope)) {
    if (Object.keys(kwargs).length > 0) {
      // arg_scope.py: arg_scope (TF's two string literals join without a space)
      throw new ValueError("When attempting to re-use a scope by suppling adictionary, kwargs must be empty.");
    }
    return run(copyScope(listOpsOrScope as ArgScope), body);
  }
  if (!Array.isArray(listOpsOrScope)) {
    // arg_scope.py: arg_scope
    throw new TypeError("list_ops_or_scope must either be a list/tuple or reusedscope (i.e. dict)");
  }
  const current = copyScope(currentArgScope());
  for (const op of listOpsOrScope as readonly AnyFunction[]) {
    if (!hasArgScope(op)) {
      // arg_scope.py: arg_scope raises ValueError('%s is not decorated with @add_arg_scope', _name_op(op)): the
      // format string and the (module, name) tuple print as a tuple. A JS function has no module: `__main__`.
      throw new ValueError(`('%s is not decorated with @add_arg_scope', ('__main__', '${op.name}'))`);
    }
    const key = keyOp(op);
    current[key] = key in current ? { ...current[key], ...kwargs } : { ...kwargs };
  }
  return run(current, body);
}

export interface AddArgScopeOptions {
  /** The option names the function takes (arg_scoped_arguments); with them, an unknown option is a TypeError. */
  kwargNames?: readonly string[] | null;
  /** The name in messages and in `slim.repeat`'s default scope (Python's `__name__`). */
  name?: string;
}

/**
 * `@add_arg_scope`: a function that takes its options from the current arg scope, overridden by those it is called
 * with (the trailing options object); it keeps the original's arg-scope key.
 */
export function addArgScope<F extends AnyFunction>(func: F, options: AddArgScopeOptions = {}): F {
  const key = keyOp(func);
  const name = options.name ?? func.name;
  const kwargNames = options.kwargNames ?? null;
  const wrapped = (...args: unknown[]) => {
    const scoped = currentArgScope()[key];
    const last = args.at(-1);
    const hasOptions = args.length > 0 && isOptionsObject(last);
    if (!scoped && !hasOptions) return func(...args);
    const positional = hasOptions ? args.slice(0, -1) : args;
    const merged = { ...(scoped ?? {}), ...(hasOptions ? (last as Record<string, unknown>) : {}) };
    if (kwargNames !== null) {
      for (const k of Object.keys(merged)) {
        if (!kwargNames.includes(k)) {
          // Python: calling a function with a keyword it does not take
          throw new TypeError(`${name}() got an unexpected keyword argument '${k}'`);
        }
      }
    }
    return func(...positional, merged);
  };
  Object.defineProperty(wrapped, "name", { value: name });
  keys.set(wrapped, key);
  // arg_scope.py: _add_op keeps the first kwarg names a key was decorated with.
  if (!decoratedOps.has(key)) decoratedOps.set(key, kwargNames);
  return wrapped as unknown as F;
}

/** arg_scope.py: has_arg_scope */
export function hasArgScope(func: AnyFunction): boolean {
  return decoratedOps.has(keyOp(func));
}

/** arg_scope.py: arg_scoped_arguments: the option names a decorated function takes (as declared to addArgScope). */
export function argScopedArguments(func: AnyFunction): readonly string[] {
  if (!hasArgScope(func)) {
    // arg_scope.py: arg_scoped_arguments asserts has_arg_scope(func)
    throw new ValueError(`${func.name} is not decorated with @add_arg_scope`);
  }
  return decoratedOps.get(keyOp(func)) ?? [];
}
