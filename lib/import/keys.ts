// Property keys come from the file, so they are data: a key such as `__proto__` assigned with `obj[key] =`
// would replace the object's prototype, `constructor`/`prototype` confuse code that walks objects, and an
// own `hasOwnProperty` or `toString` holding text breaks code that calls them on the properties object.
// Such keys are dropped (and reported) before any object is built from the file's keys.

/** Why a key from the file may not become a property name, or null when it may. */
export function unsafeKeyReason(key: string): string | null {
  // `in Object.prototype` covers __proto__, constructor, hasOwnProperty, toString, valueOf, __defineGetter__…
  if (key === "prototype" || key in Object.prototype) return "a reserved JavaScript name";
  if (key.trim() === "") return "an empty name";
  return null;
}

/** An object with exactly these entries, built without ever assigning through `obj[key] =`. */
export function objectFromEntries<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  // Object.fromEntries defines own data properties (CreateDataProperty), so even a `__proto__` entry could
  // not reach the prototype; callers still drop reserved keys first so no such property ever exists.
  return Object.fromEntries(entries) as Record<string, T>;
}
