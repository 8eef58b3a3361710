// Tables keyed by user text. A plain object literal answers `constructor`, `toString` or
// `__proto__` from Object.prototype, and `out[name] = v` with name `__proto__` sets the
// prototype instead of a property: a variable called so would vanish or print as native code.

/** A lookup table without a prototype: only its own keys answer. */
export function dict<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/** `out[key] = value` as an own, enumerable property, whatever the key. */
export function setOwn<T>(out: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}
