// Maps keyed by names that come from data (attr names, collection keys, checkpoint keys; the proto decoders' map
// fields too). `obj[key] = value` with key "__proto__" replaces the object's prototype instead of adding an entry.

/** Adds `key` as an own enumerable property, whatever the key ("__proto__" included). */
export function setOwn<T>(map: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}
