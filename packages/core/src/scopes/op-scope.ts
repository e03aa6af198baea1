// ops.py: op_scope(values, name, default_name=None): deprecated, the same as name_scope(name, default_name, values).

import { messages } from "./messages";
import { enterNameScope } from "./name-scope";
import { warnOnce } from "./variable-scope";

/** ops.py: op_scope: logs TF's deprecation warning (once) and opens `nameScope(name, defaultName, values)`. */
export function opScope<T>(
  values: readonly unknown[],
  name: string | null | undefined,
  defaultName: string | null | undefined,
  body: (scopeName: string) => T,
): T {
  warnOnce("op_scope", messages.opScopeDeprecated());
  return enterNameScope(name, defaultName, values, body);
}
