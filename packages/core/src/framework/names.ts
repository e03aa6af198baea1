// ops.py: _VALID_OP_NAME_REGEX, _VALID_SCOPE_NAME_REGEX, name_from_scope_name.

export const VALID_OP_NAME = /^[A-Za-z0-9.][A-Za-z0-9_.\-/>]*$/;
export const VALID_SCOPE_NAME = /^[A-Za-z0-9_.\-/>]*$/;

/** ops.py: name_from_scope_name: "a/b/" -> "a/b". */
export function nameFromScopeName(name: string): string {
  return name.endsWith("/") ? name.slice(0, -1) : name;
}

/** ops.py: strip_name_scope */
export function stripNameScope(name: string, scope?: string): string {
  if (!scope) return name;
  const prefix = scope.endsWith("/") ? scope : `${scope}/`;
  if (name.startsWith(`^${prefix}`)) return `^${name.slice(prefix.length + 1)}`;
  return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

/** ops.py: prepend_name_scope */
export function prependNameScope(name: string, scope?: string): string {
  if (!scope) return name;
  const prefix = scope.endsWith("/") ? scope : `${scope}/`;
  return name.startsWith("^") ? `^${prefix}${name.slice(1)}` : `${prefix}${name}`;
}
