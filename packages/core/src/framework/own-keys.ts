// Maps keyed by names that come from data (attr names, collection keys, checkpoint keys). `obj[key] = value` with
// key "__proto__" replaces the object's prototype instead of adding an entry, so such maps are filled with setOwn.

/** Adds `key` as an own enumerable property, whatever the key ("__proto__" included). */
export function setOwn<T>(map: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}
