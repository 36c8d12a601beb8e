// One cache for the whole server process: Next bundles the page and each API route with its own copy of
// lib/'s modules, so a module-level Map would be one cache (and one copy of the dataset) per route.
// A registered symbol names the same slot from every bundle.
import "server-only";
export function processCache<T extends object>(name: string, create: () => T): T {
  const key = Symbol.for(`daraa-incident-map:${name}`);
  const slot = globalThis as unknown as Record<symbol, T | undefined>;
  return (slot[key] ??= create());
}
