// Python's `with` blocks become synchronous callbacks; this runs one and rejects async bodies.

/**
 * Runs a scope body synchronously. A body that returns a Promise (an async function) is rejected: scopes are a
 * dynamic stack, so an await inside one would let other code run inside the wrong scope.
 */
export function runScopeBody<A, T>(what: string, body: (arg: A) => T, arg: A): T {
  const result = body(arg);
  if (result !== null && typeof result === "object" && typeof (result as { then?: unknown }).then === "function") {
    throw new TypeError(
      `The body of ${what} returned a Promise. Scope bodies must be synchronous, because scopes are a dynamic ` +
        "stack that an await would leave open for other code; do the asynchronous work outside the scope.",
    );
  }
  return result;
}
